import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chiSquareSurvival, christoffersenIndependence, formatIsoDate, kupiecPof, rollingVaR, varBacktest, type PriceSeries } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { between, ecbSeries, logReturns } from './helpers/realData.js';

type LR = { lr: number; pValue: number };
type Case = {
  symbol: string;
  method: 'historical' | 'normal' | 'ewma';
  confidence: number;
  n: number;
  breaches: number;
  breachIndex: number[];
  breachDates: string[];
  forecastSample: number[];
  kupiec: LR;
  independence: LR & { n00: number; n01: number; n10: number; n11: number };
  conditionalCoverage: LR;
};
const ref = JSON.parse(readFileSync(fixture('packages/core/test/risk/fixtures/backtest.json'), 'utf8')) as { window: number; from: string; to: string; cases: Case[] };
const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));
const data: Record<string, { s: PriceSeries; r: Float64Array }> = {};

beforeAll(async () => {
  for (const sym of ['EUR/USD', 'USD/JPY']) {
    const s = between(await ecbSeries(sym), ref.from, ref.to);
    data[sym] = { s, r: logReturns(s.close) };
  }
});

describe('rolling VaR backtests vs SciPy 1.10 (chi2.sf, xlogy) on ECB daily returns 2005–2019 (backtest.gen.py)', () => {
  for (const c of ref.cases) {
    it(`${c.symbol} ${c.method} ${c.confidence}: forecasts, breach dates, Kupiec, Christoffersen, conditional coverage`, () => {
      const { s, r } = data[c.symbol]!;
      const f = rollingVaR(r, ref.window, c.confidence, c.method);
      c.forecastSample.forEach((v, k) => expect(rel(f[ref.window + 97 * k]!, v)).toBeLessThan(1e-12));
      const bt = varBacktest(r, f, c.confidence);
      expect(bt.n).toBe(c.n);
      expect(bt.breaches).toBe(c.breaches);
      expect(Array.from(bt.breachIndex)).toEqual(c.breachIndex);
      // return t is earned on the date of price t + 1
      expect(Array.from(bt.breachIndex, (i) => formatIsoDate(s.time[i + 1]!))).toEqual(c.breachDates);
      expect(bt.expected).toBeCloseTo(c.n * (1 - c.confidence), 9);
      expect(rel(bt.kupiec.lr, c.kupiec.lr)).toBeLessThan(1e-10);
      expect(rel(bt.kupiec.pValue, c.kupiec.pValue)).toBeLessThan(1e-10);
      const ind = bt.independence;
      expect([ind.n00, ind.n01, ind.n10, ind.n11]).toEqual([c.independence.n00, c.independence.n01, c.independence.n10, c.independence.n11]);
      expect(rel(ind.lr, c.independence.lr)).toBeLessThan(1e-9);
      expect(rel(ind.pValue, c.independence.pValue)).toBeLessThan(1e-9);
      expect(rel(bt.conditionalCoverage.lr, c.conditionalCoverage.lr)).toBeLessThan(1e-10);
      expect(rel(bt.conditionalCoverage.pValue, c.conditionalCoverage.pValue)).toBeLessThan(1e-10);
    });
  }
});

describe('backtest statistics: definitions and edges', () => {
  it('Kupiec example and laws: LR = 0 at x = np, ≥ 0 always', () => {
    const k = kupiecPof(5, 250, 0.01);
    expect(k.lr).toBeCloseTo(1.9568, 4);
    expect(kupiecPof(10, 1000, 0.01).lr).toBeCloseTo(0, 12);
    fc.assert(fc.property(fc.integer({ min: 1, max: 2000 }), fc.double({ min: 0.001, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (n, p, u) => {
      const x = Math.floor(u * n);
      const r = kupiecPof(x, n, p);
      expect(r.lr).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
    }));
    expect(kupiecPof(0, 250, 0.01).lr).toBeCloseTo(-2 * 250 * Math.log(0.99), 12);
    expect(kupiecPof(250, 250, 0.01).lr).toBeCloseTo(-2 * 250 * Math.log(0.01), 10);
    for (const [x, n, p] of [[1, 0, 0.01], [-1, 10, 0.01], [11, 10, 0.01], [1, 10, 0], [1, 10, 1], [NaN, 10, 0.1]]) expect(kupiecPof(x!, n!, p!).lr).toBeNaN();
  });
  it('Christoffersen: slow count of transitions, clustering raises LR, degenerate sequences', () => {
    const h = Uint8Array.of(0, 1, 1, 0, 0, 0, 1, 0);
    const r = christoffersenIndependence(h);
    expect([r.n00, r.n01, r.n10, r.n11]).toEqual([2, 2, 2, 1]);
    // spelled out: π0 = 2/4, π1 = 1/3, π = 3/7
    const l0 = 4 * Math.log(4 / 7) + 3 * Math.log(3 / 7);
    const l1 = 4 * Math.log(1 / 2) + 2 * Math.log(2 / 3) + Math.log(1 / 3);
    expect(r.lr).toBeCloseTo(-2 * (l0 - l1), 12);
    const spread = christoffersenIndependence(Uint8Array.from({ length: 100 }, (_, i) => (i % 20 === 0 ? 1 : 0)));
    const clustered = christoffersenIndependence(Uint8Array.from({ length: 100 }, (_, i) => (i < 5 ? 1 : 0)));
    expect(clustered.lr).toBeGreaterThan(spread.lr);
    expect(christoffersenIndependence(new Uint8Array(50)).lr).toBe(0);
    expect(christoffersenIndependence(Uint8Array.of(1)).lr).toBeNaN();
    expect(christoffersenIndependence([]).lr).toBeNaN();
  });
  it('varBacktest skips NaN days and rejects mismatched lengths', () => {
    const pnl = Float64Array.of(-0.05, 0.01, NaN, -0.02, 0.0);
    const v = Float64Array.of(NaN, 0.03, 0.03, 0.01, 0.01);
    const bt = varBacktest(pnl, v, 0.99);
    expect(bt.n).toBe(3);
    expect(bt.breaches).toBe(1);
    expect(Array.from(bt.breachIndex)).toEqual([3]);
    expect(varBacktest(pnl, v.subarray(1), 0.99).n).toBe(0);
    expect(varBacktest(pnl, v.subarray(1), 0.99).kupiec.lr).toBeNaN();
  });
  it('rollingVaR uses only past data (a shock at t moves forecasts from t + 1 on)', () => {
    const r = Float64Array.from({ length: 60 }, (_, i) => Math.sin(i) * 0.01);
    const shocked = Float64Array.from(r);
    shocked[40] = -0.5;
    for (const m of ['historical', 'normal', 'cornish-fisher', 'ewma'] as const) {
      const a = rollingVaR(r, 20, 0.99, m);
      const b = rollingVaR(shocked, 20, 0.99, m);
      for (let t = 0; t <= 40; t++) expect(Object.is(a[t], b[t])).toBe(true);
      expect(b[41]).not.toBe(a[41]);
      expect(a[19]).toBeNaN();
    }
    expect(Array.from(rollingVaR(r, 1, 0.99, 'normal')).every(Number.isNaN)).toBe(true);
  });
  it('chi-square survival for df 1 and 2 (SciPy: chi2.sf(3.841458820694124, 1) = 0.05)', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 14);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 14);
    expect(chiSquareSurvival(0, 1)).toBe(1);
    expect(chiSquareSurvival(Infinity, 1)).toBe(0);
    expect(chiSquareSurvival(NaN, 2)).toBeNaN();
    expect(chiSquareSurvival(1, 0)).toBeNaN();
    expect(chiSquareSurvival(200, 1)).toBeGreaterThan(0); // tail kept, no cancellation
  });
});
