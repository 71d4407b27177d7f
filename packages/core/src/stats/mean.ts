/**
 * Arithmetic mean of a sample, computed in two passes: the plain sum divided
 * by `n`, then corrected by the mean of the residuals (the "corrected
 * two-pass" refinement of Chan, Golub & LeVeque, "Algorithms for computing the
 * sample variance", The American Statistician 37(3), 1983). The correction
 * recovers most of the rounding of the first sum, so the result is close to
 * correctly rounded even for long series with a large common offset
 * (price levels).
 *
 * O(n), no allocation.
 *
 * Degenerate input: an empty sample gives `NaN`; any `NaN` gives `NaN`;
 * `+Infinity` and `-Infinity` give the infinity (or `NaN` when both occur).
 * Values whose sum overflows (|x| near 1e308) are averaged after dividing by
 * `n`, so the mean itself stays finite.
 *
 * @param x - the sample.
 * @returns the mean.
 * @example mean(Float64Array.of(1, 2, 3, 4)) // 2.5
 */
export function mean(x: ArrayLike<number>): number {
  const n = x.length;
  if (n === 0) return NaN;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  let m = s / n;
  if (!Number.isFinite(m)) {
    if (m !== m) return NaN;
    // Either a true infinity or an overflowing sum of finite values.
    let t = 0;
    for (let i = 0; i < n; i++) t += x[i]! / n;
    if (!Number.isFinite(t)) return t;
    m = t;
  }
  let c = 0;
  for (let i = 0; i < n; i++) c += x[i]! - m;
  return m + c / n;
}
