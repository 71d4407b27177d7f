/**
 * Sparse × dense products behind the pairwise-complete correlation matrix:
 * for each j in [j0, j1) and each i in [0, w),
 *
 *   a[j*w + i] = Σ_{q ∈ [ptr[j], ptr[j+1])} zt[idx[q]*w + i]
 *   b[j*w + i] = Σ_{q ∈ [ptr[j], ptr[j+1])} zt[idx[q]*w + i]²
 *
 * (overwritten). `zt` is the standardised data transposed (row t holds the
 * `w` columns' values at time t, 0 where missing) and `idx[ptr[j]..ptr[j+1])`
 * lists the rows where column j is missing (or present, whichever is
 * shorter) — so `a`, `b` are the masked products Z·C_jᵀ and Z²·C_jᵀ with
 * C_j the 0/1 indicator of that list, computed in O(|list| · w) instead of
 * O(rows · w). Rows are taken four at a time to cut the read-modify-write
 * traffic on `a` and `b`. The WebAssembly SIMD kernel computes the same.
 *
 * No allocation.
 *
 * @internal not part of the package API (used inside core).
 */
export function listSums(
  zt: Float64Array,
  w: number,
  ptr: Int32Array,
  idx: Int32Array,
  j0: number,
  j1: number,
  a: Float64Array,
  b: Float64Array,
): void {
  for (let j = j0; j < j1; j++) {
    const o = j * w;
    for (let i = 0; i < w; i++) {
      a[o + i] = 0;
      b[o + i] = 0;
    }
    const end = ptr[j + 1]!;
    let q = ptr[j]!;
    for (; q + 3 < end; q += 4) {
      const r0 = idx[q]! * w;
      const r1 = idx[q + 1]! * w;
      const r2 = idx[q + 2]! * w;
      const r3 = idx[q + 3]! * w;
      for (let i = 0; i < w; i++) {
        const v0 = zt[r0 + i]!;
        const v1 = zt[r1 + i]!;
        const v2 = zt[r2 + i]!;
        const v3 = zt[r3 + i]!;
        a[o + i] += v0 + v1 + (v2 + v3);
        b[o + i] += v0 * v0 + v1 * v1 + (v2 * v2 + v3 * v3);
      }
    }
    for (; q < end; q++) {
      const r0 = idx[q]! * w;
      for (let i = 0; i < w; i++) {
        const v = zt[r0 + i]!;
        a[o + i] += v;
        b[o + i] += v * v;
      }
    }
  }
}
