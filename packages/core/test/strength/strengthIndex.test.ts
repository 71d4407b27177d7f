import { describe, expect, it } from 'vitest';
import {
  averageChangeIndex,
  crossInconsistency,
  crossSeries,
  currencyStrength,
  diffSummary,
  findRoute,
  sessionOpenAtOrBefore,
  strengthFactors,
  strengthIndex,
  strengthRanking,
  type Frame,
  type PriceSeries,
} from '@soukan/core';

const DAY = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);
/** Prices of EUR/USD, USD/JPY, EUR/JPY from currency values (units of a common numéraire). */
function world(values: Record<string, number[]>): Frame {
  const n = values.EUR!.length;
  const pair = (b: string, q: string): Float64Array => Float64Array.from({ length: n }, (_, i) => values[b]![i]! / values[q]![i]!);
  return { time: Float64Array.from({ length: n }, (_, i) => t0 + i * DAY), symbols: ['EUR/USD', 'USD/JPY', 'EUR/JPY'], columns: [pair('EUR', 'USD'), pair('USD', 'JPY'), pair('EUR', 'JPY')] };
}

describe('strength index, rebasing and ranking', () => {
  // EUR doubles against the rest in period 2; JPY halves in period 3.
  const fr = world({ EUR: [1, 1, 2, 2], USD: [1, 1, 1, 1], JPY: [1, 1, 1, 0.5] });
  it('cumulates factors to exp(log-strength) relative to the geometric basket, 100 at the base', () => {
    const s = currencyStrength(fr, { currencies: ['EUR', 'USD', 'JPY'] });
    const g = (c: number, i: number): number => s.index.values[c]![i]!;
    expect(s.index.time.length).toBe(4);
    expect(g(0, 0)).toBe(100);
    // EUR vs basket: ln 2 − (ln 2)/3 = (2/3) ln 2
    expect(g(0, 2)).toBeCloseTo(100 * Math.pow(2, 2 / 3), 10);
    expect(g(1, 2)).toBeCloseTo(100 * Math.pow(2, -1 / 3), 10);
    // geometric mean of the indices stays 100 (zero-sum)
    for (let i = 0; i < 4; i++) expect(Math.cbrt(g(0, i) * g(1, i) * g(2, i))).toBeCloseTo(100, 10);
    expect(s.ranking.map((r) => r.currency)).toEqual(['EUR', 'USD', 'JPY']);
    expect(s.ranking[2]!.lastPeriodPct).toBeCloseTo(100 * (-2 / 3) * Math.LN2, 10);
    expect(s.ranking[0]!.rank).toBe(1);
  });
  it('rebases at the last time at or before the base time; before the data is an error', () => {
    const f = strengthFactors({ ...fr, time: fr.time.slice(1), columns: fr.columns.map((c) => c.slice(1).map((v, i) => Math.log(v / c[i]!))) }, { currencies: ['EUR', 'USD', 'JPY'] });
    const idx = strengthIndex(f, fr.time[0]!, { baseTime: fr.time[2]! + 3_600_000 });
    expect(idx.baseRow).toBe(2);
    expect(idx.values[0]![2]).toBe(100);
    expect(idx.values[2]![3]).toBeCloseTo(100 * Math.pow(0.5, 2 / 3), 10);
    expect(() => strengthIndex(f, fr.time[0]!, { baseTime: fr.time[0]! - 1 })).toThrow(/before the first observation/);
    expect(strengthRanking(idx, f)[0]!.changePct).toBeCloseTo(100 * (Math.pow(2, 1 / 3) - 1), 10);
  });
  it('unidentified periods leave the index flat and are counted', () => {
    const cols = fr.columns.map((c) => c.slice());
    for (const c of cols) c[2] = Number.NaN;
    const s = currencyStrength({ ...fr, columns: cols }, { currencies: ['EUR', 'USD', 'JPY'] });
    expect(s.index.unidentified).toBe(2);
    expect(s.index.values[0]![2]).toBe(s.index.values[0]![1]);
    expect(s.index.values[0]![3]).toBe(s.index.values[0]![1]);
    expect(() => currencyStrength({ time: new Float64Array(0), symbols: ['EUR/USD'], columns: [new Float64Array(0)] })).toThrow(/no observations/);
  });
});

describe('averageChangeIndex (the web-tool index, labelled)', () => {
  it('averages per-cent changes of each currency against the others since the base row', () => {
    const fr = world({ EUR: [1, 1.1], USD: [1, 1], JPY: [1, 1] });
    const a = averageChangeIndex(fr, { currencies: ['EUR', 'USD', 'JPY'] });
    expect(a.method).toBe('average % change against the other currencies');
    expect(a.values[0]![1]).toBeCloseTo(110, 12); // EUR/USD +10 %, EUR/JPY +10 %
    expect(a.values[1]![1]).toBeCloseTo(100 * (1 + (1 / 1.1 - 1) / 2), 12); // USD: −9.09 % vs EUR, 0 vs JPY
    expect(Array.from(a.pairsUsed[0]!)).toEqual([2, 2]);
  });
  it('drops missing prices from the average and gives NaN with none left', () => {
    const fr = world({ EUR: [1, 1.1, 1.2], USD: [1, 1, 1], JPY: [1, 1, 1] });
    fr.columns[0]![1] = Number.NaN;
    fr.columns[2]![1] = Number.NaN;
    const a = averageChangeIndex(fr, { currencies: ['EUR', 'USD', 'JPY'], baseTime: fr.time[0]! });
    expect(a.values[0]![1]).toBeNaN();
    expect(a.pairsUsed[1]![1]).toBe(1);
    expect(() => averageChangeIndex(fr, { baseTime: 0 })).toThrow(/before the first observation/);
  });
});

describe('sessionOpenAtOrBefore', () => {
  it('Tokyo 09:00 JST, London 08:00 local (BST in summer), New York 08:00 local; weekends skipped', () => {
    expect(sessionOpenAtOrBefore('tokyo', Date.UTC(2024, 0, 10, 3))).toBe(Date.UTC(2024, 0, 10, 0));
    expect(sessionOpenAtOrBefore('tokyo', Date.UTC(2024, 0, 9, 23, 59))).toBe(Date.UTC(2024, 0, 9, 0));
    expect(sessionOpenAtOrBefore('london', Date.UTC(2024, 6, 10, 12))).toBe(Date.UTC(2024, 6, 10, 7));
    expect(sessionOpenAtOrBefore('london', Date.UTC(2024, 0, 10, 12))).toBe(Date.UTC(2024, 0, 10, 8));
    expect(sessionOpenAtOrBefore('newyork', Date.UTC(2024, 6, 13, 12))).toBe(Date.UTC(2024, 6, 12, 12)); // Saturday → Friday 08:00 EDT
    expect(sessionOpenAtOrBefore('tokyo', Number.NaN)).toBeNaN();
    expect(() => sessionOpenAtOrBefore('sydney' as 'tokyo', 0)).toThrow(/unknown session "sydney"; use one of tokyo, london, newyork/);
  });
});

describe('crossInconsistency', () => {
  const s = (symbol: string, t: number[], p: number[]): PriceSeries => ({ symbol, time: Float64Array.from(t), close: Float64Array.from(p) });
  it('measures the direct cross against the product of its legs in pips and bp', () => {
    const eurusd = s('EUR/USD', [1, 2, 3], [1.1, 1.2, 1.3]);
    const usdjpy = s('USD/JPY', [1, 2, 3], [100, 110, 120]);
    const eurjpy = s('EUR/JPY', [2, 3, 4], [132.01, 156, 150]);
    const route = findRoute('EUR/JPY', ['EUR/USD', 'USD/JPY'])!;
    const syn = crossSeries(route, (x) => (x === 'EUR/USD' ? eurusd : usdjpy));
    const r = crossInconsistency(eurjpy, syn, 0.01);
    expect(Array.from(r.time)).toEqual([2, 3]);
    expect(r.pips[0]).toBeCloseTo(1, 9);
    expect(r.bp[0]).toBeCloseTo(1e4 * (132.01 / 132 - 1), 9);
    expect(r.pips[1]).toBeCloseTo(0, 9);
    expect(r.pipsSummary.maxAbs).toBeCloseTo(1, 9);
  });
  it('summaries: linear-interpolation p99, NaN-free, empty', () => {
    const d = diffSummary(Float64Array.from({ length: 101 }, (_, i) => i - 50));
    expect(d.median).toBe(0);
    expect(d.p99Abs).toBeCloseTo(50, 12);
    expect(d.maxAbs).toBe(50);
    expect(diffSummary(Float64Array.of(Number.NaN, 2)).mean).toBe(2);
    expect(diffSummary(new Float64Array(0)).mean).toBeNaN();
  });
});
