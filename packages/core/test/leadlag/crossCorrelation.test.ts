import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossCorrelation, fSurvival } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

interface Granger {
  lag: number;
  f: number;
  fP: number;
  dfDenom: number;
  chi2: number;
  chi2P: number;
  lr: number;
  lrP: number;
}
interface Case {
  name: string;
  xReturns: number[];
  yReturns: number[];
  xcorr: { lag: number; r: number; n: number; p: number }[];
  grangerXtoY: Granger[];
  grangerYtoX: Granger[];
}
const doc = JSON.parse(readFileSync(fixture('packages/core/test/leadlag/fixtures/leadlag.json'), 'utf8')) as { source: string; cases: Case[] };

/** |a − b| ≤ tol · max(1e-300, |b|): relative. */
const rel = (a: number, b: number, tol: number): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1e-300, Math.abs(b)));
};

// Tolerances: r 1e-13 absolute (two-pass Pearson against pandas' nancorr); p-values 1e-9
// relative (the exact t-test through the incomplete beta function, against SciPy's).
describe.each(doc.cases)('crossCorrelation on $name vs pandas / SciPy', (c) => {
  const x = Float64Array.from(c.xReturns);
  const y = Float64Array.from(c.yReturns);
  it('crossCorrelation: r, pairs and p-value at each lag −10 … 10 (pandas corr of shift(−k), scipy pearsonr)', () => {
    const got = crossCorrelation(x, y, 10);
    c.xcorr.forEach((ref, i) => {
      expect(got.lags[i]).toBe(ref.lag);
      expect(got.n[i]).toBe(ref.n);
      expect(Math.abs(got.r[i]! - ref.r)).toBeLessThan(1e-13);
      rel(got.p[i]!, ref.p, 1e-9);
    });
    const best = c.xcorr.reduce((a, b) => (Math.abs(b.r) > Math.abs(a.r) ? b : a));
    expect(got.best?.lag).toBe(best.lag);
    expect(got.best?.pAdjusted).toBe(Math.min(1, got.best!.p * 21));
  });
});

describe('lead–lag: behaviour and degenerate input', () => {
  it('the documented examples', () => {
    expect(crossCorrelation(Float64Array.of(1, 3, 2, 5, 4, 6), Float64Array.of(0, 1, 3, 2, 5, 4), 1).best?.lag).toBe(1);
    expect(fSurvival(3, 2, 20)).toBeCloseTo(0.07253815028640576, 15);
  });
  it('a series that repeats another 3 steps later peaks at lag +3 (x leads) and −3 the other way round', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i * 1.7) + Math.cos(i * 0.37 + 1));
    const y = new Float64Array(200);
    for (let t = 3; t < 200; t++) y[t] = x[t - 3]!;
    expect(crossCorrelation(x, y, 5).best?.lag).toBe(3);
    expect(crossCorrelation(y, x, 5).best?.lag).toBe(-3);
    expect(crossCorrelation(x, y, 5).best?.r).toBeCloseTo(1, 12);
  });
  it('NaN pairs are dropped per lag; too few pairs and constant series give NaN; bad arguments throw', () => {
    const x = Float64Array.of(1, 2, Number.NaN, 4, 5, 7);
    const y = Float64Array.of(2, 1, 3, 5, Number.NaN, 6);
    const got = crossCorrelation(x, y, 1);
    expect(Array.from(got.n)).toEqual([3, 4, 3]);
    const e = crossCorrelation(new Float64Array(0), new Float64Array(0), 0);
    expect(e.r[0]).toBeNaN();
    expect(e.best).toBeNull();
    expect(crossCorrelation(new Float64Array(5).fill(2), Float64Array.of(1, 2, 3, 4, 5), 1).r[1]).toBeNaN();
    expect(() => crossCorrelation(x, y.subarray(1), 1)).toThrow(/lengths differ/);
    expect(() => crossCorrelation(x, y, 6)).toThrow(/maxLag must be a whole number in 0…5, got 6/);
  });
});
