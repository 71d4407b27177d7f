// The WebAssembly rolling kernel against the TypeScript loop of
// rollingCorrelationAllPairs (itself tested against pandas, the direct
// per-window reference and the single-pair kernel in packages/core/test).
import { beforeAll, describe, expect, it } from 'vitest';
import { rollingCorrelationAllPairs } from '@soukan/core';
import { buildWasm } from '../../../wasm/build.mjs';
import { WasmRollingKernel, wasmKernelModule } from '../../src/compute/index.js';
import { mulberry32 } from '../../../../test/helpers/mulberry32.js';

/** Levels with holes, ±∞, constant stretches (exact path) and a spike. */
function series(seed: number, k: number, n: number): Float64Array[] {
  const u = mulberry32(seed);
  return Array.from({ length: k }, (_, j) => {
    let level = 100 + j;
    const flat = Math.floor(u() * n);
    return Float64Array.from({ length: n }, (_, t) => {
      const r = u();
      if (r < 0.04) return NaN;
      if (r < 0.045) return r < 0.0425 ? Infinity : -Infinity;
      if (t >= flat && t < flat + 60) return level;
      level += (u() - 0.5) * 0.1 + (t === 500 && j === 1 ? 1e4 : 0);
      return level;
    });
  });
}

beforeAll(async () => {
  await buildWasm();
}, 120_000);

describe('WasmRollingKernel gives the TypeScript loop’s bits', () => {
  it.each([
    [2, 1, 1, 100],
    [3, 7, 5, 33],
    [5, 25, 25, 64],
    [8, 40, 10, 4096],
    [9, 150, 120, 257],
  ])('%i series, window %i, minPeriods %i, chunks of %i rows', (k, w, minP, chunkRows) => {
    const cols = series(k * 100 + w, k, 1300);
    const kernel = new WasmRollingKernel(wasmKernelModule()!);
    const ts = rollingCorrelationAllPairs(cols, w, { minPeriods: minP, keep: true, chunkRows });
    const wa = rollingCorrelationAllPairs(cols, w, { minPeriods: minP, keep: true, chunkRows, kernel });
    for (let p = 0; p < ts.series.length; p++) expect(Array.from(wa.series[p]!), `pair ${p}`).toEqual(Array.from(ts.series[p]!));
    expect(Array.from(wa.average!)).toEqual(Array.from(ts.average!));
  });
  it('constancy is tracked lazily: a constant stretch after many chunks without exact windows still gives NaN / the exact value', () => {
    const u = mulberry32(11);
    const n = 1300;
    const x = Float64Array.from({ length: n }, (_, t) => (t >= 900 && t < 1000 ? 3 : t === 950 ? NaN : u() - 0.5));
    const y = Float64Array.from({ length: n }, (_, t) => (t >= 1010 && t < 1030 ? NaN : u() - 0.5 + 0.3 * x[t]!));
    const z = Float64Array.from({ length: n }, (_, t) => (t >= 940 && t < 990 ? 7 : u() - 0.5));
    const kernel = new WasmRollingKernel(wasmKernelModule()!);
    for (const w of [30, 120]) {
      const ts = rollingCorrelationAllPairs([x, y, z], w, { minPeriods: 5, keep: true, chunkRows: 100 });
      const wa = rollingCorrelationAllPairs([x, y, z], w, { minPeriods: 5, keep: true, chunkRows: 100, kernel });
      for (let p = 0; p < 3; p++) expect(Array.from(wa.series[p]!), `w ${w} pair ${p}`).toEqual(Array.from(ts.series[p]!));
      // x is constant on rows 900–999: a window inside it is NaN for x's pairs.
      if (w === 30) expect(wa.series[0]![990]).toBeNaN();
      else expect(Number.isFinite(wa.series[0]![990]!)).toBe(true);
      expect(Number.isFinite(wa.series[0]![1100]!)).toBe(true);
    }
  });
  it('pair groups (a small stateBytes budget) and pair ranges give the same bits', () => {
    const cols = series(1, 4, 300);
    const kernel = new WasmRollingKernel(wasmKernelModule()!);
    const a = rollingCorrelationAllPairs(cols, 30, { keep: true, stateBytes: 30 * 48 * 2, kernel });
    const b = rollingCorrelationAllPairs(cols, 30, { keep: true });
    for (let p = 0; p < 6; p++) expect(Array.from(a.series[p]!)).toEqual(Array.from(b.series[p]!));
    const part = rollingCorrelationAllPairs(cols, 30, { keep: true, pairs: [1, 4], kernel });
    for (let p = 0; p < 6; p++) {
      if (p >= 1 && p < 4) expect(Array.from(part.series[p]!)).toEqual(Array.from(b.series[p]!));
      else expect(part.series[p]).toBeNull();
    }
  });
});

describe('rollingCorrelationAllPairsParallel equals rollingCorrelationAllPairs', () => {
  it('2 threads: the same series bits, average to rounding, every chunk streamed once; small jobs stay on one thread', async () => {
    const { rollingCorrelationAllPairsParallel, closeParallelPool } = await import('../../src/compute/index.js');
    const cols = series(77, 7, 3000);
    const ref = rollingCorrelationAllPairs(cols, 200, { minPeriods: 50, keep: true });
    const seen = new Map<number, number>();
    const par = await rollingCorrelationAllPairsParallel(cols, 200, {
      minPeriods: 50,
      keep: true,
      threads: 2,
      minWork: 0,
      chunkRows: 512,
      onChunk: (c) => {
        for (let q = 0; q < c.pairs; q++) {
          const key = (c.pairStart + q) * 1e6 + c.start;
          seen.set(key, (seen.get(key) ?? 0) + 1);
          for (let r = 0; r < c.rows; r++) expect(Object.is(c.rho[q * c.rows + r], ref.series[c.pairStart + q]![c.start + r])).toBe(true);
        }
      },
    });
    expect(seen.size).toBe(21 * Math.ceil(3000 / 512));
    expect([...seen.values()].every((v) => v === 1)).toBe(true);
    for (let p = 0; p < 21; p++) expect(Array.from(par.series[p]!)).toEqual(Array.from(ref.series[p]!));
    for (let t = 0; t < 3000; t++) {
      expect(par.averageCount![t]).toBe(ref.averageCount![t]);
      if (Number.isNaN(ref.average![t]!)) expect(par.average![t]).toBeNaN();
      else expect(Math.abs(par.average![t]! - ref.average![t]!)).toBeLessThan(1e-15);
    }
    const picked = await rollingCorrelationAllPairsParallel(cols, 200, { keep: [3], average: false, threads: 2, minWork: 0 });
    expect(picked.series.filter((s) => s !== null).length).toBe(1);
    expect(picked.average).toBeNull();
    await expect(rollingCorrelationAllPairsParallel(cols, 0)).rejects.toThrow('window must be a positive integer, got 0');
    await expect(rollingCorrelationAllPairsParallel(cols, 5, { keep: [99] })).rejects.toThrow('keep lists pair 99');
    await closeParallelPool();
  });
});
