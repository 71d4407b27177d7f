// Min-periods without a window or timeframe is checked against the default
// window of the timeframe the data gives: H1 on intraday data (6,000 bars),
// D1 on daily (250). The request spec cannot know that timeframe.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlationQuery } from '../../src/analytics/correlation.js';
import { answer } from '../../src/query/marketQuery.js';
import { QueryMarket } from '../../src/query/queryMarket.js';
import { StoreQuery } from '../../src/query/storeQuery.js';
import { Store } from '../../src/store/store.js';
import { histData, tempDir } from '../store/helpers.js';

const at = tempDir('soukan-minperiods-');
let store: Store;

beforeAll(async () => {
  store = await Store.open(at('store.duckdb'));
  await store.importFiles(['EURUSD', 'GBPUSD'].map(histData));
}, 300_000);
afterAll(() => store?.close());

describe('min-periods against the data’s default window', () => {
  const run = async (params: Parameters<typeof correlationQuery>[1]) => {
    const q = StoreQuery.over(store);
    return answer(q, new QueryMarket(await q.market('HistData')), (m) => correlationQuery(m, params));
  };

  it('intraday data: 1,000 is within H1’s 6,000; 6,001 is refused naming the window it exceeds', async () => {
    const r = await run({ symbols: ['EUR/USD', 'GBP/USD'], minPeriods: 1000 });
    expect(r.timeframe).toBe('H1');
    expect(r.report.observations).toBe(6000);
    expect(r.report.minPeriods).toBe(1000);
    expect(Number.isFinite(r.report.r[1]!)).toBe(true);
    await expect(run({ symbols: ['EUR/USD', 'GBP/USD'], minPeriods: 6001 })).rejects.toThrow('min-periods: expected at most the default window at H1 (6000), got 6001');
  });

  it('daily bars of the same data: 251 exceeds D1’s 250', async () => {
    await expect(run({ symbols: ['EUR/USD', 'GBP/USD'], timeframe: 'D1', minPeriods: 251 })).rejects.toThrow(/at most/);
  });
});
