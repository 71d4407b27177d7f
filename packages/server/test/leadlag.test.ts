import { beforeAll, describe, expect, it } from 'vitest';
import { leadLagJson, leadLagQuery, type DataAbout, type Market } from '@soukan/data';
import { ecbApp, json, type testApp } from './helpers.js';

let app: ReturnType<typeof testApp>['app'];
let market: Market;
let about: DataAbout;
beforeAll(async () => {
  ({ app, market, about } = await ecbApp());
});

describe('GET /api/leadlag', () => {
  it('answers what the data layer gives the CLI', async () => {
    const r = await json(app.request('/api/leadlag?symbols=AUD/USD,NZD/USD&maxLag=3&granger=2&end=2019-12-31'));
    expect(r.status).toBe(200);
    const want = JSON.parse(JSON.stringify(leadLagJson(leadLagQuery(market, { symbols: ['AUD/USD', 'NZD/USD'], maxLag: 3, granger: 2, end: Date.UTC(2019, 11, 31) }), about)));
    expect(r.body).toEqual(want);
    expect(r.body.crossCorrelation).toHaveLength(7);
  });
  it('refuses bad parameters with a 400 naming them', async () => {
    const one = await json(app.request('/api/leadlag?symbols=AUD/USD'));
    expect(one.status).toBe(400);
    const lag = await json(app.request('/api/leadlag?symbols=AUD/USD,NZD/USD&maxLag=1000'));
    expect(lag.status).toBe(400);
    expect(JSON.stringify(lag.body)).toMatch(/maxLag/);
  });
});

describe('GET /api/partial', () => {
  it('answers what the data layer gives the CLI', async () => {
    const { partialJson, partialQuery } = await import('@soukan/data');
    const r = await json(app.request('/api/partial?symbols=EUR/USD,GBP/USD&given=USD&end=2019-12-31'));
    expect(r.status).toBe(200);
    expect(r.body).toEqual(JSON.parse(JSON.stringify(partialJson(partialQuery(market, { symbols: ['EUR/USD', 'GBP/USD'], given: 'USD', end: Date.UTC(2019, 11, 31) }), about))));
    expect((await json(app.request('/api/partial?symbols=EUR/USD,GBP/USD'))).status).toBe(400);
  });
});
