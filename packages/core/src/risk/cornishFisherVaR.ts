import { mean, normalQuantile, variance } from '../stats/index.js';
import { nanMeasure } from './historicalVaR.js';
import { shapeMoments } from '../stats/shapeMoments.js';
import { normalPdf } from './normalVaR.js';
import { validConfidence, type RiskMeasure } from './types.js';

/**
 * The Cornish–Fisher expansion of a standard normal quantile z for a
 * distribution with skewness S and excess kurtosis K (third order):
 * z + (z² − 1)S/6 + (z³ − 3z)K/24 − (2z³ − 5z)S²/36.
 *
 * @example cornishFisherZ(-2.3263478740408408, -0.2, 3) // −3.15972…
 */
export function cornishFisherZ(z: number, skewness: number, excessKurtosis: number): number {
  const z2 = z * z;
  const z3 = z2 * z;
  return z + ((z2 - 1) * skewness) / 6 + ((z3 - 3 * z) * excessKurtosis) / 24 - ((2 * z3 - 5 * z) * skewness * skewness) / 36;
}

/**
 * Cornish–Fisher ("modified") VaR and ES from given moments, losses positive.
 *
 * With p = 1 − c and a = Φ⁻¹(p), the P&L quantile is μ + σ·cf(a) where cf is
 * {@link cornishFisherZ}, so VaR = −(μ + σ·cf(a)). ES is the exact tail mean
 * of that same quantile function, (1/p)∫₀ᵖ (μ + σ·cf(Φ⁻¹(u))) du, which
 * integrates in closed form with ∫_{−∞}^a zᵏφ(z)dz:
 * ES = −μ − σ·φ(a)/p · [−1 − aS/6 + (1 − a²)K/24 − (1 − 2a²)S²/36].
 * (Favre & Galeano 2002 for the VaR; the ES differs from Boudt, Peterson &
 * Croux 2008's Edgeworth-based "modified ES", which is not the tail mean
 * of the CF quantile.)
 *
 * Over `horizon` h periods under i.i.d. aggregation: μh, σ√h, S/√h, K/h.
 *
 * The expansion is only a valid (monotone) quantile function for moderate
 * S and K (Maillard 2012); outside that domain VaR need not increase with c.
 *
 * O(levels).
 *
 * @example cornishFisherRisk(0, 0.01, -0.2, 3, [0.99])[0] // { confidence: 0.99, var: 0.031597…, es: 0.043126… }
 */
export function cornishFisherRisk(
  mu: number,
  sigma: number,
  skewness: number,
  excessKurtosis: number,
  confidences: readonly number[],
  horizon = 1,
): RiskMeasure[] {
  return confidences.map((c) => {
    if (!validConfidence(c) || !(sigma >= 0 && sigma < Infinity) || !Number.isFinite(mu + skewness + excessKurtosis) || !(horizon > 0)) return nanMeasure(c);
    const S = skewness / Math.sqrt(horizon);
    const K = excessKurtosis / horizon;
    const m = mu * horizon;
    const s = sigma * Math.sqrt(horizon);
    const p = 1 - c;
    const a = normalQuantile(p);
    const tail = (normalPdf(a) / p) * (-1 - (a * S) / 6 + ((1 - a * a) * K) / 24 - ((1 - 2 * a * a) * S * S) / 36);
    return { confidence: c, var: -(m + s * cornishFisherZ(a, S, K)), es: -(m + s * tail) };
  });
}

/**
 * Cornish–Fisher VaR/ES from a P&L sample: μ = mean, σ = sample standard
 * deviation (ddof 1), S and K the moment-ratio skewness and excess kurtosis
 * (`scipy.stats.skew`, `scipy.stats.kurtosis` defaults), then
 * {@link cornishFisherRisk}.
 *
 * Degenerate input: fewer than 2 values, NaN, or a constant sample → NaN.
 *
 * @example cornishFisherVaR(returns, [0.99])[0].var // fatter-tailed than normalVaR for FX returns
 */
export function cornishFisherVaR(pnl: Float64Array, confidences: readonly number[], opts: { readonly horizon?: number; readonly zeroMean?: boolean } = {}): RiskMeasure[] {
  const { skewness, excessKurtosis } = shapeMoments(pnl);
  const mu = opts.zeroMean ? 0 : mean(pnl);
  return cornishFisherRisk(mu, Math.sqrt(variance(pnl, { ddof: 1 })), skewness, excessKurtosis, confidences, opts.horizon ?? 1);
}
