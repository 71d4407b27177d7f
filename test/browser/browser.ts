/// <reference lib="dom" />
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../helpers/sharedData.js';

/** Debian's Chromium (scripts/system-deps.mjs installs it); never a browser Playwright downloads. */
export const CHROMIUM = '/usr/bin/chromium';

/** Flags every run uses: headless, no sandbox (containers), nothing phoning home. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where screenshots go (not committed; look at them). */
export const ARTIFACTS = join(repoRoot, 'test-artifacts', 'browser');

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Messages the page logged as errors, and uncaught exceptions. */
  readonly errors: string[];
  close(): Promise<void>;
}

/**
 * Chromium with a fresh profile (`--user-data-dir` in a new temporary
 * folder), a viewport and a browser language.
 */
export async function launch(o: { locale?: string; width?: number; height?: number; touch?: boolean } = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'soukan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: o.width ?? 1280, height: o.height ?? 800 },
    locale: o.locale ?? 'en-US',
    acceptDownloads: true,
    timezoneId: 'UTC',
    hasTouch: o.touch ?? false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test-artifacts/browser. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Waits until the matrix for the current URL has been drawn (the page marks it). */
export async function matrixRendered(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForSelector('[data-testid="matrix-host"][data-rendered]', { timeout });
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="matrix-host"]');
    return el && el.getAttribute('aria-busy') !== 'true';
  });
}
