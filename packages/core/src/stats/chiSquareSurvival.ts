import { normalCdf } from './normalCdf.js';
import { regularizedGammaQ } from './regularizedGammaQ.js';

/**
 * Upper-tail probability P(X > x) of a chi-square variable with df degrees
 * of freedom. df 1 and 2 (the VaR backtests') in closed form, 2·Φ(−√x) and
 * e^{−x/2}; any other df as Q(df/2, x/2), the regularised upper incomplete
 * gamma function ({@link regularizedGammaQ}). All keep full relative
 * accuracy in the far tail (no 1 − CDF cancellation).
 *
 * O(1).
 *
 * Degenerate input: x NaN → NaN; x ≤ 0 → 1; x = +∞ → 0; df ≤ 0 or NaN →
 * NaN.
 *
 * @example chiSquareSurvival(3.841458820694124, 1) // 0.05
 * @example chiSquareSurvival(5.991464547107979, 2) // 0.05
 * @example chiSquareSurvival(18.307038053275146, 10) // 0.05
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return Number.NaN;
  if (x <= 0) return 1;
  if (df === 1) return 2 * normalCdf(-Math.sqrt(x));
  if (df === 2) return Math.exp(-x / 2);
  return regularizedGammaQ(df / 2, x / 2);
}
