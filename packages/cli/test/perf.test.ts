import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

const ecb = sharedData('eurofxref-hist.zip');
const h10 = sharedData('frb_h10_daily.csv');
interface Expected {
  n: number;
  factor: number;
  cumulativeReturn: number;
  annualizedReturn: number;
  annualizedVolatility: number;
  sharpe: number;
  sortino: number;
  calmar: number;
  maxDrawdown: { depth: number; peak: string; trough: string; recovery: string | null };
  skewness: number;
  excessKurtosis: number;
  var: number;
  es: number;
  bestMonth: [string, number];
  worstYear: [string, number];
  correlation: number;
  beta: number;
  phases: { peak: string; trough: string; recovery: string | null; depth: number; assetPeakToTrough: number }[];
  monthly: Record<string, (number | null)[]>;
}
interface Case {
  name: string;
  riskFree: number | { dates: string[]; rate: number[] };
  expected: Expected;
}
const cases = (JSON.parse(readFileSync(fixture('packages/core/test/performance/fixtures/performance.json'), 'utf8')) as { cases: Case[] }).cases;
const near = (a: number, b: number, tol: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

// The CLI's JSON for one asset (see perfJson), typed loosely for the comparison.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AssetJson = any;

function check(a: AssetJson, e: Expected): void {
  expect(a.n).toBe(e.n);
  near(a.annualization.factor, e.factor, 1e-13);
  near(a.cumulativeReturn, e.cumulativeReturn, 1e-12);
  near(a.annualizedReturn, e.annualizedReturn, 1e-12);
  near(a.annualizedVolatility, e.annualizedVolatility, 1e-12);
  near(a.sharpe, e.sharpe, 1e-10);
  near(a.sortino, e.sortino, 1e-10);
  near(a.calmar, e.calmar, 1e-11);
  expect(a.maxDrawdown).toMatchObject({ peak: e.maxDrawdown.peak, trough: e.maxDrawdown.trough, recovery: e.maxDrawdown.recovery });
  near(a.maxDrawdown.depth, e.maxDrawdown.depth, 1e-12);
  near(a.skewness, e.skewness, 1e-9);
  near(a.excessKurtosis, e.excessKurtosis, 1e-9);
  near(a.var.var, e.var, 1e-13);
  near(a.var.es, e.es, 1e-13);
  expect(a.best.month.at).toBe(e.bestMonth[0]);
  expect(a.worst.year.at).toBe(e.worstYear[0]);
  near(a.benchmark.correlation, e.correlation, 1e-12);
  near(a.benchmark.beta, e.beta, 1e-12);
  expect(a.benchmark.phases.map((p: { peak: string; trough: string; recovery: string | null }) => [p.peak, p.trough, p.recovery])).toEqual(e.phases.map((p) => [p.peak, p.trough, p.recovery]));
  a.benchmark.phases.forEach((p: { assetPeakToTrough: number }, i: number) => near(p.assetPeakToTrough, e.phases[i]!.assetPeakToTrough, 1e-12));
  expect(a.monthly.years.map(String)).toEqual(Object.keys(e.monthly));
}

describe('soukan perf', () => {
  it('json: USD/JPY vs EUR/USD (H.10 2015–2019, rf 2 %) equals the pandas computations (performance.gen.py)', async () => {
    const c = cases.find((x) => x.name === 'h10_usdjpy_vs_eurusd')!;
    const res = await runCli(['perf', 'USD/JPY', '--benchmark', 'EUR/USD', '--rf', '2%', '--data', h10, '--from', '2015-01-01', '--to', '2019-12-31', '--format', 'json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const j = JSON.parse(res.stdout);
    expect(j).toMatchObject({ returns: 'simple', riskFree: '2%', benchmark: 'EUR/USD' });
    expect(j.conventions.kurtosis).toMatch(/excess, bias-corrected/);
    check(j.assets[0], c.expected);
  });

  it('json: EUR/GBP vs EUR/USD (ECB 2010–2014) with a daily risk-free series from --rf-file', async () => {
    const c = cases.find((x) => x.name === 'ecb_eurgbp_vs_eurusd')!;
    const rf = c.riskFree as { dates: string[]; rate: number[] };
    const dir = mkdtempSync(join(tmpdir(), 'soukan-perf-'));
    const file = join(dir, 'rf.csv');
    writeFileSync(file, 'DATE,RATE\n' + rf.dates.map((d, i) => `${d},${rf.rate[i]! * 100}`).join('\n') + '\n');
    const res = await runCli(['perf', 'EUR/GBP', '--benchmark', 'EUR/USD', '--rf-file', file, '--var-level', '0.99', '--data', ecb, '--from', '2010-01-01', '--to', '2014-12-31', '--format', 'json']);
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout);
    // the file is written in per cent (the default --rf-unit)
    check(j.assets[0], c.expected);
    expect(j.assets[0].var.level).toBe(0.99);
  });

  it('weekly bars of daily data with the conventional factor 52', async () => {
    const c = cases.find((x) => x.name === 'h10_audusd_weekly')!;
    const res = await runCli(['perf', 'AUD/USD', '--benchmark', 'NZD/USD', '--timeframe', 'W1', '--annualization', 'conventional', '--data', h10, '--from', '2005-01-01', '--to', '2019-12-27', '--format', 'json']);
    expect(res.code).toBe(0);
    const a = JSON.parse(res.stdout).assets[0];
    expect(a.annualization).toMatchObject({ factor: 52, method: 'conventional' });
    // Weekly returns are stamped at the week's end (its Friday), as pandas' W-FRI labels them.
    expect(a.n).toBe(c.expected.n);
    expect(a.maxDrawdown).toMatchObject({ peak: c.expected.maxDrawdown.peak, trough: c.expected.maxDrawdown.trough, recovery: c.expected.maxDrawdown.recovery });
    near(a.annualizedVolatility, c.expected.annualizedVolatility, 1e-12);
    near(a.sharpe, c.expected.sharpe, 1e-10);
    near(a.maxDrawdown.depth, c.expected.maxDrawdown.depth, 1e-12);
    near(a.benchmark.beta, c.expected.beta, 1e-12);
  });

  it('W1 of daily data: each week stamped by its end (pandas resample("W-FRI")), so months, years and --to see it there', async () => {
    const c = cases.find((x) => x.name === 'ecb_eurgbp_weekly')! as Case & { dates: string[]; expected: Expected & { yearTotals: Record<string, number> } };
    // --to 2014-12-31 is a Wednesday: the week ending Friday 2015-01-02 is not in the window.
    const res = await runCli(['perf', 'EUR/GBP', '--benchmark', 'EUR/USD', '--timeframe', 'W1', '--annualization', 'conventional', '--data', ecb, '--from', '2010-01-01', '--to', '2014-12-31', '--format', 'json']);
    expect(res.code, res.stderr).toBe(0);
    const a = JSON.parse(res.stdout).assets[0];
    check(a, c.expected);
    expect(a.start).toBe(c.dates[0]);
    expect(a.end).toBe(c.dates[c.dates.length - 1]);
    expect(a.end).toBe('2014-12-26');
    const totals = Object.fromEntries(a.monthly.years.map((y: number, i: number) => [String(y), a.monthly.total[i]]));
    for (const [y, v] of Object.entries(c.expected.yearTotals)) near(totals[y], v, 1e-12);
    for (const [y, months] of Object.entries(c.expected.monthly)) {
      const i = a.monthly.years.indexOf(Number(y));
      months.forEach((m, k) => (m === null ? expect(a.monthly.months[i][k]).toBeNull() : near(a.monthly.months[i][k], m, 1e-12)));
    }
  });

  it('table: metrics by asset, benchmark drawdown phases, monthly table', async () => {
    const res = await runCli(['perf', 'USD/JPY', 'GBP/USD', '--benchmark', 'EUR/USD', '--rf', '0.02', '--data', h10, '--from', '2015-01-01', '--to', '2019-12-31', '--phases', '2', '--monthly']);
    expect(res.code).toBe(0);
    const out = res.stdout;
    expect(out.split('\n')[0]).toBe(
      'Performance · daily simple returns (long the base currency) · annualisation: observed 250.1 periods/year (median spacing 1 day) · risk-free 2% · benchmark EUR/USD',
    );
    expect(out).toMatch(/^metric\s+USD\/JPY\s+GBP\/USD$/m);
    expect(out).toMatch(/^Sharpe\s+-0\.41\s+-0\.46$/m);
    expect(out).toMatch(/^drawdown recovery\s+not recovered\s+not recovered$/m);
    expect(out).toMatch(/^USD\/JPY during the EUR\/USD drawdowns \(deepest 2 of 7\)$/m);
    expect(out).toMatch(/^2015-01-02\s+2016-12-15\s+2017-08-29\s+-13\.65%\s+-1\.56%/m);
    expect(out).toMatch(/^year\s+Jan\s+Feb .* Dec\s+year$/m);
  });

  it('csv: one row per metric, one column per asset', async () => {
    const res = await runCli(['perf', 'USD/JPY', 'EUR/USD', '--data', h10, '--from', '2015-01-01', '--to', '2019-12-31', '--format', 'csv']);
    const rows = res.stdout.trim().split('\n');
    expect(rows[0]).toBe('metric,USD/JPY,EUR/USD');
    expect(rows.find((r) => r.startsWith('periods per year,'))).toMatch(/^periods per year,250\.1\d*,250\.1\d*$/);
  });

  it('bad input names the problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soukan-perf-'));
    const monthly = join(dir, 'monthly.csv');
    writeFileSync(monthly, 'observation_date,TB3MS\n2014-12-01,0.03\n2015-01-01,0.03\n2015-02-01,0.02\n2015-03-01,.\n2015-04-01,0.02\n2015-05-01,0.02\n2015-06-01,0.02\n');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'date,rate\n2015-01-02,1.5\n2015-01-05,1.5x\n');
    const cases: [string[], RegExp][] = [
      [['perf', 'USD/JPY', '--benchmark', 'EUR/USD', '--data', ecb, '--from', '2000-05-31', '--to', '2000-06-08'], /the benchmark EUR\/USD has no drawdown between 2000-05-31 and 2000-06-08 .* choose another benchmark or window/],
      [['perf', 'USD/JPY', '--rf-file', monthly, '--data', h10, '--from', '2015-01-01', '--to', '2015-06-30'], /--rf-file: .*monthly\.csv has the wrong frequency: median spacing 3\d days \(monthly\) against 1 days \(daily\)/],
      [['perf', 'USD/JPY', '--rf-file', bad, '--data', h10], /bad\.csv, line 3, field 2: not a number: "1\.5x"/],
      [['perf', 'EUR/TRL', '--benchmark', 'EUR/BRL', '--data', ecb], /EUR\/TRL and the benchmark EUR\/BRL do not overlap in time .*EUR\/TRL 1999-01-04 → 2004-12-31; EUR\/BRL 2008-01-02 → 2026-04-13/],
      [['perf', 'USD/JPY', '--rf', 'two', '--data', ecb], /--rf: expected an annual rate such as 0\.02 or 2%, got "two"/],
      [['perf', 'USD/JPY', '--rf', '1%', '--rf-file', monthly, '--data', ecb], /give --rf or --rf-file, not both/],
      [['perf', 'USD/JPY', '--annualization', 'daily', '--data', ecb], /--annualization: expected observed, conventional or a positive number, got "daily"/],
      [['perf', 'USD/JPY', 'usdjpy', '--data', ecb], /USD\/JPY is given twice/],
    ];
    for (const [args, re] of cases) {
      const res = await runCli(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(re);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
