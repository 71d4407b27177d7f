import { ols } from '../linalg/ols.js';
import { adfTest, type AutoLag } from './adfTest.js';
import { mackinnonCrit, mackinnonP, type CriticalValues, type TrendTerm } from './mackinnon.js';

/** Engle–Granger two-step cointegration test result (statsmodels `coint` fields and more). */
export interface EngleGrangerResult {
  /** ADF τ statistic of the first-step residuals (−Infinity when y and x are collinear). */
  readonly statistic: number;
  /** MacKinnon (1994) approximate p-value with N = 2. */
  readonly pValue: number;
  /** MacKinnon (2010) critical values for N = 2 and T = n − 1 (NaN for trend `n`). */
  readonly criticalValues: CriticalValues;
  /** Lags used by the residual ADF regression. */
  readonly usedLag: number;
  /** Observations in the residual ADF regression. */
  readonly nobs: number;
  /** First step y = α + β x (+ δ t …): β. */
  readonly beta: number;
  /** First-step intercept α (0 for trend `n`). */
  readonly alpha: number;
  /** First-step R² (centred unless trend `n`). */
  readonly rsquared: number;
  /** True when R² ≥ 1 − 100 √ε and the test was not run (statsmodels' guard). */
  readonly collinear: boolean;
  /** First-step residuals (the cointegrating spread). */
  readonly residuals: Float64Array;
  readonly trend: TrendTerm;
}

const SQRT_EPS = 1.4901161193847656e-8;

/**
 * Engle–Granger (1987) two-step test of the null of no cointegration between
 * y and x, reproducing statsmodels 0.13 `coint(y, x, trend, maxlag=None,
 * autolag='aic')`: regress y on x and the trend terms by OLS, run an ADF test
 * without deterministic terms on the residuals, and read the τ statistic
 * against MacKinnon's N = 2 distribution (p-value 1994, critical values 2010
 * with T = n − 1 as statsmodels and Stata's `egranger`).
 *
 * O(n · maxLag²) (see {@link adfTest}).
 *
 * Degenerate input: non-finite values or mismatched lengths give NaN
 * statistics; (almost) perfectly collinear series give statistic −Infinity and
 * p-value 0 with `collinear = true`.
 *
 * @example engleGranger(logAudUsd, logNzdUsd).pValue // 0.4159 (statistic −2.2165): H.10 2010–2019, no cointegration at 5 %
 */
export function engleGranger(
  y: Float64Array,
  x: Float64Array,
  options: { trend?: TrendTerm; maxLag?: number; autolag?: AutoLag } = {},
): EngleGrangerResult {
  const trend = options.trend ?? 'c';
  const autolag = options.autolag === undefined ? 'aic' : options.autolag;
  const n = y.length;
  const nt = trend === 'n' ? 0 : trend.length;
  const cols = 1 + nt;
  const nan = Number.NaN;
  const crit = trend === 'n' ? { '1%': nan, '5%': nan, '10%': nan } : mackinnonCrit(2, trend, n - 1);
  const bad: EngleGrangerResult = {
    statistic: nan,
    pValue: nan,
    criticalValues: crit,
    usedLag: nan,
    nobs: 0,
    beta: nan,
    alpha: nan,
    rsquared: nan,
    collinear: false,
    residuals: new Float64Array(n).fill(nan),
    trend,
  };
  if (x.length !== n || n < 3) return bad;
  for (let i = 0; i < n; i++) if (!Number.isFinite(y[i]!) || !Number.isFinite(x[i]!)) return bad;
  // statsmodels add_trend(prepend=False): [x, 1, t, t²] with t = 1…n.
  const a = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    a[i * cols] = x[i]!;
    if (nt >= 1) a[i * cols + 1] = 1;
    if (nt >= 2) a[i * cols + 2] = i + 1;
    if (nt >= 3) a[i * cols + 3] = (i + 1) * (i + 1);
  }
  const first = ols(a, n, cols, y, nt > 0);
  const common = { criticalValues: crit, beta: first.coef[0]!, alpha: nt > 0 ? first.coef[1]! : 0, rsquared: first.rsquared, residuals: first.resid, trend };
  if (!(first.rsquared < 1 - 100 * SQRT_EPS)) {
    if (Number.isNaN(first.rsquared)) return { ...bad, ...common };
    return { ...common, statistic: -Infinity, pValue: 0, usedLag: nan, nobs: 0, collinear: true };
  }
  const adf = adfTest(first.resid, { regression: 'n', maxLag: options.maxLag, autolag });
  return {
    ...common,
    statistic: adf.statistic,
    pValue: mackinnonP(adf.statistic, trend, 2),
    usedLag: adf.usedLag,
    nobs: adf.nobs,
    collinear: false,
  };
}
