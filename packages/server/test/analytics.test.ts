import { beforeAll, describe, expect, it } from 'vitest';
import {
  crossJson,
  crossQuery,
  exposureJson,
  exposureQuery,
  type Market,
  moveJson,
  moveQuery,
  pairJson,
  pairQuery,
  perfJson,
  perfQuery,
  positionsFromWords,
  strengthJson,
  strengthQuery,
  varJson,
  varQuery,
  volatilityJson,
  volatilityQuery,
  type DataAbout,
} from '@soukan/data';
import { ecbApp, json, type testApp } from './helpers.js';

let app: ReturnType<typeof testApp>['app'];
let market: Market;
let about: DataAbout;
beforeAll(async () => {
  ({ app, market, about } = await ecbApp());
});

const get = (path: string) => json(app.request(path));
const same = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

// Each endpoint answers exactly what the data layer's request function gives the CLI.
describe('every analytics command has an endpoint answering what the CLI computes', () => {
  it('volatility', async () => {
    const r = await get('/api/volatility?symbol=USD/JPY&window=500&end=2019-12-31');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(same(volatilityJson(volatilityQuery(market, { symbol: 'USD/JPY', window: 500, end: Date.UTC(2019, 11, 31) }), about)));
    expect(r.body.garch.conditioning).toMatch(/tseries/);
  });

  it('move', async () => {
    const r = await get('/api/move?symbol=EUR/USD&threshold=50,100&horizon=5b,10b&days=3650&end=2019-12-31');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(same(moveJson(moveQuery(market, { symbol: 'EUR/USD', threshold: '50,100', horizon: '5b,10b', days: 3650, end: Date.UTC(2019, 11, 31) }), about)));
    expect(r.body.horizons).toHaveLength(2);
  });

  it('var, with a backtest', async () => {
    const r = await get('/api/var?positions=GBP/USD%2025000&end=2019-12-31&backtest=true&paths=2000');
    expect(r.status).toBe(200);
    const direct = varJson(varQuery(market, { positions: positionsFromWords(['GBP/USD 25000']), end: Date.UTC(2019, 11, 31), backtest: true, paths: 2000 }), about);
    expect(r.body).toEqual(same(direct));
    expect(r.body.backtest.length).toBeGreaterThan(0);
  });

  it('exposure', async () => {
    const r = await get(`/api/exposure?positions=${encodeURIComponent('EUR/USD +100000,USD/CHF -50k,GBP/JPY 20000')}&account=USD&end=2019-12-31`);
    expect(r.status).toBe(200);
    const direct = exposureJson(exposureQuery(market, { positions: positionsFromWords(['EUR/USD +100000', 'USD/CHF -50k', 'GBP/JPY 20000']), account: 'USD', end: Date.UTC(2019, 11, 31) }), about);
    expect(r.body).toEqual(same(direct));
    expect(r.body.currencies.map((c: { currency: string }) => c.currency).sort()).toEqual(['CHF', 'EUR', 'GBP', 'JPY', 'USD']);
  });

  it('strength', async () => {
    const r = await get('/api/strength?window=120&end=2024-12-31&base=2024-09-02');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(same(strengthJson(strengthQuery(market, { window: 120, end: Date.UTC(2024, 11, 31), base: '2024-09-02' }), about)));
    expect(r.body.ranking).toHaveLength(8);
  });

  it('cross', async () => {
    // From ECB data USD/JPY is a cross of EUR/USD and EUR/JPY (not quoted directly).
    const r = await get('/api/cross?symbol=USD/JPY&window=60');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(same(crossJson(crossQuery(market, { symbol: 'USD/JPY', window: 60 }), about)));
    expect(r.body.quotedDirectly).toBe(false);
  });

  it('pair', async () => {
    const r = await get('/api/pair?a=AUD/USD&b=NZD/USD&window=750&end=2019-12-31');
    expect(r.status).toBe(200);
    expect(r.body).toEqual(same(pairJson(pairQuery(market, { a: 'AUD/USD', b: 'NZD/USD', window: 750, end: Date.UTC(2019, 11, 31) }), about)));
    expect(r.body.engleGranger.pValue).toBeGreaterThan(0);
  });

  it('performance', async () => {
    const r = await get('/api/performance?assets=USD/JPY,EUR/GBP&benchmark=EUR/USD&rf=2%25&from=2015-01-01&to=2019-12-31');
    expect(r.status).toBe(200);
    const direct = perfJson(perfQuery(market, { assets: ['USD/JPY', 'EUR/GBP'], benchmark: 'EUR/USD', riskFree: 0.02, riskFreeLabel: '2%', from: Date.UTC(2015, 0, 1), to: Date.UTC(2019, 11, 31) }), about);
    expect(r.body).toEqual(same(direct));
  });
});

describe('their parameters are validated (400, code, the parameter named without CLI dashes)', () => {
  const cases: [string, string, string][] = [
    ['/api/volatility?symbol=EUR/USD&zone=Mars/Base', 'input-error', 'zone'],
    ['/api/volatility?symbol=EUR/USD&window=2', 'invalid-param', 'window'],
    ['/api/volatility?symbol=EUR/USD&periodsPerYear=many', 'invalid-param', 'periodsPerYear'],
    ['/api/volatility?symbol=EUR/USD&timeframe=H1', 'timeframe-needs-intraday', 'timeframe'],
    ['/api/volatility', 'missing-param', 'symbol'],
    ['/api/move?symbol=EUR/USD', 'missing-param', 'threshold'],
    ['/api/move?symbol=EUR/USD&threshold=0', 'input-error', 'threshold'],
    ['/api/move?symbol=EUR/USD&threshold=-20', 'invalid-param', 'threshold'],
    ['/api/move?symbol=EUR/USD&threshold=20&horizon=10%20parsecs', 'invalid-param', 'horizon'],
    ['/api/move?symbol=EUR/USD&threshold=20&days=30&from=2020-01-01', 'conflicting-params', 'days'],
    ['/api/var?positions=EUR/USD&confidence=1.5', 'invalid-param', 'confidence'],
    ['/api/var?positions=EUR/USD&method=magic', 'invalid-param', 'method'],
    ['/api/var?positions=EUR/USD,USD/JPY%20-5000', 'invalid-param', 'positions'],
    ['/api/var?positions=EUR/USD&paths=10', 'invalid-param', 'paths'],
    ['/api/exposure?positions=EUR/USD%20100000&account=XYZ', 'input-error', 'account'],
    ['/api/exposure?positions=EUR/USD%20100000&account=dollars', 'invalid-param', 'account'],
    ['/api/exposure?positions=EUR/USD', 'invalid-param', 'positions'],
    ['/api/exposure', 'missing-param', 'positions'],
    ['/api/strength?currencies=EUR,US', 'invalid-param', 'currencies'],
    ['/api/strength?base=yesterday', 'invalid-param', 'base'],
    ['/api/pair?a=AUD/USD', 'missing-param', 'b'],
    ['/api/pair?a=AUD/USD&b=NZD/USD&autolag=best', 'invalid-param', 'autolag'],
    ['/api/performance?assets=USD/JPY&rf=two', 'invalid-param', 'rf'],
    ['/api/performance?assets=USD/JPY&annualization=0', 'invalid-param', 'annualization'],
    ['/api/cross?symbol=EUR/JPY&via=JPY', 'input-error', 'via'],
  ];
  it.each(cases)('%s → %s', async (path, code, param) => {
    const r = await get(path);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe(code);
    if (code === 'input-error' || code === 'timeframe-needs-intraday') expect(r.body.error.message).toMatch(new RegExp(`(^|\\b)${param}\\b`));
    else expect(r.body.error.params.param).toBe(param);
    expect(r.body.error.message).not.toMatch(/--/);
  });

  it('data-dependent refusals carry codes: too little history, unknown symbols', async () => {
    expect((await get('/api/volatility?symbol=EUR/USD&end=1999-01-05')).body.error).toMatchObject({ code: 'too-little-history', params: { observations: 2, need: 3 } });
    expect((await get('/api/var?positions=EUR/XAU')).body.error.message).toMatch(/no data for EUR\/XAU/);
    expect((await get('/api/pair?a=AUD/USD&b=XAU/USD')).body.error).toMatchObject({ code: 'unknown-symbol' });
  });
});
