// The compute dispatcher against core's single-threaded TypeScript kernels
// (the reference, itself tested against pandas/SciPy in
// packages/core/test/correlation), for every kernel it can pick, forced one
// by one, on random inputs and on the real ECB history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlationMatrix, frameReturns, planCorrelation, runCorrelationPlan, type CorrelationMatrix, type CorrelationMethod } from '@soukan/core';
import { buildWasm } from '../../../wasm/build.mjs';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { closeParallelPool, computeCorrelationMatrix, Market, NATIVE_MIN_SERIES, nativeKernels, readDataset, type NativeKernels } from '../../src/index.js';
import { nativeGram } from '../../src/compute/nativeGram.js';
import { mulberry32 } from '../../../../test/helpers/mulberry32.js';

/**
 * aᵀa written from the definition, one dot product per cell: a stand-in
 * for the add-on that exercises the dispatcher's side of the contract
 * (layouts, padding, blocks of rows) on machines where it is not built.
 */
const definitionBlas: NativeKernels = {
  blas: 'definition (test)',
  syrk(a, t, n, out) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let r = 0; r < t; r++) s += a[r * n + i]! * a[r * n + j]!;
        out[i * n + j] = s;
      }
    }
  },
  gemmTN(a, b, t, n, m, out) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        let s = 0;
        for (let r = 0; r < t; r++) s += a[r * n + i]! * b[r * m + j]!;
        out[i * m + j] = s;
      }
    }
  },
};

function columns(seed: number, k: number, rows: number, miss: number): Float64Array[] {
  const u = mulberry32(seed);
  const f = Float64Array.from({ length: rows }, () => u() - 0.5);
  return Array.from({ length: k }, (_, j) =>
    Float64Array.from({ length: rows }, (_, t) => (u() < miss ? NaN : (j % 4) * f[t]! + u() - 0.5 + (j === 3 ? 1e6 : 0))),
  );
}

/** Every cell within 1e-12 of the reference (NaN where it is NaN); n and reasons identical. */
function expectSame(got: CorrelationMatrix, ref: CorrelationMatrix): void {
  expect(Array.from(got.n)).toEqual(Array.from(ref.n));
  expect(got.reason).toEqual(ref.reason);
  for (const key of ['r', 'p', 'lo', 'hi'] as const) {
    const a = got[key];
    const b = ref[key];
    for (let c = 0; c < a.length; c++) {
      if (Number.isNaN(b[c]!)) expect(a[c], `${key}[${c}]`).toBeNaN();
      else expect(Math.abs(a[c]! - b[c]!), `${key}[${c}]`).toBeLessThanOrEqual(1e-12);
    }
  }
}

let real: Float64Array[] = [];
let realNative: NativeKernels | null = null;
beforeAll(async () => {
  await buildWasm();
  const ds = await readDataset(sharedData('eurofxref-hist.zip'));
  const market = new Market(ds.series, { label: 'ECB', frequency: ds.frequency });
  const symbols = ['EUR/USD', 'USD/JPY', 'GBP/USD', 'AUD/USD', 'USD/CHF', 'USD/CAD', 'NZD/USD', 'EUR/JPY', 'GBP/JPY', 'USD/ZAR', 'USD/TRY'];
  real = [...frameReturns(market.frame(symbols, { kind: 'pairwise' }, 'D1').frame, 'log').columns];
  realNative = await nativeKernels();
}, 120_000);
afterAll(async () => {
  await closeParallelPool();
});

const kernels = ['ts', 'wasm', 'native'] as const;

describe('computeCorrelationMatrix: every kernel equals the TypeScript reference within 1e-12', () => {
  const cases: [string, () => Float64Array[]][] = [
    ['random complete 70 × 333', () => columns(1, 70, 333, 0)],
    ['random 5% missing 41 × 500 (masked products)', () => columns(2, 41, 500, 0.05)],
    ['ECB daily log returns of 11 pairs since 1999, pairwise-complete (real gaps)', () => real],
  ];
  for (const [label, make] of cases) {
    for (const method of ['pearson', 'spearman'] as CorrelationMethod[]) {
      for (const kernel of kernels) {
        for (const threads of [1, 2]) {
          it(`${label}, ${method}, ${kernel} kernels, ${threads} thread(s)`, async () => {
            const cols = make();
            const ref = correlationMatrix(cols, { method });
            const native = kernel === 'native' ? definitionBlas : null;
            const { matrix, run } = await computeCorrelationMatrix(cols, { method, kernel, threads, minWork: 0, nativeKernels: native });
            // Spearman with a different gap pattern in every column has no product to run natively.
            const products = planCorrelation(cols, { method }).needGram;
            expect(run.kernels).toBe(kernel === 'native' && !products ? 'wasm' : kernel);
            expect(run.threads).toBe(threads);
            if (run.kernels === 'native') expect(run.blas).toBe('definition (test)');
            expectSame(matrix, ref);
          });
        }
      }
    }
  }
  it('the OpenBLAS add-on, when this build has it, on random and real inputs', async () => {
    if (realNative === null) return; // optional by design: a build without it uses the kernels above
    for (const cols of [columns(3, 90, 700, 0), columns(4, 60, 400, 0.05), real]) {
      const { matrix, run } = await computeCorrelationMatrix(cols, { kernel: 'native', nativeKernels: realNative });
      expect(run.kernels).toBe('native');
      expectSame(matrix, correlationMatrix(cols));
    }
  });
  it('auto picks the add-on from NATIVE_MIN_SERIES series when it loads, else WebAssembly; Kendall (no product) reports what it ran', async () => {
    const wide = columns(6, NATIVE_MIN_SERIES, 40, 0);
    expect((await computeCorrelationMatrix(wide, { nativeKernels: definitionBlas })).run.kernels).toBe('native');
    expect((await computeCorrelationMatrix(wide, { nativeKernels: null })).run.kernels).toBe('wasm');
    expect((await computeCorrelationMatrix(columns(5, NATIVE_MIN_SERIES - 1, 200, 0), { nativeKernels: definitionBlas })).run.kernels).toBe('wasm');
    const cols = columns(5, 12, 200, 0);
    const kendall = await computeCorrelationMatrix(cols, { method: 'kendall', nativeKernels: definitionBlas });
    expect(kendall.run.kernels).toBe('wasm');
    expectSame(kendall.matrix, correlationMatrix(cols, { method: 'kendall' }));
  });
});

describe('nativeGram: blocks of rows and padded layouts', () => {
  for (const [label, miss] of [
    ['one missing pattern (Z transposed in blocks)', 0],
    ['masked (the padded transposed copy)', 0.1],
  ] as const) {
    for (const k of [1, 7, 33]) {
      it(`${label}, k = ${k}: equals the TypeScript Gram tiles to 1e-13`, () => {
        const cols = columns(k + 17, k, 301, miss);
        const ref = planCorrelation(cols, {});
        runCorrelationPlan(ref);
        const plan = planCorrelation(cols, {});
        runCorrelationPlan(plan);
        plan.gram.fill(NaN);
        nativeGram(plan, definitionBlas, 5 * k, 10 * k); // blocks of 32 rows (the minimum), never whole
        for (let i = 0; i < k; i++) for (let j = i; j < k; j++) expect(Math.abs(plan.gram[i * k + j]! - ref.gram[i * k + j]!)).toBeLessThan(1e-13);
      });
    }
  }
});
