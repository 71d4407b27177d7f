/// <reference lib="dom" />
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../packages/web/src/i18n/en.js';
import { ja } from '../../packages/web/src/i18n/ja.js';
import { ARTIFACTS } from './browser.js';
import { ECB_ZIP, histData, SIZES, useBrowser, useServer } from './store.js';

// Exports describe themselves on the charts that had bare ones: the range by
// hour and by weekday (Volatility), the strength ranking, the risk–return
// scatter (Performance) and the lead–lag correlogram (pair page). Each SVG
// carries its caption, legend and source line as text; each CSV starts with a
// `#` block; each JSON has a `meta` object.
// Store: the ECB history and HistData 2017 EUR/USD and GBP/USD minutes.

const served = useServer(() => [[ECB_ZIP()], histData('EURUSD', 'GBPUSD')]);

async function saved(page: Page, kind: string, card: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(card).locator(`button[data-export="${kind}"]`).first().click()]);
  return readFileSync(await d.path()).toString(kind === 'png' ? 'base64' : 'utf8');
}

/** The words of a message before its first placeholder, spaces dropped (SVG text splits lines). */
const head = (text: string): string => text.split('{')[0]!.replace(/\s+/g, '');

describe.each(['en', 'ja'] as const)('chart exports (%s)', (lang) => {
  const msg = lang === 'en' ? en : ja;
  describe.each(SIZES)('$name', (size) => {
    const browser = useBrowser(served, lang, size);
    let b: ReturnType<typeof browser>;
    beforeEach(() => {
      b = browser();
    });

    const check = async (card: string, title: string, symbol: string | null, legend: string[]): Promise<void> => {
      const svg = await saved(b.page, 'svg', card);
      const texts = (await b.page.evaluate((s) => [...new DOMParser().parseFromString(s, 'image/svg+xml').querySelectorAll('text')].map((t) => t.textContent ?? '').join(' '), svg)).replace(/\s+/g, '');
      expect(texts, card).toContain(head(title));
      for (const l of legend) expect(texts, card).toContain(head(l));
      expect(texts, card).toMatch(/soukan\d+\.\d+\.\d+/);
      const csv = (await saved(b.page, 'csv', card)).split(/\r\n/);
      expect(csv[0], card).toMatch(/^# /);
      expect(csv.find((l) => l.startsWith('# source: ')), card).toMatch(/soukan/);
      if (symbol) expect(csv, card).toContain(`# symbol: ${symbol}`);
      const json = JSON.parse(await saved(b.page, 'json', card));
      expect(json.meta.caption.replace(/\s+/g, ''), card).toContain(head(title));
      expect(json.meta.source, card).toMatch(/soukan/);
    };

    it('volatility by hour and by weekday, strength ranking, risk–return and lead–lag', async () => {
      await b.page.goto(new URL('/volatility?source=HistData&symbol=EUR/USD&timeframe=H1', served().url).href);
      await b.page.getByTestId('vol-hour-chart').locator('canvas').waitFor({ timeout: 60_000 });
      await check('vol-hour-card', msg['vol.byHour'], 'EUR/USD', [msg['vol.unit.pips']]);
      await check('vol-weekday-card', msg['vol.byWeekday'], 'EUR/USD', [msg['vol.unit.pips']]);
      const png = Buffer.from(await saved(b.page, 'png', 'vol-hour-card'), 'base64');
      mkdirSync(ARTIFACTS, { recursive: true });
      writeFileSync(join(ARTIFACTS, `export-vol-hour-${lang}-${size.name}.png`), png);

      await b.page.goto(new URL('/strength', served().url).href);
      await b.page.getByTestId('strength-bar').locator('canvas').waitFor({ timeout: 60_000 });
      await check('strength-bar-card', msg['strength.ranking'], null, []);

      await b.page.goto(new URL('/performance', served().url).href);
      await b.page.getByTestId('perf-scatter').locator('canvas').waitFor({ timeout: 60_000 });
      await check('perf-scatter-card', msg['perf.scatter'], null, [msg['perf.legend.asset'], msg['perf.legend.benchmark']]);

      await b.page.goto(new URL('/correlation/pair?a=EUR/USD&b=GBP/USD', served().url).href);
      await b.page.getByTestId('leadlag-chart').locator('canvas').waitFor({ timeout: 60_000 });
      await check('leadlag-card', msg['leadlag.title'], null, [msg['leadlag.legend.best'], msg['leadlag.legend.significant'], msg['leadlag.legend.other']]);
      expect(b.errors).toEqual([]);
    }, 240_000);
  });
});
