import { ols } from '../linalg/ols.js';

/** Mean-reversion speed of a spread from its AR(1) fit. */
export interface HalfLife {
  /** Periods for a deviation to halve: −ln 2 / ln(1 + b); Infinity when b ≥ 0 (no reversion). */
  readonly halfLife: number;
  /** Slope b of Δsₜ = a + b sₜ₋₁ + e. */
  readonly b: number;
  /** Intercept a. */
  readonly a: number;
  /** Standard error of b. */
  readonly bSe: number;
  /** AR(1) coefficient φ = 1 + b. */
  readonly phi: number;
  /** Observations in the regression (pairs of consecutive finite values). */
  readonly nobs: number;
}

/**
 * Half-life of mean reversion of a spread: OLS of Δsₜ on a constant and
 * sₜ₋₁ gives b; the spread is then an AR(1) with φ = 1 + b, whose expected
 * deviation decays as φᵏ, so it halves after k = ln ½ / ln φ = −ln 2 / ln(1 + b)
 * periods. (The continuous-time Ornstein–Uhlenbeck form −ln 2 / b agrees to
 * first order for small b and is not used.)
 *
 * Periods are the spread's sampling interval (days for daily data). Pairs of
 * consecutive observations with a non-finite value are skipped. O(n).
 *
 * Degenerate input: b ≥ 0 (no reversion) gives Infinity; φ ≤ 0 (a spread that
 * overshoots every period) and fewer than 3 usable pairs give NaN.
 *
 * @example halfLife(spread).halfLife // 185.34 periods for the OLS log spread AUD/USD − 1.4245 NZD/USD, H.10 2010–2019
 */
export function halfLife(s: Float64Array): HalfLife {
  const n = s.length;
  const a = new Float64Array(2 * Math.max(0, n - 1));
  const y = new Float64Array(Math.max(0, n - 1));
  let m = 0;
  for (let i = 1; i < n; i++) {
    const prev = s[i - 1]!;
    const cur = s[i]!;
    if (!Number.isFinite(prev) || !Number.isFinite(cur)) continue;
    a[2 * m] = 1;
    a[2 * m + 1] = prev;
    y[m++] = cur - prev;
  }
  const nan = Number.NaN;
  if (m < 3) return { halfLife: nan, b: nan, a: nan, bSe: nan, phi: nan, nobs: m };
  const fit = ols(a.subarray(0, 2 * m), m, 2, y.subarray(0, m), true);
  const b = fit.coef[1]!;
  const phi = 1 + b;
  const hl = Number.isNaN(b) ? nan : b >= 0 ? Infinity : phi <= 0 ? nan : -Math.LN2 / Math.log(phi);
  return { halfLife: hl, b, a: fit.coef[0]!, bSe: fit.se[1]!, phi, nobs: m };
}
