/// <reference lib="dom" />
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultWindow } from '@soukan/requests';
import { firstDifference } from '../../packages/data/test/clickhouse/sameJson.js';
import { runCli } from '../helpers/cli.js';
import { matrixRendered, shot } from './browser.js';
import { serve, type Served } from './serve.js';
import { ECB_ZIP, histData, SIZES, useBrowser } from './store.js';

// The default correlation window spans the same time at every timeframe
// (docs/default-windows.md), and the command line, the API and the dashboard
// pick the same one from packages/requests: for each timeframe the CLI's JSON,
// the API's answer and the page (which sends no window and shows the default
// in its field) report defaultWindow('correlation', tf) bars.
// Store: the ECB history and HistData 2017 EUR/USD and GBP/USD minutes.

let store = '';
let server: Served | undefined;
beforeAll(async () => {
  store = join(mkdtempSync(join(tmpdir(), 'soukan-default-windows-')), 'soukan.duckdb');
  for (const files of [[ECB_ZIP()], histData('EURUSD', 'GBPUSD')]) {
    const r = await runCli(['import', '--store', store, ...files]);
    if (r.code !== 0) throw new Error(`soukan import failed: ${r.stderr}`);
  }
  server = await serve(['--store', store]);
}, 180_000);
afterAll(async () => {
  await server?.close();
});
const served = (): Served => server!;
const api = async (path: string) => (await fetch(new URL(path, served().url))).json();

const CASES = [
  { source: 'HistData', timeframe: 'H1' },
  { source: 'HistData', timeframe: 'M5' },
  { source: 'HistData', timeframe: 'H4' },
  { source: 'ECB', timeframe: 'D1' },
] as const;

describe('the command line and the API take the same default window for each timeframe', () => {
  for (const c of CASES) {
    it(`${c.source} ${c.timeframe}: window ${defaultWindow('correlation', c.timeframe)}`, async () => {
      const want = defaultWindow('correlation', c.timeframe);
      const cli = await runCli(['corr', 'EUR/USD', 'GBP/USD', '--store', store, '--source', c.source, '--timeframe', c.timeframe, '--format', 'json']);
      expect(cli.code, cli.stderr).toBe(0);
      const j = JSON.parse(cli.stdout);
      const a = await api(`/api/correlation?symbols=EUR/USD,GBP/USD&source=${c.source}&timeframe=${c.timeframe}`);
      expect(j.window).toBe(want);
      expect(a.window).toBe(want);
      expect(a.observations).toBe(want);
      // The command reads the store's sufficient statistics, the server its closes: the same cells to 1e-12.
      expect(firstDifference(a.matrix, j.matrix, ['', ''])).toBeNull();
    }, 120_000);
  }

  it('a history shorter than the default is used whole, with a note saying so (a given window it cannot fill stays an error)', async () => {
    const cli = await runCli(['corr', 'EUR/USD', 'GBP/USD', '--store', store, '--source', 'HistData', '--timeframe', 'H1', '--end', '2017-01-31', '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const j = JSON.parse(cli.stdout);
    const a = await api('/api/correlation?symbols=EUR/USD,GBP/USD&source=HistData&timeframe=H1&end=2017-01-31');
    // January 2017 on the 24 × 5 clock: about 22 trading days of 24 hours.
    expect(j.window).toBeGreaterThan(400);
    expect(j.window).toBeLessThan(600);
    expect(a.window).toBe(j.window);
    expect(a.observations).toBe(j.window);
    expect(a.notes.find((n: string) => n.startsWith('the default window at H1 is 6000 (about a year)'))).toBe(`the default window at H1 is 6000 (about a year); the data holds ${j.window} returns, all used`);
    expect(cli.stderr).toContain('the default window at H1 is 6000');
    const given = await runCli(['corr', 'EUR/USD', 'GBP/USD', '--store', store, '--source', 'HistData', '--timeframe', 'H1', '--end', '2017-01-31', '--window', '6000']);
    expect(given.code).toBe(2);
    expect(given.stderr).toMatch(/too few points for window 6000/);
  }, 120_000);
});

describe.each(['en', 'ja'] as const)('the dashboard asks for no window and shows the default (%s)', (lang) => {
  describe.each(SIZES)('$name', (size) => {
    const browser = useBrowser(served, lang, size);
    let b: ReturnType<typeof browser>;
    beforeEach(() => {
      b = browser();
    });

    it('H1 then D1: the request has no window, the answer and the field have the timeframe’s default', async () => {
      for (const c of [CASES[0], CASES[3]]) {
        const want = defaultWindow('correlation', c.timeframe);
        const answered = b.page.waitForResponse((r) => r.url().includes('/api/correlation?') && r.url().includes(`source=${c.source}`) && r.status() === 200, { timeout: 120_000 });
        await b.page.goto(new URL(`/correlation?source=${c.source}&timeframe=${c.timeframe}&universe=custom&symbols=EUR/USD,GBP/USD`, served().url).href);
        const res = await answered;
        expect(new URL(res.url()).searchParams.has('window')).toBe(false);
        expect((await res.json()).window).toBe(want);
        await matrixRendered(b.page);
        const field = b.page.locator('input[name="window"]');
        expect(await field.inputValue()).toBe(String(want));
        if (size.width < 500) {
          // Folded on a phone: the button's summary names the window too.
          expect(await b.page.getByTestId('controls-toggle').textContent()).toContain(String(want));
          await b.page.getByTestId('controls-toggle').tap();
        }
        await expect.poll(() => b.page.getByTestId('caption').textContent()).toContain(lang === 'en' ? want.toLocaleString('en-US') : want.toLocaleString('ja-JP'));
        if (c.timeframe === 'H1') await shot(b.page, `default-window-h1-${lang}-${size.name}`);
      }
      expect(b.errors).toEqual([]);
    }, 240_000);
  });
});
