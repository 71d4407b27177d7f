/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, sharedData } from '../helpers/sharedData.js';
import { launch, shot, type Browser } from './browser.js';
import { liveStub, type LiveStub } from './liveStub.js';
import { serve, type Served } from './serve.js';

// The live dashboard in a real Chromium. Reconnects: against a stub of the
// live endpoints (test/browser/liveStub.ts) in front of a real `soukan serve`,
// because only a stub can drop its stream on cue.
// Screenshots: test-artifacts/browser/live-*.png.

const ECB = sharedData('eurofxref-hist.zip');

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
