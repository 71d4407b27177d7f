/// <reference lib="dom" />
import { expect, it } from 'vitest';
import { matrixRendered, shot } from './browser.js';
import { eachScreen, withEcbDashboard } from './ecbDashboard.js';

// The Performance and Cross views (the ECB data quote no cross directly, so the Cross view shows a
// cross built from its legs here) and the matrix's shrinkage option in a real Chromium against
// `soukan serve` on the ECB history, at 1280×800 and 390×844, in English and Japanese; what the
// page shows is compared with the API's answer to the same request.
// Screenshots: test-artifacts/browser/views-*.png.

const { url, api } = withEcbDashboard();

// The page writes negatives with a minus sign (− in some locales, - in others).
const signed = (v: number, digits: number): RegExp => new RegExp(`${v >= 0 ? '\\+' : '[-−]'}${Math.abs(v).toFixed(digits).replace('.', '\\.')}`);

eachScreen(url, ({ lang, layout, m, browser }) => {
  it('Performance: the comparison table, risk/return chart and returns in the benchmark’s drawdowns, as the API answers', async () => {
    const b = browser();
    await b.page.goto(url('/performance'));
    await b.page.getByTestId('perf-table').waitFor({ timeout: 60_000 });
    const p = await api('/api/performance?assets=EUR/USD,USD/JPY,EUR/GBP,AUD/USD,USD/CHF&benchmark=EUR/USD');
    const rows = b.page.getByTestId('perf-table').locator('tbody tr');
    expect(await rows.count()).toBe(5);
    const usdjpy = p.assets.find((a: { symbol: string }) => a.symbol === 'USD/JPY');
    const row = (await rows.nth(1).textContent())!;
    expect(row).toContain('USD/JPY');
    expect(row).toMatch(signed(usdjpy.annualizedReturn * 100, 2));
    expect(row).toMatch(signed(usdjpy.benchmark.correlation, 3));
    expect(await b.page.getByTestId('perf-phases').locator('tbody tr').count()).toBe(5);
    await b.page.getByTestId('perf-scatter').waitFor();
    expect(await b.page.locator('nav a[data-nav="performance"]').textContent()).toBe(m['nav.performance']);
    await shot(b.page, `views-performance-${lang}-${layout.name}`);
    expect(b.errors).toEqual([]);
  });

  it('Cross: a cross the data does not quote, built from its two legs, said so and drawn', async () => {
    const b = browser();
    await b.page.goto(url('/cross?symbol=GBP/JPY'));
    await b.page.getByTestId('cross-summary').waitFor({ timeout: 60_000 });
    const c = await api('/api/cross?symbol=GBP/JPY');
    expect(c.quotedDirectly).toBe(false);
    const summary = (await b.page.getByTestId('cross-summary').textContent())!;
    expect(summary).toContain(c.legs.map((l: { symbol: string; invert: boolean }) => (l.invert ? `1 / ${l.symbol}` : l.symbol)).join(' × '));
    expect(summary).toContain(m['cross.notQuoted']);
    await b.page.getByTestId('cross-chart').waitFor();
    await shot(b.page, `views-cross-${lang}-${layout.name}`);
    expect(b.errors).toEqual([]);
  });

  it('Correlation: the shrinkage option asks the API for a shrunk matrix and says so in the caption', async () => {
    const b = browser();
    await b.page.goto(url('/correlation?shrink=lw&window=60'));
    await matrixRendered(b.page);
    const caption = (await b.page.getByTestId('caption').textContent())!;
    const j = await api('/api/correlation?universe=majors&window=60&method=pearson&on=returns&order=given&align=inner&shrink=lw');
    expect(caption).toContain(`${m['corr.shrink.lw']}`);
    expect(caption).toContain((j.shrink.intensity as number).toFixed(3));
    await shot(b.page, `views-shrink-${lang}-${layout.name}`);
    expect(b.errors).toEqual([]);
  });
});
