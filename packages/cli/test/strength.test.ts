import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

const ecb = sharedData('eurofxref-hist.zip');
const histdata = ['EURUSD', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'USDJPY', 'EURJPY'].map((p) => sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${p}_M1_2017.zip`));
const ref = JSON.parse(readFileSync(fixture('packages/core/test/strength/fixtures/strength_ecb.json'), 'utf8')) as {
  pairs: string[];
  currencies: string[];
  time: string[];
  index: Record<string, number[]>;
  averageChange: Record<string, number[]>;
  base2026: { row: number; index: Record<string, number[]>; averageChange: Record<string, number[]> };
};

function maxDiff(a: (number | null)[], b: number[]): number {
  return Math.max(...b.map((v, i) => Math.abs(a[i]! - v)));
}

describe('soukan strength', () => {
  it('json on the ECB majors equals numpy lstsq factors cumulated and rebased (strength_ecb.gen.py)', async () => {
    const res = await runCli(['strength', '--data', ecb, '--end', '2026-04-13', '--format', 'json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const j = JSON.parse(res.stdout);
    expect(j.pairs).toEqual(ref.pairs);
    expect(j.series.time).toEqual(ref.time);
    expect(j).toMatchObject({ constraint: 'zero-sum', periods: 250, timeframe: 'D1', base: { requested: 'start', time: '2025-04-16', value: 100 } });
    for (const c of ref.currencies) {
      expect(maxDiff(j.series.index[c], ref.index[c]!)).toBeLessThan(1e-10);
      expect(maxDiff(j.series.averageChange[c], ref.averageChange[c]!)).toBeLessThan(1e-10);
    }
    // ranking: by the last index value, strongest first
    const last = ref.time.length - 1;
    const order = [...ref.currencies].sort((a, b) => ref.index[b]![last]! - ref.index[a]![last]!);
    expect(j.ranking.map((r: { currency: string }) => r.currency)).toEqual(order);
    // ECB crosses are triangularly consistent: no residual
    expect(j.residual.maxRmsBp).toBeLessThan(1e-9);
    expect(j.averageChangeMethod).toBe('average % change against the other currencies');
    expect(j.attribution).toMatch(/Source: ECB/);
  });

  it('--base DATE rebases to 100 at the last observation on or before it', async () => {
    const res = await runCli(['strength', '--data', ecb, '--end', '2026-04-13', '--base', '2026-01-02', '--format', 'json']);
    const j = JSON.parse(res.stdout);
    expect(j.base.time).toBe(ref.time[ref.base2026.row]);
    for (const c of ref.currencies) {
      expect(j.series.index[c][ref.base2026.row]).toBe(100);
      expect(maxDiff(j.series.index[c], ref.base2026.index[c]!)).toBeLessThan(1e-10);
      expect(maxDiff(j.series.averageChange[c], ref.base2026.averageChange[c]!)).toBeLessThan(1e-10);
    }
  });

  it('table: header, ranking, residual line and the labelled web-tool index', async () => {
    const res = await runCli(['strength', '--data', ecb, '--end', '2026-04-13']);
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toBe('Currency strength (least squares, zero-sum) · 8 currencies, 28 pairs · daily log returns · 250 periods · 2025-04-16 → 2026-04-13');
    expect(lines[1]).toBe('index = 100 at 2025-04-16 (window start)');
    expect(lines[3]).toMatch(/^currency\s+rank\s+index\s+change %\s+last period %\s+avg % index\*$/);
    expect(lines[4]).toMatch(/^AUD\s+1\s+109\.74\s+\+9\.74/);
    expect(res.stdout).toMatch(/residual: 0 — the pairs are triangularly consistent/);
    expect(res.stdout).toMatch(/\* average % change against the other currencies since the base \(the web-tool index\)/);
  });

  it('HistData H1: independent quotes leave a residual; a numéraire stays at 100; London open as base; csv series', async () => {
    const j = JSON.parse((await runCli(['strength', '--data', ...histdata, '--timeframe', 'H1', '--window', '120', '--numeraire', 'USD', '--base', 'london', '--format', 'json'])).stdout);
    expect(j.constraint).toBe('numeraire USD');
    expect(j.series.index.USD.every((v: number) => v === 100)).toBe(true);
    expect(j.base.time).toBe('2017-12-29T08:00Z'); // 08:00 GMT, the last London open of the data
    expect(j.residual.meanRmsBp).toBeGreaterThan(0.01);
    expect(j.residual.medianR2).toBeGreaterThan(0.99);
    const csv = await runCli(['strength', 'EUR', 'USD', 'JPY', '--data', ...histdata, '--window', '10', '--series', '--format', 'csv']);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toBe('time,EUR,USD,JPY');
    expect(rows.length).toBe(12);
    expect(rows[1]!.split(',').slice(1)).toEqual(['100', '100', '100']);
  });

  it('--align pairwise on HistData minutes: periods with missing pairs are solved on the rest, unlinked ones counted and held flat', async () => {
    const res = await runCli(['strength', '--data', ...histdata, '--timeframe', 'M1', '--window', '3000', '--align', 'pairwise', '--format', 'json']);
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout);
    const used: number[] = j.series.pairsUsed.slice(1);
    expect(used.some((n) => n > 7 && n < 28)).toBe(true);
    expect(j.residual.unidentified).toBeGreaterThan(0);
    expect(res.stderr).toMatch(new RegExp(`note: ${j.residual.unidentified} period\\(s\\) had too few pairs to identify every currency`));
    // an unidentified period (rms null) leaves every index unchanged
    const t = j.series.rmsBp.findIndex((v: number | null, i: number) => i > 0 && v === null);
    for (const c of j.currencies) expect(j.series.index[c][t]).toBe(j.series.index[c][t - 1]);
  });

  it('bad input names the problem (exit 2, no stack)', async () => {
    const cases: [string[], RegExp][] = [
      [['strength', 'JPY', '--data', ecb], /needs at least 2 currencies .* got 1 \(JPY\)/],
      [['strength', 'EUR', 'USD', 'JPY', '--pairs', 'EUR/USD', '--data', ecb], /too few pairs to identify 3 currency factors: 1 pair\(s\) \(EUR\/USD\)/],
      [['strength', 'EUR', 'USD', 'GBP', 'JPY', 'CHF', '--pairs', 'EUR/USD', 'EUR/GBP', 'GBP/USD', 'CHF/JPY', '--data', ecb], /do not link all currencies: \{EUR USD GBP\} and \{JPY CHF\}/],
      [['strength', 'EUR', 'XYZ', '--data', ecb], /the ECB data has no XYZ/],
      [['strength', 'EUR', 'TRL', 'BRL', '--data', ecb, '--window', 'all'], /do not overlap in time: .*EUR\/TRL 1999-01-04 → 2004-12-31.*EUR\/BRL 2008-01-02 → 2026-04-13/],
      [['strength', '--data', ecb, '--base', '1990-01-01'], /--base 1990-01-01 .* is before the window's first observation/],
      [['strength', '--data', ecb, '--base', 'sydney'], /--base: expected YYYY-MM-DD, .* or tokyo, london, newyork/],
      [['strength', '--data', ecb, '--numeraire', 'ZAR'], /--numeraire ZAR is not among the currencies/],
      [['strength', '--data', ecb, '--timeframe', 'H1'], /timeframe H1 needs intraday data/],
      // the London open of Friday 2026-04-10 is 07:00Z (BST); daily fixings have no price then
      [['strength', '--data', ecb, '--base', 'london'], /^soukan: --base london is a session open \(2026-04-10T07:00Z\), an instant inside the day, but these are D1 bars .*use intraday bars \(--timeframe H1 or finer, with intraday data\) or rebase at a date \(--base 2026-04-10\)\n$/],
      [['strength', '--data', ...histdata, '--timeframe', 'D1', '--base', 'tokyo'], /--base tokyo is a session open \(2017-12-\d\dT00:00Z\), .* these are D1 bars/],
    ];
    for (const [args, re] of cases) {
      const res = await runCli(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(re);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
