/// <reference lib="dom" />
import { expect, it } from 'vitest';
import { matrixRendered, shot } from './browser.js';
import { eachScreen, withEcbDashboard } from './ecbDashboard.js';

// The correlation analytics of the dashboard in a real Chromium against `soukan serve` on the ECB
// history: stability marks on the heatmap, the pair page's regime breaks, DCC and lead–lag, and the
// exposure view's diversification — at 1280×800 and 390×844, in English and Japanese. What the page
// shows is compared with what the API answers for the same request. Screenshots:
// test-artifacts/browser/analytics-*.png.

const { url, api } = withEcbDashboard();

eachScreen(url, ({ lang, layout, m, browser }) => {
  it('heatmap: stability marks toggle, marks where the API says a correlation changed, a legend that explains them', async () => {
    const b = browser();
    // On a phone the controls are folded away: the address carries the setting there.
    if (layout.name === 'phone') await b.page.goto(url('/correlation?marks=stability'));
    else {
      await b.page.goto(url('/correlation'));
      await matrixRendered(b.page);
      await b.page.getByRole('radio', { name: m['stability.marks.on'] }).check();
      expect(b.page.url()).toMatch(/marks=stability/);
    }
    await matrixRendered(b.page);
    await b.page.getByTestId('stability-legend').waitFor();
    const s = await api('/api/correlation/stability?universe=majors&window=250&history=750');
    const changed = s.cells.filter((c: { changed: boolean }) => c.changed).length;
    expect(await b.page.locator('[data-testid="stability-overlay"] [data-mark="changed"]').count()).toBe(2 * changed);
    expect(await b.page.locator('[data-testid="stability-overlay"] [data-mark="stable"]').count()).toBeGreaterThan(0);
    const legend = (await b.page.getByTestId('stability-legend').textContent())!;
    expect(legend).toContain(lang === 'en' ? `changed: ${changed} pair(s)` : `ペア ${changed} 組`);
    expect(legend).toContain(lang === 'en' ? 'Jennrich' : 'Jennrich');
    await shot(b.page, `analytics-stability-${lang}-${layout.name}`);
    expect(b.errors).toEqual([]);
  });

  it('pair page: regime breaks, DCC with its forecast beside the rolling correlation, the lead–lag chart with Granger tests', async () => {
    const b = browser();
    await b.page.goto(url('/correlation/pair?a=EUR/USD&b=GBP/USD'));
    await b.page.getByTestId('regime-breaks').waitFor();
    const pair = await api('/api/correlation/pair?symbols=EUR/USD,GBP/USD&rolling=60');
    const breaks = pair.breaks.blocks.filter((x: { changed: boolean }) => x.changed).length;
    expect(await b.page.getByTestId('breaks-table').locator('tbody tr').count()).toBe(breaks);
    await b.page.getByTestId('dcc-chart').waitFor({ timeout: 60_000 });
    const dcc = await api('/api/dcc?symbols=EUR/USD,GBP/USD&series=true&horizon=20');
    const summary = (await b.page.getByTestId('dcc-summary').textContent())!;
    const current = dcc.pairs[0].current as number;
    expect(summary).toContain(`${current >= 0 ? '+' : '−'}${Math.abs(current).toFixed(3)}`);
    await b.page.getByTestId('leadlag-chart').waitFor();
    const ll = await api('/api/leadlag?symbols=EUR/USD,GBP/USD');
    const text = (await b.page.getByTestId('leadlag-summary').textContent())!;
    expect(text).toContain(lang === 'en' ? `lag ${ll.best.lag}:` : `ラグ ${ll.best.lag}:`);
    expect(await b.page.getByTestId('granger-table').locator('tbody tr').count()).toBe(5);
    await b.page.waitForTimeout(300);
    await shot(b.page, `analytics-pair-${lang}-${layout.name}`);
    expect(b.errors).toEqual([]);
  });

  it('exposure: the diversification ratio and average correlation beside portfolio VaR', async () => {
    const b = browser();
    await b.page.goto(url('/exposure'));
    await b.page.getByTestId('diversification').waitFor({ timeout: 60_000 });
    const e = await api('/api/exposure?positions=EUR/USD%20100000,USD/CHF%20-50000,GBP/JPY%2020000&account=USD');
    expect(await b.page.getByTestId('diversification-ratio').textContent()).toBe((e.diversification.ratio as number).toFixed(2));
    await b.page.getByTestId('portfolio-var-table').waitFor();
    await shot(b.page, `analytics-exposure-${lang}-${layout.name}`);
    expect(b.errors).toEqual([]);
  });
});
