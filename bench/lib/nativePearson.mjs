// Pearson correlation matrix on the native add-on, as the bench measures it:
// each series centred on its mean into a series-major block (contiguous
// reads and writes, the layout syrkRows takes as it is), each block's z zᵀ
// summed into the Gram matrix, then every cell divided by the square roots
// of its diagonal. Matrices up to WHOLE_VALUES are centred in one piece
// (3,000 × 2,500 is); longer ones go through a small block that stays in
// cache (2 MB: measured fastest for 28 × 1,000,000 among 0.5–128 MB, and no
// second 224 MB copy), never shorter than MIN_ROWS observations (short
// products waste the BLAS).

/** Up to this many values (64 MB) the matrix is centred in one piece. */
export const WHOLE_VALUES = 1 << 23;
/** Values per block beyond that (2 MB). */
export const BLOCK_VALUES = 1 << 18;
/** Fewest observations per block. */
const MIN_ROWS = 4096;

/**
 * r (k×k, row-major) of k equally long series.
 * @param native the add-on's kernels (`loadNative()` of @soukan/native)
 * @param columns k Float64Arrays of n observations each
 * @param blockValues values per block (tests and measurements)
 */
export function nativePearson(native, columns, blockValues = BLOCK_VALUES) {
  const k = columns.length;
  const n = k > 0 ? columns[0].length : 0;
  const mean = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const c = columns[j];
    // Four partial sums: the loop is bound by the add's latency otherwise.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let t = 0;
    for (; t + 3 < n; t += 4) {
      s0 += c[t];
      s1 += c[t + 1];
      s2 += c[t + 2];
      s3 += c[t + 3];
    }
    for (; t < n; t++) s0 += c[t];
    mean[j] = (s0 + s1 + (s2 + s3)) / n;
  }
  const step = k * n <= WHOLE_VALUES ? Math.max(1, n) : Math.min(n, Math.max(MIN_ROWS, Math.floor(blockValues / k)));
  const z = new Float64Array(step * k);
  const g = new Float64Array(k * k);
  const part = step < n ? new Float64Array(k * k) : g;
  for (let t0 = 0; t0 < n; t0 += step) {
    const w = Math.min(n, t0 + step) - t0;
    for (let j = 0; j < k; j++) {
      const c = columns[j];
      const m = mean[j];
      const o = j * w - t0;
      for (let t = t0; t < t0 + w; t++) z[o + t] = c[t] - m;
    }
    native.syrkRows(w === step ? z : z.subarray(0, k * w), k, w, part);
    if (part !== g) for (let i = 0; i < g.length; i++) g[i] += part[i];
  }
  const inv = new Float64Array(k);
  for (let i = 0; i < k; i++) inv[i] = 1 / Math.sqrt(g[i * k + i]);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const r = g[i * k + j] * inv[i] * inv[j];
      g[i * k + j] = r > 1 ? 1 : r < -1 ? -1 : r;
    }
  }
  return g;
}
