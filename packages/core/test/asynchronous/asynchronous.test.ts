import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eppsCurve, hayashiYoshida } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

interface Series {
  symbol: string;
  time: number[];
  logPrice: number[];
}
const doc = JSON.parse(readFileSync(fixture('packages/core/test/asynchronous/fixtures/hayashiYoshida.json'), 'utf8')) as {
  x: Series;
  y: Series;
  hy: { covariance: number; varianceX: number; varianceY: number; correlation: number };
  epps: { intervalMs: number; n: number; correlation: number }[];
};

/** The estimator as the paper writes it: every pair of intervals, overlap tested directly. */
function slowHy(tx: number[], x: number[], ty: number[], y: number[]): number {
  let s = 0;
  for (let i = 1; i < tx.length; i++) {
    for (let j = 1; j < ty.length; j++) {
      if (Math.max(tx[i - 1]!, ty[j - 1]!) < Math.min(tx[i]!, ty[j]!)) s += (x[i]! - x[i - 1]!) * (y[j]! - y[j - 1]!);
    }
  }
  return s;
}

// Tolerance 1e-12 relative: the same sum in another order (the sweep adds y's moves per x
// interval first).
describe('Hayashi–Yoshida and the Epps curve vs the paper in NumPy and pandas ffill (HistData EUR/USD, GBP/USD M1, thinned at random)', () => {
  const { x, y } = doc;
  it('hayashiYoshida matches the double sum of Hayashi & Yoshida (2005)', () => {
    const got = hayashiYoshida(x.time, Float64Array.from(x.logPrice), y.time, Float64Array.from(y.logPrice));
    expect(Math.abs(got.covariance / doc.hy.covariance - 1)).toBeLessThan(1e-12);
    expect(Math.abs(got.varianceX / doc.hy.varianceX - 1)).toBeLessThan(1e-12);
    expect(Math.abs(got.varianceY / doc.hy.varianceY - 1)).toBeLessThan(1e-12);
    expect(Math.abs(got.correlation - doc.hy.correlation)).toBeLessThan(1e-12);
    expect(got.overlaps).toBeLessThanOrEqual(x.time.length + y.time.length - 3);
  });
  it('eppsCurve matches previous-tick sampling by pandas reindex(method="ffill") at 1 … 120 minutes, and rises with the interval', () => {
    const got = eppsCurve(x.time, Float64Array.from(x.logPrice), y.time, Float64Array.from(y.logPrice), doc.epps.map((e) => e.intervalMs));
    doc.epps.forEach((ref, i) => {
      expect(got[i]!.interval).toBe(ref.intervalMs);
      expect(got[i]!.n).toBe(ref.n);
      expect(Math.abs(got[i]!.correlation - ref.correlation)).toBeLessThan(1e-12);
    });
    // The Epps effect on real data: one-minute sampling sees a quarter of the HY correlation.
    expect(got[0]!.correlation).toBeLessThan(doc.hy.correlation / 3);
  });
  it('on identical times HY is the realised covariance (each interval meets only itself)', () => {
    const t = x.time.slice(0, 500);
    const a = Float64Array.from(x.logPrice.slice(0, 500));
    const b = Float64Array.from(a, (v, i) => v * 0.5 + Math.sin(i));
    let rc = 0;
    for (let i = 1; i < 500; i++) rc += (a[i]! - a[i - 1]!) * (b[i]! - b[i - 1]!);
    expect(hayashiYoshida(t, a, t, b).covariance).toBeCloseTo(rc, 14);
  });
});

describe('Hayashi–Yoshida: laws and degenerate input', () => {
  it('the documented examples', () => {
    expect(hayashiYoshida([0, 2, 4], Float64Array.of(0, 1, 3), [1, 3], Float64Array.of(0, 2)).covariance).toBe(6);
    expect(eppsCurve([0, 1, 2, 3, 4], Float64Array.of(0, 1, 0, 1, 2), [0, 2, 4], Float64Array.of(0, 1, 2), [2])[0]!.correlation).toBeCloseTo(Math.SQRT1_2, 15);
  });
  it('the sweep equals the double sum on random irregular times (property)', () => {
    const times = fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { minLength: 0, maxLength: 40 }).map((a) => a.sort((p, q) => p - q));
    fc.assert(
      fc.property(times, times, fc.integer({ min: 1, max: 1000 }), (tx, ty, seed) => {
        const x = tx.map((t) => Math.sin(t * 0.1 + seed));
        const y = ty.map((t) => Math.cos(t * 0.07 + seed));
        const got = hayashiYoshida(tx, Float64Array.from(x), ty, Float64Array.from(y));
        if (tx.length < 2 || ty.length < 2) expect(got.covariance).toBeNaN();
        else expect(got.covariance).toBeCloseTo(slowHy(tx, x, ty, y), 12);
      }),
      { numRuns: 200 },
    );
  });
  it('empty, one observation, NaN and constant series give NaN; bad times throw', () => {
    expect(hayashiYoshida([], new Float64Array(0), [], new Float64Array(0)).correlation).toBeNaN();
    expect(hayashiYoshida([1], Float64Array.of(1), [1, 2], Float64Array.of(1, 2)).covariance).toBeNaN();
    expect(hayashiYoshida([1, 2, 3], Float64Array.of(1, Number.NaN, 2), [1, 2], Float64Array.of(1, 2)).covariance).toBeNaN();
    const c = hayashiYoshida([1, 2, 3], Float64Array.of(1, 1, 1), [1, 3], Float64Array.of(1, 2));
    expect(c.covariance).toBe(0);
    expect(c.correlation).toBeNaN();
    expect(() => hayashiYoshida([1, 2], Float64Array.of(1), [1], Float64Array.of(1))).toThrow(/x has 2 times but 1 values/);
    expect(() => hayashiYoshida([1, 1], Float64Array.of(1, 2), [1], Float64Array.of(1))).toThrow(/x times must increase strictly; time 1 \(1\) follows 1/);
    expect(() => eppsCurve([1], Float64Array.of(1), [2, 1], Float64Array.of(1, 2), [1])).toThrow(/eppsCurve: y times must increase strictly/);
    expect(() => eppsCurve([Number.NaN], Float64Array.of(1), [], new Float64Array(0), [1])).toThrow(/x time 0 is not finite/);
  });
  it('Epps: no common span or a bad interval gives n = 0 and NaN', () => {
    expect(eppsCurve([0, 1], Float64Array.of(0, 1), [5, 6], Float64Array.of(0, 1), [1])[0]).toEqual({ interval: 1, n: 0, correlation: Number.NaN });
    expect(eppsCurve([0, 1], Float64Array.of(0, 1), [0, 1], Float64Array.of(0, 1), [0])[0]!.n).toBe(0);
    expect(eppsCurve([], new Float64Array(0), [], new Float64Array(0), [1])[0]!.correlation).toBeNaN();
  });
});
