import { symmetricEigen } from '../linalg/symmetricEigen.js';

/**
 * Moore–Penrose pseudo-inverse of a symmetric row-major k×k matrix (the upper
 * triangle is read): A⁺ = V·diag(1/λ)·Vᵀ over the eigenvalues with
 * |λ| > tol, where tol defaults to k·max|λ|·2⁻⁵² — the rule of R
 * `corpcor::pseudoinverse` (and of `numpy.linalg.pinv` up to its rcond), so
 * a singular matrix (FX returns that are exact combinations of one another,
 * as crosses and their legs are) gets the least-squares inverse instead of
 * noise. For an invertible matrix it is the inverse.
 *
 * Eigen-decomposition by cyclic Jacobi ({@link symmetricEigen}): O(k³) per
 * sweep, meant for dozens of series, not thousands.
 *
 * Degenerate input: a non-finite entry gives all NaN; the zero matrix gives
 * the zero matrix.
 *
 * @example symmetricPseudoInverse(Float64Array.of(2, 1, 1, 2), 2) // [2/3, −1/3, −1/3, 2/3]
 */
export function symmetricPseudoInverse(a: Float64Array, k: number, tol?: number): Float64Array {
  const out = new Float64Array(k * k);
  if (k === 0) return out;
  const { values, vectors } = symmetricEigen(a, k);
  let max = 0;
  for (let i = 0; i < k; i++) max = Math.max(max, Math.abs(values[i]!));
  if (Number.isNaN(max)) return out.fill(Number.NaN);
  const cut = tol ?? k * max * Number.EPSILON;
  for (let e = 0; e < k; e++) {
    const l = values[e]!;
    if (!(Math.abs(l) > cut)) continue;
    const inv = 1 / l;
    for (let i = 0; i < k; i++) {
      const vi = vectors[i * k + e]! * inv;
      if (vi === 0) continue;
      for (let j = 0; j < k; j++) out[i * k + j] = out[i * k + j]! + vi * vectors[j * k + e]!;
    }
  }
  return out;
}
