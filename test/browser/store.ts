import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { repoRoot, sharedData } from '../helpers/sharedData.js';
import { launch, type Browser } from './browser.js';
import { serve, type Served } from './serve.js';

/** The ECB history in the shared data folder. */
export const ECB_ZIP = (): string => sharedData('eurofxref-hist.zip');

/** HistData 2017 M1 files of the shared data folder. */
export const histData = (...pairs: string[]): string[] => pairs.map((p) => sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${p}_M1_2017.zip`));

/**
 * `soukan serve` on a new store in a temporary folder, built with
 * `soukan import` from the given groups of files (one import each), with
 * extra `serve` options.
 */
export async function serveStore(groups: readonly (readonly string[])[], args: readonly string[] = []): Promise<Served> {
  if (!existsSync(join(repoRoot, 'packages', 'web', 'dist', 'index.html'))) throw new Error('the dashboard is not built: run npm run build (npm test does)');
  const store = join(mkdtempSync(join(tmpdir(), 'soukan-browser-store-')), 'soukan.duckdb');
  for (const files of groups) {
    const r = await runCli(['import', '--store', store, ...files]);
    if (r.code !== 0) throw new Error(`soukan import failed: ${r.stderr}`);
  }
  return serve(['--store', store, ...args]);
}

/** Opens the page once to remember a language (the page reads it at start). */
export async function rememberLanguage(page: Page, base: string, lang: 'en' | 'ja'): Promise<void> {
  await page.goto(new URL('/data', base).href);
  await page.evaluate((l) => localStorage.setItem('soukan.lang', l), lang);
}

/** A served store for the tests of one file: started before them, stopped after (see serveStore). */
export function useServer(groups: () => readonly (readonly string[])[], args: readonly string[] = []): () => Served {
  let s: Served | undefined;
  beforeAll(async () => {
    s = await serveStore(groups(), args);
  }, 120_000);
  afterAll(async () => {
    await s?.close();
  });
  return () => s!;
}

/** The screen sizes the dashboard is tested at. */
export const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

/**
 * A Chromium for the tests of one `describe`: a language (remembered by the
 * page), a size (touch below 500 px), launched before them and closed after.
 */
export function useBrowser(server: () => Served, lang: 'en' | 'ja', size: { width: number; height: number } = SIZES[0]): () => Browser {
  let b: Browser | undefined;
  beforeAll(async () => {
    b = await launch({ locale: lang === 'ja' ? 'ja-JP' : 'en-US', width: size.width, height: size.height, touch: size.width < 500 });
    await rememberLanguage(b.page, server().url, lang);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
  });
  return () => b!;
}
