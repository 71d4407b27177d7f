/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../packages/web/src/i18n/en.js';
import { ja } from '../../packages/web/src/i18n/ja.js';
import { shot } from './browser.js';
import { ECB_ZIP, histData, SIZES, useBrowser, useServer } from './store.js';

// The Epps curve on the pair page: with intraday data the chart draws the
// curve the API answers (one point per interval) beside the Hayashi–Yoshida
// level, the thinning share is a field that reaches the request, and the
// exports describe themselves; with daily data the card says why it is empty.
// Store: the ECB history and HistData 2017 EUR/USD and GBP/USD minutes.

const served = useServer(() => [[ECB_ZIP()], histData('EURUSD', 'GBPUSD')]);

const signed = (v: number): string => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;

async function download(page: Page, kind: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId('epps-card').locator(`button[data-export="${kind}"]`).click()]);
  return readFileSync(await d.path()).toString('utf8');
}

describe.each(['en', 'ja'] as const)('Epps curve (%s)', (lang) => {
  const msg = lang === 'en' ? en : ja;
  describe.each(SIZES)('$name', (size) => {
    const browser = useBrowser(served, lang, size);
    let b: ReturnType<typeof browser>;
    beforeEach(() => {
      b = browser();
    });

    it('draws the API’s curve and Hayashi–Yoshida level; thinning is a field; exports carry caption, legend and source', async () => {
      const page = `/correlation/pair?a=EUR/USD&b=GBP/USD&source=HistData&end=2017-03-10`;
      await b.page.goto(new URL(page, served().url).href);
      await b.page.getByTestId('epps-chart').waitFor({ timeout: 60_000 });
      const api = await (await fetch(new URL('/api/epps?symbols=EUR/USD,GBP/USD&source=HistData&end=2017-03-10&thin=1', served().url))).json();
      expect(await b.page.getByTestId('epps-summary').textContent()).toContain(signed(api.hayashiYoshida.correlation));
      // Thinning: the field's value reaches the request and the URL, and the summary follows the new answer.
      const thinned = b.page.waitForResponse((r) => r.url().includes('/api/epps?') && r.url().includes('thin=0.3') && r.status() === 200, { timeout: 60_000 });
      const field = b.page.locator('input[name="eppsThin"]');
      await field.fill('0.3');
      await field.press('Enter');
      const body = await (await thinned).json();
      expect(new URL(b.page.url()).searchParams.get('eppsThin')).toBe('0.3');
      await expect.poll(() => b.page.getByTestId('epps-summary').textContent()).toContain(signed(body.hayashiYoshida.correlation));
      await b.page.getByTestId('epps-card').scrollIntoViewIfNeeded();
      await shot(b.page, `epps-pair-${lang}-${size.name}`);
      // Out of the spec's bounds: the page says so and sends nothing.
      await field.fill('2');
      await field.press('Enter');
      expect(await b.page.locator('input[name="eppsThin"] + small').textContent()).toBeTruthy();
      expect(new URL(b.page.url()).searchParams.get('eppsThin')).toBe('0.3');

      const svg = await download(b.page, 'svg');
      const texts = await b.page.evaluate((s) => [...new DOMParser().parseFromString(s, 'image/svg+xml').querySelectorAll('text')].map((t) => t.textContent ?? ''), svg);
      const all = texts.join(' ');
      expect(all).toContain(msg['epps.title']);
      expect(all).toContain(msg['epps.curve']);
      expect(all).toContain(`${msg['epps.hy']} = ${signed(body.hayashiYoshida.correlation)}`);
      expect(all).toMatch(/soukan/);
      // The drawn chart's axis names every interval of the API's curve.
      for (const e of body.epps as { interval: string }[]) expect(texts).toContain(e.interval);
      const csv = await download(b.page, 'csv');
      const lines = csv.split(/\r\n/);
      expect(lines[0]).toMatch(/^# /);
      expect(lines.find((l) => l.startsWith('# thin: '))).toBe('# thin: 0.3');
      const header = lines.findIndex((l) => !l.startsWith('#'));
      expect(lines[header]).toBe('interval,seconds,returns,correlation,hayashi_yoshida');
      expect(lines.slice(header + 1).filter((l) => l !== '').length).toBe(body.epps.length);
      const json = JSON.parse(await download(b.page, 'json'));
      expect(json.meta.caption).toContain(msg['epps.title']);
      expect(json.meta.thin).toBe(0.3);
      expect(json.hayashiYoshida.correlation).toBe(body.hayashiYoshida.correlation);

      expect(b.errors).toEqual([]);
    }, 180_000);

    it('with daily data the card says the curve needs intraday data, and asks nothing', async () => {
      let asked = false;
      b.page.on('request', (r) => {
        if (r.url().includes('/api/epps')) asked = true;
      });
      await b.page.goto(new URL('/correlation/pair?a=EUR/USD&b=GBP/USD&source=ECB', served().url).href);
      await b.page.getByTestId('epps-daily').waitFor({ timeout: 60_000 });
      expect(await b.page.getByTestId('epps-daily').textContent()).toBe(msg['epps.needsIntraday']);
      expect(asked).toBe(false);
      expect(b.errors).toEqual([]);
    }, 120_000);
  });
});
