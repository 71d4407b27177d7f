import { mean, normalQuantile, variance } from '../stats/index.js';
import { nanMeasure } from './historicalVaR.js';
import { validConfidence, type RiskMeasure } from './types.js';

const INV_SQRT_2PI = 0.3989422804014327;

/** Standard normal density φ(z). */
export function normalPdf(z: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
}

/**
 * VaR and ES of a normal P&L with mean μ and standard deviation σ per
 * period, over `horizon` periods under i.i.d. scaling (μ·h, σ·√h), losses
 * positive: VaR = σ√h·z_c − μh, ES = σ√h·φ(z_c)/(1 − c) − μh, where
 * z_c = Φ⁻¹(c). (Jorion, Value at Risk, 3rd ed., §5.2; McNeil, Frey &
 * Embrechts, Quantitative Risk Management, 2015, Ex. 2.14.)
 *
 * O(levels).
 *
 * Degenerate input: σ < 0 or non-finite, c outside (0, 1), horizon ≤ 0 → NaN.
 *
 * @example normalRisk(0, 0.01, [0.99]) // [{ confidence: 0.99, var: 0.023263…, es: 0.026652… }]
 */
export function normalRisk(mu: number, sigma: number, confidences: readonly number[], horizon = 1): RiskMeasure[] {
  return confidences.map((c) => {
    if (!validConfidence(c) || !(sigma >= 0 && sigma < Infinity) || !Number.isFinite(mu) || !(horizon > 0)) return nanMeasure(c);
    const z = normalQuantile(c);
    const s = sigma * Math.sqrt(horizon);
    const m = mu * horizon;
    return { confidence: c, var: s * z - m, es: (s * normalPdf(z)) / (1 - c) - m };
  });
}

/**
 * Parametric normal VaR/ES from a P&L sample: μ = sample mean (or 0 with
 * `zeroMean`), σ = sample standard deviation (ddof 1), then
 * {@link normalRisk}. Matches `-(mu + sd * scipy.stats.norm.ppf(1 - c))`.
 *
 * Degenerate input: fewer than 2 values or any NaN → NaN.
 *
 * @example normalVaR(returns, [0.95, 0.99])[1].var // 99 % one-period normal VaR
 */
export function normalVaR(pnl: Float64Array, confidences: readonly number[], opts: { readonly horizon?: number; readonly zeroMean?: boolean } = {}): RiskMeasure[] {
  const mu = opts.zeroMean ? 0 : mean(pnl);
  const sd = Math.sqrt(variance(pnl, { ddof: 1 }));
  return normalRisk(mu, sd, confidences, opts.horizon ?? 1);
}
