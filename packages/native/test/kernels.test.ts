// The native Gram kernels (OpenBLAS dsyrk / dgemm through the add-on: syrk,
// syrkRows, gemmTN) against
// plain triple loops written here, on random shapes and values, edge sizes,
// NaN, a product above the one-thread bound, and an input past 2 GiB.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildNative } from '../build.mjs';
import { BLAS_PARALLEL_MIN_WORK, loadNative, nativeUnavailableReason, type NativeKernels } from '../src/index.js';
import { mulberry32 } from '../../../test/helpers/mulberry32.js';

/**
 * out[i][j] = Σ_k a[k][i] · b[k][j] (a t×n, b t×m, row-major), summed in k
 * order, and Σ_k |a[k][i] · b[k][j]| for the error bound.
 */
function reference(a: Float64Array, b: Float64Array, t: number, n: number, m: number): { out: Float64Array; abs: Float64Array } {
  const out = new Float64Array(n * m);
  const abs = new Float64Array(n * m);
  for (let k = 0; k < t; k++) {
    for (let i = 0; i < n; i++) {
      const x = a[k * n + i]!;
      for (let j = 0; j < m; j++) {
        const p = x * b[k * m + j]!;
        out[i * m + j]! += p;
        abs[i * m + j]! += Math.abs(p);
      }
    }
  }
  return { out, abs };
}

/** Largest error relative to the dot-product error bound t·ε·Σ|aᵢbᵢ| (≤ 1 means within it). */
function boundRatio(got: Float64Array, ref: { out: Float64Array; abs: Float64Array }, t: number): number {
  let worst = 0;
  for (let i = 0; i < got.length; i++) {
    const d = Math.abs(got[i]! - ref.out[i]!);
    if (d === 0) continue;
    worst = Math.max(worst, d / (Math.max(1, t) * Number.EPSILON * ref.abs[i]!));
  }
  return worst;
}

function matrix(rows: number, cols: number, seed: number, scale = 1): Float64Array {
  const u = mulberry32(seed);
  return Float64Array.from({ length: rows * cols }, () => (u() - 0.5) * scale);
}

let k: NativeKernels | null = null;
const hidden = process.env.SOUKAN_NATIVE === '0';

beforeAll(() => {
  buildNative({ log: () => {} });
  k = loadNative();
}, 300_000);

describe.skipIf(hidden)('native add-on (OpenBLAS)', () => {
  it('is built and loads where the project is built (npm test installs OpenBLAS and a compiler first)', () => {
    expect(nativeUnavailableReason()).toBeUndefined();
    expect(k).not.toBeNull();
    expect(k!.blas).toMatch(/^OpenBLAS \d+\.\d+\.\d+, \S+ kernels \(\d+ threads?/);
  });

  it('syrk equals the triple loop aᵀa on random shapes (both triangles, exactly symmetric)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 17 }), fc.integer(), fc.constantFrom(1, 1e-6, 1e6), (t, n, seed, scale) => {
        const a = matrix(t, n, seed, scale);
        const out = new Float64Array(n * n).fill(NaN);
        k!.syrk(a, t, n, out);
        const ref = reference(a, a, t, n, n);
        expect(boundRatio(out, ref, t)).toBeLessThanOrEqual(1);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(out[i * n + j]).toBe(out[j * n + i]);
      }),
    );
  });

  it('syrkRows (series-major input) equals the triple loop on the transpose, and syrk on it exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 17 }), fc.integer(), (t, n, seed) => {
        const z = matrix(n, t, seed);
        const a = new Float64Array(t * n);
        for (let i = 0; i < n; i++) for (let r = 0; r < t; r++) a[r * n + i] = z[i * t + r]!;
        const out = new Float64Array(n * n).fill(NaN);
        k!.syrkRows(z, n, t, out);
        expect(boundRatio(out, reference(a, a, t, n, n), t)).toBeLessThanOrEqual(1);
        for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) expect(out[i * n + j]).toBe(out[j * n + i]);
      }),
    );
  });

  it('gemmTN equals the triple loop aᵀb on random shapes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 13 }), fc.integer(), (t, n, m, seed) => {
        const a = matrix(t, n, seed);
        const b = matrix(t, m, seed + 1);
        const out = new Float64Array(n * m).fill(NaN);
        k!.gemmTN(a, b, t, n, m, out);
        expect(boundRatio(out, reference(a, b, t, n, m), t)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('a product above the one-thread bound (OpenBLAS threads) matches too: 2,500 × 300', () => {
    const t = 2500;
    const n = 300;
    expect((t * n * (n + 1)) / 2).toBeGreaterThan(BLAS_PARALLEL_MIN_WORK);
    const a = matrix(t, n, 7);
    const out = new Float64Array(n * n);
    k!.syrk(a, t, n, out);
    expect(boundRatio(out, reference(a, a, t, n, n), t)).toBeLessThanOrEqual(1);
    const b = matrix(t, 140, 8);
    expect(t * n * 140).toBeGreaterThan(BLAS_PARALLEL_MIN_WORK);
    const ab = new Float64Array(n * 140);
    k!.gemmTN(a, b, t, n, 140, ab);
    expect(boundRatio(ab, reference(a, b, t, n, 140), t)).toBeLessThanOrEqual(1);
  });

  it('t = 0 gives zeros; n = 0 or m = 0 writes nothing', () => {
    const out = new Float64Array(9).fill(7);
    k!.syrk(new Float64Array(0), 0, 3, out);
    expect([...out]).toEqual(new Array(9).fill(0));
    out.fill(7);
    k!.syrkRows(new Float64Array(0), 3, 0, out);
    expect([...out]).toEqual(new Array(9).fill(0));
    const keep = Float64Array.of(7);
    k!.syrk(new Float64Array(5), 5, 0, keep);
    k!.gemmTN(new Float64Array(5), new Float64Array(0), 5, 1, 0, keep);
    expect(keep[0]).toBe(7);
  });

  it('NaN in a column makes exactly that row and column NaN', () => {
    const t = 50;
    const n = 6;
    const a = matrix(t, n, 3);
    a[17 * n + 2] = NaN;
    const out = new Float64Array(n * n);
    k!.syrk(a, t, n, out);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Number.isNaN(out[i * n + j]!)).toBe(i === 2 || j === 2);
  });

  it('reads arrays longer than their dimensions from the start, and subarray views at their offset', () => {
    const a = matrix(10, 3, 4);
    const big = new Float64Array(40);
    big.set(a, 5);
    const out = new Float64Array(9);
    k!.syrk(big.subarray(5), 10, 3, out);
    expect(boundRatio(out, reference(a, a, 10, 3, 3), 10)).toBeLessThanOrEqual(1);
  });

  it('sizes past 2 GiB: 28 series × 10,000,000 observations (the last row is read)', () => {
    const n = 28;
    const t = 10_000_000;
    // Untouched pages of a zeroed buffer cost no memory: only rows 0 and t − 1 hold values.
    const a = new Float64Array(t * n);
    expect(a.byteLength).toBeGreaterThan(2 ** 31);
    for (let i = 0; i < n; i++) {
      a[i] = i + 1;
      a[(t - 1) * n + i] = (i % 5) - 2;
    }
    const out = new Float64Array(n * n);
    k!.syrk(a, t, n, out);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(out[i * n + j]).toBe((i + 1) * (j + 1) + ((i % 5) - 2) * ((j % 5) - 2));
  }, 60_000);

  it('syrkRows past 2 GiB: 28 series × 10,000,000 observations, series-major (the last column is read)', () => {
    const n = 28;
    const t = 10_000_000;
    const z = new Float64Array(n * t);
    for (let i = 0; i < n; i++) {
      z[i * t] = i + 1;
      z[i * t + t - 1] = (i % 5) - 2;
    }
    const out = new Float64Array(n * n);
    k!.syrkRows(z, n, t, out);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(out[i * n + j]).toBe((i + 1) * (j + 1) + ((i % 5) - 2) * ((j % 5) - 2));
  }, 60_000);

  it('wrong sizes are a RangeError naming the argument, never a crash', () => {
    const a = new Float64Array(6);
    expect(() => k!.syrk(a, 3, 3, new Float64Array(9))).toThrow(new RangeError('syrk: a has 6 values, needs 3 × 3 = 9'));
    expect(() => k!.syrk(a, 3, 2, new Float64Array(3))).toThrow(new RangeError('syrk: out has 3 values, needs 2 × 2 = 4'));
    expect(() => k!.syrk(a, -1, 2, new Float64Array(4))).toThrow(RangeError);
    expect(() => k!.syrk(a, 2.5, 2, new Float64Array(4))).toThrow(/t must be an integer/);
    expect(() => k!.syrk(a, NaN, 2, new Float64Array(4))).toThrow(RangeError);
    expect(() => k!.syrk(a, 2 ** 31, 0, new Float64Array(0))).toThrow(/t must be an integer in \[0, 2147483647\]/);
    expect(() => k!.syrkRows(a, 2, 4, new Float64Array(4))).toThrow(new RangeError('syrkRows: z has 6 values, needs 2 × 4 = 8'));
    expect(() => k!.syrkRows(a, 2, 3, new Float64Array(2))).toThrow(new RangeError('syrkRows: out has 2 values, needs 2 × 2 = 4'));
    expect(() => k!.syrkRows(a, 2, -3, new Float64Array(4))).toThrow(/syrkRows: t must be an integer/);
    expect(() => k!.gemmTN(a, new Float64Array(5), 3, 2, 2, new Float64Array(4))).toThrow(new RangeError('gemmTN: b has 5 values, needs 3 × 2 = 6'));
    expect(() => k!.gemmTN(a, a, 3, 2, 2, new Float64Array(3))).toThrow(/out has 3 values/);
    expect(() => k!.gemmTN(a, a, 3, 2, Infinity, new Float64Array(4))).toThrow(/m must be an integer/);
    expect(() => k!.syrk([1, 2] as unknown as Float64Array, 1, 2, new Float64Array(4))).toThrow(new TypeError('syrk: a must be a Float64Array'));
    expect(() => k!.syrk(new Float32Array(6) as unknown as Float64Array, 3, 2, new Float64Array(4))).toThrow(TypeError);
  });

  it('an output overlapping an input is refused', () => {
    const buf = new Float64Array(20);
    expect(() => k!.syrk(buf.subarray(0, 6), 3, 2, buf.subarray(5, 9))).toThrow(new RangeError('syrk: out overlaps a'));
    expect(() => k!.syrkRows(buf.subarray(0, 6), 2, 3, buf)).toThrow(new RangeError('syrkRows: out overlaps z'));
    expect(() => k!.gemmTN(buf.subarray(0, 6), buf.subarray(6, 12), 3, 2, 2, buf.subarray(11, 15))).toThrow(new RangeError('gemmTN: out overlaps b'));
    k!.syrk(buf.subarray(0, 6), 3, 2, buf.subarray(6, 10));
  });
});
