import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openPromise, type Entry } from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '@soukan/data';
import { sharedData, sharedDataDir } from '../../../test/helpers/sharedData.js';
import { ROUTES } from '../src/app.js';
import { StoreProvider } from '@soukan/data';
import type { LiveService } from '../src/live/liveService.js';
import { openLive } from '../src/live/openLive.js';
import { ecbProvider, json, testApp, type Json } from './helpers.js';

// Every route's real answers checked against the schema /api/openapi.json
// publishes for them, by a standard JSON-Schema validator (Ajv, draft
// 2020-12, what OpenAPI 3.1 uses). The schemas are closed: a field the
// document does not name fails here. The answers come from the real ECB
// history (in memory) and from a small DuckDB store filled through the
// import routes with the ECB file and a month of HistData minute bars.

type App = ReturnType<typeof testApp>['app'];

/** Which route of ROUTES a request URL hits (`GET /api/jobs/:id`). */
const routeKey = (method: string, path: string): string => `${method} ${path}`;

const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
let validators: Map<string, ValidateFunction>;
let errorValidator: ValidateFunction;
const seen = new Set<string>();

/** The published schema of a route's success body. */
function validatorFor(doc: Json, method: string, path: string, status: number, type: string): ValidateFunction {
  const op = doc.paths[path.replace(/:(\w+)/g, '{$1}')]?.[method];
  const schema = op?.responses?.[String(status)]?.content?.[type]?.schema;
  if (schema === undefined) throw new Error(`${method.toUpperCase()} ${path}: no schema for its ${status} response in /api/openapi.json`);
  return ajv.compile(schema);
}

/** Requests `url` and checks the body against its route's published schema. */
async function check(app: App, method: 'get' | 'post', url: string, init: RequestInit = {}): Promise<Json> {
  const r = ROUTES.find((x) => x.method === method && new RegExp(`^${x.path.replace(/:\w+/g, '[^/]+')}$`).test(url.split('?')[0]!));
  if (!r) throw new Error(`no route for ${method} ${url}`);
  const res = await json(app.request(url, { method: method.toUpperCase(), ...init }));
  expect(res.status, `${url}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(r.status ?? 200);
  const v = validators.get(routeKey(r.method, r.path))!;
  if (!v(res.body)) throw new Error(`${method.toUpperCase()} ${url}: the body does not match the published schema:\n${ajv.errorsText(v.errors, { separator: '\n' })}`);
  seen.add(routeKey(r.method, r.path));
  return res.body;
}

let ecb: App;
let store: App;
let provider: StoreProvider;
let dir: string;
let live: LiveService | undefined;

/** The first `lines` lines of a member of a zip (a slice of the real data; written only to a temporary folder). */
async function zipHead(path: string, member: string, lines: number): Promise<string> {
  const zip = await openPromise(path, { lazyEntries: true });
  try {
    const entry = await new Promise<Entry>((resolve, reject) => {
      zip.on('entry', (e: Entry) => (e.fileName === member ? resolve(e) : zip.readEntry()));
      zip.on('end', () => reject(new Error(`${member} not found in ${path}`)));
      zip.on('error', reject);
      zip.readEntry();
    });
    let text = '';
    for await (const c of await zip.openReadStreamPromise(entry)) {
      text += (c as Buffer).toString('latin1');
      if (text.split('\n').length > lines) break;
    }
    return `${text.split('\n').slice(0, lines).join('\n')}\n`;
  } finally {
    zip.close();
  }
}

beforeAll(async () => {
  ecb = testApp(await ecbProvider()).app;
  dir = mkdtempSync(join(tmpdir(), 'soukan-responses-'));
  const path = join(dir, 'soukan.duckdb');
  await (await Store.open(path)).close();
  provider = new StoreProvider(path);
  store = testApp(provider, { dataDir: sharedDataDir, ecbFallbacks: [sharedData('eurofxref-hist.zip')] }).app;
  const doc = (await json(ecb.request('/api/openapi.json'))).body;
  validators = new Map(ROUTES.map((r) => [routeKey(r.method, r.path), validatorFor(doc, r.method, r.path, r.status ?? 200, r.responseType ?? 'application/json')]));
  errorValidator = ajv.compile(doc.components.schemas.Error);
}, 120_000);

afterAll(async () => {
  await live?.close();
  await provider?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function done(app: App, job: Json): Promise<Json> {
  for (let j = job; ; ) {
    j = await check(app, 'get', `/api/jobs/${j.id}`);
    if (j.state === 'done') return j;
    if (j.state === 'failed') throw new Error(`job failed: ${JSON.stringify(j.error)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('every response matches its published schema', () => {
  it('describes the 200 (or 202) response of every operation', async () => {
    const doc = (await json(ecb.request('/api/openapi.json'))).body;
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Json>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const ok = op.responses['200'] ?? op.responses['202'];
        expect(Object.values(ok?.content ?? {}).map((c) => (c as Json).schema), `${method} ${path}`).toEqual([expect.any(Object)]);
      }
    }
    expect(ajv.validate(doc.paths['/api/openapi.json'].get.responses['200'].content['application/json'].schema, doc)).toBe(true);
  });

  it('analytics over the ECB history', async () => {
    const get = (url: string) => check(ecb, 'get', url);
    await get('/api/health');
    await get('/api/meta');
    await get('/api/list');
    await get('/api/bars?symbol=EUR/USD&from=2024-01-01&to=2024-03-31');
    await get('/api/bars?symbol=USD/JPY&timeframe=W1&from=2020-01-01');
    expect((await get('/api/correlation?universe=majors&window=60')).window).toBe(60);
    expect((await get('/api/correlation?symbols=EUR/USD,GBP/USD,USD/ZAR&from=2001-01-01&to=2003-12-31&method=kendall&order=cluster')).window).toBe('range');
    await get('/api/correlation?symbols=EUR/USD,USD/JPY&on=levels&window=all&align=pairwise');
    expect((await get('/api/correlation?universe=majors&window=60&shrink=lw')).shrink.estimator).toBe('ledoit-wolf-identity');
    await get('/api/correlation/series?symbols=EUR/USD,GBP/USD&rolling=60&from=2020-01-01');
    await get('/api/correlation/series?symbols=EUR/USD,GBP/USD&ewm=0.94&from=2020-01-01');
    await get('/api/correlation/pair?symbols=EUR/USD,GBP/USD&window=250');
    await get('/api/correlation/stability?symbols=EUR/USD,GBP/USD,USD/JPY');
    await get('/api/dcc?symbols=EUR/USD,EUR/GBP&window=500&end=2026-04-13&horizon=5&series=true');
    await get('/api/leadlag?symbols=AUD/USD,NZD/USD');
    await get('/api/partial?symbols=EUR/USD,GBP/USD,AUD/USD&given=USD');
    await get('/api/volatility?symbol=EUR/USD');
    await get('/api/move?symbol=EUR/USD&threshold=50,100&horizon=5b,10b&days=3650&end=2019-12-31');
    await get('/api/var?positions=GBP/USD%2025000&end=2019-12-31&backtest=true&paths=2000');
    await get('/api/var?positions=EUR/USD%20100000,USD/JPY%20-5000&paths=2000');
    await get('/api/exposure?positions=EUR/USD%20100000,USD/CHF%20-50000&account=JPY');
    await get('/api/strength?window=120&end=2024-12-31&base=2024-09-02');
    expect((await get('/api/cross?symbol=ZAR/JPY&window=60')).quotedDirectly).toBe(false);
    await get('/api/pair?a=AUD/USD&b=NZD/USD&window=750&end=2019-12-31');
    await get('/api/performance?assets=USD/JPY,EUR/GBP&benchmark=EUR/USD&rf=2%25&from=2015-01-01&to=2019-12-31');
  }, 180_000);

  it('imports, jobs and intraday answers over a small store', async () => {
    const files = await check(store, 'get', '/api/import/files');
    expect(files.files.map((f: Json) => f.path)).toContain('eurofxref-hist.zip');
    const post = (url: string, body: unknown) => check(store, 'post', url, { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    const imported = await done(store, await post('/api/import', { files: ['eurofxref-hist.zip'] }));
    expect(imported.result.added).toBeGreaterThan(100_000);

    // A month of minute bars of a cross and its two legs (a directly quoted cross has an inconsistency to show).
    for (const pair of ['EURUSD', 'USDJPY', 'EURJPY']) {
      const name = `DAT_ASCII_${pair}_M1_2017.csv`;
      const csv = await zipHead(sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${pair}_M1_2017.zip`), name, 30_000);
      const upload = await check(store, 'post', `/api/import/upload?name=${name}`, { body: csv, headers: { 'Content-Type': 'application/octet-stream' } });
      expect((await done(store, upload)).result.added).toBe(30_000);
    }
    await done(store, await check(store, 'post', '/api/import/ecb'));

    const list = await check(store, 'get', '/api/list');
    const intraday = list.series.find((s: Json) => s.frequency === 'intraday' && s.symbol === 'EUR/USD');
    expect(intraday).toMatchObject({ symbol: 'EUR/USD', rows: 30_000 });
    const src = encodeURIComponent(intraday.source);
    await check(store, 'get', `/api/meta?source=${src}`);
    await check(store, 'get', `/api/bars?symbol=EUR/USD&source=${src}&timeframe=H1`);
    // A bare date as the end of the range is its whole day, as on the command line (soukan bars --to).
    const day = await check(store, 'get', `/api/bars?symbol=EUR/USD&source=${src}&timeframe=H1&from=2017-01-03&to=2017-01-03`);
    expect(day.time.at(-1)).toBe(Date.UTC(2017, 0, 3, 23));
    expect(day.time[0]).toBe(Date.UTC(2017, 0, 3, 0));
    const vol = await check(store, 'get', `/api/volatility?symbol=EUR/USD&source=${src}&timeframe=H1&window=all`);
    expect(vol.rangeByHour?.buckets).toHaveLength(24);
    await check(store, 'get', `/api/move?symbol=EUR/USD&source=${src}&threshold=20&horizon=4h`);
    expect((await check(store, 'get', `/api/cross?symbol=EUR/JPY&source=${src}&timeframe=H1`)).quotedDirectly).toBe(true);
    await check(store, 'get', `/api/epps?symbols=EUR/USD,USD/JPY&source=${src}&end=2017-01-20&days=5`);
    await check(store, 'get', '/api/correlation?universe=majors&window=60');
  }, 180_000);

  it('the live API of a --live push server', async () => {
    live = await openLive({ live: 'push', symbols: ['EUR/USD', 'USD/JPY'], window: 30, tickStore: join(dir, 'live.duckdb') }, { storePath: join(dir, 'live-store.duckdb'), log: () => {} });
    const app = testApp(provider, { live }).app;
    live.start();
    // Minute closes of 2 January 2017 as ticks (HistData, New York time read as UTC: only the order matters here).
    const ticks: string[] = [];
    for (const pair of ['EURUSD', 'USDJPY']) {
      const csv = await zipHead(sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${pair}_M1_2017.zip`), `DAT_ASCII_${pair}_M1_2017.csv`, 90);
      for (const line of csv.trim().split('\n')) {
        const [stamp, , , , close] = line.split(';');
        const iso = `${stamp!.slice(0, 4)}-${stamp!.slice(4, 6)}-${stamp!.slice(6, 8)}T${stamp!.slice(9, 11)}:${stamp!.slice(11, 13)}:00.000Z`;
        ticks.push(JSON.stringify({ symbol: pair, time: iso, bid: Number(close), ask: Number(close) }));
      }
    }
    ticks.sort((a, b) => JSON.parse(a).time.localeCompare(JSON.parse(b).time));
    const pushed = await check(app, 'post', '/api/ticks', { body: ticks.join('\n'), headers: { 'Content-Type': 'application/x-ndjson' } });
    expect(pushed.lines).toBe(ticks.length);
    await check(app, 'get', '/api/live/state');
    await check(app, 'get', '/api/alerts');
  });

  it('error bodies match the published Error schema', async () => {
    for (const url of ['/api/correlation?window=1', '/api/nowhere', '/api/bars', '/api/jobs/none']) {
      const { status, body } = await json(ecb.request(url));
      expect(status, url).toBeGreaterThanOrEqual(400);
      expect(errorValidator(body), `${url}: ${ajv.errorsText(errorValidator.errors)}`).toBe(true);
    }
  });

  it('leaves no JSON route unchecked', () => {
    // The event stream (text/event-stream) is the one body that is not JSON; its events are the live payloads checked above.
    const jsonRoutes = ROUTES.filter((r) => (r.responseType ?? 'application/json') === 'application/json');
    expect(jsonRoutes.map((r) => routeKey(r.method, r.path)).filter((k) => !seen.has(k))).toEqual([]);
  });
});
