import { normalQuantile } from '../stats/normalQuantile.js';
import type { CorrelationMethod } from './types.js';
import { DEFAULT_CONFIDENCE } from './types.js';

/** A confidence interval [lo, hi]. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
}

/**
 * Standard error of Fisher's z = atanh(coefficient), by method:
 *
 * - Pearson: 1/√(n−3) (Fisher 1921), as SciPy `pearsonr(...).confidence_interval()`;
 * - Spearman: √((1 + ρ²/2)/(n−3)) (Bonett & Wright, "Sample size
 *   requirements for estimating Pearson, Kendall and Spearman
 *   correlations", Psychometrika 65(1), 2000);
 * - Kendall: √(0.437/(n−4)) (Fieller, Hartley & Pearson, "Tests for rank
 *   correlation coefficients. I", Biometrika 44, 1957).
 *
 * `NaN` when the formula's denominator is not positive (n ≤ 3, or n ≤ 4
 * for Kendall). O(1).
 *
 * @example fisherStandardError(0.5, 50, 'spearman') // 0.154713186938819 (= √(1.125/47))
 */
export function fisherStandardError(r: number, n: number, method: CorrelationMethod): number {
  if (method === 'kendall') return n > 4 ? Math.sqrt(0.437 / (n - 4)) : NaN;
  if (!(n > 3)) return NaN;
  if (method === 'spearman') return Math.sqrt((1 + (r * r) / 2) / (n - 3));
  return Math.sqrt(1 / (n - 3));
}

/**
 * Two-sided confidence interval for a correlation coefficient by Fisher's
 * z-transformation: tanh(atanh(r) ± z_{(1+c)/2} · se), with the standard
 * error of {@link fisherStandardError} for the method (Pearson 1/√(n−3);
 * Spearman Bonett–Wright; Kendall Fieller–Hartley–Pearson). For Pearson
 * this is exactly SciPy 1.10 `pearsonr(x, y).confidence_interval(c)`.
 *
 * O(1).
 *
 * Degenerate input: r = ±1 gives [±1, ±1] (the z scale is infinite). When
 * the sample is too small for the standard error (n ≤ 3; Kendall n ≤ 4) the
 * interval is [−1, 1] — SciPy's convention for Pearson, the whole range,
 * which any confidence level covers. `NaN` r gives [NaN, NaN]. A confidence
 * level outside (0, 1) gives [NaN, NaN].
 *
 * @param r - the coefficient.
 * @param n - number of observations.
 * @param method - which coefficient `r` is.
 * @param confidence - confidence level, default 0.95.
 * @returns `{ lo, hi }`.
 * @example correlationConfidenceInterval(0.5, 50, 'pearson') // { lo: 0.257487860768284, hi: 0.6832563020988134 }
 */
export function correlationConfidenceInterval(
  r: number,
  n: number,
  method: CorrelationMethod,
  confidence: number = DEFAULT_CONFIDENCE,
): Interval {
  if (r !== r || !(confidence > 0 && confidence < 1)) return { lo: NaN, hi: NaN };
  const se = fisherStandardError(r, n, method);
  if (se !== se) return { lo: -1, hi: 1 };
  const h = normalQuantile(0.5 + confidence / 2);
  const z = Math.atanh(r);
  return { lo: Math.tanh(z - h * se), hi: Math.tanh(z + h * se) };
}
