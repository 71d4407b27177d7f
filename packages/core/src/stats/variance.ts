import { mean } from './mean.js';
import { powerOfTwoScale } from './powerOfTwoScale.js';

/** Options of {@link variance}. */
export interface VarianceOptions {
  /**
   * Delta degrees of freedom: the divisor is `n - ddof`. Default `1` (the
   * unbiased sample variance, as pandas `Series.var()` and R `var`; NumPy's
   * `np.var` defaults to `0`).
   */
  readonly ddof?: number;
}

/** Default delta degrees of freedom of {@link variance}: the sample variance. */
export const DEFAULT_DDOF = 1;

/**
 * Variance of a sample by the corrected two-pass algorithm: the mean, then
 * `Σ(x−m)² − (Σ(x−m))²/n` (Chan, Golub & LeVeque, The American Statistician
 * 37(3), 1983, eq. 1.7). Accurate for data with a large offset relative to
 * its spread, where the textbook `Σx² − n·m²` loses every digit.
 *
 * Deviations are rescaled by a power of two when their squares would
 * overflow (|x| ≳ 1e154) or underflow, so the result is finite whenever the
 * variance itself is representable.
 *
 * O(n), no allocation.
 *
 * Degenerate input: `NaN` when `n − ddof ≤ 0` (including the empty sample),
 * when any value is `NaN` or infinite. A constant sample gives exactly `0`.
 *
 * @param x - the sample.
 * @param options - `ddof` (default 1).
 * @returns the variance.
 * @example variance(Float64Array.of(1, 2, 3, 4)) // 1.6666666666666667
 * @example variance(Float64Array.of(1, 2, 3, 4), { ddof: 0 }) // 1.25
 */
export function variance(x: ArrayLike<number>, options: VarianceOptions = {}): number {
  const n = x.length;
  const ddof = options.ddof ?? DEFAULT_DDOF;
  if (!(n - ddof > 0)) return NaN;
  const m = mean(x);
  if (!Number.isFinite(m)) return NaN;
  let s = 0;
  let c = 0;
  let maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    s += d * d;
    c += d;
    const a = Math.abs(d);
    if (a > maxAbs) maxAbs = a;
  }
  if (!Number.isFinite(maxAbs)) return NaN;
  if (s === Infinity || (s === 0 && maxAbs > 0) || (s > 0 && s < 1e-290)) {
    // Squares overflowed or underflowed: redo on a rescaled copy of the
    // deviations (exact power-of-two scale) and undo the scale at the end.
    const k = powerOfTwoScale(maxAbs);
    s = 0;
    c = 0;
    for (let i = 0; i < n; i++) {
      const d = (x[i]! - m) * k;
      s += d * d;
      c += d;
    }
    const v = (s - (c * c) / n) / (n - ddof);
    return v < 0 ? 0 : v / k / k;
  }
  const v = (s - (c * c) / n) / (n - ddof);
  return v < 0 ? 0 : v;
}
