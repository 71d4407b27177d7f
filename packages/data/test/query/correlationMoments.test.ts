// Correlation matrices from the DuckDB store's sufficient statistics equal
// those from its bars (momentsVsBars.ts), on the eight 2017 HistData zips;
// the moments are fetched once, and paths they cannot reproduce read bars.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlationQuery } from '../../src/analytics/correlation.js';
import { answer } from '../../src/query/marketQuery.js';
import { QueryMarket } from '../../src/query/queryMarket.js';
import { StoreQuery } from '../../src/query/storeQuery.js';
import type { MomentsRequest } from '../../src/query/frameMoments.js';
import { Store } from '../../src/store/store.js';
import { histData, PAIRS, tempDir } from '../store/helpers.js';
import { bothPaths, counting, expectSameMatrix, MOMENTS_CASES } from './momentsVsBars.js';

const at = tempDir('soukan-corr-moments-');
let store: Store;

beforeAll(async () => {
  store = await Store.open(at('store.duckdb'));
  await store.importFiles(PAIRS.map(histData));
}, 300_000);
afterAll(() => store?.close());

describe('correlation matrix through the store’s moments (DuckDB)', () => {
  for (const c of MOMENTS_CASES) {
    it(c.name, async () => {
      const { viaMoments, viaBars } = await bothPaths(StoreQuery.over(store), c.params);
      expectSameMatrix(viaMoments, viaBars, c.name, c.perPairCounts);
    });
  }

  it('asks the store once, and reads bars where the moments cannot give the same cells', async () => {
    const q = StoreQuery.over(store);
    const data = await q.market('HistData');
    const asked: MomentsRequest[] = [];
    const run = (params: Parameters<typeof correlationQuery>[1]) => answer(counting(q, asked), new QueryMarket(data), (m) => correlationQuery(m, params));
    const symbols = ['EUR/USD', 'GBP/USD', 'USD/JPY'];
    expect((await run({ symbols, timeframe: 'H1' })).compute.kernels).toBe('store');
    expect(asked).toHaveLength(1);
    // Spearman, shrinkage and forward fill need the rows of the frame; M5 closes are not in the rollup.
    for (const params of [
      { symbols, timeframe: 'H1' as const, method: 'spearman' as const },
      { symbols, timeframe: 'H1' as const, shrink: 'lw' as const },
      { symbols, timeframe: 'H1' as const, align: { kind: 'ffill' as const, limit: 2 } },
    ]) {
      expect((await run(params)).compute.kernels, JSON.stringify(params)).not.toBe('store');
    }
    expect(asked).toHaveLength(1);
    expect((await run({ symbols, timeframe: 'M5', window: 100 })).compute.kernels).not.toBe('store');
    expect(asked.map((r) => r.timeframe)).toEqual(['H1', 'M5']);
    // A window longer than the frame: the bars path words the error.
    await expect(run({ symbols, timeframe: 'D1', window: 5000 })).rejects.toThrow(/too few points for window 5000/);
  });
});
