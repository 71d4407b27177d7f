// Sufficient statistics and their merge (core/src/moments) against NumPy's
// two-pass results on real returns (fixtures/moments.gen.py), and the
// catastrophic cancellation the centred form avoids.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coMomentsOf, correlationOfCoMoments, covarianceOfCoMoments, mergeCoMoments, type CoMoments } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { between, ecbSeries, histDataM1, logReturns } from '../risk/helpers/realData.js';

interface RefMoments {
  n: number;
  mean: number[];
  c: number[];
}
interface Ref {
  ecb: RefMoments & { symbols: string[]; from: string; to: string; corr: number[] };
  histdata: { symbols: string[]; joinedRows: number; days: { day: string; n: number; corrLevels: number; returns: RefMoments }[]; returnsOfTheseDays: RefMoments };
}
const ref = JSON.parse(readFileSync(fixture('packages/core/test/moments/fixtures/moments.json'), 'utf8')) as Ref;

/** Rows of several (time, value) series at the times all of them have. */
function innerJoin(series: { time: Float64Array; close: Float64Array }[]): { time: Float64Array; cols: Float64Array[] } {
  const maps = series.map((s) => new Map(Array.from(s.time, (t, i) => [t, s.close[i]!])));
  const times = Array.from(series[0]!.time).filter((t) => maps.every((m) => m.has(t)));
  return { time: Float64Array.from(times), cols: maps.map((m) => Float64Array.from(times, (t) => m.get(t)!)) };
}

/**
 * Same n; means within `tol` of the series' spread √(Cᵢᵢ/n) and co-moments within `tol` of
 * √(CᵢᵢCⱼⱼ) — their natural scales (a day's mean return can be ~1e-19, a cross co-moment ~0).
 */
function expectMoments(got: CoMoments, want: RefMoments, tol: number): void {
  expect(got.n).toBe(want.n);
  const k = got.k;
  for (let i = 0; i < k; i++) expect(Math.abs(got.mean[i]! - want.mean[i]!)).toBeLessThanOrEqual(tol * Math.sqrt(want.c[i * k + i]! / want.n));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const scale = Math.sqrt(want.c[i * k + i]! * want.c[j * k + j]!);
      expect(Math.abs(got.c[i * k + j]! - want.c[i * k + j]!)).toBeLessThanOrEqual(tol * scale);
    }
  }
}

/** Rows `idx` of each column. */
const pick = (cols: Float64Array[], idx: number[]): Float64Array[] => cols.map((c) => Float64Array.from(idx, (i) => c[i]!));

/** The naive one-pass sums formula (what a textbook or `SUM(x*y)` in SQL does); kept here only to show it fails. */
function naiveOnePassCorr(x: Float64Array, y: Float64Array): number {
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  const n = x.length;
  for (let i = 0; i < n; i++) {
    sx += x[i]!;
    sy += y[i]!;
    sxy += x[i]! * y[i]!;
    sxx += x[i]! * x[i]!;
    syy += y[i]! * y[i]!;
  }
  return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
}

async function ecbReturns(): Promise<Float64Array[]> {
  const series = await Promise.all(ref.ecb.symbols.map(async (s) => between(await ecbSeries(s), ref.ecb.from, ref.ecb.to)));
  return innerJoin(series).cols.map(logReturns);
}

async function histdataJoined(): Promise<{ time: Float64Array; cols: Float64Array[] }> {
  return innerJoin(await Promise.all(['EURUSD', 'GBPUSD'].map((p) => histDataM1(p))));
}

describe('coMomentsOf (two-pass) on ECB daily log returns, 5 pairs, 2010–2019', () => {
  it('equals NumPy: n, means, centred co-moments; correlation equals np.corrcoef', async () => {
    const m = coMomentsOf(await ecbReturns());
    expectMoments(m, ref.ecb, 1e-12);
    const r = correlationOfCoMoments(m);
    for (let i = 0; i < r.length; i++) expect(Math.abs(r[i]! - ref.ecb.corr[i]!)).toBeLessThanOrEqual(1e-12);
    const cov = covarianceOfCoMoments(m);
    expect(cov[0]! / (ref.ecb.c[0]! / (ref.ecb.n - 1)) - 1).toBeLessThan(1e-12);
  });
});

describe('mergeCoMoments (Chan, Golub & LeVeque)', () => {
  it('any split of the ECB rows into shards, merged in any order, equals the one-pass-over-all NumPy result', async () => {
    const cols = await ecbReturns();
    const n = cols[0]!.length;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }), fc.array(fc.nat(), { minLength: n, maxLength: n }), fc.boolean(), (shards, draw, tree) => {
        // Row i goes to shard draw[i] mod shards: shards hold interleaved rows, not ranges, as a hash does.
        const parts: number[][] = Array.from({ length: shards }, () => []);
        draw.forEach((d, i) => parts[d % shards]!.push(i));
        let ms = parts.map((idx) => coMomentsOf(pick(cols, idx)));
        if (tree) {
          while (ms.length > 1) ms = Array.from({ length: Math.ceil(ms.length / 2) }, (_, i) => (ms[2 * i + 1] ? mergeCoMoments(ms[2 * i]!, ms[2 * i + 1]!) : ms[2 * i]!));
        } else ms = [ms.reduceRight((acc, m) => mergeCoMoments(m, acc))];
        expectMoments(ms[0]!, ref.ecb, 1e-12);
      }),
      { numRuns: 25 },
    );
  });

  it("merging NumPy's per-day moments of 2017 M1 returns (EUR/USD, GBP/USD) gives the whole year's", async () => {
    const days = ref.histdata.days.map((d): CoMoments => ({ k: 2, n: d.returns.n, mean: Float64Array.from(d.returns.mean), c: Float64Array.from(d.returns.c) }));
    const year = days.reduce((a, b) => mergeCoMoments(a, b));
    expectMoments(year, ref.histdata.returnsOfTheseDays, 1e-12);
  });

  it('per day, three shards of M1 returns merge to NumPy’s two-pass moments', async () => {
    const { time, cols } = await histdataJoined();
    expect(time.length).toBe(ref.histdata.joinedRows);
    const ret = cols.map(logReturns);
    const dayOf = (i: number): string => new Date(time[i + 1]!).toISOString().slice(0, 10);
    const rows = new Map<string, number[]>();
    for (let i = 0; i < ret[0]!.length; i++) {
      const d = dayOf(i);
      if (!rows.has(d)) rows.set(d, []);
      rows.get(d)!.push(i);
    }
    for (const d of ref.histdata.days) {
      const idx = rows.get(d.day)!;
      const thirds = [0, 1, 2].map((s) => idx.filter((_, j) => j % 3 === s));
      const merged = thirds.map((t) => coMomentsOf(pick(ret, t))).reduce((a, b) => mergeCoMoments(a, b));
      expectMoments(merged, d.returns, 1e-12);
    }
  });
});

describe('catastrophic cancellation on FX price levels', () => {
  it('the naive one-pass sums formula misses NumPy by far more than 1e-12 on a day of EUR/USD~GBP/USD levels; merged centred moments stay within 1e-12', async () => {
    const { time, cols } = await histdataJoined();
    const byDay = new Map<string, number[]>();
    time.forEach((t, i) => {
      const d = new Date(t).toISOString().slice(0, 10);
      if (!byDay.has(d)) byDay.set(d, []);
      byDay.get(d)!.push(i);
    });
    let naiveWorst = 0;
    let naiveDay = '';
    let mergedWorst = 0;
    for (const d of ref.histdata.days) {
      const idx = byDay.get(d.day)!;
      expect(idx.length).toBe(d.n);
      const [x, y] = pick(cols, idx) as [Float64Array, Float64Array];
      const naive = Math.abs(naiveOnePassCorr(x, y) - d.corrLevels);
      if (naive > naiveWorst) [naiveWorst, naiveDay] = [naive, d.day];
      const shards = [0, 1, 2].map((s) => coMomentsOf([x, y].map((c) => c.filter((_, j) => j % 3 === s))));
      const merged = correlationOfCoMoments(shards.reduce((a, b) => mergeCoMoments(a, b)))[1]!;
      mergedWorst = Math.max(mergedWorst, Math.abs(merged - d.corrLevels));
    }
    // Levels near 1.1–1.3 moving by ~1e-3 a day: Σx² and (Σx)²/n agree in their first ~6 digits.
    console.log(`levels, ${ref.histdata.days.length} days: naive one-pass worst |Δρ| ${naiveWorst.toExponential(2)} (${naiveDay}), merged centred ${mergedWorst.toExponential(2)}`);
    expect(naiveWorst).toBeGreaterThan(1e-9);
    expect(mergedWorst).toBeLessThanOrEqual(1e-12);
  });
});

describe('edges', () => {
  it('empty windows merge as identities; one row has no correlation; constant input is NaN, not a number', () => {
    const empty = coMomentsOf([new Float64Array(0), new Float64Array(0)]);
    expect(empty.n).toBe(0);
    expect(Number.isNaN(empty.mean[0]!)).toBe(true);
    const some = coMomentsOf([Float64Array.of(1, 2, 4), Float64Array.of(1, 3, 2)]);
    expect(mergeCoMoments(empty, some)).toBe(some);
    expect(mergeCoMoments(some, empty)).toBe(some);
    expect(Number.isNaN(correlationOfCoMoments(coMomentsOf([Float64Array.of(1), Float64Array.of(2)]))[1]!)).toBe(true);
    expect(Number.isNaN(correlationOfCoMoments(coMomentsOf([Float64Array.of(1, 1, 1), Float64Array.of(1, 2, 3)]))[1]!)).toBe(true);
    expect(Number.isNaN(covarianceOfCoMoments(coMomentsOf([Float64Array.of(5)]))[0]!)).toBe(true);
  });

  it('rows with a NaN are left out listwise; mismatched lengths and series counts throw', () => {
    const m = coMomentsOf([Float64Array.of(1, NaN, 3), Float64Array.of(2, 5, 4)]);
    expect(m.n).toBe(2);
    expect(Array.from(m.mean)).toEqual([2, 3]);
    expect(Array.from(m.c)).toEqual([2, 2, 2, 2]);
    expect(() => coMomentsOf([Float64Array.of(1, 2), Float64Array.of(1)])).toThrow('coMomentsOf: series lengths differ (2 vs 1)');
    expect(() => mergeCoMoments(coMomentsOf([Float64Array.of(1)]), m)).toThrow('mergeCoMoments: series counts differ (1 vs 2)');
  });
});
