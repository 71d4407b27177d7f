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
 * O(rows · w). Register-blocked over i (four columns of `zt` summed over
 * the whole list in registers, `a` and `b` written once), so memory traffic
 * is one read of the list's rows. The WebAssembly SIMD kernel computes the
 * same sums in the same order, two lanes at a time.
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
    const q0 = ptr[j]!;
    const q1 = ptr[j + 1]!;
    let i = 0;
    // Four columns at a time in registers, all of the list's rows.
    for (; i + 3 < w; i += 4) {
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let b0 = 0;
      let b1 = 0;
      let b2 = 0;
      let b3 = 0;
      for (let q = q0; q < q1; q++) {
        const r = idx[q]! * w + i;
        const v0 = zt[r]!;
        const v1 = zt[r + 1]!;
        const v2 = zt[r + 2]!;
        const v3 = zt[r + 3]!;
        a0 += v0;
        a1 += v1;
        a2 += v2;
        a3 += v3;
        b0 += v0 * v0;
        b1 += v1 * v1;
        b2 += v2 * v2;
        b3 += v3 * v3;
      }
      a[o + i] = a0;
      a[o + i + 1] = a1;
      a[o + i + 2] = a2;
      a[o + i + 3] = a3;
      b[o + i] = b0;
      b[o + i + 1] = b1;
      b[o + i + 2] = b2;
      b[o + i + 3] = b3;
    }
    for (; i < w; i++) {
      let a0 = 0;
      let b0 = 0;
      for (let q = q0; q < q1; q++) {
        const v = zt[idx[q]! * w + i]!;
        a0 += v;
        b0 += v * v;
      }
      a[o + i] = a0;
      b[o + i] = b0;
    }
  }
}
