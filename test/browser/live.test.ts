/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { Page } from 'playwright-core';
import { repoRoot, sharedData, sharedDataDir } from '../helpers/sharedData.js';
import { ARTIFACTS, launch, shot, type Browser } from './browser.js';
import { liveStub, type LiveStub } from './liveStub.js';
import { serve, type Served } from './serve.js';

// The live dashboard in a real Chromium against `soukan serve --live replay`
// (the eight 2017 HistData M1 files from the shared data folder, replayed
// from 15 Mar 2017 17:30 UTC at 60×, imported into a fresh store at start):
// the heatmap updates without reload, the status line, an alert appearing
// with its evidence, the live strength and volatility cards — at 1280 × 800
// and 390 × 844, in English and Japanese. Reconnects: against a stub of the
// live endpoints (test/browser/liveStub.ts) in front of a real `soukan
// serve`, because only a stub can drop its stream on cue.
// Screenshots: test-artifacts/browser/live-*.png.

const ECB = sharedData('eurofxref-hist.zip');
for (const p of ['EURUSD', 'USDJPY', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'EURJPY']) sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${p}_M1_2017.zip`);

/** Waits for the next matrix event drawn after `after` whose `changed` is not empty; returns its time. */
async function nextChangedMatrix(page: Page, after: string | null, timeout = 60_000): Promise<string> {
  const host = page.getByTestId('live-matrix-host');
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="live-matrix-host"]');
      const t = el?.getAttribute('data-live-time');
      return !!t && t !== prev && (el?.getAttribute('data-changed') ?? '') !== '';
    },
    after,
    { timeout, polling: 50 },
  );
  return (await host.getAttribute('data-live-time'))!;
}

const WORDS = {
  en: { feed: /replay 60×/, tick: /last tick Mar 15, 2017, \d\d:\d\d:\d\d UTC/, lag: /lag (\d+ ms|[\d.]+ s|\d+ min|—)/, reconnects: /reconnects 0/, state: 'live', alerts: /^Alerts \(\d+\)$/ },
  ja: { feed: /リプレイ 60 倍/, tick: /最終ティック 2017年3月15日 \d\d:\d\d:\d\d UTC/, lag: /遅延 (\d+ ms|[\d.]+ s|\d+ min|—)/, reconnects: /再接続 0 回/, state: '受信中', alerts: /^アラート（\d+）$/ },
} as const;

describe('live dashboard on soukan serve --live replay', () => {
  let server: Served;

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'packages', 'web', 'dist', 'index.html'))) throw new Error('the dashboard is not built: run npm run build (npm test does)');
    const store = join(mkdtempSync(join(tmpdir(), 'soukan-live-browser-')), 'soukan.duckdb');
    server = await serve(['--store', store, '--live', 'replay'], { SOUKAN_SHARED_DATA: sharedDataDir, SOUKAN_ECB_FILE: ECB }, 240_000);
  }, 250_000);

  afterAll(async () => {
    await server?.close();
  });

  const cases = [
    { lang: 'en', width: 1280, height: 800 },
    { lang: 'ja', width: 1280, height: 800 },
    { lang: 'en', width: 390, height: 844 },
    { lang: 'ja', width: 390, height: 844 },
  ] as const;

  for (const c of cases) {
    it(`${c.lang} at ${c.width}: a cell changes without reload, the status line, an alert with its evidence`, async () => {
      const tag = `${c.lang}-${c.width}`;
      const w = WORDS[c.lang];
      const b = await launch({ locale: c.lang === 'ja' ? 'ja-JP' : 'en-US', width: c.width, height: c.height });
      try {
        const page = b.page;
        if (c === cases[0]) {
          await b.context.grantPermissions(['notifications'], { origin: new URL(server.url).origin });
          // Records the notifications the page shows (headless Chromium draws none).
          await page.addInitScript(() => {
            const w = window as unknown as { notes: string[]; Notification: unknown };
            w.notes = [];
            const Real = window.Notification;
            class Recorded extends Real {
              constructor(title: string, o?: NotificationOptions) {
                super(title, o);
                w.notes.push(title);
              }
            }
            w.Notification = Recorded;
          });
        }
        await page.goto(server.url);
        await page.evaluate((l) => localStorage.setItem('soukan.lang', l), c.lang);
        await page.reload();
        const status = page.getByTestId('live-status');
        await expect.poll(() => status.getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
        const navigations: string[] = [];
        page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
        const card = page.getByTestId('live-matrix-card');
        const host = page.getByTestId('live-matrix-host');

        // Before and after: two drawn events, the second with outlined (changed) cells and a value that differs
        // at 2 decimals from the first, with no reload between.
        let t1 = await nextChangedMatrix(page, null);
        let v1: string[] = [];
        let v2: string[] = [];
        let t2 = t1;
        for (let tries = 0; tries < 20 && !v1.some((x, i) => x !== v2[i]); tries++) {
          t1 = t2;
          v1 = (await host.getAttribute('data-values'))!.split(',');
          await card.screenshot({ path: join(ARTIFACTS, `live-cell-before-${tag}.png`) });
          t2 = await nextChangedMatrix(page, t1);
          v2 = (await host.getAttribute('data-values'))!.split(',');
        }
        await card.screenshot({ path: join(ARTIFACTS, `live-cell-after-${tag}.png`) });
        expect(t2 > t1).toBe(true);
        expect(v1).toHaveLength(28);
        expect(v2).toHaveLength(28);
        expect(v1.some((x, i) => x !== v2[i])).toBe(true);
        expect((await host.getAttribute('data-changed'))!.split(',').length).toBeGreaterThan(0);
        expect(navigations).toEqual([]);

        const text = (await status.textContent())!;
        expect(text).toContain(w.state);
        expect(text).toMatch(w.feed);
        expect(text).toMatch(w.tick);
        expect(text).toMatch(w.lag);
        expect(text).toMatch(w.reconnects);
        await page.getByTestId('live-bar').screenshot({ path: join(ARTIFACTS, `live-status-${tag}.png`) });

        // The replay starts 30 min before the AUD/USD ~ NZD/USD breakdown of 15 Mar 2017 17:59 UTC: the first page
        // sees that alert arrive as an in-page notification and a browser notification (permission granted);
        // later pages find it in the list. Newest first, evidence on click.
        const button = page.getByTestId('live-alerts-button');
        if (c === cases[0]) {
          const toast = page.getByTestId('live-toast');
          await toast.waitFor({ timeout: 120_000 });
          expect(await toast.textContent()).toMatch(/Correlation|Divergence|Volatility|Price move/);
          await shot(page, `live-alert-toast-${tag}`);
          expect(await page.evaluate(() => (window as unknown as { notes: string[] }).notes)).toContainEqual(expect.stringMatching(/^soukan · /));
          await toast.getByRole('button').first().click();
        } else {
          await expect.poll(async () => Number(/\d+/.exec((await button.textContent()) ?? '')?.[0] ?? 0), { timeout: 120_000 }).toBeGreaterThan(0);
          await button.click();
          await page.getByTestId('live-alert').first().getByRole('button').click();
        }
        expect((await button.textContent())!).toMatch(w.alerts);
        const panel = page.getByTestId('live-alerts');
        await panel.getByTestId('live-evidence').first().waitFor();
        const times = await panel.locator('time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
        expect(times).toEqual([...times].sort().reverse());
        expect(await panel.getByTestId('live-evidence').first().locator('dt').count()).toBeGreaterThan(0);
        await shot(page, `live-alerts-${tag}`);

        // Strength and volatility update from the stream too.
        if (c.lang === 'en' || c.width === 390) {
          await page.getByTestId('live-alerts').getByRole('button').first().click();
          await page.locator('[data-nav="strength"]').click();
          const st = page.getByTestId('live-strength-title');
          const s1 = await st.textContent();
          await expect.poll(() => st.textContent(), { timeout: 20_000 }).not.toBe(s1);
          await shot(page, `live-strength-${tag}`);
          await page.locator('[data-nav="volatility"]').click();
          const vt = page.getByTestId('live-vol-title');
          const u1 = await vt.textContent();
          await expect.poll(() => vt.textContent(), { timeout: 20_000 }).not.toBe(u1);
          await shot(page, `live-volatility-${tag}`);
        }
        expect(b.errors).toEqual([]);
      } finally {
        await b.close();
      }
    }, 240_000);
  }
});

describe('live dashboard against a stream that drops', () => {
  let upstream: Served;
  let stub: LiveStub;
  let b: Browser;

  beforeAll(async () => {
    if (!existsSync(join(repoRoot, 'packages', 'web', 'dist', 'index.html'))) throw new Error('the dashboard is not built: run npm run build (npm test does)');
    upstream = await serve(['--data', ECB]);
    stub = await liveStub(upstream.url);
    b = await launch({ locale: 'en-US' });
  }, 120_000);

  afterAll(async () => {
    await b?.close();
    await stub?.close();
    await upstream?.close();
  });

  it('shows the reconnecting state when the stream drops and picks up the next event after reconnecting', async () => {
    await b.page.goto(stub.url);
    const status = b.page.getByTestId('live-status');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('live');
    const host = b.page.getByTestId('live-matrix-host');
    const t1 = stub.matrix(0.3);
    await expect.poll(() => host.getAttribute('data-live-time'), { timeout: 10_000 }).toBe(t1);
    expect(await host.getAttribute('data-changed')).toBe('0');
    stub.drop();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('reconnecting');
    await shot(b.page, 'live-stub-reconnecting-en');
    await expect.poll(() => stub.streams(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
    expect(await status.textContent()).toMatch(/stream dropped 1×/);
    const t2 = stub.matrix(-0.5);
    await expect.poll(() => host.getAttribute('data-live-time'), { timeout: 10_000 }).toBe(t2);
    stub.alert();
    await b.page.getByTestId('live-toast').waitFor();
    await shot(b.page, 'live-stub-alert-en');
    // The dropped stream is the one error the page may log.
    expect(b.errors.filter((e) => !/ERR_INCOMPLETE_CHUNKED_ENCODING/.test(e))).toEqual([]);
  }, 60_000);

  it('the session toggle reconnects the stream with ?session=', async () => {
    const before = stub.sessions.length;
    await b.page.getByRole('radio', { name: 'London' }).check();
    await expect.poll(() => stub.sessions.slice(before), { timeout: 10_000 }).toContain('london');
    await expect.poll(() => stub.streams(), { timeout: 10_000 }).toBe(1);
  }, 30_000);
});

describe('live dashboard on a server with a token', () => {
  const TOKEN = 'live-dashboard-token-0123456789';
  let server: Served;
  let b: Browser;

  beforeAll(async () => {
    const store = join(mkdtempSync(join(tmpdir(), 'soukan-live-token-')), 'soukan.duckdb');
    server = await serve(['--store', store, '--live', 'push', '--window', '30', '--token', TOKEN], { SOUKAN_ECB_FILE: ECB }, 120_000);
    b = await launch({ locale: 'en-US', width: 390, height: 844 });
  }, 130_000);

  afterAll(async () => {
    await b?.close();
    await server?.close();
  });

  it('streams the events with the bearer token an EventSource could not send', async () => {
    await b.page.goto(`${server.url}#token=${TOKEN}`);
    await expect.poll(() => b.page.getByTestId('live-status').getAttribute('data-state'), { timeout: 20_000 }).not.toMatch(/^(connecting|reconnecting|closed)$/);
    // Two minutes of EUR/USD and USD/JPY quotes: the second minute's first quote closes a bar.
    const lines = [0, 1, 2].flatMap((m) => [
      { symbol: 'EUR/USD', time: new Date(Date.UTC(2017, 2, 15, 12, m, 5)).toISOString(), bid: 1.06 + m * 1e-4, ask: 1.0601 + m * 1e-4 },
      { symbol: 'USD/JPY', time: new Date(Date.UTC(2017, 2, 15, 12, m, 7)).toISOString(), bid: 114.5 - m * 0.01, ask: 114.51 - m * 0.01 },
    ]);
    const res = await fetch(new URL('/api/ticks', server.url), { method: 'POST', headers: { 'Content-Type': 'application/x-ndjson', Authorization: `Bearer ${TOKEN}` }, body: lines.map((l) => JSON.stringify(l)).join('\n') });
    expect(res.status).toBe(200);
    await expect.poll(() => b.page.getByTestId('live-matrix-host').getAttribute('data-live-time'), { timeout: 20_000 }).toBe('2017-03-15T12:01:00.000Z');
    await shot(b.page, 'live-token-push-en-390');
    expect(b.errors).toEqual([]);
  }, 60_000);
});
