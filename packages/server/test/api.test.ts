import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { correlationMatrixJson, correlationQuery, Market } from '@soukan/data';
import { fixture } from '../../../test/helpers/sharedData.js';
import type { MemoryProvider } from '@soukan/data';
import { ROUTES } from '../src/app.js';
import { ecbProvider, json, testApp } from './helpers.js';

const windowRef = JSON.parse(readFileSync(fixture('packages/core/test/fixtures/correlation/ecb_window.json'), 'utf8'));
const rollingRef = JSON.parse(readFileSync(fixture('packages/core/test/fixtures/correlation/rolling_ecb.json'), 'utf8'));

let data: MemoryProvider;
let app: ReturnType<typeof testApp>['app'];
beforeAll(async () => {
  data = await ecbProvider();
  app = testApp(data).app;
});

const get = (path: string, init?: RequestInit) => json(app.request(path, init));

function maxRelDiff(a: (number | null)[], b: (number | null)[]): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === null) {
      expect(a[i]).toBeNull();
      continue;
    }
    worst = Math.max(worst, Math.abs(a[i]! - b[i]!) / Math.max(1e-12, Math.abs(b[i]!)));
  }
  return worst;
}

describe('GET /api/correlation on the ECB history', () => {
  it('the 28 majors over the last 260 returns equal SciPy pearsonr per pair (ecb_window.json)', async () => {
    const { status, body } = await get('/api/correlation?universe=majors&window=260&end=2026-04-13');
    expect(status).toBe(200);
    expect(body.symbols).toEqual(windowRef.symbols);
    expect(body).toMatchObject({ method: 'pearson', on: 'returns', returns: 'log', window: 260, timeframe: 'D1', start: windowRef.dates[0], end: '2026-04-13', observations: 260 });
    expect(maxRelDiff(body.matrix.flat(), windowRef.returns.pearson.r)).toBeLessThan(1e-10);
    expect(maxRelDiff(body.p.flat(), windowRef.returns.pearson.p)).toBeLessThan(1e-8);
    expect(maxRelDiff(body.ci.low.flat(), windowRef.returns.pearson.lo)).toBeLessThan(1e-8);
    expect(body.attribution).toMatch(/Source: ECB/);
  });

  it('kendall on levels: labelled, and equal to SciPy kendalltau', async () => {
    const { body } = await get('/api/correlation?universe=majors&window=260&end=2026-04-13&on=levels&method=kendall');
    expect(body.on).toBe('levels');
    expect(body.returns).toBeNull();
    expect(maxRelDiff(body.matrix.flat(), windowRef.levels.kendall.r)).toBeLessThan(1e-10);
  });

  it('is the same JSON as soukan corr --format json (one shape for CLI and API)', async () => {
    const snap = await data.snapshot();
    const market = new Market(snap.series, { label: snap.label, frequency: snap.frequency });
    const direct = correlationMatrixJson(await correlationQuery(market, { symbols: ['EUR/USD', 'USDJPY', 'zar_jpy'], window: 60 }), snap.about);
    const { body } = await get('/api/correlation?symbols=EUR/USD,USDJPY,zar_jpy&window=60');
    expect(body).toEqual(JSON.parse(JSON.stringify(direct)));
  });

  it('a repeated request is served from the cache (also with parameters in another order), with ETag revalidation and gzip', async () => {
    const a = await app.request('/api/correlation?window=61&method=spearman');
    const b = await app.request('/api/correlation?window=61&method=spearman');
    const c = await app.request('/api/correlation?method=spearman&window=61');
    expect(a.headers.get('x-soukan-cache')).toBe('miss');
    expect(b.headers.get('x-soukan-cache')).toBe('hit');
    expect(c.headers.get('x-soukan-cache')).toBe('hit');
    const text = await a.text();
    expect(await b.text()).toBe(text);
    expect(await c.text()).toBe(text);
    const etag = a.headers.get('etag')!;
    const again = await app.request('/api/correlation?window=61&method=spearman', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    const gz = await app.request('/api/correlation?window=61&method=spearman', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const { gunzipSync } = await import('node:zlib');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(text);
  });

  it('cells with too few observations are null with their reason', async () => {
    // CYP ends in 2007; pairwise alignment keeps all dates, so CYP/USD has no returns in the last 250.
    const { status, body } = await get('/api/correlation?symbols=EUR/USD,CYP/USD,GBP/USD&align=pairwise');
    expect(status).toBe(200);
    const i = body.symbols.indexOf('CYP/USD');
    const j = body.symbols.indexOf('EUR/USD');
    expect(body.matrix[i][j]).toBeNull();
    expect(body.reason[i][j]).toBe('too-few-observations');
    expect(body.n[i][j]).toBeLessThan(body.minPeriods);
  });
});

describe('parameter validation: 400 naming the parameter, with a stable code', () => {
  const bad: [string, string][] = [
    ['window', '1'],
    ['window', 'abc'],
    ['window', '2.5'],
    ['method', 'cosine'],
    ['on', 'prices'],
    ['returns', 'pct'],
    ['order', 'random'],
    ['universe', 'minors'],
    ['timeframe', 'D2'],
    ['minPeriods', '1'],
    ['align', 'ffill'],
    ['align', 'outer'],
    ['confidence', '1'],
    ['confidence', '0'],
    ['confidence', 'NaN'],
    ['end', '2024-02-30'],
    ['from', 'yesterday'],
    ['symbols', 'EUR/USD,,GBP/USD'],
    ['symbols', 'EU/USD'],
    ['source', '../../etc'],
  ];
  it.each(bad)('%s=%s', async (param, value) => {
    const { status, body } = await get(`/api/correlation?${param}=${encodeURIComponent(value)}`);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ status: 400, code: 'invalid-param', params: { param } });
    expect(body.error.message).toMatch(new RegExp(`^${param}: expected `));
  });

  it('unknown, repeated and conflicting parameters', async () => {
    expect((await get('/api/correlation?windw=60')).body.error).toMatchObject({ code: 'unknown-param', params: { param: 'windw' } });
    expect((await get('/api/correlation?window=60&window=70')).body.error).toMatchObject({ code: 'repeated-param', params: { param: 'window' } });
    expect((await get('/api/correlation?symbols=EUR/USD,GBP/USD&universe=majors')).body.error).toMatchObject({ code: 'conflicting-params' });
    expect((await get('/api/correlation?window=60&from=2020-01-01')).body.error).toMatchObject({ code: 'conflicting-params', params: { param: 'window', other: 'from' } });
    expect((await get('/api/correlation?from=2021-01-01&to=2020-01-01')).body.error).toMatchObject({ code: 'invalid-range' });
    expect((await get('/api/correlation?window=30&minPeriods=40')).body.error).toMatchObject({ code: 'invalid-param', params: { param: 'minPeriods' } });
  });

  it('data-dependent mistakes: unknown symbol, too little data, intraday timeframe on daily data', async () => {
    const unknown = await get('/api/correlation?symbols=EUR/USD,XAU/JPY');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'unknown-symbol', params: { symbol: 'XAU/JPY' } });
    expect(unknown.body.error.message).toMatch(/has no XAU/);
    const short = await get('/api/correlation?symbols=EUR/USD,GBP/USD&window=100000');
    expect(short.body.error).toMatchObject({ code: 'too-few-observations', params: { window: 100000 } });
    const tf = await get('/api/correlation?timeframe=H1');
    expect(tf.body.error).toMatchObject({ code: 'timeframe-needs-intraday', params: { timeframe: 'H1' } });
    const dup = await get('/api/correlation?symbols=EUR/USD,EURUSD');
    expect(dup.body.error).toMatchObject({ code: 'duplicate-symbol', params: { symbol: 'EUR/USD' } });
  });

  it('unknown API paths are JSON 404s, wrong methods 405s', async () => {
    expect(await get('/api/nothing')).toMatchObject({ status: 404, body: { error: { code: 'not-found' } } });
    const wrong = await get('/api/correlation', { method: 'POST' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET');
  });
});

describe('GET /api/correlation/series and /api/correlation/pair', () => {
  const ref = rollingRef.cases.find((c: { label: string }) => c.label === 'ECB log returns EUR/USD vs GBP/USD');
  const r60 = ref.rolling.find((r: { window: number }) => r.window === 60);

  it('rolling 60 equals pandas rolling(60).corr (rolling_ecb.json) where the window is full', async () => {
    const from = ref.dates[60];
    const { status, body } = await get(`/api/correlation/series?symbols=EUR/USD,GBP/USD&rolling=60&from=${from}&to=${ref.dates[ref.dates.length - 1]}`);
    expect(status).toBe(200);
    expect(body.time[0]).toBe(from);
    expect(body.time.length).toBe(ref.dates.length - 60);
    expect(maxRelDiff(body.rho, r60.pandas.slice(60))).toBeLessThan(1e-9);
  });

  it('series needs exactly one of rolling and ewm, and Pearson', async () => {
    expect((await get('/api/correlation/series?symbols=EUR/USD,GBP/USD')).body.error).toMatchObject({ code: 'missing-param' });
    expect((await get('/api/correlation/series?symbols=EUR/USD,GBP/USD&rolling=20&ewm=0.94')).body.error).toMatchObject({ code: 'conflicting-params' });
    expect((await get('/api/correlation/series?symbols=EUR/USD,GBP/USD&rolling=20&method=kendall')).body.error).toMatchObject({ code: 'invalid-param', params: { param: 'method' } });
    expect((await get('/api/correlation/series?symbols=EUR/USD&rolling=20')).body.error).toMatchObject({ code: 'invalid-param', params: { param: 'symbols' } });
    expect((await get('/api/correlation/series?symbols=EUR/USD,GBP/USD,USD/JPY&rolling=20')).body.error).toMatchObject({ code: 'invalid-param', params: { param: 'symbols' } });
    expect((await get('/api/correlation/series?rolling=20')).body.error).toMatchObject({ code: 'missing-param', params: { param: 'symbols' } });
  });

  it('pair: the cell equals the matrix cell; rolling mean and σ equal a direct two-pass computation', async () => {
    const pair = await get('/api/correlation/pair?symbols=EUR/USD,GBP/USD&window=250&end=2026-04-13&rolling=60');
    expect(pair.status).toBe(200);
    const m = await get('/api/correlation?symbols=EUR/USD,GBP/USD&window=250&end=2026-04-13');
    expect(pair.body.matrix).toEqual(m.body.matrix);
    expect(pair.body.p).toEqual(m.body.p);
    const b = pair.body;
    expect(b.sample.time.length).toBe(250);
    expect(b.sample.a.length).toBe(250);
    expect(b.prices.time.length).toBe(b.prices.a.length);
    expect(b.rolling.time.length).toBe(b.rolling.rho.length);
    // Slow, obviously-correct reference: mean and sample standard deviation of the finite values.
    const xs: number[] = b.rolling.rho.filter((v: number | null) => v !== null);
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / (xs.length - 1));
    expect(b.rolling.count).toBe(xs.length);
    expect(Math.abs(b.rolling.mean - mean)).toBeLessThan(1e-12);
    expect(Math.abs(b.rolling.sd - sd)).toBeLessThan(1e-12);
    // The rolling values where the window is full equal pandas.
    const at = b.rolling.time.indexOf(Date.parse(`${ref.dates[100]}T00:00:00Z`));
    expect(Math.abs(b.rolling.rho[at] - r60.pandas[100])).toBeLessThan(1e-9);
    // Sample = the last 250 log returns ending 2026-04-13.
    expect(new Date(b.sample.time[249]).toISOString().slice(0, 10)).toBe('2026-04-13');
    const i = b.prices.time.indexOf(b.sample.time[249]);
    expect(Math.abs(b.sample.a[249] - Math.log(b.prices.a[i] / b.prices.a[i - 1]))).toBeLessThan(1e-15);
  });
});

describe('GET /api/list, /api/bars, /api/meta', () => {
  it('list: the 41 ECB series with rows and ranges', async () => {
    const { body } = await get('/api/list');
    expect(body.series).toHaveLength(41);
    expect(body.series.find((s: { symbol: string }) => s.symbol === 'EUR/USD')).toMatchObject({ source: 'ECB', kind: 'quotes', frequency: 'daily', rows: 6983, first: '1999-01-04', last: '2026-04-13' });
  });

  it('bars: stored fixings, a cross, weekly bars; intraday timeframes refused on daily data', async () => {
    const d = await get('/api/bars?symbol=USD/JPY&from=2026-04-01');
    expect(d.status).toBe(200);
    expect(d.body.time[0]).toBe(Date.parse('2026-04-01T00:00:00Z'));
    expect(d.body.notes.join(' ')).toMatch(/cross of EUR\/USD × EUR\/JPY|cross/);
    const w = await get('/api/bars?symbol=EUR/USD&timeframe=W1&from=2026-01-01');
    expect(w.body.high.length).toBe(w.body.time.length);
    for (const t of w.body.time) expect(new Date(t).getUTCDay()).toBe(1);
    expect((await get('/api/bars?symbol=EUR/USD&timeframe=H1')).body.error).toMatchObject({ code: 'timeframe-needs-intraday' });
    expect((await get('/api/bars')).body.error).toMatchObject({ code: 'missing-param', params: { param: 'symbol' } });
  });

  it('meta: addressable pairs and limits', async () => {
    const { body } = await get('/api/meta');
    expect(body.source.name).toBe('ECB');
    expect(body.source.pairs).toContain('ZAR/JPY');
    // 41 currencies per EUR plus EUR itself: every pair of 42 currencies.
    expect(body.source.pairs).toHaveLength((42 * 41) / 2);
    expect(body.universes.majors).toHaveLength(28);
    expect(body.limits).toMatchObject({ maxSymbols: 64 });
  });
});

describe('GET /api/openapi.json', () => {
  it('describes every route with its parameters, and the API accepts every documented parameter', async () => {
    const { status, body } = await get('/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    for (const r of ROUTES) {
      const op = body.paths[r.path.replace(/:(\w+)/g, '{$1}')]?.[r.method];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name).sort()).toEqual(r.parameters.map((p) => p.name).sort());
      if (r.method !== 'get' || r.path.includes(':')) continue;
      for (const p of op.parameters) {
        const res = await get(`${r.path}?${p.name}=x`);
        expect(res.body.error?.code, `${r.path} ${p.name}`).not.toBe('unknown-param');
      }
    }
  });
});
