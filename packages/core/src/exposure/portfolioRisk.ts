import { normalQuantile } from '../stats/index.js';
import { historicalFromSorted, nanMeasure } from '../risk/historicalVaR.js';
import { normalPdf } from '../risk/normalVaR.js';
import { DEFAULT_QUANTILE_METHOD, quantileSorted, type QuantileMethod } from '../risk/quantile.js';
import { validConfidence, type RiskMeasure } from '../risk/types.js';

/** One position's share of a portfolio risk measure (Euler allocation). */
export interface RiskContribution {
  /** ∂VaR/∂wᵢ: VaR added per unit of extra exposure. */
  readonly marginalVar: number;
  /** wᵢ · ∂VaR/∂wᵢ; the components sum to the portfolio VaR. */
  readonly componentVar: number;
  readonly marginalEs: number;
  /** wᵢ · ∂ES/∂wᵢ; the components sum to the portfolio ES. */
  readonly componentEs: number;
  /** componentVar / VaR. */
  readonly shareOfVar: number;
}

/** Portfolio VaR/ES at one confidence level with each position's contribution. */
export interface PortfolioMeasure extends RiskMeasure {
  readonly contributions: readonly RiskContribution[];
}

/** Result of {@link portfolioNormalRisk}. */
export interface PortfolioNormalRisk {
  /** √(wᵀΣw·h) − the P&L standard deviation over the horizon. */
  readonly sigma: number;
  readonly measures: readonly PortfolioMeasure[];
}

/**
 * Parametric (normal) portfolio VaR and ES of exposures w (account-currency
 * value of each position's base notional) to factor returns with covariance
 * Σ (k×k per period) and optional mean μ, over h periods, with Euler
 * contributions (Tasche 1999; Jorion, Value at Risk, ch. 7):
 * σ_p = √(h·wᵀΣw); VaR = z·σ_p − h·wᵀμ; ∂VaR/∂wᵢ = z·h(Σw)ᵢ/σ_p − h·μᵢ;
 * ES the same with z replaced by φ(z)/(1 − c). Components wᵢ·∂/∂wᵢ add up
 * to the totals exactly (both measures are homogeneous of degree 1).
 *
 * O(k²) plus O(k) per level.
 *
 * Degenerate input: mismatched lengths, non-finite entries, c outside
 * (0, 1) → NaN; a zero portfolio (σ_p = 0) → VaR 0 and NaN marginals.
 *
 * @example portfolioNormalRisk(Float64Array.of(1e-4), 1, Float64Array.of(1e6), [0.99]).measures[0].var // 23263.4787…
 */
export function portfolioNormalRisk(
  cov: Float64Array,
  k: number,
  w: Float64Array,
  confidences: readonly number[],
  opts: { readonly horizon?: number; readonly mean?: Float64Array } = {},
): PortfolioNormalRisk {
  const h = opts.horizon ?? 1;
  const mu = opts.mean;
  const nan = (): PortfolioNormalRisk => ({ sigma: Number.NaN, measures: confidences.map((c) => ({ ...nanMeasure(c), contributions: [] })) });
  if (cov.length !== k * k || w.length !== k || (mu && mu.length !== k) || !(h > 0)) return nan();
  const sw = new Float64Array(k);
  let v = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += cov[i * k + j]! * w[j]!;
    sw[i] = s;
    v += w[i]! * s;
  }
  if (!(v >= 0 && v < Infinity)) return nan();
  const sigma = Math.sqrt(v * h);
  let drift = 0;
  if (mu) for (let i = 0; i < k; i++) drift += w[i]! * mu[i]! * h;
  const measures = confidences.map((c): PortfolioMeasure => {
    if (!validConfidence(c)) return { ...nanMeasure(c), contributions: [] };
    const z = normalQuantile(c);
    const e = normalPdf(z) / (1 - c);
    const VaR = z * sigma - drift;
    const ES = e * sigma - drift;
    const contributions = Array.from(w, (wi, i): RiskContribution => {
      const g = sigma > 0 ? (h * sw[i]!) / sigma : Number.NaN;
      const m = mu ? mu[i]! * h : 0;
      const marginalVar = z * g - m;
      const marginalEs = e * g - m;
      const componentVar = wi * marginalVar;
      return { marginalVar, componentVar, marginalEs, componentEs: wi * marginalEs, shareOfVar: componentVar / VaR };
    });
    return { confidence: c, var: VaR, es: ES, contributions };
  });
  return { sigma, measures };
}

/** Historical portfolio VaR/ES with each position's component ES. */
export interface PortfolioHistoricalMeasure extends RiskMeasure {
  /** −mean of wᵢ·rₜᵢ over the tail scenarios; sums to the ES. */
  readonly componentEs: readonly number[];
  /** Scenarios in the tail (P&L ≤ the VaR quantile). */
  readonly tailScenarios: number;
}

/**
 * Historical-simulation portfolio VaR/ES: scenario P&L_t = Σᵢ wᵢ rₜᵢ from
 * the rows of `returns` (T×k row-major), VaR and ES as
 * {@link historicalVaR}; ES is split into exact Euler components,
 * ESᵢ = −mean over tail scenarios of wᵢ rₜᵢ (Tasche 2002), which add up to
 * the ES. Rows with a NaN are skipped.
 *
 * O(T·k + T log T).
 *
 * @example portfolioHistoricalRisk(returns, T, k, w, [0.99])[0].componentEs
 */
export function portfolioHistoricalRisk(
  returns: Float64Array,
  T: number,
  k: number,
  w: Float64Array,
  confidences: readonly number[],
  method: QuantileMethod = DEFAULT_QUANTILE_METHOD,
): PortfolioHistoricalMeasure[] {
  const none = (c: number): PortfolioHistoricalMeasure => ({ ...nanMeasure(c), componentEs: Array.from(w, () => Number.NaN), tailScenarios: 0 });
  if (returns.length !== T * k || w.length !== k) return confidences.map(none);
  const pnl = new Float64Array(T);
  const rows = new Int32Array(T);
  let m = 0;
  for (let t = 0; t < T; t++) {
    let s = 0;
    for (let i = 0; i < k; i++) s += w[i]! * returns[t * k + i]!;
    if (s === s) {
      pnl[m] = s;
      rows[m++] = t;
    }
  }
  if (m === 0) return confidences.map(none);
  const used = pnl.subarray(0, m);
  const sorted = Float64Array.from(used).sort();
  return confidences.map((c) => {
    if (!validConfidence(c)) return none(c);
    const base = historicalFromSorted(sorted, c, method);
    const q = quantileSorted(sorted, 1 - c, method);
    const comp = new Float64Array(k);
    let tail = 0;
    for (let r = 0; r < m; r++) {
      if (used[r]! > q) continue;
      tail++;
      const t = rows[r]!;
      for (let i = 0; i < k; i++) comp[i] = comp[i]! + w[i]! * returns[t * k + i]!;
    }
    return { ...base, componentEs: Array.from(comp, (x) => -x / tail), tailScenarios: tail };
  });
}
