/// <reference lib="dom" />
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../packages/web/src/i18n/en.js';
import { ja } from '../../packages/web/src/i18n/ja.js';
import { shot } from './browser.js';
import { ECB_ZIP, SIZES, useBrowser, useServer } from './store.js';

// The Risk page's two forms (move probability, VaR) fold behind one button
// each on a phone, as the correlation form does, so the chart and the table
// come first; on a wide screen they stay open. The move chart leaves room for
// its legend's rows under the axis name. Store: the ECB history.

const served = useServer(() => [[ECB_ZIP()]]);

describe.each(['en', 'ja'] as const)('risk forms (%s)', (lang) => {
  const msg = lang === 'en' ? en : ja;
  describe.each(SIZES)('$name', (size) => {
    const phone = size.width < 500;
    const browser = useBrowser(served, lang, size);
    let b: ReturnType<typeof browser>;
    beforeEach(() => {
      b = browser();
    });

    it(phone ? 'both forms fold; the move chart starts on the first screen; an opened form still edits the URL' : 'both forms are open, with no fold button', async () => {
      await b.page.goto(new URL('/risk?symbol=USD/JPY', served().url).href);
      await b.page.getByTestId('move-chart').locator('canvas').waitFor({ timeout: 60_000 });
      await b.page.getByTestId('var-table').waitFor({ timeout: 60_000 });
      const horizons = b.page.locator('input[name="horizons"]');
      const confidence = b.page.locator('input[name="confidence"]');
      if (!phone) {
        expect(await b.page.getByTestId('move-controls-toggle').count()).toBe(0);
        expect(await b.page.getByTestId('var-controls-toggle').count()).toBe(0);
        expect(await horizons.isVisible()).toBe(true);
        expect(await confidence.isVisible()).toBe(true);
        await shot(b.page, `risk-forms-${lang}-${size.name}`);
        expect(b.errors).toEqual([]);
        return;
      }
      const moveToggle = b.page.getByTestId('move-controls-toggle');
      const varToggle = b.page.getByTestId('var-controls-toggle');
      expect(await moveToggle.getAttribute('aria-expanded')).toBe('false');
      expect(await varToggle.getAttribute('aria-expanded')).toBe('false');
      expect(await horizons.isVisible()).toBe(false);
      expect(await confidence.isVisible()).toBe(false);
      // The folded button says what is chosen.
      expect(await moveToggle.textContent()).toContain('USD/JPY');
      expect(await moveToggle.textContent()).toContain(msg['corr.controls.show']);
      // The chart comes first: its top is on the first screen.
      const chart = (await b.page.getByTestId('move-chart').boundingBox())!;
      expect(chart.y).toBeLessThan(size.height);
      await shot(b.page, `risk-forms-${lang}-${size.name}`);

      await moveToggle.tap();
      expect(await moveToggle.getAttribute('aria-expanded')).toBe('true');
      await horizons.fill('1b,5b');
      await horizons.press('Enter');
      await expect.poll(() => new URL(b.page.url()).searchParams.get('horizons')).toBe('1b,5b');
      await expect.poll(() => b.page.getByTestId('move-table').locator('tbody tr').count(), { timeout: 60_000 }).toBe(12);

      await varToggle.tap();
      await confidence.fill('0.975');
      await confidence.press('Enter');
      await expect.poll(() => new URL(b.page.url()).searchParams.get('confidence')).toBe('0.975');
      await expect.poll(() => b.page.getByTestId('var-table').textContent(), { timeout: 60_000 }).toMatch(/97[.,]5/);
      await shot(b.page, `risk-forms-open-${lang}-${size.name}`);
      expect(b.errors).toEqual([]);
    }, 120_000);
  });
});
