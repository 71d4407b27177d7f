import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignedPeriodReturns, formatIsoDate, parseIsoDate, performanceReport, type PriceSeries, type RiskFree } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

interface Expected {
  n: number;
  observedFactor: number;
  factor: number;
  cumulativeReturn: number;
  annualizedReturn: number;
  annualizedVolatility: number;
  returnRisk: number;
  sharpe: number;
  sortino: number;
  maxDrawdown: { depth: number; peak: string; trough: string; recovery: string | null };
  calmar: number;
  skewness: number;
  excessKurtosis: number;
  var: number;
  es: number;
  bestPeriod: [string, number];
  worstPeriod: [string, number];
  bestMonth: [string, number];
  worstMonth: [string, number];
  bestYear: [string, number];
  worstYear: [string, number];
  monthly: Record<string, (number | null)[]>;
  yearTotals: Record<string, number>;
  correlation: number;
  beta: number;
  phases: { peak: string; trough: string; recovery: string | null; depth: number; assetPeakToTrough: number; assetPeakToRecovery: number }[];
}
interface Case {
  name: string;
  asset: string;
  benchmark: string;
  level: number;
  annualization: 'observed' | number;
  riskFree: number | { dates: string[]; rate: number[] };
  dates: string[];
  assetPrice: number[];
  benchmarkPrice: number[];
  expected: Expected;
}
const doc = JSON.parse(readFileSync(fixture('packages/core/test/performance/fixtures/performance.json'), 'utf8')) as { source: string; cases: Case[] };

const near = (a: number, b: number, tol = 1e-12): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
};
const day = (t: number): string | null => (Number.isNaN(t) ? null : formatIsoDate(t));

describe.each(doc.cases)('performanceReport vs pandas 1.5.3 ($name)', (c) => {
  const time = Float64Array.from(c.dates, parseIsoDate);
  const series = (symbol: string, p: number[]): PriceSeries => ({ symbol, time, close: Float64Array.from(p) });
  const { asset, benchmark } = alignedPeriodReturns(series(c.asset, c.assetPrice), series(c.benchmark, c.benchmarkPrice));
  const riskFree: RiskFree = typeof c.riskFree === 'number' ? c.riskFree : { time: Float64Array.from(c.riskFree.dates, parseIsoDate), rate: Float64Array.from(c.riskFree.rate) };
  const annualization = c.annualization === 'observed' ? 'observed' : 'conventional';
  const rep = performanceReport(asset, { benchmark, riskFree, varLevel: c.level, annualization });
  const e = c.expected;

  it('annualisation, return, risk and ratios', () => {
    expect(rep.n).toBe(e.n);
    near(rep.annualization.factor, e.factor, 1e-13);
    expect(rep.annualization.method).toBe(annualization);
    near(rep.cumulativeReturn, e.cumulativeReturn, 1e-12);
    near(rep.annualizedReturn, e.annualizedReturn, 1e-12);
    near(rep.annualizedVolatility, e.annualizedVolatility, 1e-12);
    near(rep.returnRisk, e.returnRisk, 1e-11);
    near(rep.sharpe, e.sharpe, 1e-10);
    near(rep.sortino, e.sortino, 1e-10);
    near(rep.calmar, e.calmar, 1e-11);
  });

  it('maximum drawdown with peak, trough and recovery dates', () => {
    const m = rep.maxDrawdown!;
    near(m.depth, e.maxDrawdown.depth, 1e-12);
    expect(day(m.peak)).toBe(e.maxDrawdown.peak);
    expect(day(m.trough)).toBe(e.maxDrawdown.trough);
    expect(day(m.recovery)).toBe(e.maxDrawdown.recovery);
  });

  it('skew (bias-corrected), excess kurtosis, historical VaR and ES', () => {
    near(rep.skewness, e.skewness, 1e-9);
    near(rep.excessKurtosis, e.excessKurtosis, 1e-9);
    near(rep.var.var, e.var, 1e-13);
    near(rep.var.es, e.es, 1e-13);
    expect(rep.var.es).toBeGreaterThanOrEqual(rep.var.var);
  });

  it('best and worst period, month and year; monthly table', () => {
    expect([day(rep.best.period.at as number), rep.best.period.return]).toEqual(e.bestPeriod);
    expect([day(rep.worst.period.at as number), rep.worst.period.return]).toEqual(e.worstPeriod);
    expect(rep.best.month.at).toBe(e.bestMonth[0]);
    near(rep.best.month.return, e.bestMonth[1], 1e-12);
    expect(rep.worst.month.at).toBe(e.worstMonth[0]);
    near(rep.worst.month.return, e.worstMonth[1], 1e-12);
    expect(rep.best.year.at).toBe(e.bestYear[0]);
    near(rep.best.year.return, e.bestYear[1], 1e-12);
    expect(rep.worst.year.at).toBe(e.worstYear[0]);
    near(rep.worst.year.return, e.worstYear[1], 1e-12);
    expect(rep.monthly.years.map(String)).toEqual(Object.keys(e.monthly));
    rep.monthly.years.forEach((y, i) => {
      e.monthly[String(y)]!.forEach((v, m) => (v === null ? expect(rep.monthly.months[i]![m]).toBeNaN() : near(rep.monthly.months[i]![m]!, v, 1e-12)));
      near(rep.monthly.total[i]!, e.yearTotals[String(y)]!, 1e-12);
    });
  });

  it('correlation, beta and the asset during each benchmark drawdown', () => {
    const b = rep.benchmark!;
    near(b.correlation, e.correlation, 1e-12);
    near(b.beta, e.beta, 1e-12);
    expect(b.phases.length).toBe(e.phases.length);
    b.phases.forEach((p, i) => {
      const q = e.phases[i]!;
      expect([day(p.peak), day(p.trough), day(p.recovery)]).toEqual([q.peak, q.trough, q.recovery]);
      near(p.depth, q.depth, 1e-12);
      near(p.assetPeakToTrough, q.assetPeakToTrough, 1e-12);
      near(p.assetPeakToRecovery, q.assetPeakToRecovery, 1e-12);
    });
  });
});
