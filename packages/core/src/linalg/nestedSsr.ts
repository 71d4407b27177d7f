import { applyQt, householderQr } from './householderQr.js';

/**
 * Residual sums of squares of the nested least-squares fits of `y` on the
 * first 1, 2, …, n columns of the row-major m×n design `x`, from one QR
 * factorisation: the first j columns of Q span the first j columns of X, so
 * SSR_j = Σ_{i ≥ j} (Qᵀy)ᵢ². This is how a lag-length search (ADF `autolag`)
 * scores every candidate model for the price of the largest one.
 *
 * Method: Golub & Van Loan (2013) §5.3.3. O(2mn²) instead of O(mn³).
 *
 * Degenerate input: entry j − 1 is `NaN` when the first j columns are rank
 * deficient (and for every larger j).
 *
 * @returns `out[j − 1]` = SSR of the fit on columns 0…j−1, j = 1…n
 * @example nestedSsr(Float64Array.of(1, 0, 1, 1, 1, 2), 3, 2, Float64Array.of(1, 2, 4)) // [4.6667, 0.1667]
 */
export function nestedSsr(x: Float64Array, m: number, n: number, y: Float64Array): Float64Array {
  const f = householderQr(x, m, n);
  const z = applyQt(f, Float64Array.from(y));
  const out = new Float64Array(n);
  let tail = 0;
  for (let i = m - 1; i >= n; i--) tail += z[i]! * z[i]!;
  for (let j = n; j >= 1; j--) {
    out[j - 1] = tail;
    tail += z[j - 1]! * z[j - 1]!;
  }
  // A column that adds no new direction (|R_jj| tiny) makes every larger model rank deficient.
  let maxDiag = 0;
  for (let j = 0; j < Math.min(m, n); j++) maxDiag = Math.max(maxDiag, Math.abs(f.qr[j * m + j]!));
  const tol = Math.max(m, n) * 2.220446049250313e-16 * maxDiag;
  let bad = false;
  for (let j = 0; j < n; j++) {
    if (j >= m || !(Math.abs(f.qr[j * m + j]!) > tol)) bad = true;
    if (bad) out[j] = Number.NaN;
  }
  return out;
}
