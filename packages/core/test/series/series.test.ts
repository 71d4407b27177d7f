import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  alignSeries,
  completeRows,
  crossSeries,
  findRoute,
  frameReturns,
  intersectTimes,
  returnsInto,
  unionTimes,
  windowBounds,
  windowFrame,
  type PriceSeries,
} from '@soukan/core';

const s = (symbol: string, time: number[], close: number[]): PriceSeries => ({
  symbol,
  time: Float64Array.from(time),
  close: Float64Array.from(close),
});
const arr = (a: Float64Array): number[] => Array.from(a);

describe('alignSeries', () => {
  const a = s('EUR/USD', [1, 2, 3, 5], [10, 11, 12, 13]);
  const b = s('USD/JPY', [2, 3, 4, 5], [20, 21, 22, 23]);
  it('inner join keeps common times (default)', () => {
    const { frame } = alignSeries([a, b]);
    expect(arr(frame.time)).toEqual([2, 3, 5]);
    expect(arr(frame.columns[0]!)).toEqual([11, 12, 13]);
    expect(arr(frame.columns[1]!)).toEqual([20, 21, 23]);
  });
  it('pairwise keeps the union with NaN holes, never filled', () => {
    const { frame, filled } = alignSeries([a, b], { kind: 'pairwise' });
    expect(arr(frame.time)).toEqual([1, 2, 3, 4, 5]);
    expect(arr(frame.columns[0]!)).toEqual([10, 11, 12, NaN, 13]);
    expect(arr(frame.columns[1]!)).toEqual([NaN, 20, 21, 22, 23]);
    expect(filled).toEqual([0, 0]);
  });
  it('forward-fills at most `limit` rows per gap, and counts them', () => {
    const c = s('X/Y', [1, 2, 3, 4, 5, 6], [1, 2, 3, 4, 5, 6]);
    const d = s('Z/W', [1, 5], [7, 8]);
    const r1 = alignSeries([c, d], { kind: 'ffill', limit: 2 });
    expect(arr(r1.frame.columns[1]!)).toEqual([7, 7, 7, NaN, 8, 8]);
    expect(r1.filled).toEqual([0, 3]);
    const r0 = alignSeries([c, d], { kind: 'ffill', limit: 0 });
    expect(arr(r0.frame.columns[1]!)).toEqual([7, NaN, NaN, NaN, 8, NaN]);
  });
  it('treats NaN values in a series as absent', () => {
    const { frame } = alignSeries([s('A/B', [1, 2], [NaN, 1]), s('C/D', [1, 2], [1, 1])]);
    expect(arr(frame.time)).toEqual([1, 2]);
    expect(arr(completeRows(frame).time)).toEqual([2]);
  });
  it('handles empty input and empty series', () => {
    expect(alignSeries([]).frame.columns).toEqual([]);
    expect(alignSeries([a, s('E/F', [], [])]).frame.time.length).toBe(0);
  });
  it('union and intersection agree with Set semantics on random sorted inputs', () => {
    const sorted = fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }).map((x) => Float64Array.from(x.sort((p, q) => p - q)));
    fc.assert(
      fc.property(fc.array(sorted, { minLength: 1, maxLength: 4 }), (ts) => {
        const union = [...new Set(ts.flatMap((t) => arr(t)))].sort((p, q) => p - q);
        expect(arr(unionTimes(ts))).toEqual(union);
        const inter = union.filter((x) => ts.every((t) => t.includes(x)));
        expect(arr(intersectTimes(ts))).toEqual(inter);
      }),
    );
  });
});

describe('returns', () => {
  it('computes log and simple returns between consecutive rows', () => {
    const p = Float64Array.of(100, 110, 99);
    expect(arr(returnsInto(p, new Float64Array(2)))).toEqual([Math.log(1.1), Math.log(0.9)]);
    expect(arr(returnsInto(p, new Float64Array(2), 'simple'))[0]).toBeCloseTo(0.1, 15);
  });
  it('gives NaN next to missing, non-positive or infinite prices', () => {
    const p = Float64Array.of(1, NaN, 2, 0, 3, -1, 4, Infinity, 5);
    expect(arr(returnsInto(p, new Float64Array(8))).every(Number.isNaN)).toBe(true);
  });
  it('stamps each return with the later time; empty and one-row frames give no rows', () => {
    const f = frameReturns({ time: Float64Array.of(1, 2, 3), symbols: ['A/B'], columns: [Float64Array.of(1, 2, 4)] });
    expect(arr(f.time)).toEqual([2, 3]);
    expect(arr(f.columns[0]!)).toEqual([Math.log(2), Math.log(2)]);
    expect(frameReturns({ time: Float64Array.of(1), symbols: ['A/B'], columns: [Float64Array.of(1)] }).time.length).toBe(0);
    expect(frameReturns({ time: new Float64Array(0), symbols: [], columns: [] }).time.length).toBe(0);
  });
});

describe('windows', () => {
  const time = Float64Array.of(10, 20, 30, 40, 50);
  it('last N ending at or before a date', () => {
    expect(windowBounds(time, { kind: 'last', n: 2 })).toEqual({ start: 3, stop: 5 });
    expect(windowBounds(time, { kind: 'last', n: 2, end: 35 })).toEqual({ start: 1, stop: 3 });
    expect(windowBounds(time, { kind: 'last', n: 2, end: 30 })).toEqual({ start: 1, stop: 3 });
    expect(windowBounds(time, { kind: 'last', n: 10 })).toEqual({ start: 0, stop: 5 });
    expect(windowBounds(time, { kind: 'last', n: 2, end: 5 })).toEqual({ start: 0, stop: 0 });
  });
  it('closed date range', () => {
    expect(windowBounds(time, { kind: 'range', from: 20, to: 40 })).toEqual({ start: 1, stop: 4 });
    expect(windowBounds(time, { kind: 'range', from: 21 })).toEqual({ start: 2, stop: 5 });
    expect(windowBounds(time, { kind: 'range', from: 60, to: 70 })).toEqual({ start: 5, stop: 5 });
    expect(windowBounds(time, { kind: 'range', from: 40, to: 20 })).toEqual({ start: 3, stop: 3 });
    const f = windowFrame({ time, symbols: ['A/B'], columns: [Float64Array.of(1, 2, 3, 4, 5)] }, { kind: 'range', to: 20 });
    expect(arr(f.columns[0]!)).toEqual([1, 2]);
  });
});

describe('crossSeries', () => {
  const eurusd = s('EUR/USD', [1, 2, 3], [1.25, 1.2, 1.1]);
  const eurjpy = s('EUR/JPY', [1, 3, 4], [125, 132, 133]);
  const get = (sym: string): PriceSeries => (sym === 'EUR/USD' ? eurusd : eurjpy);
  it('builds USD/JPY = EUR/JPY ÷ EUR/USD on common dates', () => {
    const r = crossSeries(findRoute('USD/JPY', ['EUR/USD', 'EUR/JPY'])!, get);
    expect(r.symbol).toBe('USD/JPY');
    expect(arr(r.time)).toEqual([1, 3]);
    expect(arr(r.close)).toEqual([125 / 1.25, 132 / 1.1]);
    expect(r.high).toBeUndefined();
  });
  it('inverts exactly and passes direct quotes through', () => {
    const r = crossSeries(findRoute('USD/EUR', ['EUR/USD'])!, get);
    expect(arr(r.close)).toEqual([1 / 1.25, 1 / 1.2, 1 / 1.1]);
    expect(crossSeries(findRoute('EUR/USD', ['EUR/USD'])!, get)).toBe(eurusd);
  });
});
