import { applyQt, householderQr } from '../linalg/householderQr.js';
import { ols } from '../linalg/ols.js';
import { mackinnonCrit, mackinnonP, type CriticalValues, type TrendTerm } from './mackinnon.js';

/**
 * How an ADF test picks its number of lagged differences: minimum AIC or BIC
 * over 0…maxLag on a common sample, `t-stat` (drop the last lag while its
 * |t| < 1.645, from maxLag down), or `null` to use exactly `maxLag`.
 */
export type AutoLag = 'aic' | 'bic' | 't-stat' | null;

/** Options of {@link adfTest}; the defaults are statsmodels `adfuller`'s. */
export interface AdfOptions {
  /** Deterministic terms (default `c`). */
  readonly regression?: TrendTerm;
  /** Largest lag considered (default ⌈12 (n/100)^{1/4}⌉, capped at ⌊n/2⌋ − terms − 1). */
  readonly maxLag?: number;
  /** Lag selection (default `aic`). */
  readonly autolag?: AutoLag;
}

/** Augmented Dickey–Fuller test result (statsmodels `adfuller` fields). */
export interface AdfResult {
  /** t statistic of γ in Δyₜ = γ yₜ₋₁ + Σ δᵢ Δyₜ₋ᵢ + deterministic terms. */
  readonly statistic: number;
  /** MacKinnon (1994) approximate p-value. */
  readonly pValue: number;
  readonly usedLag: number;
  /** Observations in the final regression. */
  readonly nobs: number;
  readonly maxLag: number;
  /** MacKinnon (2010) critical values for `nobs`. */
  readonly criticalValues: CriticalValues;
  /** Best information criterion (AIC/BIC), or |t| of the last lag for `t-stat`; NaN without autolag. */
  readonly icBest: number;
  /** Estimated γ (the coefficient on the lagged level). */
  readonly gamma: number;
  readonly regression: TrendTerm;
  readonly autolag: AutoLag;
}

const T_STOP = 1.6448536269514722; // Φ⁻¹(0.95), as statsmodels

function trendCount(r: TrendTerm): number {
  return r === 'n' ? 0 : r.length;
}

/**
 * Default maximum lag of an ADF test on n observations (Schwert 1989, as
 * statsmodels): ⌈12 (n/100)^{1/4}⌉, capped at ⌊n/2⌋ − terms − 1; negative
 * when the series is too short for the regression.
 *
 * @example adfDefaultMaxLag(2600, 'c') // 28
 */
export function adfDefaultMaxLag(n: number, regression: TrendTerm = 'c'): number {
  return Math.min(Math.floor(n / 2) - trendCount(regression) - 1, Math.ceil(12 * Math.pow(n / 100, 0.25)));
}

/**
 * Fills the row-major design of an ADF regression on rows i = lag…n−2 of the
 * differences dᵢ = x_{i+1} − xᵢ, returning the dependent vector.
 * Column order: `[trend terms] level lags…` when `trendFirst`, else `level lags… [trend terms]`.
 */
function adfDesign(x: Float64Array, lag: number, k: number, nt: number, trendFirst: boolean): { a: Float64Array; y: Float64Array; m: number; cols: number } {
  const n = x.length;
  const m = n - 1 - lag;
  const cols = nt + 1 + k;
  const a = new Float64Array(m * cols);
  const y = new Float64Array(m);
  const off = trendFirst ? nt : 0;
  const toff = trendFirst ? 0 : 1 + k;
  for (let r = 0; r < m; r++) {
    const i = r + lag;
    y[r] = x[i + 1]! - x[i]!;
    const row = r * cols;
    a[row + off] = x[i]!;
    for (let l = 1; l <= k; l++) a[row + off + l] = x[i - l + 1]! - x[i - l]!;
    const t = r + 1;
    if (nt >= 1) a[row + toff] = 1;
    if (nt >= 2) a[row + toff + 1] = t;
    if (nt >= 3) a[row + toff + 2] = t * t;
  }
  return { a, y, m, cols };
}

/**
 * Augmented Dickey–Fuller unit-root test, reproducing statsmodels 0.13
 * `adfuller(x, maxlag, regression, autolag)`: the lag search fits every lag
 * 0…maxLag on the common sample that the largest lag leaves (so the criteria
 * are comparable), then the chosen lag is refitted on all the observations it
 * allows. H₀: a unit root (γ = 0); small p-values reject it.
 *
 * Method: Dickey & Fuller (1979), Said & Dickey (1984); p-values MacKinnon
 * (1994), critical values MacKinnon (2010). All candidate lags are scored from
 * one Householder QR of the largest design (nested fits share Q), so the
 * search costs one regression, O(n · maxLag²).
 *
 * Degenerate input: NaN/±Infinity in `x`, or a series too short for the
 * regression (n/2 − terms − 1 < 0), gives a result with NaN statistic and
 * p-value. A constant series gives NaN (γ is not identified).
 *
 * @throws Error for an explicit `maxLag` above ⌊n/2⌋ − terms − 1 (statsmodels' limit).
 * @example adfTest(logAudUsd).pValue // 0.8107 (statistic −0.828, 0 lags): H.10 AUD/USD log prices 2010–2019
 */
export function adfTest(x: Float64Array, options: AdfOptions = {}): AdfResult {
  const regression = options.regression ?? 'c';
  const autolag = options.autolag === undefined ? 'aic' : options.autolag;
  const nt = trendCount(regression);
  const n = x.length;
  const limit = Math.floor(n / 2) - nt - 1;
  let maxLag: number;
  if (options.maxLag === undefined) maxLag = adfDefaultMaxLag(n, regression);
  else {
    maxLag = options.maxLag;
    if (!Number.isInteger(maxLag) || maxLag < 0) throw new Error(`adf: maxLag must be a whole number ≥ 0, got ${maxLag}`);
    if (maxLag > limit) throw new Error(`adf: maxLag ${maxLag} is too large for ${n} observations with regression '${regression}' (at most ⌊n/2⌋ − ${nt} − 1 = ${limit})`);
  }
  const nan = Number.NaN;
  const empty: AdfResult = {
    statistic: nan,
    pValue: nan,
    usedLag: maxLag,
    nobs: Math.max(0, n - 1 - maxLag),
    maxLag,
    criticalValues: { '1%': nan, '5%': nan, '10%': nan },
    icBest: nan,
    gamma: nan,
    regression,
    autolag,
  };
  if (maxLag < 0 || n < 3) return empty;
  for (let i = 0; i < n; i++) if (!Number.isFinite(x[i]!)) return empty;

  let usedLag = maxLag;
  let icBest = nan;
  if (autolag !== null) {
    const { a, y, m, cols } = adfDesign(x, maxLag, maxLag, nt, true);
    const f = householderQr(a, m, cols);
    const z = applyQt(f, y);
    const tail = new Float64Array(cols + 1); // tail[j] = Σ_{i ≥ j} zᵢ²
    for (let i = m - 1; i >= cols; i--) tail[cols] = tail[cols]! + z[i]! * z[i]!;
    for (let j = cols - 1; j >= 0; j--) tail[j] = tail[j + 1]! + z[j]! * z[j]!;
    const start = nt + 1;
    if (autolag === 't-stat') {
      usedLag = 0;
      for (let lag = maxLag; lag >= 0; lag--) {
        const j = start + lag;
        const sigma = Math.sqrt(tail[j]! / (m - j));
        icBest = Math.abs(z[j - 1]! / sigma);
        usedLag = lag;
        if (icBest >= T_STOP) break;
      }
    } else {
      let best = Infinity;
      for (let lag = 0; lag <= maxLag; lag++) {
        const j = start + lag;
        const llf = -0.5 * m * (Math.log(2 * Math.PI) + Math.log(tail[j]! / m) + 1);
        const ic = -2 * llf + (autolag === 'aic' ? 2 : Math.log(m)) * j;
        if (ic < best) {
          best = ic;
          usedLag = lag;
        }
      }
      icBest = best;
    }
  }
  const { a, y, m, cols } = adfDesign(x, usedLag, usedLag, nt, false);
  const fit = ols(a, m, cols, y, nt > 0);
  const statistic = fit.t[0]!;
  return {
    statistic,
    pValue: mackinnonP(statistic, regression, 1),
    usedLag,
    nobs: m,
    maxLag,
    criticalValues: mackinnonCrit(1, regression, m),
    icBest,
    gamma: fit.coef[0]!,
    regression,
    autolag,
  };
}
