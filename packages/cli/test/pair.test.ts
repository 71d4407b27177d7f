import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

const ecb = sharedData('eurofxref-hist.zip');
const h10 = sharedData('frb_h10_daily.csv');
interface Case {
  name: string;
  dates: string[];
  coint: { trend: string; autolag: string | null; maxlag: number | null; stat: number; pvalue: number; crit: number[] }[];
  adf: { y: { regression: string; autolag: string | null; maxlag: number | null; stat: number; pvalue: number; usedlag: number }[] };
  ols: { alpha: number; beta: number; betaSe: number };
  tls: { alpha: number; beta: number };
  halfLife: { halfLife: number };
  zscore60: (number | null)[];
  divergence: { shortCorr: (number | null)[]; longCorr: (number | null)[]; z: (number | null)[] };
}
const cases = (JSON.parse(readFileSync(fixture('packages/core/test/pairs/fixtures/pairs.json'), 'utf8')) as { cases: Case[] }).cases;
const aud = cases.find((c) => c.name === 'h10_audusd_nzdusd')!;

const near = (a: number, b: number, tol: number): void => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

describe('soukan pair', () => {
  it('json: AUD/USD ~ NZD/USD on H.10 2010–2019 equals statsmodels coint/adfuller, OLS, eigh, NumPy half-life and pandas rolling (pairs.gen.py)', async () => {
    const res = await runCli(['pair', 'AUD/USD', 'NZD/USD', '--data', h10, '--from', '2010-01-01', '--to', '2019-12-31', '--format', 'json']);
    expect(res.code).toBe(0);
    expect(res.stderr).toBe('');
    const j = JSON.parse(res.stdout);
    expect(j.observations).toBe(aud.dates.length);
    expect(j.series.time).toEqual(aud.dates);
    const co = aud.coint[0]!; // trend c, autolag aic: statsmodels' defaults
    near(j.engleGranger.statistic, co.stat, 1e-8);
    near(j.engleGranger.pValue, co.pvalue, 1e-9);
    [j.engleGranger.criticalValues['1%'], j.engleGranger.criticalValues['5%'], j.engleGranger.criticalValues['10%']].forEach((v: number, i: number) => near(v, co.crit[i]!, 1e-12));
    const adfY = aud.adf.y[0]!; // regression c, AIC
    near(j.adf.a.statistic, adfY.stat, 1e-8);
    near(j.adf.a.pValue, adfY.pvalue, 1e-9);
    expect(j.adf.a.usedLag).toBe(adfY.usedlag);
    near(j.hedge.ols.beta, aud.ols.beta, 1e-10);
    near(j.hedge.ols.betaSe, aud.ols.betaSe, 1e-9);
    near(j.hedge.tls.beta, aud.tls.beta, 1e-9);
    near(j.halfLife.periods, aud.halfLife.halfLife, 1e-7);
    aud.zscore60.forEach((v, i) => (v === null ? expect(j.series.z[i]).toBeNull() : near(j.series.z[i], v, 1e-8)));
    aud.divergence.z.forEach((v, i) => (v === null ? expect(j.series.divergenceZ[i + 1]).toBeNull() : near(j.series.divergenceZ[i + 1], v, 1e-9)));
    expect(j.divergence.episodes.length).toBeGreaterThan(0);
  });

  it('json: --trend ct --autolag bic and a fixed --max-lag reproduce the other coint settings', async () => {
    const run = async (extra: string[]) => JSON.parse((await runCli(['pair', 'AUD/USD', 'NZD/USD', '--data', h10, '--from', '2010-01-01', '--to', '2019-12-31', '--format', 'json', ...extra])).stdout);
    const ct = aud.coint.find((c) => c.trend === 'ct' && c.autolag === 'aic')!;
    near((await run(['--trend', 'ct'])).engleGranger.statistic, ct.stat, 1e-8);
    const bic = aud.coint.find((c) => c.autolag === 'bic')!;
    near((await run(['--autolag', 'bic'])).engleGranger.pValue, bic.pvalue, 1e-9);
    const fixed = aud.coint.find((c) => c.autolag === null)!;
    const j = await run(['--autolag', 'none', '--max-lag', String(fixed.maxlag)]);
    near(j.engleGranger.statistic, fixed.stat, 1e-8);
    expect(j.engleGranger.usedLag).toBe(fixed.maxlag);
  });

  it('table: hedge ratios, tests with critical values, spread z-score, half-life, divergence line', async () => {
    const res = await runCli(['pair', 'AUD/USD', 'NZD/USD', '--data', h10, '--from', '2010-01-01', '--to', '2019-12-31']);
    expect(res.code).toBe(0);
    const out = res.stdout;
    expect(out.split('\n')[0]).toBe('Pair AUD/USD ~ NZD/USD · log prices · daily · 2502 observations · 2010-01-04 → 2019-12-31');
    expect(out).toMatch(/^OLS \(spread\)\s+1\.4245\s+0\.2621\s+0\.0173$/m);
    expect(out).toMatch(/^Engle–Granger AUD\/USD on NZD\/USD \(trend c\)\s+-2\.216\s+0\.4159\s+0\s+1% -3\.90\s+5% -3\.34\s+10% -3\.05$/m);
    expect(out).toMatch(/^half-life 185\.3 periods ≈ 270\.\d calendar days/m);
    expect(out).toMatch(/^correlation of returns: 20-period .* \(k 2\): (no alert|ALERT); \d+ alert episodes/m);
  });

  it('csv: one row per observation with spread, z-score and the divergence columns', async () => {
    const res = await runCli(['pair', 'EUR/USD', 'GBP/USD', '--data', ecb, '--window', '200', '--end', '2026-04-13', '--format', 'csv']);
    const rows = res.stdout.trim().split('\n');
    expect(rows[0]).toBe('time,EUR/USD,GBP/USD,spread,z60,corr_short,corr_long,divergence_z,alert');
    expect(rows.length).toBe(201);
    expect(rows[200]!.startsWith('2026-04-13,')).toBe(true);
  });

  it('a short window skips the divergence with a note instead of failing', async () => {
    const res = await runCli(['pair', 'EUR/USD', 'GBP/USD', '--data', ecb, '--window', '100']);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/correlation divergence needs at least 139 returns .*; the window has 99/);
  });

  it('bad input names the problem', async () => {
    const cases: [string[], RegExp][] = [
      [['pair', 'EUR/TRL', 'EUR/BRL', '--data', ecb], /do not overlap in time: EUR\/TRL 1999-01-04 → 2004-12-31; EUR\/BRL 2008-01-02 → 2026-04-13/],
      [['pair', 'EUR/USD', 'eurusd', '--data', ecb], /the two legs are the same pair \(EUR\/USD\)/],
      [['pair', 'EUR/USD', 'USD/EUR', '--data', ecb], /USD\/EUR is EUR\/USD inverted/],
      [['pair', 'EUR/USD', 'GBP/USD', '--data', ecb, '--window', '20'], /too few observations for the cointegration tests: 20 .* \(need at least 30\)/],
      [['pair', 'EUR/USD', 'GBP/USD', '--data', ecb, '--window', '40', '--z-window', '60'], /--z-window 60 is longer than the 40 observations/],
      [['pair', 'EUR/USD', 'GBP/USD', '--data', ecb, '--window', '40', '--z-window', '20', '--max-lag', '30'], /--max-lag: adf: maxLag 30 is too large for 40 observations/],
      [['pair', 'EUR/USD', 'GBP/USD', '--data', ecb, '--corr-short', '50', '--corr-long', '40'], /--corr-short: expected less than --corr-long \(40\), got 50/],
      [['pair', 'EUR/USD', 'GBP/USD', '--data', ecb, '--trend', 'ctt'], /--trend: expected one of c, ct, n, got "ctt"/],
    ];
    for (const [args, re] of cases) {
      const res = await runCli(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(re);
      expect(res.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('the verdict line: cointegrated or not at --level by the Engle–Granger critical value, with the half-life; signs folded into the spread formula (pairVerdict.gen.py)', async () => {
    const ref = JSON.parse(readFileSync(fixture('packages/cli/test/fixtures/pairVerdict.json'), 'utf8')) as {
      cases: { from: string; to: string; n: number; stat: number; crit: Record<string, number>; cointegrated: Record<string, boolean> }[];
    };
    for (const c of ref.cases) {
      for (const level of ['1%', '5%', '10%']) {
        const args = ['pair', 'EUR/CZK', 'EUR/PLN', '--data', ecb, '--from', c.from, '--to', c.to, '--level', level];
        const j = JSON.parse((await runCli([...args, '--format', 'json'])).stdout);
        expect(j.observations).toBe(c.n);
        near(j.engleGranger.statistic, c.stat, 1e-8);
        near(j.verdict.critical, c.crit[level]!, 1e-12);
        expect(j.verdict).toMatchObject({ level, cointegrated: c.cointegrated[level] });
        const text = (await runCli(args)).stdout;
        const verdict = c.cointegrated[level] ? `cointegrated at ${level} (Engle–Granger τ ${c.stat.toFixed(3)} < ` : `not cointegrated at ${level} (Engle–Granger τ ${c.stat.toFixed(3)} ≥ `;
        expect(text).toContain(`verdict: ${verdict}${c.crit[level]!.toFixed(2)}, p `);
        expect(text).toMatch(/\); half-life \d+\.\d periods ≈ \d+\.\d calendar days\n/);
        // α > 0 and β < 0 here: "− α + |β| × B", never "− -0.63"
        expect(text).toMatch(/^spread EUR\/CZK − \d\.\d{4} \+ 0\.\d{4} × EUR\/PLN: latest/m);
        expect(text).not.toMatch(/[−+] -/);
      }
    }
  });
});
