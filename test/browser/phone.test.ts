/// <reference lib="dom" />
import { beforeEach, describe, expect, it } from 'vitest';
import { en } from '../../packages/web/src/i18n/en.js';
import { ja } from '../../packages/web/src/i18n/ja.js';
import { matrixRendered, shot } from './browser.js';
import { ECB_ZIP, SIZES, useBrowser, useServer } from './store.js';

// The dashboard on a phone (390 × 844, touch) and, for comparison, a desktop
// (1280 × 800), in English and Japanese, on the ECB history.

const served = useServer(() => [[ECB_ZIP()]]);

const api = async (path: string) => (await fetch(new URL(path, served().url))).json();
const signed3 = (r: number): string => `${r >= 0 ? '+' : '-'}${Math.abs(r).toFixed(3)}`;

describe.each(['en', 'ja'] as const)('phone 390 × 844 (%s)', (lang) => {
  const msg = lang === 'en' ? en : ja;
  const browser = useBrowser(served, lang, SIZES[1]);
  let b: ReturnType<typeof browser>;
  beforeEach(() => {
    b = browser();
  });

  it('the matrix comes first: controls fold behind one button, the ranked list starts above the fold', async () => {
    await b.page.goto(served().url);
    await matrixRendered(b.page);
    const toggle = b.page.getByTestId('controls-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await b.page.locator('select[name="method"]').isVisible()).toBe(false);
    // 28 symbols cannot show readable numbers in 390 px: the list replaces the grid.
    const list = b.page.getByTestId('pair-list');
    expect(await list.getAttribute('data-k')).toBe('28');
    expect(await b.page.getByTestId('heatmap').count()).toBe(0);
    const first = (await list.locator('li').first().boundingBox())!;
    expect(first.y + first.height).toBeLessThan(844);
    // Strongest first, as the API ranks |ρ|.
    const m = await api('/api/correlation');
    let best = 0;
    for (let i = 0; i < 28; i++) for (let j = i + 1; j < 28; j++) best = Math.max(best, Math.abs(m.matrix[i][j] ?? 0));
    const chip = (await list.locator('li .chip-cell').first().textContent())!;
    expect(Math.abs(Number(chip.replace('−', '-')))).toBe(Math.round(best * 100));
    await shot(b.page, `phone-matrix-${lang}`);
    await toggle.tap();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await b.page.locator('select[name="method"]').isVisible()).toBe(true);
    await shot(b.page, `phone-controls-open-${lang}`);
    expect(b.errors).toEqual([]);
  });

  it('a tap on a row or a cell shows its details (ρ, n, interval, p) and a way to the pair', async () => {
    await b.page.goto(new URL('/correlation', served().url).href);
    await matrixRendered(b.page);
    const m = await api('/api/correlation');
    await b.page.getByTestId('pair-list-with').selectOption('EUR/USD');
    const row = b.page.locator('[data-testid="pair-list"] li button').first();
    const [a, other] = (await row.getAttribute('data-pair'))!.split('|') as [string, string];
    expect(a).toBe('EUR/USD');
    await row.tap();
    const details = b.page.getByTestId('cell-details');
    await details.waitFor();
    const i = m.symbols.indexOf('EUR/USD');
    const j = m.symbols.indexOf(other);
    const text = (await details.textContent())!;
    expect(text).toContain(`EUR/USD × ${other}`);
    expect(text).toContain(signed3(m.matrix[i][j]));
    expect(text).toContain(`[${signed3(m.ci.low[i][j])}, ${signed3(m.ci.high[i][j])}]`);
    await shot(b.page, `phone-details-${lang}`);
    // The grid on request; a tap on a cell there shows the same panel (no hover on a phone).
    await details.getByRole('button', { name: msg['corr.cell.close'] }).tap();
    await b.page.getByTestId('grid-toggle').tap();
    await b.page.getByTestId('heatmap').waitFor();
    const g = JSON.parse((await b.page.getByTestId('matrix-host').getAttribute('data-grid'))!) as { cell: number; left: number; top: number };
    const box = (await b.page.getByTestId('heatmap').boundingBox())!;
    await b.page.getByTestId('heatmap').scrollIntoViewIfNeeded();
    const box2 = (await b.page.getByTestId('heatmap').boundingBox())!;
    await b.page.touchscreen.tap(box2.x + g.left + (j + 0.5) * g.cell, box2.y + g.top + (i + 0.5) * g.cell);
    await details.waitFor();
    expect(await details.textContent()).toContain(`EUR/USD × ${other}`);
    expect(box.width).toBeLessThanOrEqual(390);
    await details.getByRole('button', { name: msg['corr.cell.open'] }).tap();
    await b.page.waitForURL(/\/correlation\/pair\?/);
    expect(new URL(b.page.url()).searchParams.get('b')).toBe(other);
  });

  it('exposure: every field shows its whole value and nothing runs off the screen', async () => {
    await b.page.goto(new URL('/exposure', served().url).href);
    await b.page.getByTestId('exposure-chart').waitFor({ timeout: 30_000 });
    const cut = await b.page.evaluate(() =>
      [...document.querySelectorAll('input')]
        .filter((el) => el.offsetParent !== null && el.type !== 'radio' && el.type !== 'checkbox')
        .map((el) => {
          const c = document.createElement('canvas').getContext('2d')!;
          const cs = getComputedStyle(el);
          c.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
          const room = el.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - (el.list ? 18 : 0);
          return { name: el.name, value: el.value, need: c.measureText(el.value).width, room };
        })
        .filter((x) => x.need > x.room),
    );
    expect(cut).toEqual([]);
    expect(await b.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(b.page, `phone-exposure-${lang}`);
  });
});

describe.each(['en', 'ja'] as const)('desktop 1280 × 800 (%s)', (lang) => {
  const browser = useBrowser(served, lang);
  let b: ReturnType<typeof browser>;
  beforeEach(() => {
    b = browser();
  });

  it('keeps the open form and the 28 × 28 grid with numbers; a click still opens the pair', async () => {
    await b.page.goto(served().url);
    await matrixRendered(b.page);
    expect(await b.page.getByTestId('controls-toggle').count()).toBe(0);
    expect(await b.page.locator('select[name="method"]').isVisible()).toBe(true);
    expect(await b.page.getByTestId('pair-list').count()).toBe(0);
    const g = JSON.parse((await b.page.getByTestId('matrix-host').getAttribute('data-grid'))!) as { cell: number; k: number };
    expect(g.k).toBe(28);
    expect(g.cell).toBeGreaterThanOrEqual(21);
    await shot(b.page, `desktop-matrix-${lang}`);
    expect(b.errors).toEqual([]);
  });
});
