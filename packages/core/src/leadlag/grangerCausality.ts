import { checkLengths } from '../correlation/checkLengths.js';
import { nestedSsr } from '../linalg/nestedSsr.js';
import { chiSquareSurvival } from '../stats/chiSquareSurvival.js';
import { fSurvival } from '../stats/fSurvival.js';

/** The Granger tests at one lag order. */
export interface GrangerTest {
  /** Lags of both series in the regressions. */
  readonly lag: number;
  /** Observations in the regressions: n − lag. */
  readonly nobs: number;
  /** SSR-based F statistic ((SSRᵣ − SSRᵤ)/lag) / (SSRᵤ/dfDenom) and its p-value, F(lag, dfDenom). */
  readonly f: number;
  readonly fP: number;
  /** Residual degrees of freedom of the unrestricted regression: nobs − 2·lag − 1. */
  readonly dfDenom: number;
  /** SSR-based χ² statistic nobs·(SSRᵣ − SSRᵤ)/SSRᵤ and its p-value, χ²(lag). */
  readonly chi2: number;
  readonly chi2P: number;
  /** Likelihood-ratio statistic nobs·ln(SSRᵣ/SSRᵤ) and its p-value, χ²(lag). */
  readonly lr: number;
  readonly lrP: number;
}

/**
 * Granger causality tests of "x helps predict y", for lag orders
 * 1 … maxLag, as statsmodels `grangercausalitytests(np.column_stack([y, x]), maxLag)`
 * computes them (Granger 1969, "Investigating causal relations by
 * econometric models and cross-spectral methods", Econometrica 37(3)):
 * for each lag p, OLS of yₜ on a constant and yₜ₋₁ … yₜ₋ₚ (restricted), and
 * on those and xₜ₋₁ … xₜ₋ₚ (unrestricted), over t = p … n − 1; then the
 * SSR-based F test, the SSR-based χ² test and the likelihood-ratio test of
 * the p coefficients on x being zero. A small p-value says x's past improves
 * the forecast of y — precedence, not causation.
 *
 * Both regressions come from one Householder QR of the unrestricted design
 * per lag ({@link nestedSsr}). O(maxLag · n · maxLag²).
 *
 * Degenerate input: a non-finite value in the data a lag order uses, a
 * constant x, a perfect fit, or too few observations (dfDenom < 1) give NaN
 * statistics for that lag (statsmodels raises).
 *
 * @throws RangeError when the lengths differ or maxLag is not a whole number ≥ 1.
 * @example grangerCausality(nzdUsd, audUsd, 2)[1].fP // 0.16851572634222… (ECB daily log returns 2015–2019: AUD/USD does not lead NZD/USD; statsmodels agrees)
 */
export function grangerCausality(y: ArrayLike<number>, x: ArrayLike<number>, maxLag: number): GrangerTest[] {
  const n = checkLengths('grangerCausality', y, x);
  if (!Number.isInteger(maxLag) || maxLag < 1) throw new RangeError(`grangerCausality: maxLag must be a whole number ≥ 1, got ${maxLag}`);
  const out: GrangerTest[] = [];
  for (let p = 1; p <= maxLag; p++) {
    const nobs = Math.max(0, n - p);
    const cols = 2 * p + 1;
    const dfDenom = nobs - cols;
    const nan = Number.NaN;
    const empty: GrangerTest = { lag: p, nobs, f: nan, fP: nan, dfDenom, chi2: nan, chi2P: nan, lr: nan, lrP: nan };
    if (dfDenom < 1) {
      out.push(empty);
      continue;
    }
    const design = new Float64Array(nobs * cols);
    const target = new Float64Array(nobs);
    let finite = true;
    for (let i = 0; i < nobs && finite; i++) {
      const t = i + p;
      target[i] = y[t]!;
      const row = i * cols;
      design[row] = 1;
      for (let l = 1; l <= p; l++) {
        design[row + l] = y[t - l]!;
        design[row + p + l] = x[t - l]!;
      }
      for (let c = 0; c < cols; c++) if (!Number.isFinite(design[row + c]!)) finite = false;
      if (!Number.isFinite(target[i]!)) finite = false;
    }
    if (!finite) {
      out.push(empty);
      continue;
    }
    const ssr = nestedSsr(design, nobs, cols, target);
    const restricted = ssr[p]!;
    const unrestricted = ssr[cols - 1]!;
    let mean = 0;
    for (let i = 0; i < nobs; i++) mean += target[i]!;
    mean /= nobs;
    let tss = 0;
    for (let i = 0; i < nobs; i++) tss += (target[i]! - mean) ** 2;
    // statsmodels' "perfect fit" rule: SSR/TSS below machine epsilon.
    if (!(unrestricted > 0) || !(unrestricted / tss >= Number.EPSILON) || Number.isNaN(restricted)) {
      out.push(empty);
      continue;
    }
    const gain = (restricted - unrestricted) / unrestricted;
    const f = (gain / p) * dfDenom;
    const chi2 = nobs * gain;
    const lr = nobs * Math.log(restricted / unrestricted);
    out.push({ lag: p, nobs, f, fP: fSurvival(f, p, dfDenom), dfDenom, chi2, chi2P: chiSquareSurvival(chi2, p), lr, lrP: chiSquareSurvival(lr, p) });
  }
  return out;
}
