import { powerOfTwoScale } from '../stats/powerOfTwoScale.js';
import { checkLengths } from './checkLengths.js';
import { finishTest } from './finishTest.js';
import { pearsonPValue } from './pearsonPValue.js';
import { DEFAULT_CONFIDENCE, type CorrelationTest, type CorrelationTestOptions } from './types.js';

/**
 * Pearson's r of the first `n` elements of `x` and `y`, with no validation
 * and no allocation (the kernel behind {@link pearson} and the pairwise
 * matrix path). Three passes: max |value| (also catching `NaN`, infinities
 * and constant input), means, centred co-moments. Values are rescaled by an
 * exact power of two first, so magnitudes up to 1e308 neither overflow nor
 * change a rounding. Returns `NaN` for n < 2, any non-finite value, or a
 * constant input; the result is clamped to [−1, 1].
 *
 * @internal not part of the package API (used inside core).
 */
export function pearsonKernel(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number {
  if (n < 2) return NaN;
  const x0 = x[0]!;
  const y0 = y[0]!;
  let ax = 0;
  let ay = 0;
  let varyX = false;
  let varyY = false;
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    const a = Math.abs(xi);
    const b = Math.abs(yi);
    // `!(a <= ax)` also catches NaN.
    if (!(a <= ax)) ax = a;
    if (!(b <= ay)) ay = b;
    if (xi !== x0) varyX = true;
    if (yi !== y0) varyY = true;
  }
  if (!(ax < Infinity && ay < Infinity) || !varyX || !varyY) return NaN;
  const kx = powerOfTwoScale(ax);
  const ky = powerOfTwoScale(ay);
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]! * kx;
    sy += y[i]! * ky;
  }
  let mx = sx / n;
  let my = sy / n;
  // One correction step makes the means nearly correctly rounded.
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < n; i++) {
    cx += x[i]! * kx - mx;
    cy += y[i]! * ky - my;
  }
  mx += cx / n;
  my += cy / n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! * kx - mx;
    const dy = y[i]! * ky - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  // Data are prescaled to max |value| ≈ 1, so the product cannot overflow;
  // one square root of the product rounds once less than two.
  const r = sxy / Math.sqrt(sxx * syy);
  if (r !== r) return NaN;
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/**
 * Pearson's product-moment correlation coefficient
 * r = Σ(x−x̄)(y−ȳ) / √(Σ(x−x̄)² Σ(y−ȳ)²) (Pearson, 1895).
 *
 * Method: corrected two-pass means, then centred co-moments on data
 * rescaled by a power of two (exact), so it is accurate for price levels
 * with a large offset and safe up to |x| ≈ 1e308. Agrees with SciPy
 * `pearsonr` and NumPy `corrcoef` to ~1e-15. O(n), no allocation.
 *
 * The data must be complete: `NaN` anywhere gives `NaN` (SciPy's
 * `nan_policy='propagate'`); align first, or use `correlationMatrix` for
 * pairwise deletion.
 *
 * Degenerate input: `NaN` for fewer than 2 points, any `NaN` or ±∞, or a
 * constant series. Two points give ±1.
 *
 * @throws RangeError when the lengths differ.
 * @example pearson(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 3, 2, 4)) // 0.8
 */
export function pearson(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return pearsonKernel(x, y, checkLengths('pearson', x, y));
}

/**
 * Pearson's r with its significance: the two-sided p-value of SciPy
 * `pearsonr` (exact t-test with n−2 degrees of freedom, see
 * {@link pearsonPValue}) and the Fisher-z confidence interval with
 * standard error 1/√(n−3) (SciPy `pearsonr(...).confidence_interval()`).
 *
 * O(n).
 *
 * Degenerate input: n < 2 → `NaN` everywhere with reason
 * `'too-few-observations'`; a constant series → reason `'constant-input'`;
 * `NaN` or ±∞ in the data → `NaN` everywhere with reason `null`. For n ≤ 3
 * the interval is [−1, 1] (SciPy's convention).
 *
 * @throws RangeError when the lengths differ.
 * @example pearsonTest(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(2, 1, 4, 3, 5)).p // 0.10408803866182828
 */
export function pearsonTest(x: ArrayLike<number>, y: ArrayLike<number>, options: CorrelationTestOptions = {}): CorrelationTest {
  const n = checkLengths('pearsonTest', x, y);
  const r = pearsonKernel(x, y, n);
  return finishTest(r, n, 'pearson', x, y, options.confidence ?? DEFAULT_CONFIDENCE, pearsonPValue(r, n));
}
