import { incompleteBetaRatio } from '../stats/regularizedIncompleteBeta.js';

/**
 * Two-sided p-value of a correlation coefficient under H0: ρ = 0, from the
 * exact null distribution of Pearson's r for bivariate normal data —
 * t = r√((n−2)/(1−r²)) follows Student's t with n−2 degrees of freedom
 * (Fisher 1915; Kendall & Stuart vol. 2 §26.25). This is the p-value of
 * SciPy `pearsonr` (which writes the same law as a Beta(n/2−1, n/2−1) on
 * [−1, 1]) and, used with Spearman's ρ, the t-approximation of SciPy
 * `spearmanr`.
 *
 * Computed as I_{1−r²}((n−2)/2, ½) with 1−r² = (1−|r|)(1+|r|) and r² passed
 * separately, so the tiny p-values of strong correlations and the p ≈ 1 of
 * weak ones both keep full relative accuracy.
 *
 * O(√n).
 *
 * Degenerate input: `NaN` for `NaN` r or n < 2. n = 2 gives 1 (SciPy
 * `pearsonr`'s convention: with two points |r| = 1 always, so P(|R| ≥ |r|)
 * = 1). |r| = 1 gives 0; |r| > 1 is treated as 1.
 *
 * @param r - the coefficient.
 * @param n - the number of observations.
 * @returns the two-sided p-value.
 * @example pearsonPValue(0.3, 50) // 0.034286180032930054
 */
export function pearsonPValue(r: number, n: number): number {
  if (r !== r || !(n >= 2)) return NaN;
  if (n === 2) return 1;
  const a = Math.min(Math.abs(r), 1);
  return incompleteBetaRatio((n - 2) / 2, 0.5, (1 - a) * (1 + a), a * a, false);
}
