import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { MemoryProvider } from '@soukan/data';
import { json, testApp } from './helpers.js';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

// `soukan epps` and GET /api/epps: the same JSON from both, and the Hayashi–Yoshida estimate, the
// Epps curve and the thinning against fixtures/epps.gen.py (the paper's double sum in NumPy, pandas
// previous-tick sampling, xoshiro256** transcribed in Python) on HistData 2017 one-minute closes.

interface Case {
  name: string;
  symbols: [string, string];
  files: [string, string];
  end: string;
  days: number;
  thin: number;
  seed: number;
  intervals: string;
  observed: [number, number];
  used: [number, number];
  hy: { correlation: number; covariance: number; varianceA: number; varianceB: number; overlaps: number };
  epps: { interval: string; seconds: number; returns: number; correlation: number }[];
}
const ref = JSON.parse(readFileSync(fixture('packages/server/test/fixtures/epps.json'), 'utf8')) as { cases: Case[] };
const zip = (pair: string): string => sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${pair}_M1_2017.zip`);
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

let app: ReturnType<typeof testApp>['app'];
beforeAll(async () => {
  const data = new MemoryProvider();
  await data.importFiles(['EURUSD', 'GBPUSD', 'USDJPY'].map(zip));
  app = testApp(data).app;
});

describe('soukan epps and GET /api/epps', () => {
  for (const c of ref.cases) {
    it(`${c.name}: the same JSON from the CLI and the API, equal to the NumPy/pandas reference (1e-9)`, async () => {
      const extra = c.thin < 1 ? ['--thin', String(c.thin), '--seed', String(c.seed)] : [];
      const cli = await runCli(['epps', ...c.symbols, '--data', ...c.files.map(zip), '--end', c.end, '--days', String(c.days), '--intervals', c.intervals, ...extra, '--format', 'json']);
      expect(cli.code, cli.stderr).toBe(0);
      const j = JSON.parse(cli.stdout);
      const q = new URLSearchParams({ symbols: c.symbols.join(','), end: c.end, days: String(c.days), intervals: c.intervals, ...(c.thin < 1 ? { thin: String(c.thin), seed: String(c.seed) } : {}) });
      const api = await json(app.request(`/api/epps?${q}`));
      expect(api.status, JSON.stringify(api.body)).toBe(200);
      expect({ ...j, source: null }).toEqual({ ...api.body, source: null });
      expect(j.symbols).toEqual(c.symbols);
      expect(Object.values(j.observed)).toEqual(c.observed);
      expect(Object.values(j.observations)).toEqual(c.used);
      expect(j.hayashiYoshida.overlaps).toBe(c.hy.overlaps);
      for (const k of ['correlation', 'covariance', 'varianceA', 'varianceB'] as const) expect(rel(j.hayashiYoshida[k], c.hy[k]), k).toBeLessThan(1e-9);
      expect(j.epps).toHaveLength(c.epps.length);
      c.epps.forEach((e, i) => {
        expect(j.epps[i]).toMatchObject({ interval: e.interval, seconds: e.seconds, returns: e.returns });
        expect(Math.abs(j.epps[i].correlation - e.correlation)).toBeLessThan(1e-9);
      });
    });
  }

  it('table and csv; refuses daily data, crosses, bad intervals, a bad thinning share, the same pair twice', async () => {
    const files = ['EURUSD', 'GBPUSD'].map(zip);
    const t = await runCli(['epps', 'EUR/USD', 'GBP/USD', '--data', ...files, '--end', '2017-03-10', '--thin', '0.3', '--seed', '7']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout.split('\n')[0]).toBe('Asynchronous correlation of EUR/USD and GBP/USD · log prices 2017-03-06 → 2017-03-11 · HistData intraday data (2 quoted series)');
    expect(t.stdout).toMatch(/Hayashi–Yoshida \(own times, no interpolation\): ρ 0\.4232 · 3558 overlapping interval pairs/);
    const csv = await runCli(['epps', 'EUR/USD', 'GBP/USD', '--data', ...files, '--end', '2017-03-10', '--intervals', '1m,1h', '--format', 'csv']);
    expect(csv.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^interval,seconds,returns,correlation$/), expect.stringMatching(/^1m,60,7079,0\.48/), expect.stringMatching(/^1h,3600,117,0\.46/)]);
    for (const [args, msg] of [
      [['EUR/USD', 'GBP/USD', '--data', sharedData('eurofxref-hist.zip')], /need intraday or tick data; .* is daily/],
      [['EUR/GBP', 'EUR/USD', '--data', ...files], /EUR\/GBP is a cross through USD/],
      [['EUR/USD', 'GBP/USD', '--intervals', '0m', '--data', ...files], /--intervals: expected sampling intervals such as 30s,1m,5m,1h/],
      [['EUR/USD', 'GBP/USD', '--thin', '1.5', '--data', ...files], /--thin/],
      [['EUR/USD', 'USD/EUR', '--data', ...files], /EUR\/USD is given twice/],
      [['EUR/USD', 'GBP/USD', '--end', '2016-01-01', '--data', ...files], /too few observations of EUR\/USD: 0 in 2015-12-28 → 2016-01-02/],
    ] as const) {
      const r = await runCli(['epps', ...args]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^soukan: /);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    const bad = await json(app.request('/api/epps?symbols=EUR/GBP,EUR/USD'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('cross-not-observed');
    const short = await json(app.request('/api/epps?symbols=EUR/USD'));
    expect(short.status).toBe(400);
  });
});
