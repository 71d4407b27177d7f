/// <reference lib="dom" />
import { beforeEach, describe, expect, it } from 'vitest';
import { matrixRendered, shot } from './browser.js';
import { ECB_ZIP, histData, SIZES, useBrowser, useServer } from './store.js';

// Intraday data in the dashboard: every timeframe of a HistData source is
// selectable and reaches the server (it once fell back to H1 for M5 while the
// box said M5), and VaR shows its figures when the backtest cannot run.
// Store: the ECB history and three HistData 2017 M1 files.

// A long time budget: a year of M5 bars on a shared, busy machine must not turn into a 503.
const served = useServer(() => [[ECB_ZIP()], histData('EURUSD', 'GBPUSD', 'USDJPY')], ['--time-budget', '300']);

describe.each(['en', 'ja'] as const)('intraday data (%s)', (lang) => {
  describe.each(SIZES)('$name', (size) => {
    const browser = useBrowser(served, lang, size);
    let b: ReturnType<typeof browser>;
    beforeEach(() => {
      b = browser();
    });

    it('every timeframe of the HistData source round-trips through the URL and the request', async () => {
      const meta = await (await fetch(new URL('/api/meta?source=HistData', served().url))).json();
      const timeframes: string[] = meta.source.timeframes;
      expect(timeframes).toContain('M5');
      // 40 observations: a year of weekly bars answers too.
      await b.page.goto(new URL('/correlation?source=HistData&window=40', served().url).href);
      await matrixRendered(b.page);
      if (size.width < 500) await b.page.getByTestId('controls-toggle').tap();
      const box = b.page.locator('select[name="timeframe"]');
      for (const tf of timeframes) {
        const answered = b.page.waitForResponse((r) => r.url().includes('/api/correlation?') && r.url().includes(`timeframe=${tf}`) && r.status() === 200, { timeout: 60_000 });
        await box.selectOption(tf);
        const res = await answered;
        expect((await res.json()).timeframe).toBe(tf);
        expect(new URL(b.page.url()).searchParams.get('timeframe')).toBe(tf);
        await expect.poll(() => box.inputValue()).toBe(tf);
        // The URL alone restores it: a reload asks for the same bars.
        if (tf === 'M5') {
          const again = b.page.waitForResponse((r) => r.url().includes('/api/correlation?') && r.url().includes('timeframe=M5'));
          await b.page.reload();
          expect((await (await again).json()).timeframe).toBe('M5');
          await matrixRendered(b.page);
          if (size.width < 500) await b.page.getByTestId('controls-toggle').tap();
          expect(await box.inputValue()).toBe('M5');
          await shot(b.page, `intraday-m5-${size.name}-${lang}`);
        }
      }
      expect(b.errors).toEqual([]);
    }, 240_000);

    it('switching to a daily source drops a bar size it does not have', async () => {
      await b.page.goto(new URL('/correlation?source=ECB&timeframe=M5', served().url).href);
      await expect.poll(() => new URL(b.page.url()).searchParams.get('timeframe'), { timeout: 20_000 }).toBeNull();
      await matrixRendered(b.page);
      const caption = await b.page.getByTestId('caption').textContent();
      expect(caption).toMatch(lang === 'en' ? /daily log returns/ : /日足/);
    });

    it('VaR shows its figures when the backtest cannot run, says why, and the backtest window is a field', async () => {
      await b.page.goto(new URL('/risk?symbol=EUR/USD&source=HistData', served().url).href);
      const table = b.page.getByTestId('var-table');
      await table.waitFor({ timeout: 60_000 });
      const api = await (await fetch(new URL('/api/var?positions=EUR/USD%20100000&source=HistData', served().url))).json();
      expect(api.returns).toBeLessThan(280); // 2017 only: too little for the default backtest window of 250 (+30)
      expect(await table.locator('tbody tr').count()).toBe(api.results.length);
      const skipped = b.page.getByTestId('backtest-skipped');
      await skipped.waitFor({ timeout: 60_000 });
      const text = (await skipped.textContent())!;
      expect(text).toContain(String(api.returns));
      expect(text).toMatch(lang === 'en' ? /backtest could not run.*280/ : /バックテストは実行できませんでした.*280/);
      await skipped.scrollIntoViewIfNeeded();
      await shot(b.page, `var-backtest-skipped-${size.name}-${lang}`);
      // A shorter backtest window fits the history: the backtest runs. (On a phone the VaR form is folded.)
      if (size.width < 500) await b.page.getByTestId('var-controls-toggle').tap();
      const field = b.page.locator('input[name="backtestWindow"]');
      await field.fill('9');
      await field.press('Enter');
      expect(await b.page.locator('input[name="backtestWindow"] + small').textContent()).toMatch(/30/);
      expect(new URL(b.page.url()).searchParams.get('backtestWindow')).toBeNull();
      await field.fill('200');
      await field.press('Enter');
      await b.page.getByTestId('backtest-table').waitFor({ timeout: 60_000 });
      expect(new URL(b.page.url()).searchParams.get('backtestWindow')).toBe('200');
      const days = await b.page.getByTestId('backtest-table').locator('tbody tr').first().locator('td').nth(2).textContent();
      expect(Number(days!.replace(/,/g, ''))).toBe(api.returns - 200);
      await b.page.getByTestId('backtest-table').scrollIntoViewIfNeeded();
      await shot(b.page, `var-backtest-window-${size.name}-${lang}`);
      expect(b.errors).toEqual([]);
    }, 120_000);
  });
});
