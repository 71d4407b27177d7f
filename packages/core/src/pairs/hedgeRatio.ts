import { ols } from '../linalg/ols.js';
import { symmetricEigen } from '../linalg/symmetricEigen.js';

/** A hedge ratio y ≈ α + β x and how it was estimated. */
export interface HedgeRatio {
  readonly method: 'ols' | 'tls';
  /** Units of x per unit of y. */
  readonly beta: number;
  readonly alpha: number;
  /** Standard error of β (OLS only; NaN for TLS). */
  readonly betaSe: number;
  /** Standard error of α (OLS only; NaN for TLS). */
  readonly alphaSe: number;
  /** Observations used (rows where both are finite). */
  readonly nobs: number;
}

/** Rows where both series are finite, as compact copies. */
function finitePairs(y: Float64Array, x: Float64Array): { y: Float64Array; x: Float64Array } {
  const n = Math.min(y.length, x.length);
  const yy = new Float64Array(n);
  const xx = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(y[i]!) && Number.isFinite(x[i]!)) {
      yy[m] = y[i]!;
      xx[m++] = x[i]!;
    }
  }
  return { y: yy.subarray(0, m), x: xx.subarray(0, m) };
}

/**
 * Ordinary-least-squares hedge ratio: y = α + β x + e minimising Σ e² (the
 * error is all in y, so regressing x on y gives a different answer — see
 * {@link tlsHedgeRatio} for the symmetric one). Classical standard errors.
 *
 * Rows where either value is not finite are skipped. O(n).
 *
 * Degenerate input: mismatched lengths use the common prefix; fewer than 2
 * usable rows or a constant x gives NaN.
 *
 * @example olsHedgeRatio(Float64Array.of(1, 3, 5), Float64Array.of(0, 1, 2)).beta // 2
 */
export function olsHedgeRatio(y: Float64Array, x: Float64Array): HedgeRatio {
  const d = finitePairs(y, x);
  const m = d.y.length;
  const a = new Float64Array(2 * m);
  for (let i = 0; i < m; i++) {
    a[2 * i] = 1;
    a[2 * i + 1] = d.x[i]!;
  }
  const fit = ols(a, m, 2, d.y, true);
  return { method: 'ols', beta: fit.coef[1]!, alpha: fit.coef[0]!, betaSe: fit.se[1]!, alphaSe: fit.se[0]!, nobs: m };
}

/**
 * Total-least-squares (orthogonal regression) hedge ratio: the line through
 * the means along the principal eigenvector of the 2×2 sample covariance of
 * (x, y), minimising perpendicular distances. Symmetric in x and y (the ratio
 * from x on y is exactly 1/β) but not invariant to rescaling one series, so
 * use it on comparable units (log prices, or returns).
 *
 * Method: Golub & Van Loan (1980), "An analysis of the total least squares
 * problem"; eigenvector by {@link symmetricEigen}. O(n).
 *
 * Degenerate input: fewer than 2 usable rows gives NaN; a vertical principal
 * axis (constant x, varying y) gives β = ±Infinity.
 *
 * @example tlsHedgeRatio(Float64Array.of(1, 3, 5), Float64Array.of(0, 1, 2)).beta // 2 (exact line)
 */
export function tlsHedgeRatio(y: Float64Array, x: Float64Array): HedgeRatio {
  const d = finitePairs(y, x);
  const m = d.y.length;
  const nan = Number.NaN;
  if (m < 2) return { method: 'tls', beta: nan, alpha: nan, betaSe: nan, alphaSe: nan, nobs: m };
  let mx = 0;
  let my = 0;
  for (let i = 0; i < m; i++) {
    mx += d.x[i]!;
    my += d.y[i]!;
  }
  mx /= m;
  my /= m;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < m; i++) {
    const u = d.x[i]! - mx;
    const v = d.y[i]! - my;
    sxx += u * u;
    syy += v * v;
    sxy += u * v;
  }
  const e = symmetricEigen(Float64Array.of(sxx, sxy, sxy, syy), 2);
  // Principal axis = eigenvector of the larger eigenvalue (column 1).
  const vx = e.vectors[1]!;
  const vy = e.vectors[3]!;
  const beta = vy / vx;
  return { method: 'tls', beta, alpha: my - beta * mx, betaSe: nan, alphaSe: nan, nobs: m };
}

/**
 * The spread y − α − β x of a hedge, element by element (NaN where either is missing).
 * O(n).
 *
 * @example spread(Float64Array.of(3), Float64Array.of(1), { alpha: 1, beta: 2 }) // [0]
 */
export function spread(y: Float64Array, x: Float64Array, hedge: { readonly alpha: number; readonly beta: number }, out?: Float64Array): Float64Array {
  const n = Math.min(y.length, x.length);
  const o = out ?? new Float64Array(n);
  for (let i = 0; i < n; i++) o[i] = y[i]! - hedge.alpha - hedge.beta * x[i]!;
  return o;
}
