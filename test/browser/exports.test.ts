/// <reference lib="dom" />
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../packages/web/src/i18n/en.js';
import { ja } from '../../packages/web/src/i18n/ja.js';
import { matrixRendered, shot } from './browser.js';
import { onPixels } from './pixels.js';
import { ECB_ZIP, SIZES, useBrowser, useServer } from './store.js';

// Exports describe themselves: the PNG/SVG of the matrix carry the caption
// (method, input, window, dates), the legend and a source line; CSV starts
// with a `#` header block; JSON has a `meta` object. Each file is decoded
// here (SVG text, CSV lines, JSON, PNG pixels in the browser).

const served = useServer(() => [[ECB_ZIP()]]);

async function saved(page: Page, kind: string, card = 'matrix-card'): Promise<{ d: Download; text: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByTestId(card).locator(`button[data-export="${kind}"]`).first().click()]);
  const path = await d.path();
  const bytes = readFileSync(path);
  return { d, text: bytes.toString('utf8'), bytes };
}

/** Width and height of a PNG and whether its top band (the caption) has dark pixels. */
function pngFacts(page: Page, png: Buffer): Promise<{ width: number; height: number; inkOnTop: boolean }> {
  return onPixels(
    page,
    png,
    (img) => {
      let ink = 0;
      for (let i = 0; i < img.width * 40 * 4; i += 4) if (img.data[i]! + img.data[i + 1]! + img.data[i + 2]! < 200) ink++;
      return { width: img.width, height: img.height, inkOnTop: ink > 50 };
    },
    null,
  );
}

describe.each(['en', 'ja'] as const)('exports (%s)', (lang) => {
  const msg = lang === 'en' ? en : ja;
  describe.each(SIZES)('$name', (size) => {
    const browser = useBrowser(served, lang, size);
    let b: ReturnType<typeof browser>;
    beforeEach(() => {
      b = browser();
    });

    it('SVG and PNG of the heatmap carry the caption, the legend of both signs and the source line', async () => {
      // Six pairs fit readable numbers on a phone too, so the heatmap (not the list) is shown.
      await b.page.goto(new URL('/correlation?universe=custom&symbols=EUR/USD,GBP/USD,USD/JPY,USD/CHF,AUD/USD,EUR/GBP&window=120', served().url).href);
      await matrixRendered(b.page);
      await b.page.getByTestId('heatmap').waitFor();
      const caption = (await b.page.getByTestId('caption').textContent())!;
      const svg = await saved(b.page, 'svg');
      expect(svg.d.suggestedFilename()).toMatch(/\.svg$/);
      const doc = await b.page.evaluate((s) => {
        const x = new DOMParser().parseFromString(s, 'image/svg+xml');
        return { root: x.documentElement.nodeName, texts: [...x.querySelectorAll('text')].map((t) => t.textContent ?? '') };
      }, svg.text);
      expect(doc.root).toBe('svg');
      const all = doc.texts.join('\n');
      // The caption may wrap: its words are all there, in order.
      expect(doc.texts.slice(0, 4).join(' ').replace(/\s+/g, ' ')).toContain(caption.replace(/\s+/g, ' ').slice(0, 20));
      expect(all.replace(/\n/g, ' ').replace(/\s+/g, '')).toContain(caption.replace(/\s+/g, ''));
      expect(all).toContain(`+75…+100 ${msg['corr.legend.positive']}`);
      expect(all).toContain(`−75…−100 ${msg['corr.legend.negative']}`);
      expect(all).toMatch(/soukan \d+\.\d+\.\d+/);
      expect(all).toMatch(/European Central Bank|ECB/);
      // The matrix itself: the six pairs on the axes.
      for (const s of ['EUR/USD', 'USD/JPY', 'EUR/GBP']) expect(doc.texts).toContain(s);

      const png = await saved(b.page, 'png');
      const facts = await pngFacts(b.page, png.bytes);
      const chart = (await b.page.getByTestId('heatmap').boundingBox())!;
      // pixelRatio 2, plus the caption above and the legend and source below.
      expect(facts.width).toBe(Math.round(chart.width) * 2);
      expect(facts.height).toBeGreaterThan(chart.height * 2 + 80);
      expect(facts.inkOnTop).toBe(true);
      await shot(b.page, `exports-heatmap-${size.name}-${lang}`);
      expect(b.errors).toEqual([]);
    });

    it('CSV starts with the same description as # lines; JSON carries it as meta; both hold the API values', async () => {
      await b.page.goto(new URL('/correlation?window=120&method=spearman', served().url).href);
      await matrixRendered(b.page);
      const caption = (await b.page.getByTestId('caption').textContent())!;
      const m = await (await fetch(new URL('/api/correlation?window=120&method=spearman', served().url))).json();
      const csv = (await saved(b.page, 'csv')).text.split(/\r\n/);
      expect(csv[0]).toBe(`# ${caption}`);
      const head = csv.filter((l) => l.startsWith('# '));
      for (const line of ['# method: spearman', '# on: returns', `# timeframe: ${m.timeframe}`, '# window: 120', `# start: ${m.start}`, `# end: ${m.end}`, `# source: `]) expect(head.some((l) => l.startsWith(line)), line).toBe(true);
      expect(head.some((l) => l.startsWith('# legend: +75…+100'))).toBe(true);
      const rows = csv.filter((l) => l && !l.startsWith('#')).map((l) => l.split(','));
      expect(rows[0]).toEqual(['', ...m.symbols]);
      expect(Number(rows[4]![2])).toBe(m.matrix[3][1]);

      const json = JSON.parse((await saved(b.page, 'json')).text);
      expect(json.meta.caption).toBe(caption);
      expect(json.meta).toMatchObject({ method: 'spearman', window: 120, start: m.start, end: m.end, timeframe: m.timeframe, on: 'returns' });
      expect(json.meta.legend).toHaveLength(8);
      expect(json.meta.source).toMatch(/soukan/);
      expect(json.symbols).toEqual(m.symbols);
      expect(json.matrix).toEqual(m.matrix);
    });

    it('the move-probability and exposure charts export with their caption, legend and source line too', async () => {
      const svgTexts = (svg: string) => b.page.evaluate((x) => [...new DOMParser().parseFromString(x, 'image/svg+xml').querySelectorAll('text')].map((t) => t.textContent ?? '').join(' '), svg);
      await b.page.goto(new URL('/risk?symbol=EUR/USD', served().url).href);
      await b.page.getByTestId('move-chart').waitFor({ timeout: 60_000 });
      const summary = (await b.page.getByTestId('move-summary').textContent())!;
      const move = (await svgTexts((await saved(b.page, 'svg', 'move-chart-card')).text)).replace(/\s+/g, '');
      expect(move).toContain(msg['risk.move.chart'].replace(/\s+/g, ''));
      expect(move).toContain(summary.replace(/\s+/g, '').slice(0, 30));
      expect(move).toMatch(/soukan\d+\.\d+\.\d+/);
      const jsonMove = (await saved(b.page, 'json', 'move-chart-card')).text;
      expect(JSON.parse(jsonMove).meta).toMatchObject({ symbol: 'EUR/USD' });

      await b.page.goto(new URL('/exposure', served().url).href);
      await b.page.getByTestId('exposure-chart').waitFor({ timeout: 60_000 });
      const exposure = (await svgTexts((await saved(b.page, 'svg', 'exposure-chart-card')).text)).replace(/\s+/g, '');
      expect(exposure).toContain((await b.page.getByTestId('exposure-summary').textContent())!.replace(/\s+/g, ''));
      expect(exposure).toContain(msg['exposure.legend.long'].replace(/\s+/g, ''));
      expect(exposure).toContain(msg['exposure.legend.short'].replace(/\s+/g, ''));
      await shot(b.page, `exports-exposure-${size.name}-${lang}`);
    });
  });
});
