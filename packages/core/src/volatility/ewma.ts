import { estimateFromVariance, type VolatilityEstimate } from './types.js';

/**
 * RiskMetrics' decay factor λ for daily data (J.P. Morgan/Reuters, RiskMetrics —
 * Technical Document, 4th ed., 1996, §5.3): the default of every EWMA in soukan
 * (variance, volatility, VaR, correlation).
 *
 * @example RISKMETRICS_LAMBDA // 0.94
 */
export const RISKMETRICS_LAMBDA = 0.94;
/**
 * The same λ under its former name, kept so code written against it (other
 * branches, users) still compiles.
 *
 * @deprecated use {@link RISKMETRICS_LAMBDA}.
 * @example RISKMETRICS_LAMBDA_DAILY === RISKMETRICS_LAMBDA // true
 */
export const RISKMETRICS_LAMBDA_DAILY = RISKMETRICS_LAMBDA;
/** RiskMetrics' decay factor for monthly data. */
export const RISKMETRICS_LAMBDA_MONTHLY = 0.97;

/**
 * Exponentially weighted moving variance of returns, RiskMetrics style
 * (zero mean): `out[t] = λ·out[t−1] + (1 − λ)·r_t²`, so `out[t]` is the
 * variance forecast for period t + 1 made at the close of t. Seeded with
 * `out[0] = r₀²` — pandas' `(r**2).ewm(alpha=1−λ, adjust=False).mean()` —
 * or, when `seed` is given, `out[0] = λ·seed + (1 − λ)·r₀²`.
 *
 * O(n), no allocation beyond `out`.
 *
 * Degenerate input: λ outside [0, 1) → all NaN; a NaN return poisons the
 * rest of the series (gaps are never skipped silently).
 *
 * @example ewmaVarianceInto(Float64Array.of(0.01, -0.02), 0.94, new Float64Array(2)) // [1e-4, 1.18e-4]
 */
export function ewmaVarianceInto(returns: Float64Array, lambda: number, out: Float64Array, seed?: number): Float64Array {
  const n = returns.length;
  if (!(lambda >= 0 && lambda < 1)) return out.fill(Number.NaN, 0, n);
  if (n === 0) return out;
  const a = 1 - lambda;
  const r0 = returns[0]!;
  let v = seed === undefined ? r0 * r0 : lambda * seed + a * r0 * r0;
  out[0] = v;
  for (let t = 1; t < n; t++) {
    const r = returns[t]!;
    v = lambda * v + a * r * r;
    out[t] = v;
  }
  return out;
}

/**
 * The RiskMetrics EWMA volatility forecast for the next period, from the
 * returns up to now, annualised by √periodsPerYear.
 *
 * @example ewmaVolatility(dailyLogReturns, 260).annualised // next-day σ × √260
 */
export function ewmaVolatility(returns: Float64Array, periodsPerYear: number, lambda = RISKMETRICS_LAMBDA, seed?: number): VolatilityEstimate {
  const n = returns.length;
  if (n === 0) return estimateFromVariance(Number.NaN, periodsPerYear, 0);
  const v = ewmaVarianceInto(returns, lambda, new Float64Array(n), seed);
  return estimateFromVariance(v[n - 1]!, periodsPerYear, n);
}
