import { Market, MemoryProvider, type DataAbout, type DataProvider } from '@soukan/data';
import { InlineExecutor } from '../src/compute/inlineExecutor.js';
import { createApp, type AppOptions } from '../src/app.js';
import { sharedData } from '../../../test/helpers/sharedData.js';

/** A provider holding the real ECB history (read once per test file). */
export async function ecbProvider(): Promise<MemoryProvider> {
  const p = new MemoryProvider();
  await p.importFiles([sharedData('eurofxref-hist.zip')]);
  return p;
}

/** An in-process app over `data` with computations on the test's thread. */
export function testApp(data: DataProvider, o: Partial<AppOptions> = {}) {
  return createApp({ data, executor: new InlineExecutor(8), log: () => {}, ...o });
}

/**
 * The in-process app over the real ECB history, and the same data as the
 * `Market` the CLI computes on (with its `about`), for tests that check the
 * API answers what the data layer gives the CLI.
 */
export async function ecbApp(): Promise<{ data: MemoryProvider; app: ReturnType<typeof testApp>['app']; market: Market; about: DataAbout }> {
  const data = await ecbProvider();
  const snap = await data.snapshot();
  return { data, app: testApp(data).app, market: new Market(snap.series, { label: snap.label, frequency: snap.frequency }), about: snap.about };
}

/** Whatever JSON.parse gives: the tests check shapes with expect(). */
export type Json = ReturnType<typeof JSON.parse>;

/** JSON of a response, with its status. */
export async function json(res: Response | Promise<Response>): Promise<{ status: number; body: Json; headers: Headers }> {
  const r = await res;
  const text = await r.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: r.status, body, headers: r.headers };
}
