/**
 * Fisher's z-transformation of a correlation coefficient, z = atanh(r) =
 * ½ ln((1+r)/(1−r)) (Fisher, "Frequency distribution of the values of the
 * correlation coefficient in samples from an indefinitely large
 * population", Biometrika 10(4), 1915). Under bivariate normality z is
 * approximately normal with standard error 1/√(n−3); confidence intervals
 * are built on the z scale and mapped back with `Math.tanh`.
 *
 * O(1).
 *
 * Degenerate input: r = ±1 gives ±∞; |r| > 1 or `NaN` gives `NaN`.
 *
 * @param r - a correlation coefficient in [−1, 1].
 * @returns atanh(r).
 * @example fisherZ(0.5) // 0.5493061443340548
 */
export function fisherZ(r: number): number {
  return Math.atanh(r);
}
