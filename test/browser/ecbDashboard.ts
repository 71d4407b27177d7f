/// <reference lib="dom" />
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { repoRoot, sharedData } from '../helpers/sharedData.js';
import { en } from '../../packages/web/src/i18n/en.js';
import { ja } from '../../packages/web/src/i18n/ja.js';
import { runCli } from '../helpers/cli.js';
import { launch, type Browser } from './browser.js';
import { serve, type Served } from './serve.js';

/** The two screens every view is checked at: a laptop and a phone. */
export const LAYOUTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * `soukan serve` on a fresh store holding the ECB history (imported with
 * `soukan import`), and helpers for its URLs and API answers.
 */
export async function ecbDashboard(): Promise<{ server: Served; url(path: string): string; api(path: string): Promise<ReturnType<typeof JSON.parse>> }> {
  if (!existsSync(join(repoRoot, 'packages', 'web', 'dist', 'index.html'))) throw new Error('the dashboard is not built: run npm run build (npm test does)');
  const store = join(mkdtempSync(join(tmpdir(), 'soukan-ecb-store-')), 'soukan.duckdb');
  const r = await runCli(['import', '--store', store, sharedData('eurofxref-hist.zip')]);
  if (r.code !== 0) throw new Error(`soukan import failed: ${r.stderr}`);
  const server = await serve(['--store', store]);
  const url = (path: string): string => new URL(path, server.url).href;
  return { server, url, api: async (path) => (await fetch(url(path))).json() };
}

/** A browser at a layout whose page remembers `lang` as its language. */
export async function browserIn(lang: 'en' | 'ja', layout: (typeof LAYOUTS)[number], url: (path: string) => string): Promise<Browser> {
  const b = await launch({ locale: lang === 'en' ? 'en-US' : 'ja-JP', width: layout.width, height: layout.height });
  await b.page.goto(url('/data'));
  await b.page.evaluate((l) => localStorage.setItem('soukan.lang', l), lang);
  return b;
}

/** One screen a suite runs on: language, layout, the catalog of that language, and its browser. */
export interface Screen {
  readonly lang: 'en' | 'ja';
  readonly layout: (typeof LAYOUTS)[number];
  readonly m: typeof en;
  browser(): Browser;
}

/** Declares `body`'s tests once per language × layout, each group with its own browser. */
export function eachScreen(url: (path: string) => string, body: (s: Screen) => void): void {
  for (const lang of ['en', 'ja'] as const) {
    for (const layout of LAYOUTS) {
      describe(`${lang} ${layout.width}×${layout.height}`, () => {
        let b: Browser | undefined;
        beforeAll(async () => {
          b = await browserIn(lang, layout, url);
        });
        afterAll(async () => {
          await b?.close();
        });
        body({ lang, layout, m: lang === 'en' ? en : (ja as typeof en), browser: () => b! });
      });
    }
  }
}

/** Starts {@link ecbDashboard} before a file's tests and stops it after; its URL and API helpers. */
export function withEcbDashboard(): { url(path: string): string; api(path: string): Promise<ReturnType<typeof JSON.parse>> } {
  let dash: Awaited<ReturnType<typeof ecbDashboard>> | undefined;
  beforeAll(async () => {
    dash = await ecbDashboard();
  }, 120_000);
  afterAll(async () => {
    await dash?.server.close();
  });
  return { url: (path) => dash!.url(path), api: (path) => dash!.api(path) };
}
