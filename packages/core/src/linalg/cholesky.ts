/** Result of {@link cholesky}. */
export interface CholeskyResult {
  /** Lower-triangular factor L (row-major n×n, zeros above the diagonal) with A = L·Lᵀ. */
  readonly l: Float64Array;
  /** Numerical rank: the number of pivots kept (n for a positive-definite matrix). */
  readonly rank: number;
  /**
   * False when the matrix is not symmetric positive semi-definite (a pivot
   * clearly below zero) or holds a non-finite value; `l` is then all NaN.
   */
  readonly ok: boolean;
}

/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive semi-definite
 * matrix (row-major, n×n; only the lower triangle is read), by the
 * Cholesky–Banachiewicz row order (Golub & Van Loan, Matrix Computations,
 * 4th ed., Alg. 4.2.1).
 *
 * Covariance matrices of FX returns are often singular — EUR/JPY's return is
 * EUR/USD's plus USD/JPY's — so a pivot at or below `tol · max diag(A)`
 * (default tol = n · 2⁻⁵²·16) is treated as zero: its column of L is set to
 * zero and `rank` drops by one, which still gives L·Lᵀ = A to rounding for a
 * semi-definite A and lets Monte Carlo draw correlated returns from it. A
 * pivot below `−sqrt(tol) · max diag(A)` means A is not PSD: `ok` is false.
 *
 * Complexity O(n³/6) multiply-adds; no allocation beyond `out`.
 *
 * @example
 *   cholesky(Float64Array.of(4, 2, 2, 5), 2).l // [2, 0, 1, 2]
 */
export function cholesky(a: Float64Array, n: number, out: Float64Array = new Float64Array(n * n), tol?: number): CholeskyResult {
  if (a.length < n * n || out.length < n * n) return { l: out.fill(Number.NaN), rank: 0, ok: false };
  let maxDiag = 0;
  for (let i = 0; i < n; i++) {
    const d = a[i * n + i]!;
    if (!Number.isFinite(d)) return { l: out.fill(Number.NaN), rank: 0, ok: false };
    if (d > maxDiag) maxDiag = d;
  }
  const eps = (tol ?? n * 16 * Number.EPSILON) * maxDiag;
  const negEps = Math.sqrt(tol ?? n * 16 * Number.EPSILON) * maxDiag;
  let rank = 0;
  out.fill(0, 0, n * n);
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    for (let j = 0; j <= i; j++) {
      const rj = j * n;
      let s = a[ri + j]!;
      if (!Number.isFinite(s)) return { l: out.fill(Number.NaN), rank: 0, ok: false };
      for (let k = 0; k < j; k++) s -= out[ri + k]! * out[rj + k]!;
      if (i === j) {
        if (s > eps) {
          out[ri + i] = Math.sqrt(s);
          rank++;
        } else if (s < -negEps) {
          return { l: out.fill(Number.NaN), rank: 0, ok: false };
        } else {
          out[ri + i] = 0;
        }
      } else {
        const d = out[rj + j]!;
        // A zero pivot's column stays zero: for a PSD matrix its entries are zero to rounding.
        out[ri + j] = d > 0 ? s / d : 0;
      }
    }
  }
  return { l: out, rank, ok: true };
}
