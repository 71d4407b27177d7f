import { applyQt, householderQr, solveR } from './householderQr.js';

/** Solution of a linear least-squares problem. */
export interface LstsqResult {
  /** Coefficients (length n); all `NaN` when the design is rank deficient. */
  readonly coef: Float64Array;
  /** Residual sum of squares ‖y − X b‖². */
  readonly ssr: number;
  /** Numerical rank of X. */
  readonly rank: number;
}

/**
 * Least squares `min ‖y − X b‖₂` for a row-major m×n design `x` by Householder
 * QR (`b = R⁻¹ Qᵀ y`, SSR = Σ_{i≥n} (Qᵀy)ᵢ²).
 *
 * Method: Golub & Van Loan (2013) §5.3.3. O(2mn²).
 *
 * Degenerate input: a rank-deficient X (including m < n) gives `NaN`
 * coefficients and SSR (a minimum-norm answer would hide a user mistake);
 * NaN in the data propagates.
 *
 * @example lstsq(Float64Array.of(1, 0, 1, 1, 1, 2), 3, 2, Float64Array.of(1, 2, 4)).coef // [0.8333…, 1.5]
 */
export function lstsq(x: Float64Array, m: number, n: number, y: Float64Array): LstsqResult {
  const f = householderQr(x, m, n);
  const coef = new Float64Array(n);
  if (f.rank < n || m < n) return { coef: coef.fill(Number.NaN), ssr: Number.NaN, rank: f.rank };
  const z = applyQt(f, Float64Array.from(y));
  solveR(f, z, coef, n);
  let ssr = 0;
  for (let i = n; i < m; i++) ssr += z[i]! * z[i]!;
  return { coef, ssr, rank: f.rank };
}
