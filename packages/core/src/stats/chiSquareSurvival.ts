import { normalCdf } from './normalCdf.js';

/**
 * Upper-tail probability P(X > x) of a chi-square variable with 1 or 2
 * degrees of freedom — the two the VaR backtests need — in closed form:
 * df 1: 2·Φ(−√x); df 2: e^{−x/2}. Both keep full relative accuracy in the
 * far tail (no 1 − CDF cancellation).
 *
 * O(1).
 *
 * Degenerate input: x NaN → NaN; x ≤ 0 → 1; x = +∞ → 0; df other than 1
 * or 2 → NaN.
 *
 * @example chiSquareSurvival(3.841458820694124, 1) // 0.05
 * @example chiSquareSurvival(5.991464547107979, 2) // 0.05
 */
export function chiSquareSurvival(x: number, df: 1 | 2): number {
  if (Number.isNaN(x)) return Number.NaN;
  if (x <= 0) return 1;
  if (df === 1) return 2 * normalCdf(-Math.sqrt(x));
  if (df === 2) return Math.exp(-x / 2);
  return Number.NaN;
}
