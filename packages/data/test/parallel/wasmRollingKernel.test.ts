// The WebAssembly rolling kernel against the TypeScript loop of
// rollingCorrelationAllPairs (itself tested against pandas, the direct
// per-window reference and the single-pair kernel in packages/core/test).
import { beforeAll, describe, expect, it } from 'vitest';
import { rollingCorrelationAllPairs } from '@soukan/core';
import { buildWasm } from '../../../wasm/build.mjs';
import { WasmRollingKernel, wasmKernelModule } from '../../src/parallel/index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Levels with holes, ±∞, constant stretches (exact path) and a spike. */
function series(seed: number, k: number, n: number): Float64Array[] {
  const u = rng(seed);
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
  it('declines pair groups (a small stateBytes budget): the TypeScript loop runs', () => {
    const cols = series(1, 4, 300);
    const kernel = new WasmRollingKernel(wasmKernelModule()!);
    const a = rollingCorrelationAllPairs(cols, 30, { keep: true, stateBytes: 30 * 48 * 2, kernel });
    const b = rollingCorrelationAllPairs(cols, 30, { keep: true });
    for (let p = 0; p < 6; p++) expect(Array.from(a.series[p]!)).toEqual(Array.from(b.series[p]!));
  });
});
