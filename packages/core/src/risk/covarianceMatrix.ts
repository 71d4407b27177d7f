/**
 * Sample covariance matrix (ddof 1, means removed) of k return columns held
 * row-major in `returns` (T rows × k columns), written into `out` (k×k,
 * row-major, symmetric — one triangle computed, mirrored). Same as
 * `numpy.cov(returns, rowvar=False)`.
 *
 * O(T·k²/2), two passes (means, then centred cross-products).
 *
 * Degenerate input: T < 2, a length that is not T·k, or NaN in a column →
 * NaN in the entries that involve it.
 *
 * @example covarianceMatrix(Float64Array.of(1, 2, 2, 4, 3, 6), 3, 2) // [1, 2, 2, 4]
 */
export function covarianceMatrix(returns: Float64Array, T: number, k: number, out: Float64Array = new Float64Array(k * k)): Float64Array {
  if (!(T >= 2) || returns.length !== T * k) return out.fill(Number.NaN, 0, k * k);
  const mean = new Float64Array(k);
  for (let t = 0; t < T; t++) for (let i = 0; i < k; i++) mean[i] = mean[i]! + returns[t * k + i]!;
  for (let i = 0; i < k; i++) mean[i] = mean[i]! / T;
  out.fill(0, 0, k * k);
  const d = new Float64Array(k);
  for (let t = 0; t < T; t++) {
    const row = t * k;
    for (let i = 0; i < k; i++) d[i] = returns[row + i]! - mean[i]!;
    for (let i = 0; i < k; i++) {
      const di = d[i]!;
      const oi = i * k;
      for (let j = 0; j <= i; j++) out[oi + j] = out[oi + j]! + di * d[j]!;
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const v = out[i * k + j]! / (T - 1);
      out[i * k + j] = v;
      out[j * k + i] = v;
    }
  }
  return out;
}
