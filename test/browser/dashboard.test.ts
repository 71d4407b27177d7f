/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedData } from '../helpers/sharedData.js';
import { runCli } from '../helpers/cli.js';
import { launch, matrixRendered, shot, type Browser } from './browser.js';
import { serve, type Served } from './serve.js';
import { en } from '../../packages/web/src/i18n/en.js';
import { ja } from '../../packages/web/src/i18n/ja.js';

// The dashboard in a real Chromium against `soukan serve` on a free 127.0.0.1
// port, on a store built from the shared data folder (the ECB history and
// three HistData 2017 M1 files, imported with `soukan import`).
// Screenshots: test-artifacts/browser/*.png.

const ECB = sharedData('eurofxref-hist.zip');
const H10 = sharedData('frb_h10_daily.csv');
const HIST = ['EURUSD', 'USDJPY', 'GBPUSD'].map((p) => sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${p}_M1_2017.zip`));

let server: Served;
let b: Browser;
const url = (path: string): string => new URL(path, server.url).href;
const api = async (path: string): Promise<ReturnType<typeof JSON.parse>> => (await fetch(url(path))).json();

beforeAll(async () => {
  if (!existsSync(join(repoRoot, 'packages', 'web', 'dist', 'index.html'))) throw new Error('the dashboard is not built: run npm run build (npm test does)');
  const store = join(mkdtempSync(join(tmpdir(), 'soukan-browser-store-')), 'soukan.duckdb');
  for (const files of [[ECB], HIST]) {
    const r = await runCli(['import', '--store', store, ...files]);
    if (r.code !== 0) throw new Error(`soukan import failed: ${r.stderr}`);
  }
  server = await serve(['--store', store]);
  b = await launch({ locale: 'en-US' });
}, 120_000);

afterAll(async () => {
  await b?.close();
  await server?.close();
});

/** Pixel centre of heatmap cell (row i, column j), from the layout the page publishes. */
async function cellPoint(i: number, j: number): Promise<{ x: number; y: number }> {
  const host = b.page.locator('[data-testid="matrix-host"]');
  const g = JSON.parse((await host.getAttribute('data-grid'))!) as { cell: number; left: number; top: number; k: number };
  const box = (await b.page.locator('[data-testid="heatmap"]').boundingBox())!;
  return { x: box.x + g.left + (j + 0.5) * g.cell, y: box.y + g.top + (i + 0.5) * g.cell };
}

/** Sets the remembered language (the page reads it at start). */
async function useLanguage(lang: 'en' | 'ja'): Promise<void> {
  await b.page.goto(url('/data'));
  await b.page.evaluate((l) => localStorage.setItem('soukan.lang', l), lang);
}

describe('correlation view', () => {
  it('renders the 28 × 28 heatmap of the majors, labelled with method, input, window and dates', async () => {
    await b.page.goto(server.url);
    await matrixRendered(b.page);
    const caption = await b.page.getByTestId('caption').textContent();
    expect(caption).toMatch(/^Pearson correlation of daily log returns · 250 observations · .+ → Apr 13, 2026$/);
    const grid = JSON.parse((await b.page.getByTestId('matrix-host').getAttribute('data-grid'))!);
    expect(grid.k).toBe(28);
    await shot(b.page, 'correlation-heatmap-en');
    expect(b.errors).toEqual([]);
  });

  it('hovering a cell shows ρ, n, the 95 % interval and the p-value', async () => {
    const p = await cellPoint(3, 9); // EUR/USD × GBP/USD in the given order
    await b.page.mouse.move(p.x, p.y);
    const tip = b.page.locator('div').filter({ hasText: /^EUR\/USD × GBP\/USD/ }).last();
    await tip.waitFor({ state: 'visible' });
    const text = (await tip.textContent())!;
    expect(text).toMatch(/ρ = \+0\.\d{3}/);
    expect(text).toMatch(/n = 250/);
    expect(text).toMatch(/95 % CI: \[\+0\.\d{3}, \+0\.\d{3}\]/);
    expect(text).toMatch(/p-value (= [\d.]+|< 0\.0001)/);
    await shot(b.page, 'correlation-tooltip');
  });

  it('bubble and table views of the same matrix; colour scheme and order switch; state lives in the URL', async () => {
    await b.page.mouse.move(0, 0);
    await b.page.getByRole('tab', { name: 'Bubbles' }).click();
    await b.page.waitForSelector('[data-testid="bubble"]');
    await matrixRendered(b.page);
    await b.page.getByRole('radio', { name: 'Diverging' }).check();
    await b.page.getByRole('radio', { name: 'Clustered' }).check();
    await matrixRendered(b.page);
    expect(b.page.url()).toMatch(/view=bubble/);
    expect(b.page.url()).toMatch(/scheme=diverging/);
    expect(b.page.url()).toMatch(/order=cluster/);
    await shot(b.page, 'correlation-bubble-diverging-clustered');
    await b.page.getByRole('tab', { name: 'Table' }).click();
    const table = b.page.getByTestId('matrix-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(28);
    expect(await b.page.getByTestId('pair-ranking').locator('tbody tr').count()).toBe(378);
    await shot(b.page, 'correlation-table');
    // The URL alone restores the state.
    const shared = b.page.url();
    await b.page.goto('about:blank');
    await b.page.goto(shared);
    await b.page.getByTestId('matrix-table').waitFor();
    expect(await b.page.getByRole('tab', { name: 'Table' }).getAttribute('aria-selected')).toBe('true');
  });

  it('table cells have readable contrast (WCAG AA, 4.5 : 1) in both colour schemes', async () => {
    for (const scheme of ['bands', 'diverging']) {
      await b.page.goto(url(`/correlation?view=table${scheme === 'diverging' ? '&scheme=diverging' : ''}`));
      await b.page.getByTestId('matrix-table').waitFor();
      const worst = await b.page.evaluate(() => {
        const lum = (c: string): number => {
          const [r, g, bl] = c.match(/\d+(\.\d+)?/g)!.slice(0, 3).map((v) => {
            const s = Number(v) / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          }) as [number, number, number];
          return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
        };
        let min = Infinity;
        for (const td of document.querySelectorAll('table.matrix td')) {
          const cs = getComputedStyle(td);
          const a = lum(cs.backgroundColor);
          const f = lum(getComputedStyle((td.querySelector('button') ?? td) as Element).color);
          min = Math.min(min, (Math.max(a, f) + 0.05) / (Math.min(a, f) + 0.05));
        }
        return min;
      });
      expect(worst, scheme).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('cells without enough observations are visibly empty, with the reason on hover', async () => {
    await b.page.goto(url('/correlation?universe=custom&symbols=EUR/USD,CYP/USD,GBP/USD&align=pairwise'));
    await matrixRendered(b.page);
    const m = await api('/api/correlation?symbols=EUR/USD,CYP/USD,GBP/USD&align=pairwise');
    const i = m.symbols.indexOf('CYP/USD');
    expect(m.matrix[i][0]).toBeNull();
    const p = await cellPoint(i, 0);
    await b.page.mouse.move(p.x, p.y);
    const tip = b.page.locator('div').filter({ hasText: /^CYP\/USD × EUR\/USD/ }).last();
    await tip.waitFor({ state: 'visible' });
    expect(await tip.textContent()).toMatch(/No value: too few observations \(n = 0, need 20\)/);
    await shot(b.page, 'correlation-empty-cells');
  });

  it('exports the matrix as CSV with exactly the API values', async () => {
    await b.page.goto(url('/correlation?window=120&method=spearman'));
    await matrixRendered(b.page);
    const [download] = await Promise.all([b.page.waitForEvent('download'), b.page.getByTestId('matrix-card').locator('button[data-export="csv"]').click()]);
    const path = join(mkdtempSync(join(tmpdir(), 'soukan-dl-')), 'm.csv');
    await download.saveAs(path);
    // After the `#` header block that describes the export (see exports.test.ts).
    const rows = readFileSync(path, 'utf8').trim().split(/\r?\n/).filter((l) => !l.startsWith('#')).map((l) => l.split(','));
    const m = await api('/api/correlation?window=120&method=spearman');
    expect(rows[0]).toEqual(['', ...m.symbols]);
    for (let r = 0; r < m.symbols.length; r++) {
      expect(rows[r + 1]![0]).toBe(m.symbols[r]);
      for (let c = 0; c < m.symbols.length; c++) expect(Number(rows[r + 1]![c + 1])).toBe(m.matrix[r][c]);
    }
    // PNG export too.
    const [png] = await Promise.all([b.page.waitForEvent('download'), b.page.getByTestId('matrix-card').locator('button[data-export="png"]').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
  });

  it('validates fields in the page before asking the server, and shows server refusals in the user’s language', async () => {
    await b.page.goto(server.url);
    await matrixRendered(b.page);
    const windowBox = b.page.getByLabel('Window');
    await windowBox.fill('abc');
    await windowBox.press('Enter');
    await expect.poll(() => b.page.locator('input[name="window"] + small').textContent(), { timeout: 20_000 }).toMatch(/“Window”.*a whole number from 2 to 10,000,000, or “all”/);
    expect(b.page.url()).not.toMatch(/window=abc/);
    await b.page.goto(url('/correlation?window=100000'));
    const err = b.page.getByTestId('error');
    await err.waitFor();
    expect(await err.textContent()).toMatch(/Too little data: [\d,]+ observations for a window of 100,000/);
  });
});

describe('pair page', () => {
  it('a click on a heatmap cell opens the pair: rolling correlation with mean ± σ, scatter, both prices', async () => {
    await b.page.goto(server.url);
    await matrixRendered(b.page);
    const p = await cellPoint(3, 9);
    await b.page.mouse.click(p.x, p.y);
    await b.page.waitForURL(/\/correlation\/pair\?/);
    expect(await b.page.getByTestId('pair-heading').textContent()).toBe('EUR/USD and GBP/USD');
    await b.page.getByTestId('rolling-chart').locator('canvas').waitFor();
    await b.page.getByTestId('scatter-chart').locator('canvas').waitFor();
    await b.page.getByTestId('prices-chart').locator('canvas').waitFor();
    const pair = await api('/api/correlation/pair?symbols=EUR/USD,GBP/USD&rolling=60');
    expect(await b.page.getByTestId('pair-summary').textContent()).toContain(`ρ = +${pair.matrix[0][1].toFixed(3)}`);
    expect(await b.page.getByTestId('rolling-card').textContent()).toContain(`mean +${pair.rolling.mean.toFixed(3)} · σ ${pair.rolling.sd.toFixed(3)}`);
    await shot(b.page, 'pair-en');
    // Back keeps the matrix state.
    await b.page.getByRole('button', { name: '← Back to the matrix' }).click();
    await matrixRendered(b.page);
  });

  it('keyboard: a table cell is a button that opens the pair with Enter', async () => {
    await b.page.goto(url('/correlation?view=table'));
    const cell = b.page.getByTestId('matrix-table').locator('button').first();
    await cell.focus();
    await b.page.keyboard.press('Enter');
    await b.page.waitForURL(/\/correlation\/pair\?/);
    await b.page.getByTestId('rolling-chart').locator('canvas').waitFor();
  });
});

describe('languages', () => {
  it('switches to Japanese: labels, numbers and dates; the choice is remembered', async () => {
    await b.page.goto(server.url);
    await matrixRendered(b.page);
    await b.page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => b.page.getByTestId('caption').textContent(), { timeout: 20_000 }).toMatch(/^日足の対数リターンのピアソン相関 · 観測数 250 · \d{4}年\d{1,2}月\d{1,2}日 → 2026年4月13日$/);
    expect(await b.page.locator('nav').textContent()).toContain('相関');
    expect(await b.page.locator('html').getAttribute('lang')).toBe('ja');
    await shot(b.page, 'correlation-ja');
    await b.page.reload();
    await matrixRendered(b.page);
    expect(await b.page.getByTestId('caption').textContent()).toMatch(/^日足の/);
    // Errors in Japanese too.
    await b.page.goto(url('/correlation?window=100000'));
    await b.page.getByTestId('error').waitFor();
    expect(await b.page.getByTestId('error').textContent()).toMatch(/データが不足しています/);
    const windowBox = b.page.getByLabel('期間', { exact: true });
    await windowBox.fill('x');
    await windowBox.press('Enter');
    await expect.poll(() => b.page.locator('input[name="window"] + small').textContent(), { timeout: 20_000 }).toMatch(/「期間」.*2 から 10,000,000 までの整数/);
    await b.page.getByRole('button', { name: 'English' }).click();
    expect(await b.page.locator('html').getAttribute('lang')).toBe('en');
  });

  it('starts in Japanese when the browser prefers it', async () => {
    const ja = await launch({ locale: 'ja-JP' });
    try {
      await ja.page.goto(server.url);
      await matrixRendered(ja.page);
      expect(await ja.page.getByTestId('caption').textContent()).toMatch(/^日足の/);
      await ja.page.goto(new URL('/correlation/pair?a=USD/JPY&b=EUR/JPY', server.url).href);
      await ja.page.getByTestId('rolling-chart').locator('canvas').waitFor();
      expect(await ja.page.getByTestId('pair-heading').textContent()).toBe('USD/JPY と EUR/JPY');
      await shot(ja.page, 'pair-ja');
      expect(ja.errors).toEqual([]);
    } finally {
      await ja.close();
    }
  });
});

/**
 * English that must not show in Japanese: what the server sends in English
 * (notes, parameter rules, attribution, labels) and every phrase of the page's
 * own English catalog that Japanese words differently.
 */
const ENGLISH_LEFTOVERS = [
  'Source: ',
  'Time',
  ' bars',
  '1 bar',
  'pair(s) of',
  'forward-filled',
  'trading days a year',
  'DuckDB store',
  'expected ',
  'a whole number',
  'is not valid',
  'the HistData data',
  // (phrases Japanese keeps as they are, such as "Christoffersen p" in "Christoffersen p値", are not leftovers)
  ...Object.entries(en).flatMap(([k, v]) =>
    v
      .split(/\{\w+\}/)
      .map((x) => x.trim())
      .filter((x) => x.length >= 10 && /[a-z]+ [a-z]+/i.test(x) && !ja[k as keyof typeof en].includes(x)),
  ),
];

describe('Japanese everywhere', () => {
  it('no view shows English the page words in Japanese (server notes, rules, labels included)', async () => {
    const jp = await launch({ locale: 'ja-JP' });
    try {
      for (const [name, path, ready] of [
        ['heatmap', '/correlation?source=HistData&timeframe=H1&window=50', '[data-testid="matrix-host"][data-rendered]'],
        ['bubble', '/correlation?view=bubble', '[data-testid="matrix-host"][data-rendered]'],
        ['table', '/correlation?view=table', '[data-testid="pair-ranking"]'],
        ['server-rule', '/correlation?window=1', '[data-testid="error"]'],
        ['pair', '/correlation/pair?a=EUR/USD&b=GBP/USD', '[data-testid="prices-chart"] canvas'],
        ['volatility', '/volatility?source=HistData&symbol=EUR/USD&timeframe=H1', '[data-testid="vol-estimator-table"]'],
        ['risk', '/risk?symbol=USD/JPY', '[data-testid="backtest-table"]'],
        ['strength', '/strength', '[data-testid="strength-table"]'],
        ['exposure', '/exposure', '[data-testid="hedge"]'],
        ['pair-trade', '/pair?a=AUD/USD&b=NZD/USD&window=all', '[data-testid="adf-table"]'],
        ['data', '/data', '[data-testid="stored-table"]'],
      ] as const) {
        await jp.page.goto(url(path));
        await jp.page.waitForSelector(ready, { timeout: 30_000 });
        await jp.page.waitForFunction(() => !document.querySelector('.spinner'), null, { timeout: 30_000 });
        // Server notes are folded away: open them (the English detail of an error stays folded; it says it is English).
        await jp.page.evaluate(() => document.querySelectorAll('details.notes').forEach((d) => ((d as HTMLDetailsElement).open = true)));
        const text = await jp.page.evaluate(() => document.body.innerText);
        expect(ENGLISH_LEFTOVERS.filter((w) => text.includes(w)), name).toEqual([]);
        await shot(jp.page, `ja-${name}`);
      }
      expect(jp.errors).toEqual([]);
    } finally {
      await jp.close();
    }
  });
});

describe('analytics views', () => {
  beforeAll(() => useLanguage('en'));

  it('volatility: range by hour of day in a chosen zone and by weekday, estimator table (HistData 2017)', async () => {
    await b.page.goto(url('/volatility?source=HistData&symbol=EUR/USD&timeframe=H1'));
    await b.page.getByTestId('vol-hour-chart').locator('canvas').waitFor();
    await b.page.getByTestId('vol-weekday-chart').locator('canvas').waitFor();
    await b.page.getByLabel('Time zone (hours)').selectOption('Asia/Tokyo');
    await expect.poll(() => b.page.getByTestId('vol-hour-card').textContent(), { timeout: 20_000 }).toMatch(/Asia\/Tokyo/);
    const api1 = await api('/api/volatility?source=HistData&symbol=EUR/USD&timeframe=H1&zone=Asia/Tokyo');
    const rows = b.page.getByTestId('vol-estimator-table').locator('tbody tr');
    expect(await rows.count()).toBe(api1.estimators.length + 1);
    expect(await rows.first().textContent()).toContain(`${(api1.estimators[0].sigma * 100).toFixed(3)}%`);
    await shot(b.page, 'volatility');
  });

  it('move probability and VaR: ladder table, distribution chart, VaR/ES table with backtest verdicts', async () => {
    await b.page.goto(url('/risk?symbol=USD/JPY'));
    await b.page.getByTestId('move-chart').locator('canvas').waitFor();
    await b.page.getByTestId('backtest-table').waitFor({ timeout: 30_000 });
    expect(await b.page.getByTestId('move-table').locator('tbody tr').count()).toBe(24);
    expect(await b.page.getByTestId('var-table').locator('tbody tr').count()).toBe(10);
    expect(await b.page.getByTestId('backtest-table').textContent()).toMatch(/rejected|not rejected/);
    await shot(b.page, 'risk');
  });

  it('currency strength: indices rebased at a session open, ranking bar and table', async () => {
    await b.page.goto(url('/strength?source=HistData&timeframe=H1&window=500'));
    await b.page.getByTestId('strength-chart').locator('canvas').waitFor();
    await b.page.getByLabel('Index = 100 at').selectOption('tokyo');
    await expect.poll(() => b.page.getByTestId('strength-summary').textContent(), { timeout: 20_000 }).toMatch(/Tokyo open/);
    expect(await b.page.getByTestId('strength-table').locator('tbody tr').count()).toBe(4); // EUR USD JPY GBP in the three HistData pairs
    await shot(b.page, 'strength');
  });

  it('exposure: edit positions, per-currency bars, portfolio VaR and contributions, hedge', async () => {
    await b.page.goto(url('/exposure'));
    await b.page.getByTestId('exposure-chart').locator('canvas').waitFor();
    await b.page.getByRole('button', { name: 'Add a position' }).click();
    await b.page.getByLabel('Pair 4').fill('AUD/JPY');
    await b.page.getByLabel('Amount (base currency) 4').fill('abc');
    expect(await b.page.getByTestId('positions-submit').isDisabled()).toBe(true);
    await b.page.getByLabel('Amount (base currency) 4').fill('-30k');
    await b.page.getByTestId('positions-submit').click();
    await expect.poll(() => b.page.getByTestId('exposure-table').textContent(), { timeout: 20_000 }).toMatch(/AUD/);
    expect(new URL(b.page.url()).searchParams.get('positions')).toMatch(/AUD\/JPY -30k$/);
    expect(await b.page.getByTestId('hedge').textContent()).toMatch(/Minimum-variance hedge/);
    await shot(b.page, 'exposure');
  });

  it('pair trade: spread z-score bands and the cointegration verdict', async () => {
    await b.page.goto(url('/pair?a=AUD/USD&b=NZD/USD&window=all'));
    await b.page.getByTestId('z-chart').locator('canvas').waitFor();
    const eg = (await api('/api/pair?a=AUD/USD&b=NZD/USD&window=all')).engleGranger;
    expect(await b.page.getByTestId('verdict').textContent()).toMatch(eg.pValue < 0.05 ? /^Cointegrated at 5 %/ : /^Not cointegrated at 5 %/);
    expect(await b.page.getByTestId('adf-table').locator('tbody tr').count()).toBe(4);
    await shot(b.page, 'pair-trade');
  });
});

describe('data view', () => {
  beforeAll(() => useLanguage('en'));

  it('lists what is loaded and imports an upload with progress', async () => {
    await b.page.goto(url('/data'));
    await b.page.getByTestId('stored-table').waitFor();
    const before = await b.page.getByTestId('stored-table').locator('tbody tr').count();
    expect(before).toBe(41 + 3);
    await b.page.getByLabel('File').setInputFiles(H10);
    await b.page.getByTestId('upload-submit').click();
    await expect.poll(() => b.page.getByTestId('import-result').textContent(), { timeout: 30_000 }).toMatch(/^FRB H\.10: \d+ series, [\d,]+ new rows/);
    await expect.poll(() => b.page.getByTestId('stored-table').locator('tbody tr').count(), { timeout: 20_000 }).toBeGreaterThan(before);
    await shot(b.page, 'data-after-upload');
    // The new source is selectable and answers.
    await b.page.goto(url('/correlation?source=FRB%20H.10&universe=majors'));
    await matrixRendered(b.page);
  });

  it('an upload in an unknown format changes nothing and says why', async () => {
    await b.page.goto(url('/data'));
    await b.page.getByTestId('stored-table').waitFor();
    const before = await api('/api/list');
    const junk = join(mkdtempSync(join(tmpdir(), 'soukan-junk-')), 'notes.txt');
    writeFileSync(junk, 'this is not market data\nat all\n');
    await b.page.getByLabel('File').setInputFiles(junk);
    await b.page.getByTestId('upload-submit').click();
    const result = b.page.getByTestId('import-result');
    await expect.poll(() => result.textContent(), { timeout: 30_000 }).toMatch(/Nothing was changed/);
    expect(await result.textContent()).toMatch(/unknown format/);
    expect(await api('/api/list')).toEqual(before);
    await shot(b.page, 'data-bad-upload');
  });
});

describe('layout', () => {
  beforeAll(() => useLanguage('en'));

  it('works on a phone-width screen: no sideways scrolling of the page', async () => {
    const phone = await launch({ locale: 'ja-JP', width: 390, height: 844 });
    try {
      for (const [name, path] of [
        ['phone-correlation', '/correlation'],
        ['phone-pair', '/correlation/pair?a=EUR/USD&b=USD/JPY'],
        ['phone-exposure', '/exposure'],
      ] as const) {
        await phone.page.goto(new URL(path, server.url).href);
        // The matrix on a phone is the ranked list (no canvas) when the grid is too small to read.
        await phone.page.waitForSelector(name === 'phone-correlation' ? '[data-testid="matrix-host"][data-rendered]' : 'canvas', { timeout: 30_000 });
        await phone.page.waitForTimeout(300);
        const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, name).toBeLessThanOrEqual(1);
        await shot(phone.page, name);
      }
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('every control is reachable with the keyboard', async () => {
    await b.page.goto(server.url);
    await matrixRendered(b.page);
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await b.page.keyboard.press('Tab');
      const name = await b.page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        return el ? `${el.tagName}:${el.getAttribute('name') ?? el.getAttribute('data-lang') ?? el.getAttribute('data-nav') ?? el.textContent?.trim().slice(0, 20)}` : '';
      });
      seen.add(name);
    }
    for (const want of ['SELECT:universe', 'SELECT:timeframe', 'INPUT:window', 'INPUT:end', 'SELECT:method', 'INPUT:on', 'INPUT:order', 'INPUT:scheme', 'BUTTON:ja', 'A:volatility']) {
      expect([...seen], want).toContain(want);
    }
  });
});

describe('a server that needs a token', () => {
  it('asks for the token, keeps it for the tab, and then shows the data', async () => {
    const token = 'browser-test-token-0123456789';
    const secured = await serve(['--data', ECB, '--token', token]);
    const t = await launch({ locale: 'en-US' });
    try {
      await t.page.goto(secured.url);
      await t.page.getByRole('dialog').waitFor();
      await t.page.getByLabel('Token', { exact: true }).fill('wrong-token-wrong-token');
      await t.page.getByRole('button', { name: 'Continue' }).click();
      await t.page.getByRole('dialog').waitFor();
      await t.page.getByLabel('Token', { exact: true }).fill(token);
      await t.page.getByRole('button', { name: 'Continue' }).click();
      await matrixRendered(t.page);
      await shot(t.page, 'token-accepted');
      await t.page.reload();
      await matrixRendered(t.page);
    } finally {
      await t.close();
      await secured.close();
    }
  });
});
