// WebAssembly SIMD (f64x2) versions of soukan's correlation tile kernels.
// AssemblyScript, compiled by packages/wasm/build.mjs (npm run build). The
// TypeScript kernels in packages/core/src/correlation (gramUpper.ts,
// listSums.ts) are the reference: these compute the same sums, two lanes
// at a time, and are tested against them (packages/data/test/parallel).
//
// Memory is managed by the caller (packages/data/src/parallel/wasmKernels.ts):
// every argument named like a buffer is a byte offset into linear memory at
// or above heapBase(); nothing here allocates. Row lengths (m, w) must be
// even and buffers 8-byte aligned, so each f64x2 load covers two rows t.

/** Columns of t per cache block (as GRAM_T_BLOCK in core). */
const TB: i32 = 256;

/** First free byte of linear memory: the caller's buffers start here. */
export function heapBase(): usize {
  return __heap_base;
}

@inline function ld(p: usize): v128 {
  return v128.load(p);
}

@inline function hsum(v: v128): f64 {
  return f64x2.extract_lane(v, 0) + f64x2.extract_lane(v, 1);
}

@inline function addTo(p: usize, v: f64): void {
  store<f64>(p, load<f64>(p) + v);
}

/**
 * Upper-triangle tile of Z Zᵀ: for i in [i0, i1), j in [max(j0, i), j1),
 * out[i*k + j] = Σ_t z[i*m + t]·z[j*m + t] (overwritten). Register-blocked
 * 2 (i) × 4 (j) f64x2 accumulators (14 of the 16 vector registers), the t
 * axis blocked by TB for the cache.
 */
export function gramTile(z: usize, m: i32, k: i32, out: usize, i0: i32, i1: i32, j0: i32, j1: i32): void {
  const rs = (<usize>m) << 3;
  const ks = (<usize>k) << 3;
  for (let i = i0; i < i1; i++) {
    for (let j = max(j0, i); j < j1; j++) store<f64>(out + <usize>i * ks + ((<usize>j) << 3), 0);
  }
  for (let t0 = 0; t0 < m; t0 += TB) {
    const tb0 = (<usize>t0) << 3;
    const tb1 = (<usize>min(t0 + TB, m)) << 3;
    for (let i = i0; i < i1; i += 2) {
      const two = i + 1 < i1;
      const x0 = z + <usize>i * rs;
      const x1 = two ? x0 + rs : x0;
      let j = max(j0, i);
      for (; j + 3 < j1; j += 4) {
        const y0 = z + <usize>j * rs;
        const y1 = y0 + rs;
        const y2 = y1 + rs;
        const y3 = y2 + rs;
        let a0 = f64x2.splat(0);
        let a1 = f64x2.splat(0);
        let a2 = f64x2.splat(0);
        let a3 = f64x2.splat(0);
        let b0 = f64x2.splat(0);
        let b1 = f64x2.splat(0);
        let b2 = f64x2.splat(0);
        let b3 = f64x2.splat(0);
        for (let o = tb0; o < tb1; o += 16) {
          const u0 = ld(x0 + o);
          const u1 = ld(x1 + o);
          const v0 = ld(y0 + o);
          const v1 = ld(y1 + o);
          const v2 = ld(y2 + o);
          const v3 = ld(y3 + o);
          a0 = f64x2.add(a0, f64x2.mul(u0, v0));
          a1 = f64x2.add(a1, f64x2.mul(u0, v1));
          a2 = f64x2.add(a2, f64x2.mul(u0, v2));
          a3 = f64x2.add(a3, f64x2.mul(u0, v3));
          b0 = f64x2.add(b0, f64x2.mul(u1, v0));
          b1 = f64x2.add(b1, f64x2.mul(u1, v1));
          b2 = f64x2.add(b2, f64x2.mul(u1, v2));
          b3 = f64x2.add(b3, f64x2.mul(u1, v3));
        }
        const r0 = out + <usize>i * ks + ((<usize>j) << 3);
        addTo(r0, hsum(a0));
        addTo(r0 + 8, hsum(a1));
        addTo(r0 + 16, hsum(a2));
        addTo(r0 + 24, hsum(a3));
        if (two) {
          // (i+1, i) lies below the diagonal when the block starts at j = i.
          const r1 = r0 + ks;
          if (j > i) addTo(r1, hsum(b0));
          addTo(r1 + 8, hsum(b1));
          addTo(r1 + 16, hsum(b2));
          addTo(r1 + 24, hsum(b3));
        }
      }
      for (; j < j1; j++) {
        const y0 = z + <usize>j * rs;
        let a0 = f64x2.splat(0);
        let b0 = f64x2.splat(0);
        for (let o = tb0; o < tb1; o += 16) {
          const v = ld(y0 + o);
          a0 = f64x2.add(a0, f64x2.mul(ld(x0 + o), v));
          b0 = f64x2.add(b0, f64x2.mul(ld(x1 + o), v));
        }
        const r0 = out + <usize>i * ks + ((<usize>j) << 3);
        addTo(r0, hsum(a0));
        if (two && j > i) addTo(r0 + ks, hsum(b0));
      }
    }
  }
}

/**
 * For j in [j0, j1), i in [0, w): a[j*w + i] = Σ_q zt[idx[q]*w + i] and
 * b[j*w + i] = Σ_q zt[idx[q]*w + i]² over q in [ptr[j], ptr[j+1])
 * (overwritten); ptr and idx are i32 arrays. Eight columns (four f64x2
 * accumulators each for a and b) are summed over the whole list in
 * registers, so a and b are written once and the list's rows read once per
 * column block; the summation order per element is the TypeScript kernel's.
 */
export function listSums(zt: usize, w: i32, ptr: usize, idx: usize, j0: i32, j1: i32, a: usize, b: usize): void {
  const ws = (<usize>w) << 3;
  for (let j = j0; j < j1; j++) {
    const ao = a + <usize>j * ws;
    const bo = b + <usize>j * ws;
    const q0 = load<i32>(ptr + ((<usize>j) << 2));
    const q1 = load<i32>(ptr + ((<usize>(j + 1)) << 2));
    let i = 0;
    for (; i + 8 <= w; i += 8) {
      const io = (<usize>i) << 3;
      let a0 = f64x2.splat(0);
      let a1 = f64x2.splat(0);
      let a2 = f64x2.splat(0);
      let a3 = f64x2.splat(0);
      let b0 = f64x2.splat(0);
      let b1 = f64x2.splat(0);
      let b2 = f64x2.splat(0);
      let b3 = f64x2.splat(0);
      for (let q = q0; q < q1; q++) {
        const r = zt + <usize>load<i32>(idx + ((<usize>q) << 2)) * ws + io;
        const v0 = ld(r);
        const v1 = ld(r + 16);
        const v2 = ld(r + 32);
        const v3 = ld(r + 48);
        a0 = f64x2.add(a0, v0);
        a1 = f64x2.add(a1, v1);
        a2 = f64x2.add(a2, v2);
        a3 = f64x2.add(a3, v3);
        b0 = f64x2.add(b0, f64x2.mul(v0, v0));
        b1 = f64x2.add(b1, f64x2.mul(v1, v1));
        b2 = f64x2.add(b2, f64x2.mul(v2, v2));
        b3 = f64x2.add(b3, f64x2.mul(v3, v3));
      }
      v128.store(ao + io, a0);
      v128.store(ao + io + 16, a1);
      v128.store(ao + io + 32, a2);
      v128.store(ao + io + 48, a3);
      v128.store(bo + io, b0);
      v128.store(bo + io + 16, b1);
      v128.store(bo + io + 32, b2);
      v128.store(bo + io + 48, b3);
    }
    for (; i < w; i += 2) {
      const io = (<usize>i) << 3;
      let a0 = f64x2.splat(0);
      let b0 = f64x2.splat(0);
      for (let q = q0; q < q1; q++) {
        const v0 = ld(zt + <usize>load<i32>(idx + ((<usize>q) << 2)) * ws + io);
        a0 = f64x2.add(a0, v0);
        b0 = f64x2.add(b0, f64x2.mul(v0, v0));
      }
      v128.store(ao + io, a0);
      v128.store(bo + io, b0);
    }
  }
}
