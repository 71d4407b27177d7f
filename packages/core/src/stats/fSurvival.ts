import { incompleteBetaRatio } from './regularizedIncompleteBeta.js';

/**
 * Upper-tail probability P(F > f) of Snedecor's F distribution with d1 and d2
 * degrees of freedom: I_{d2/(d2 + d1·f)}(d2/2, d1/2) (Abramowitz & Stegun
 * 26.6.2), with the complementary argument d1·f/(d2 + d1·f) passed exactly so
 * small p-values keep full relative accuracy. Same as SciPy
 * `scipy.stats.f.sf(f, d1, d2)`.
 *
 * O(√max(d1, d2)).
 *
 * Degenerate input: NaN for NaN f or d1, d2 not > 0; f ≤ 0 gives 1; f = +∞
 * gives 0.
 *
 * @example fSurvival(3, 2, 20) // 0.07253815028640576 (scipy.stats.f.sf)
 */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return Number.NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const den = d2 + d1 * f;
  return incompleteBetaRatio(d2 / 2, d1 / 2, d2 / den, (d1 * f) / den, false);
}
