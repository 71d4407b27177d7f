// The parallel runner and the WebAssembly SIMD kernels against the
// single-threaded TypeScript kernels of core, which are themselves tested
// against pandas/SciPy and slow references in packages/core/test/correlation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlationMatrix, type CorrelationMethod } from '@soukan/core';
import { gramUpper } from '../../../core/src/correlation/gramUpper.js';
import { buildWasm } from '../../../wasm/build.mjs';
import { listSums } from '../../../core/src/correlation/listSums.js';
import { closeParallelPool, correlationMatrixParallel, WasmKernels, wasmKernelModule, type ParallelRunInfo } from '../../src/compute/index.js';
import { mulberry32 } from '../../../../test/helpers/mulberry32.js';

function columns(seed: number, k: number, rows: number, miss: number): Float64Array[] {
  const u = mulberry32(seed);
  const f = Float64Array.from({ length: rows }, () => u() - 0.5);
  return Array.from({ length: k }, (_, j) =>
    Float64Array.from({ length: rows }, (_, t) => {
      if (u() < miss) return NaN;
      const v = (j % 3) * f[t]! + u() - 0.5;
      return u() < 0.1 ? Math.round(v * 4) : 100 + v; // some ties and levels
    }),
  );
}

/** Largest |a − b| over cells where both are numbers; NaN must match NaN. */
function maxDiff(a: Float64Array, b: Float64Array): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]!) || Number.isNaN(b[i]!)) {
      if (!(Number.isNaN(a[i]!) && Number.isNaN(b[i]!))) return Infinity;
      continue;
    }
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
  }
  return d;
}

beforeAll(async () => {
  await buildWasm();
}, 120_000);
afterAll(async () => {
  await closeParallelPool();
});

describe('WebAssembly SIMD kernels equal the TypeScript kernels (packages/wasm/assembly/kernels.ts)', () => {
  it('the module is built and loads', () => {
    expect(wasmKernelModule()).not.toBeNull();
  });
  it('gramTile: every tile of odd/even-sized matrices, around the 256-column block edge', () => {
    const wk = new WasmKernels(wasmKernelModule()!);
    const u = mulberry32(5);
    for (const [k, m] of [
      [1, 2],
      [3, 4],
      [5, 256],
      [7, 258],
      [64, 100],
      [67, 530],
    ] as const) {
      const z = Float64Array.from({ length: k * m }, () => u() - 0.5);
      const want = new Float64Array(k * k);
      gramUpper(z, k, m, want);
      const got = new Float64Array(k * k).fill(-3);
      for (let i0 = 0; i0 < k; i0 += 16) for (let j0 = i0; j0 < k; j0 += 16) wk.gramTile(z, k, m, got, i0, Math.min(i0 + 16, k), j0, Math.min(j0 + 16, k));
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          if (j < i) expect(got[i * k + j]).toBe(-3);
          else expect(Math.abs(got[i * k + j]! - want[i * k + j]!)).toBeLessThan(1e-13 * Math.sqrt(m));
        }
      }
    }
  });
  it('gramTile by slabs of rows (inputs larger than the copy limit): every tile, diagonal and off it', () => {
    const u = mulberry32(8);
    for (const [k, m, maxCopy] of [
      [5, 300, 1024],
      [40, 530, 8192],
      [70, 258, 30_000],
    ] as const) {
      const wk = new WasmKernels(wasmKernelModule()!, maxCopy);
      const z = Float64Array.from({ length: k * m }, () => u() - 0.5);
      const want = new Float64Array(k * k);
      gramUpper(z, k, m, want);
      const got = new Float64Array(k * k).fill(-3);
      for (let i0 = 0; i0 < k; i0 += 16) for (let j0 = i0; j0 < k; j0 += 16) wk.gramTile(z, k, m, got, i0, Math.min(i0 + 16, k), j0, Math.min(j0 + 16, k));
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          if (j < i) expect(got[i * k + j]).toBe(-3);
          else expect(Math.abs(got[i * k + j]! - want[i * k + j]!)).toBeLessThan(1e-13 * Math.sqrt(m));
        }
      }
    }
  });
  it('gramTile with an odd row length falls back to the TypeScript kernel (same bits)', () => {
    const wk = new WasmKernels(wasmKernelModule()!);
    const u = mulberry32(6);
    const z = Float64Array.from({ length: 5 * 7 }, () => u());
    const a = new Float64Array(25);
    const b = new Float64Array(25);
    gramUpper(z, 5, 7, a);
    wk.gramTile(z, 5, 7, b, 0, 5, 0, 5);
    expect(Array.from(b)).toEqual(Array.from(a));
  });
  it('listSums: sparse lists, even widths', () => {
    const wk = new WasmKernels(wasmKernelModule()!);
    const u = mulberry32(7);
    const w = 10;
    const rows = 50;
    const zt = Float64Array.from({ length: rows * w }, () => u() - 0.5);
    const lists = Array.from({ length: 9 }, () => Array.from({ length: rows }, (_, t) => t).filter(() => u() < 0.2));
    const ptr = new Int32Array(lists.length + 1);
    lists.forEach((l, j) => (ptr[j + 1] = ptr[j]! + l.length));
    const idx = Int32Array.from(lists.flat());
    const a1 = new Float64Array(9 * w);
    const b1 = new Float64Array(9 * w);
    const a2 = new Float64Array(9 * w);
    const b2 = new Float64Array(9 * w);
    listSums(zt, w, ptr, idx, 0, 9, a1, b1);
    wk.listSums(zt, w, ptr, idx, 0, 4, a2, b2);
    wk.listSums(zt, w, ptr, idx, 4, 9, a2, b2);
    expect(maxDiff(a1, a2)).toBeLessThan(1e-14);
    expect(maxDiff(b1, b2)).toBeLessThan(1e-14);
  });
});

describe('correlationMatrixParallel equals correlationMatrix', () => {
  const cases: [string, number, number, number][] = [
    ['complete, 150 × 301', 150, 301, 0],
    ['5% missing, 130 × 400 (masked products)', 130, 400, 0.05],
    ['40% missing, 70 × 200', 70, 200, 0.4],
  ];
  for (const [label, k, rows, miss] of cases) {
    for (const method of ['pearson', 'spearman', 'kendall'] as CorrelationMethod[]) {
      it(`${label}, ${method}: 2 threads with TypeScript kernels give the same bits; with WebAssembly, r to 1e-14`, async () => {
        if (method === 'kendall' && k > 100) return; // slow in the reference; covered by the smaller case
        const cols = columns(k * 31 + rows, k, rows, miss);
        const ref = correlationMatrix(cols, { method });
        let info: ParallelRunInfo | undefined;
        const ts = await correlationMatrixParallel(cols, { method, threads: 2, wasm: false, minWork: 0, onRun: (i) => (info = i) });
        expect(info?.threads).toBe(2);
        expect(info?.kernels).toBe('ts');
        for (const key of ['r', 'n', 'p', 'lo', 'hi'] as const) expect(Array.from(ts[key]), key).toEqual(Array.from(ref[key]));
        expect(ts.reason).toEqual(ref.reason);
        const wa = await correlationMatrixParallel(cols, { method, threads: 2, kernel: 'wasm', minWork: 0, onRun: (i) => (info = i) });
        expect(info?.kernels).toBe('wasm');
        expect(maxDiff(wa.r, ref.r)).toBeLessThan(1e-14);
        expect(Array.from(wa.n)).toEqual(Array.from(ref.n));
        expect(wa.reason).toEqual(ref.reason);
        const one = await correlationMatrixParallel(cols, { method, threads: 1, onRun: (i) => (info = i) });
        expect(info?.threads).toBe(1);
        expect(maxDiff(one.r, ref.r)).toBeLessThan(1e-14);
      });
    }
  }
  it('consecutive calls with the same shapes (recycled buffers) never see the previous data', async () => {
    for (const threads of [1, 2]) {
      for (const miss of [0, 0.05]) {
        const a = columns(101, 90, 300, miss);
        const b = columns(202, 90, 300, miss);
        const ra = await correlationMatrixParallel(a, { threads, minWork: 0 });
        const rb = await correlationMatrixParallel(b, { threads, minWork: 0 });
        expect(maxDiff(ra.r, correlationMatrix(a).r)).toBeLessThan(1e-14);
        expect(maxDiff(rb.r, correlationMatrix(b).r)).toBeLessThan(1e-14);
        expect(Array.from(rb.n)).toEqual(Array.from(correlationMatrix(b).n));
      }
    }
  });
  it('small matrices stay on the calling thread; options are validated as correlationMatrix does', async () => {
    let info: ParallelRunInfo | undefined;
    await correlationMatrixParallel(columns(1, 4, 20, 0), { threads: 2, onRun: (i) => (info = i) });
    expect(info?.threads).toBe(1);
    await expect(correlationMatrixParallel([Float64Array.of(1, 2), Float64Array.of(1)])).rejects.toThrow('column 1 has 1 rows, column 0 has 2');
    await expect(correlationMatrixParallel([Float64Array.of(1, 2)], { confidence: 2 })).rejects.toThrow('confidence must be in (0, 1), got 2');
    expect((await correlationMatrixParallel([])).k).toBe(0);
  });
});
