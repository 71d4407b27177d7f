/**
 * Rows of `t` processed per cache block. 256 doubles = 2 KiB per row, so a
 * 64 × 64 tile streams 128 row chunks ≈ 256 KiB — inside L2.
 *
 * @internal not part of the package API (used inside core).
 */
export const GRAM_T_BLOCK = 256;
/**
 * Rows of the matrix per tile; also the unit of work handed to a worker.
 *
 * @internal not part of the package API (used inside core).
 */
export const GRAM_TILE = 64;

/**
 * One tile of the upper triangle of a Gram matrix: for i in [i0, i1) and
 * j in [max(j0, i), j1), `out[i*k + j] = Σ_t z[i*m+t]·z[j*m+t]` (overwritten).
 * Entries below the diagonal and outside the tile are left untouched, so
 * tiles can be computed in any order, by any thread, into one shared `out`.
 *
 * Blocked for the cache — the t axis in chunks of {@link GRAM_T_BLOCK} —
 * and register-blocked 2 (i) × 4 (j): each step loads 6 values and performs
 * 8 multiply-adds into 8 scalar accumulators. On V8 this is ~2× the plain
 * dot-product loop with 4-way unrolling (`bench/corrMatrix.bench.mjs`);
 * partial sums are added per chunk, which also shortens summation chains.
 * The WebAssembly SIMD kernel (packages/wasm) computes the same tile.
 *
 * O((i1−i0)(j1−j0)·m) flops, no allocation.
 *
 * @internal not part of the package API (used inside core).
 */
export function gramUpperTile(z: Float64Array, k: number, m: number, out: Float64Array, i0: number, i1: number, j0: number, j1: number): void {
  for (let i = i0; i < i1; i++) for (let j = j0 > i ? j0 : i; j < j1; j++) out[i * k + j] = 0;
  // i, j < k and t < m throughout, so every `out` and `z` read below is in range.
  for (let t0 = 0; t0 < m; t0 += GRAM_T_BLOCK) {
    const t1 = Math.min(t0 + GRAM_T_BLOCK, m);
    for (let i = i0; i < i1; i += 2) {
      const two = i + 1 < i1;
      const o0 = i * m;
      const o1 = two ? o0 + m : o0;
      let j = j0 > i ? j0 : i;
      for (; j + 3 < j1; j += 4) {
        const p0 = j * m;
        const p1 = p0 + m;
        const p2 = p1 + m;
        const p3 = p2 + m;
        let a0 = 0;
        let a1 = 0;
        let a2 = 0;
        let a3 = 0;
        let b0 = 0;
        let b1 = 0;
        let b2 = 0;
        let b3 = 0;
        for (let t = t0; t < t1; t++) {
          const x0 = z[o0 + t]!;
          const x1 = z[o1 + t]!;
          const y0 = z[p0 + t]!;
          const y1 = z[p1 + t]!;
          const y2 = z[p2 + t]!;
          const y3 = z[p3 + t]!;
          a0 += x0 * y0;
          a1 += x0 * y1;
          a2 += x0 * y2;
          a3 += x0 * y3;
          b0 += x1 * y0;
          b1 += x1 * y1;
          b2 += x1 * y2;
          b3 += x1 * y3;
        }
        const r0 = i * k + j;
        out[r0]! += a0;
        out[r0 + 1]! += a1;
        out[r0 + 2]! += a2;
        out[r0 + 3]! += a3;
        if (two) {
          // (i+1, i) lies below the diagonal when the block starts at j = i.
          const r1 = r0 + k;
          if (j > i) out[r1]! += b0;
          out[r1 + 1]! += b1;
          out[r1 + 2]! += b2;
          out[r1 + 3]! += b3;
        }
      }
      for (; j < j1; j++) {
        const p0 = j * m;
        let a0 = 0;
        let b0 = 0;
        for (let t = t0; t < t1; t++) {
          const y = z[p0 + t]!;
          a0 += z[o0 + t]! * y;
          b0 += z[o1 + t]! * y;
        }
        out[i * k + j]! += a0;
        if (two && j > i) out[(i + 1) * k + j]! += b0;
      }
    }
  }
}

/**
 * Upper triangle of the Gram matrix of `k` rows of length `m` stored
 * row-major in `z`: `out[i*k + j] = Σ_t z[i*m+t]·z[j*m+t]` for j ≥ i. Entries
 * below the diagonal are left untouched.
 *
 * The triangle is cut into {@link GRAM_TILE}-row tiles, each computed by
 * {@link gramUpperTile} (cache- and register-blocked).
 *
 * O(k² m / 2) flops, no allocation.
 *
 * @internal not part of the package API (used inside core).
 */
export function gramUpper(z: Float64Array, k: number, m: number, out: Float64Array): void {
  for (let I = 0; I < k; I += GRAM_TILE) {
    const iEnd = Math.min(I + GRAM_TILE, k);
    for (let J = I; J < k; J += GRAM_TILE) gramUpperTile(z, k, m, out, I, iEnd, J, Math.min(J + GRAM_TILE, k));
  }
}
