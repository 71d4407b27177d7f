import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

const ecb = sharedData('eurofxref-hist.zip');
const h10 = sharedData('frb_h10_daily.csv');
const hd = (p: string): string => sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${p}_M1_2017.zip`);
const ref = JSON.parse(readFileSync(fixture('packages/core/test/strength/fixtures/cross.json'), 'utf8')) as {
  n: number;
  pips: Record<string, number>;
  bp: Record<string, number>;
  lastBp: number[];
};

describe('soukan cross', () => {
  it('json: EUR/JPY against EUR/USD × USD/JPY on every 2017 HistData minute equals the pandas/NumPy summaries (cross.gen.py)', async () => {
    const res = await runCli(['cross', 'EURJPY', '--data', hd('EURJPY'), hd('EURUSD'), hd('USDJPY'), '--window', 'all', '--format', 'json']);
    expect(res.code).toBe(0);
    const j = JSON.parse(res.stdout);
    expect(j).toMatchObject({ symbol: 'EUR/JPY', via: 'USD', timeframe: 'M1', pip: 0.01, observations: ref.n, quotedDirectly: true });
    for (const k of ['mean', 'median', 'p99Abs', 'maxAbs']) {
      expect(Math.abs(j.inconsistency.pips[k] - ref.pips[k]!)).toBeLessThan(1e-9);
      expect(Math.abs(j.inconsistency.bp[k] - ref.bp[k]!)).toBeLessThan(1e-9);
    }
    expect(Math.abs(j.series.bp[ref.n - 1] - ref.lastBp[4]!)).toBeLessThan(1e-10);
  });

  it('table: the legs, the latest difference and the summary in pips and bp', async () => {
    const res = await runCli(['cross', 'EUR/JPY', '--data', hd('EURJPY'), hd('EURUSD'), hd('USDJPY'), '--timeframe', 'H1', '--window', '24']);
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n');
    expect(lines[0]).toMatch(/^EUR\/JPY = EUR\/USD × USD\/JPY \(via USD\) · H1 · 24 observations · 2017-12-28T\d\d:00Z → 2017-12-29T21:00Z$/);
    expect(lines[2]).toMatch(/^latest 2017-12-29T21:00Z: direct 135\.153, synthetic 135\.20\d+, difference -4\.82 pips \(-3\.57 bp\)$/);
    expect(lines[3]).toMatch(/^direct − synthetic\s+mean\s+median\s+p99 \|x\|\s+max \|x\|$/);
    expect(lines[4]).toMatch(/^pips \(pip 0\.01\)/);
  });

  it('a cross the data does not quote: the synthetic series, with a note; csv', async () => {
    const res = await runCli(['cross', 'ZAR/JPY', '--data', ecb, '--window', '3', '--end', '2026-04-13', '--format', 'csv']);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/does not quote ZAR\/JPY directly/);
    const rows = res.stdout.trim().split('\n');
    expect(rows[0]).toBe('time,synthetic');
    expect(rows.length).toBe(4);
    expect(rows[3]!.startsWith('2026-04-13,')).toBe(true);
  });

  it('H.10 crosses through USD: CAD/JPY = USD/JPY ÷ USD/CAD (an inverted leg is a division)', async () => {
    const res = await runCli(['cross', 'CAD/JPY', '--data', h10, '--window', '5']);
    expect(res.code).toBe(0);
    expect(res.stdout.split('\n')[0]).toMatch(/^CAD\/JPY = USD\/JPY ÷ USD\/CAD \(via USD\)/);
  });

  it('bad input names the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['cross', 'EUR/USD', '--data', ecb], /cannot build EUR\/USD from two legs: the ECB data quotes EUR\/JPY/],
      [['cross', 'EUR/JPY', '--data', hd('EURJPY'), hd('EURUSD'), hd('USDJPY'), '--via', 'GBP'], /--via GBP: the HistData data has no GBP/],
      [['cross', 'EUR/JPY', '--data', ecb, '--via', 'JPY'], /--via JPY is one of EUR\/JPY's own currencies/],
      [['cross', 'EUR/XYZ', '--data', ecb], /unknown symbol EUR\/XYZ/],
      [['cross', 'EUR/JPY', '--data', ecb, '--timeframe', 'M5'], /timeframe M5 needs intraday data/],
      [['cross', 'TRL/BRL', '--data', ecb], /legs of TRL\/BRL .* do not overlap in time/],
    ];
    for (const [args, re] of cases) {
      const res = await runCli(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(re);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
