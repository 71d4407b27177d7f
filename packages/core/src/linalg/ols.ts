import { applyQt, householderQr, invertR, solveR } from './householderQr.js';

/** Ordinary least squares fit with classical (homoskedastic) inference. */
export interface OlsResult {
  /** Observations used (m). */
  readonly nobs: number;
  /** Regressors (k), including any constant column. */
  readonly k: number;
  readonly coef: Float64Array;
  /** Standard errors √(σ̂² diag (XᵀX)⁻¹), σ̂² = SSR / (m − k). */
  readonly se: Float64Array;
  /** t statistics coef / se. */
  readonly t: Float64Array;
  readonly ssr: number;
  /** σ̂² = SSR / (m − k). */
  readonly sigma2: number;
  readonly dfResid: number;
  /**
   * R²: centred (1 − SSR/Σ(y − ȳ)²) when `hasConstant`, otherwise uncentred
   * (1 − SSR/Σy²), as statsmodels does.
   */
  readonly rsquared: number;
  /** Gaussian profile log-likelihood −m/2 (ln 2π + ln(SSR/m) + 1). */
  readonly llf: number;
  /** −2 llf + 2k (statsmodels `OLSResults.aic`). */
  readonly aic: number;
  /** −2 llf + k ln m (statsmodels `OLSResults.bic`). */
  readonly bic: number;
  readonly rank: number;
  /** y − X b (length m). */
  readonly resid: Float64Array;
}

/**
 * Ordinary least squares of `y` on the row-major m×k design `x` by Householder
 * QR, with standard errors from `(XᵀX)⁻¹ = R⁻¹R⁻ᵀ` (never forming XᵀX).
 *
 * Method: Golub & Van Loan (2013) §5.3; information criteria as statsmodels
 * 0.13 `RegressionResults.info_criteria` (k counts the mean parameters only).
 * O(2mk² + k³).
 *
 * Degenerate input: rank deficiency (or m ≤ k, which leaves no residual
 * degrees of freedom for standard errors) gives `NaN` for what cannot be
 * computed; NaN in x or y propagates. Never throws.
 *
 * @param hasConstant whether the design contains an intercept (for R² only)
 * @example ols(Float64Array.of(1, 0, 1, 1, 1, 2), 3, 2, Float64Array.of(1, 2, 4), true).coef[1] // 1.5
 */
export function ols(x: Float64Array, m: number, k: number, y: Float64Array, hasConstant = true): OlsResult {
  const f = householderQr(x, m, k);
  const coef = new Float64Array(k).fill(Number.NaN);
  const se = new Float64Array(k).fill(Number.NaN);
  const t = new Float64Array(k).fill(Number.NaN);
  const resid = new Float64Array(m).fill(Number.NaN);
  const dfResid = m - k;
  const nan = Number.NaN;
  if (f.rank < k || m < k) {
    return { nobs: m, k, coef, se, t, ssr: nan, sigma2: nan, dfResid, rsquared: nan, llf: nan, aic: nan, bic: nan, rank: f.rank, resid };
  }
  const z = applyQt(f, Float64Array.from(y));
  solveR(f, z, coef, k);
  let ssr = 0;
  for (let i = 0; i < m; i++) {
    let fit = 0;
    for (let j = 0; j < k; j++) fit += x[i * k + j]! * coef[j]!;
    const e = y[i]! - fit;
    resid[i] = e;
    ssr += e * e;
  }
  const sigma2 = dfResid > 0 ? ssr / dfResid : nan;
  const rinv = invertR(f, k);
  for (let j = 0; j < k; j++) {
    // diag(R⁻¹R⁻ᵀ)_j = Σ_l (R⁻¹)_{jl}²
    let s = 0;
    for (let l = j; l < k; l++) s += rinv[j * k + l]! * rinv[j * k + l]!;
    se[j] = Math.sqrt(sigma2 * s);
    t[j] = coef[j]! / se[j]!;
  }
  let tss = 0;
  if (hasConstant) {
    let mean = 0;
    for (let i = 0; i < m; i++) mean += y[i]!;
    mean /= m;
    for (let i = 0; i < m; i++) tss += (y[i]! - mean) ** 2;
  } else {
    for (let i = 0; i < m; i++) tss += y[i]! * y[i]!;
  }
  const llf = -0.5 * m * (Math.log(2 * Math.PI) + Math.log(ssr / m) + 1);
  return {
    nobs: m,
    k,
    coef,
    se,
    t,
    ssr,
    sigma2,
    dfResid,
    rsquared: 1 - ssr / tss,
    llf,
    aic: -2 * llf + 2 * k,
    bic: -2 * llf + Math.log(m) * k,
    rank: f.rank,
    resid,
  };
}
