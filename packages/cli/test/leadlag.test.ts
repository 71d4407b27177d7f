import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

// soukan leadlag end to end: the built binary on the ECB file, against the statsmodels / pandas
// references of packages/core/test/leadlag (leadlag.gen.py, case ecb_aud_nzd: AUD/USD and
// NZD/USD daily log returns 2015–2019, 1,277 returns).
const ecb = sharedData('eurofxref-hist.zip');
const ref = (JSON.parse(readFileSync(fixture('packages/core/test/leadlag/fixtures/leadlag.json'), 'utf8')) as { cases: any[] }).cases.find((c) => c.name === 'ecb_aud_nzd'); // eslint-disable-line @typescript-eslint/no-explicit-any
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('soukan leadlag', () => {
  it('json: cross-correlation and Granger tests both ways equal pandas/SciPy/statsmodels (1e-9)', async () => {
    const r = await runCli(['leadlag', 'AUD/USD', 'NZD/USD', '--data', ecb, '--window', '1277', '--end', '2019-12-31', '--max-lag', '10', '--granger', '5', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ x: 'AUD/USD', y: 'NZD/USD', timeframe: 'D1', returns: 1277, end: '2019-12-31' });
    ref.xcorr.forEach((x: { lag: number; r: number; n: number; p: number }, i: number) => {
      expect(j.crossCorrelation[i]).toMatchObject({ lag: x.lag, n: x.n });
      expect(Math.abs(j.crossCorrelation[i].r - x.r)).toBeLessThan(1e-12);
      expect(rel(j.crossCorrelation[i].p, x.p)).toBeLessThan(1e-9);
    });
    expect(j.best.lag).toBe(0);
    for (const [key, dir] of [
      ['grangerXtoY', 'AUD/USD → NZD/USD'],
      ['grangerYtoX', 'NZD/USD → AUD/USD'],
    ] as const) {
      ref[key].forEach((g: Record<string, number>, i: number) => {
        const got = j.granger[dir][i];
        expect(got.dfDenom).toBe(g.dfDenom);
        for (const k of ['f', 'fP', 'chi2', 'chi2P', 'lr', 'lrP']) expect(rel(got[k], g[k]!)).toBeLessThan(1e-9);
      });
    }
  });
  it('table and csv; bad input is one line and exit code 2', async () => {
    const t = await runCli(['leadlag', 'AUD/USD', 'NZD/USD', '--data', ecb, '--end', '2019-12-31']);
    expect(t.code, t.stderr).toBe(0);
    expect(t.stdout.split('\n')[0]).toMatch(/^Lead–lag of AUD\/USD and NZD\/USD · 500 D1 log returns .* → 2019-12-31 · /);
    expect(t.stdout).toMatch(/largest \|r\| at lag 0: r 0\.\d{4}/);
    const c = await runCli(['leadlag', 'AUD/USD', 'NZD/USD', '--data', ecb, '--end', '2019-12-31', '--max-lag', '2', '--format', 'csv']);
    expect(c.stdout.split('\n')[0]).toBe('lag,r,n,p');
    expect(c.stdout.trim().split('\n')).toHaveLength(6);
    for (const [args, msg] of [
      [['leadlag', 'AUD/USD'], /exactly 2|symbols/],
      [['leadlag', 'AUD/USD', 'AUD/USD'], /AUD\/USD is given twice/],
      [['leadlag', 'AUD/USD', 'NZD/USD', '--max-lag', '-1'], /--max-lag/],
      [['leadlag', 'AUD/USD', 'NZD/USD', '--window', '5', '--granger', '5'], /too few returns for the lags: 5 aligned D1 log returns/],
    ] as const) {
      const b = await runCli([...args, '--data', ecb]);
      expect(b.code).toBe(2);
      expect(b.stderr).toMatch(/^soukan: /);
      expect(b.stderr).toMatch(msg);
      expect(b.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
