import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

// A store holding the eight HistData 2017 M1 zips, the ECB history and the Fed's H.10 file:
// each command reads the source that can answer it and says which on stderr (and in the JSON's source).
const PAIRS = ['EURUSD', 'USDJPY', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'EURJPY'];
const files = [...PAIRS.map((p) => sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${p}_M1_2017.zip`)), sharedData('eurofxref-hist.zip'), sharedData('frb_h10_daily.csv')];
const json = (p: string): any => JSON.parse(readFileSync(fixture(p), 'utf8')); // eslint-disable-line @typescript-eslint/no-explicit-any
const move = json('packages/core/test/risk/fixtures/move.json');
const estimators = json('packages/core/test/volatility/fixtures/estimators.json');
const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));

let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'soukan-sources-')), 'store.duckdb');
  env = { SOUKAN_STORE: store, SOUKAN_ECB_FILE: undefined };
  const r = await runCli(['import', ...files], env);
  expect(r.code, r.stderr).toBe(0);
});

async function run(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const r = await runCli(args, env);
  expect(r.code, r.stderr).toBe(0);
  return r;
}

describe('the source each command reads from a store of several', () => {
  it('move with a clock horizon reads HistData M1, not the ECB fixings, and its counts equal the NumPy scan (move.gen.py)', async () => {
    const ref = move.cases.find((c: { pair: string; horizon: { ms?: number } }) => c.pair === 'EURUSD' && c.horizon.ms === 600 * 60_000);
    const { stdout, stderr } = await run(['move', 'EUR/USD', '--threshold', '30', '--horizon', '10h', '--format', 'json']);
    expect(stderr).toMatch(/^source: HistData intraday data \(8 quoted series, from the store\); also stored: ECB, FRB H\.10; choose with --source$/m);
    const j = JSON.parse(stdout);
    expect(j.source).toMatch(/^HistData intraday/);
    const row = ref.rows.find((x: { threshold: number }) => Math.abs(x.threshold - 0.003) < 1e-12);
    expect(j).toMatchObject({ symbol: 'EUR/USD', timeframe: 'M1' });
    expect(j.horizons[0].windows).toBe(row.windows);
    expect(j.horizons[0].rows[0].up.hits).toBe(row.up.hits);
    expect(j.horizons[0].rows[0].down.hits).toBe(row.down.hits);
  });
  it('vol reads intraday bars (range by hour and weekday) and its D1 estimators equal NumPy (estimators.gen.py)', async () => {
    const { stdout, stderr } = await run(['vol', 'EUR/USD', '--window', 'all', '--format', 'json']);
    expect(stderr).toMatch(/^source: HistData/m);
    const j = JSON.parse(stdout);
    expect(j.source).toMatch(/^HistData/);
    expect(j.bars).toBe(estimators['EUR/USD'].D1.n);
    expect(rel(j.estimators[0].sigma, estimators['EUR/USD'].D1.closeToClose)).toBeLessThan(1e-12);
    expect(j.rangeByHour.buckets.length).toBe(24);
  });
  it('an intraday timeframe reads intraday data; daily requests keep the long daily history', async () => {
    const h1 = await run(['corr', 'EUR/USD', 'USD/JPY', '--timeframe', 'H1', '--format', 'json']);
    expect(h1.stderr).toMatch(/^source: HistData/m);
    expect(JSON.parse(h1.stdout).timeframe).toBe('H1');
    const d1 = await run(['corr', 'EUR/USD', 'USD/JPY', '--format', 'json']);
    expect(d1.stderr).toMatch(/^source: ECB daily data/m);
    const given = await run(['corr', 'EUR/USD', 'USD/JPY', '--source', 'FRB H.10', '--format', 'json']);
    expect(given.stderr).toMatch(/^source: FRB H\.10 daily data \(\d+ quoted series, from the store\), as --source asks$/m);
  });
});
