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

/** Marker for windows the exact path must decide (ROLLING_EXACT in core). */
const EXACT: f64 = 2;
/** GUARD in core's rollingCorrelationAllPairs. */
const GUARD: f64 = 1.0 / 64.0;

@inline function finiteMask(v: v128): v128 {
  // v − v is 0 for finite v, NaN for NaN and ±∞.
  return f64x2.eq(f64x2.sub(v, v), f64x2.splat(0));
}

/**
 * Rolling all-pairs correlation, rows [c0, c1), two pairs per f64x2: lane
 * group g holds pairs (i, j) and (i, j + 1) with i = gi[g], j = gj[g]; the
 * input X is series-major with stride len, followed by a zero series (so
 * that j + 1 may be k), anchors[b·k + i] the shift of series i in block b
 * (one padding value at the end). Per group: prefix sums (6 × f64x2) at
 * pre + g·96, suffix sums of the previous block at suf + (g·W + s)·96.
 * Output lane 0 (pair qi[g]) and, when valid[g], lane 1 (pair qi[g] + 1)
 * go to out[q·rows + t − c0]. Exactly the TypeScript loop's arithmetic per
 * lane (same order, same rounding: 1/n is correctly rounded either way);
 * where it would cancel or overflow, EXACT is written. Returns the number
 * of EXACT cells written.
 */
export function rollChunk(
  X: usize,
  len: i32,
  k: i32,
  W: i32,
  need: f64,
  anchors: usize,
  groups: i32,
  gi: usize,
  gj: usize,
  qi: usize,
  valid: usize,
  pre: usize,
  suf: usize,
  out: usize,
  c0: i32,
  c1: i32,
): i32 {
  const rows = c1 - c0;
  const colBytes = (<usize>len) << 3;
  const zero = f64x2.splat(0);
  const one = f64x2.splat(1);
  const guard = f64x2.splat(GUARD);
  const needV = f64x2.splat(need);
  const inf = f64x2.splat(Infinity);
  const exactV = f64x2.splat(EXACT);
  let exact = i64x2.splat(0);
  for (let g = 0; g < groups; g++) {
    const i = load<i32>(gi + ((<usize>g) << 2));
    const j = load<i32>(gj + ((<usize>g) << 2));
    const q = load<i32>(qi + ((<usize>g) << 2));
    const two = load<i32>(valid + ((<usize>g) << 2)) != 0;
    const lanes = two ? i64x2.splat(-1) : i64x2(-1, 0);
    const xc = X + <usize>i * colBytes;
    const yc0 = X + <usize>j * colBytes;
    const yc1 = yc0 + colBytes;
    const po = pre + <usize>g * 96;
    const so = suf + <usize>g * <usize>W * 96;
    let n = v128.load(po);
    let s1 = v128.load(po, 16);
    let s2 = v128.load(po, 32);
    let s11 = v128.load(po, 48);
    let s22 = v128.load(po, 64);
    let s12 = v128.load(po, 80);
    let b = c0 / W;
    let r = c0 - b * W;
    let ab = anchors + ((<usize>(b * k)) << 3);
    let ki = f64x2.splat(load<f64>(ab + ((<usize>i) << 3)));
    let kj = v128.load(ab + ((<usize>j) << 3));
    const o0 = out + ((<usize>q * <usize>rows) << 3);
    const o1 = o0 + ((<usize>rows) << 3);
    for (let t = c0; t < c1; t++, r++) {
      if (r == W) {
        r = 0;
        b++;
      }
      if (r == 0) {
        ab = anchors + ((<usize>(b * k)) << 3);
        ki = f64x2.splat(load<f64>(ab + ((<usize>i) << 3)));
        kj = v128.load(ab + ((<usize>j) << 3));
        n = zero;
        s1 = zero;
        s2 = zero;
        s11 = zero;
        s22 = zero;
        s12 = zero;
        if (t > 0) {
          for (let s = W - 1; s >= 1; s--) {
            const to = (<usize>(t - W + s)) << 3;
            const xv = f64x2.splat(load<f64>(xc + to));
            const yv = f64x2.replace_lane(f64x2.splat(load<f64>(yc0 + to)), 1, load<f64>(yc1 + to));
            const m = v128.and(finiteMask(xv), finiteMask(yv));
            const a = v128.and(f64x2.sub(xv, ki), m);
            const v = v128.and(f64x2.sub(yv, kj), m);
            n = f64x2.add(n, v128.and(one, m));
            s1 = f64x2.add(s1, a);
            s2 = f64x2.add(s2, v);
            s11 = f64x2.add(s11, f64x2.mul(a, a));
            s22 = f64x2.add(s22, f64x2.mul(v, v));
            s12 = f64x2.add(s12, f64x2.mul(a, v));
            const d = so + <usize>s * 96;
            v128.store(d, n);
            v128.store(d, s1, 16);
            v128.store(d, s2, 32);
            v128.store(d, s11, 48);
            v128.store(d, s22, 64);
            v128.store(d, s12, 80);
          }
          n = zero;
          s1 = zero;
          s2 = zero;
          s11 = zero;
          s22 = zero;
          s12 = zero;
        }
      }
      const to = (<usize>t) << 3;
      const xv = f64x2.splat(load<f64>(xc + to));
      const yv = f64x2.replace_lane(f64x2.splat(load<f64>(yc0 + to)), 1, load<f64>(yc1 + to));
      const m = v128.and(finiteMask(xv), finiteMask(yv));
      const a = v128.and(f64x2.sub(xv, ki), m);
      const v = v128.and(f64x2.sub(yv, kj), m);
      n = f64x2.add(n, v128.and(one, m));
      s1 = f64x2.add(s1, a);
      s2 = f64x2.add(s2, v);
      s11 = f64x2.add(s11, f64x2.mul(a, a));
      s22 = f64x2.add(s22, f64x2.mul(v, v));
      s12 = f64x2.add(s12, f64x2.mul(a, v));
      let wn = n;
      let w1 = s1;
      let w2 = s2;
      let w11 = s11;
      let w22 = s22;
      let w12 = s12;
      if (t >= W && r + 1 < W) {
        const d = so + <usize>(r + 1) * 96;
        wn = f64x2.add(wn, v128.load(d));
        w1 = f64x2.add(w1, v128.load(d, 16));
        w2 = f64x2.add(w2, v128.load(d, 32));
        w11 = f64x2.add(w11, v128.load(d, 48));
        w22 = f64x2.add(w22, v128.load(d, 64));
        w12 = f64x2.add(w12, v128.load(d, 80));
      }
      const inv = f64x2.div(one, wn);
      const v1 = f64x2.sub(w11, f64x2.mul(f64x2.mul(w1, w1), inv));
      const v2 = f64x2.sub(w22, f64x2.mul(f64x2.mul(w2, w2), inv));
      const dd = f64x2.mul(v1, v2);
      let rho = f64x2.div(f64x2.sub(w12, f64x2.mul(f64x2.mul(w1, w2), inv)), f64x2.sqrt(dd));
      rho = f64x2.pmax(f64x2.pmin(rho, one), f64x2.neg(one));
      const ok = v128.and(v128.and(f64x2.gt(v1, f64x2.mul(w11, guard)), f64x2.gt(v2, f64x2.mul(w22, guard))), f64x2.lt(dd, inf));
      const enough = f64x2.ge(wn, needV);
      // Count EXACT lanes (all-ones masks are −1 as i64); lane 1 only when it is a pair.
      exact = i64x2.sub(exact, v128.and(v128.andnot(enough, ok), lanes));
      rho = v128.bitselect(rho, exactV, ok);
      rho = v128.bitselect(rho, f64x2.splat(NaN), enough);
      store<f64>(o0 + ((<usize>(t - c0)) << 3), f64x2.extract_lane(rho, 0));
      if (two) store<f64>(o1 + ((<usize>(t - c0)) << 3), f64x2.extract_lane(rho, 1));
    }
    v128.store(po, n);
    v128.store(po, s1, 16);
    v128.store(po, s2, 32);
    v128.store(po, s11, 48);
    v128.store(po, s22, 64);
    v128.store(po, s12, 80);
  }
  return <i32>(i64x2.extract_lane(exact, 0) + i64x2.extract_lane(exact, 1));
}
