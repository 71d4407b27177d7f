import { describe, expect, it } from 'vitest';
import {
  ewmCorrelation,
  ewmCorrelationAllPairs,
  pairIndex,
  rollingCorrelation,
  rollingCorrelationAllPairs,
  type AllPairsChunk,
} from '@soukan/core';
import { f64, loadFixture, refPearson, refRolling, rng, worst } from './helpers.js';

/** Random series with NaN/±∞ holes, constant stretches, ties, a level offset. */
function series(seed: number, k: number, n: number): Float64Array[] {
  const { uniform, normal } = rng(seed);
  const f = Float64Array.from({ length: n }, normal);
  return Array.from({ length: k }, (_, j) => {
    let level = 50 + 10 * j;
    const flatFrom = Math.floor(uniform() * n);
    const flatTo = flatFrom + Math.floor(uniform() * 40);
    return Float64Array.from({ length: n }, (_, t) => {
      const u = uniform();
      if (u < 0.06) return NaN;
      if (u < 0.07) return uniform() < 0.5 ? Infinity : -Infinity;
      if (t >= flatFrom && t < flatTo) return level; // constant stretch
      level += 0.1 * ((j % 3) * f[t]! + normal());
      return uniform() < 0.1 ? Math.round(level) : level;
    });
  });
}

describe('rollingCorrelationAllPairs — every pair equals rollingCorrelation and the direct per-window reference', () => {
  it.each([
    [1, 2],
    [2, 2],
    [3, 0],
    [7, 5],
    [25, 25],
    [60, 20],
  ])('window %d, minPeriods %d, 5 series × 400 rows with holes, ±∞, constant stretches, ties', (w, minP) => {
    const cols = series(w * 13 + minP, 5, 400);
    const res = rollingCorrelationAllPairs(cols, w, { minPeriods: minP, keep: true });
    for (let p = 0; p < 10; p++) {
      const i = res.pairI[p]!;
      const j = res.pairJ[p]!;
      expect(pairIndex(i, j, 5)).toBe(p);
      const one = rollingCorrelation(cols[i]!, cols[j]!, w, minP);
      const direct = refRolling(cols[i]!, cols[j]!, w, minP);
      const got = res.series[p]!;
      const a = worst(got, direct, 1);
      expect(a.err, `pair ${i},${j} vs direct at t=${a.at}`).toBeLessThan(1e-13);
      const b = worst(got, one, 1);
      expect(b.err, `pair ${i},${j} vs rollingCorrelation at t=${b.at}`).toBeLessThan(1e-13);
    }
  });
  it('pandas 1.5.3 Series.rolling(w, min_periods).corr fixtures (rolling_ecb.json, rolling_h10.json), as two-series input', () => {
    interface RollingCase {
      label: string;
      x: (number | null)[];
      y: (number | null)[];
      rolling: { window: number; minPeriods: number; pandas: (number | null)[]; direct: (number | null)[] }[];
    }
    for (const file of ['rolling_ecb.json', 'rolling_h10.json']) {
      for (const c of loadFixture<{ cases: RollingCase[] }>(file).cases) {
        for (const r of c.rolling) {
          const got = rollingCorrelationAllPairs([f64(c.x), f64(c.y)], r.window, { minPeriods: r.minPeriods, keep: true }).series[0]!;
          const pd = f64(r.pandas);
          const levels = c.label.includes('levels');
          for (let t = 0; t < got.length; t++) {
            if (!Number.isFinite(pd[t]!)) expect(got[t], `${c.label} t=${t}`).toBeNaN();
            else expect(Math.abs(got[t]! - pd[t]!), `${c.label} w=${r.window} t=${t}`).toBeLessThanOrEqual(levels ? 1e-10 : 1e-13);
          }
          expect(worst(got, f64(r.direct), 1).err, `${c.label} vs direct`).toBeLessThanOrEqual(1e-14);
        }
      }
    }
  });
  it('no drift: 1.2 million steps of random-walk levels (3 series, window 250) equal a direct two-pass at 1,200 checkpoints to 1e-13', () => {
    const { normal } = rng(2024);
    const n = 1_200_000;
    const w = 250;
    const cols = [new Float64Array(n), new Float64Array(n), new Float64Array(n)];
    let a = 100;
    let b = 150;
    let c = 1;
    for (let t = 0; t < n; t++) {
      const e = normal();
      a += 0.01 * e;
      b += 0.01 * (0.6 * e + 0.8 * normal());
      c += 1e-4 * (normal() - 0.3 * e);
      cols[0]![t] = a;
      cols[1]![t] = b;
      cols[2]![t] = c;
    }
    const checkpoints: number[] = [];
    for (let t = w - 1; t < n; t += 997) checkpoints.push(t);
    checkpoints.push(n - 1);
    let worstErr = 0;
    rollingCorrelationAllPairs(cols, w, {
      chunkRows: 1000,
      average: false,
      onChunk: (ch: AllPairsChunk) => {
        for (const t of checkpoints) {
          if (t < ch.start || t >= ch.start + ch.rows) continue;
          for (let p = 0; p < 3; p++) {
            const i = [0, 0, 1][p]!;
            const j = [1, 2, 2][p]!;
            const want = refPearson(cols[i]!.subarray(t - w + 1, t + 1), cols[j]!.subarray(t - w + 1, t + 1));
            worstErr = Math.max(worstErr, Math.abs(ch.rho[p * ch.rows + (t - ch.start)]! - want));
          }
        }
      },
    });
    expect(worstErr).toBeLessThan(1e-13);
  });
  it('a huge move leaving the window does not pollute the quiet windows after it', () => {
    const { normal } = rng(5);
    const n = 3000;
    const w = 100;
    const x = Float64Array.from({ length: n }, (_, t) => 1e-6 * normal() + (t >= 1000 && t < 1010 ? 1e6 * normal() : 0));
    const y = Float64Array.from(x, (v) => v + 1e-6 * normal());
    const got = rollingCorrelationAllPairs([x, y], w, { keep: true }).series[0]!;
    const want = refRolling(x, y, w, w);
    for (let t = 1110; t < 1130; t++) expect(Math.abs(got[t]! - want[t]!), `t=${t}`).toBeLessThan(1e-13);
    expect(worst(got, want, 1).err).toBeLessThan(1e-12);
  });
});

describe('all-pairs output: chunks, kept series, average, pair groups', () => {
  const cols = series(99, 6, 1000);
  it('streamed chunks reassemble the kept series; the average is the mean of the finite pair values', () => {
    const full = rollingCorrelationAllPairs(cols, 50, { keep: true, minPeriods: 10 });
    const P = 15;
    const seen = Array.from({ length: P }, () => new Float64Array(1000).fill(-9));
    let calls = 0;
    const streamed = rollingCorrelationAllPairs(cols, 50, {
      minPeriods: 10,
      chunkRows: 128,
      onChunk: (c) => {
        calls++;
        expect(c.rows).toBeLessThanOrEqual(128);
        for (let r = 0; r < c.rows; r++) for (let q = 0; q < c.pairs; q++) seen[c.pairStart + q]![c.start + r] = c.rho[q * c.rows + r]!;
      },
    });
    expect(calls).toBe(Math.ceil(1000 / 128));
    expect(streamed.series.every((s) => s === null)).toBe(true);
    for (let p = 0; p < P; p++) expect(Array.from(seen[p]!)).toEqual(Array.from(full.series[p]!));
    for (let t = 0; t < 1000; t++) {
      const v = full.series.map((s) => s![t]!).filter((x) => !Number.isNaN(x));
      expect(streamed.averageCount![t]).toBe(v.length);
      if (v.length === 0) expect(streamed.average![t]).toBeNaN();
      else expect(streamed.average![t]).toBeCloseTo(v.reduce((a, b) => a + b, 0) / v.length, 14);
    }
  });
  it('a small stateBytes budget processes pairs in groups with the same results; keep picks pairs', () => {
    const full = rollingCorrelationAllPairs(cols, 40, { keep: true });
    const groups = new Set<number>();
    const grouped = rollingCorrelationAllPairs(cols, 40, { keep: [0, 7, 14], stateBytes: 40 * 48 * 4, onChunk: (c) => groups.add(c.pairStart) });
    expect([...groups]).toEqual([0, 4, 8, 12]);
    for (const p of [0, 7, 14]) expect(Array.from(grouped.series[p]!)).toEqual(Array.from(full.series[p]!));
    expect(grouped.series[1]).toBeNull();
    expect(Array.from(grouped.average!)).toEqual(Array.from(rollingCorrelationAllPairs(cols, 40).average!));
  });
  it('edge inputs: no series, one series, no rows, window longer than the data; bad options throw', () => {
    expect(rollingCorrelationAllPairs([], 5).pairI.length).toBe(0);
    const one = rollingCorrelationAllPairs([Float64Array.of(1, 2, 3)], 2);
    expect(one.pairI.length).toBe(0);
    expect(Array.from(one.average!)).toEqual([NaN, NaN, NaN]);
    expect(rollingCorrelationAllPairs([new Float64Array(0), new Float64Array(0)], 3, { keep: true }).series[0]!.length).toBe(0);
    const short = rollingCorrelationAllPairs([Float64Array.of(1, 2, 3), Float64Array.of(3, 1, 2)], 10, { minPeriods: 2, keep: true });
    expect(Array.from(short.series[0]!)).toEqual([NaN, -1, -0.5]);
    expect(() => rollingCorrelationAllPairs([Float64Array.of(1, 2), Float64Array.of(1)], 2)).toThrow('rollingCorrelationAllPairs: series 1 has 1 rows, series 0 has 2');
    expect(() => rollingCorrelationAllPairs([Float64Array.of(1, 2)], 0)).toThrow('window must be a positive integer, got 0');
    expect(() => rollingCorrelationAllPairs([Float64Array.of(1, 2)], 2, { minPeriods: -1 })).toThrow('minPeriods must be ≥ 0');
    expect(() => rollingCorrelationAllPairs([Float64Array.of(1, 2)], 2, { chunkRows: 0 })).toThrow('chunkRows must be a positive integer, got 0');
    expect(() => rollingCorrelationAllPairs([Float64Array.of(1), Float64Array.of(2)], 2, { keep: [1] })).toThrow('keep lists pair 1; pairs are 0…0');
  });
});

describe('ewmCorrelationAllPairs — every pair equals ewmCorrelation (itself tested against pandas ewm().corr) to the bit', () => {
  it.each([0.5, 0.94, 0.999])('λ = %s, 5 series × 600 rows with holes, ±∞ and constant stretches', (lambda) => {
    const cols = series(Math.round(lambda * 1000), 5, 600);
    const res = ewmCorrelationAllPairs(cols, lambda, { keep: true });
    for (let p = 0; p < 10; p++) {
      const i = res.pairI[p]!;
      const j = res.pairJ[p]!;
      expect(Array.from(res.series[p]!), `pair ${i},${j}`).toEqual(Array.from(ewmCorrelation(cols[i]!, cols[j]!, lambda)));
    }
  });
  it('streams chunks and averages like the rolling version; λ is validated', () => {
    const cols = series(3, 4, 300);
    const full = ewmCorrelationAllPairs(cols, 0.9, { keep: true });
    let rows = 0;
    const res = ewmCorrelationAllPairs(cols, 0.9, {
      chunkRows: 64,
      onChunk: (c) => {
        for (let r = 0; r < c.rows; r++) for (let q = 0; q < c.pairs; q++) expect(c.rho[q * c.rows + r]).toBe(full.series[q]![c.start + r]);
        rows += c.rows;
      },
    });
    expect(rows).toBe(300);
    expect(Array.from(res.average!)).toEqual(Array.from(full.average!));
    expect(() => ewmCorrelationAllPairs(cols, 1)).toThrow('ewmCorrelationAllPairs: lambda must be in [0, 1), got 1');
    expect(ewmCorrelationAllPairs([Float64Array.of(1)], 0.9).pairI.length).toBe(0);
  });
});
