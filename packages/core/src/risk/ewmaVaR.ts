import { RISKMETRICS_LAMBDA, ewmaVarianceInto } from '../volatility/ewma.js';
import { normalRisk } from './normalVaR.js';
import type { RiskMeasure } from './types.js';

/**
 * RiskMetrics VaR/ES: normal with zero mean and the EWMA variance forecast
 * for the next period (λ = 0.94 by default, seeded as
 * {@link ewmaVarianceInto}), over `horizon` periods by √h scaling.
 * (RiskMetrics Technical Document, 4th ed., 1996, §5.2 and §6.)
 *
 * O(n).
 *
 * Degenerate input: empty sample, NaN, λ outside [0, 1) → NaN.
 *
 * @example ewmaVaR(returns, [0.99])[0].var // 2.326 × the next-day EWMA σ
 */
export function ewmaVaR(
  returns: Float64Array,
  confidences: readonly number[],
  opts: { readonly lambda?: number; readonly horizon?: number; readonly seed?: number } = {},
): RiskMeasure[] {
  const n = returns.length;
  const v = n > 0 ? ewmaVarianceInto(returns, opts.lambda ?? RISKMETRICS_LAMBDA, new Float64Array(n), opts.seed)[n - 1]! : Number.NaN;
  return normalRisk(0, Math.sqrt(v), confidences, opts.horizon ?? 1);
}
