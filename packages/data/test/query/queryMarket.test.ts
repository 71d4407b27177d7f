// The query layer over the DuckDB store: closes built in SQL (from the
// quarter-hour rollup, crosses from their legs' rollup and, where the legs'
// last minutes differ, their rows) are exactly the closes core's
// crossSeries + resampleBars give on the same rows, for every timeframe the
// rollup serves; and every analytics request answered through the query
// layer equals the answer over a market holding every row (the market read
// from the files), without bringing minute rows into JavaScript unless the
// algorithm needs them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { universe, type Timeframe } from '@soukan/core';
import { correlationQuery, correlationSeriesQuery, crossQuery, pairQuery, strengthQuery, varQuery } from '../../src/analytics/index.js';
import { readDataset } from '../../src/formats/readDataset.js';
import { Market } from '../../src/market/market.js';
import { answer, type MarketQuery } from '../../src/query/marketQuery.js';
import { NeedData } from '../../src/query/needData.js';
import { QueryMarket } from '../../src/query/queryMarket.js';
import { StoreQuery } from '../../src/query/storeQuery.js';
import { Store } from '../../src/store/store.js';
import { expectSameArray, histData, PAIRS, tempDir } from '../store/helpers.js';

const at = tempDir('soukan-query-');
let store: Store;
let files: Market;
let query: StoreQuery;
/** Stored rows each request brought into JavaScript. */
let rawRows = 0;

/** The store's query layer, counting the stored rows it hands out. */
function counting(q: MarketQuery): MarketQuery {
  return {
    location: q.location,
    list: () => q.list(),
    market: (s) => q.market(s),
    closes: (s, symbols, tf) => q.closes(s, symbols, tf),
    raw: async (s, symbols) => {
      const r = await q.raw(s, symbols);
      rawRows += r.reduce((a, x) => a + x.time.length, 0);
      return r;
    },
    // Matrices here come from bars, compared exactly with matrices from every
    // row; from the store's moments they agree to 1e-10 (correlationMoments.test.ts).
    moments: () => Promise.resolve(null),
  };
}

async function fromStore<T>(f: (m: Market) => T | Promise<T>): Promise<T> {
  return answer(counting(query), new QueryMarket(await query.market('HistData')), f);
}

beforeAll(async () => {
  store = await Store.open(at('q.duckdb'));
  await store.importFiles(PAIRS.map(histData));
  query = StoreQuery.over(store);
  const ds = await readDataset(PAIRS.map(histData));
  files = new Market(ds.series, { frequency: ds.frequency, label: 'the HistData data' });
}, 300_000);

afterAll(async () => store?.close());

describe('closes built in the store', () => {
  const majors = universe('majors');
  for (const tf of ['M15', 'M30', 'H1', 'H4', 'D1', 'W1'] as const satisfies readonly Timeframe[]) {
    it(`${tf}: the 28 majors (20 of them crossed) equal resampleBars(crossSeries(…)) of the rows, bit for bit`, async () => {
      const symbols = majors.map((s) => files.route(s).target.symbol);
      const got = await store.closes('HistData', symbols, tf);
      expect(got.map((s) => s.symbol)).toEqual(symbols);
      for (const s of got) {
        const frame = files.frame([s.symbol], { kind: 'inner' }, tf).frame;
        expectSameArray(s.time, frame.time, `${s.symbol} ${tf} time`);
        expectSameArray(s.close, frame.columns[0]!, `${s.symbol} ${tf} close`);
      }
    }, 120_000);
  }

  it('a market without the data asks for it, naming symbols and timeframe', async () => {
    const m = new QueryMarket(await query.market('HistData'));
    let need: unknown;
    try {
      m.frame(['EUR/GBP', 'USD/JPY'], { kind: 'inner' }, 'H4');
    } catch (e) {
      need = e instanceof NeedData ? e.need : e;
    }
    expect(need).toEqual({ closes: { symbols: ['EUR/GBP', 'USD/JPY'], timeframe: 'H4' } });
    expect(() => m.series('EUR/USD')).toThrow(NeedData);
  });
});

describe('requests through the query layer equal requests over every row', () => {
  const same = async <T>(f: (m: Market) => T | Promise<T>, rows: 'none' | 'some'): Promise<void> => {
    rawRows = 0;
    const got = await fromStore(f);
    // Timings (\`compute.ms\`) differ from run to run; everything else must not.
    const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'ms' ? undefined : v)));
    expect(plain(got)).toEqual(plain(await f(files)));
    if (rows === 'none') expect(rawRows).toBe(0);
    else expect(rawRows).toBeGreaterThan(0);
  };

  it('correlation matrices (H1 and D1, crosses included) read no minute rows', async () => {
    await same((m) => correlationQuery(m, { universe: 'majors' }), 'none');
    await same((m) => correlationQuery(m, { universe: 'majors', timeframe: 'D1', window: 'all', method: 'spearman' }), 'none');
    await same((m) => correlationQuery(m, { symbols: ['EUR/GBP', 'GBP/JPY', 'AUD/NZD'], timeframe: 'H4', align: { kind: 'pairwise' } }), 'none');
  }, 120_000);

  it('rolling correlation, pair statistics and currency strength read no minute rows', async () => {
    await same((m) => correlationSeriesQuery(m, { symbols: ['EUR/USD', 'GBP/JPY'], rolling: 50 }), 'none');
    await same((m) => pairQuery(m, { a: 'EUR/USD', b: 'GBP/USD' }), 'none');
    await same((m) => strengthQuery(m, { timeframe: 'H4' }), 'none');
  }, 120_000);

  it('what needs the rows gets them: the cross diagnostics at M1, VaR at the latest prices', async () => {
    await same((m) => crossQuery(m, { symbol: 'EUR/GBP' }), 'some');
    await same((m) => varQuery(m, { positions: [{ symbol: 'EUR/USD', amount: 100000, text: 'EUR/USD +100000' }] }), 'some');
  }, 120_000);

  it('errors are the same words', async () => {
    const messageOf = async (f: () => unknown): Promise<string> => {
      try {
        await f();
      } catch (e) {
        return (e as Error).message;
      }
      throw new Error('expected an error');
    };
    const asks = [
      (m: Market) => correlationQuery(m, { symbols: ['EUR/USD', 'XAU/ZZZ'] }),
      (m: Market) => correlationQuery(m, { symbols: ['EUR/USD', 'GBP/USD'], timeframe: 'H1', window: 10, end: Date.UTC(2016, 0, 1) }),
      (m: Market) => correlationQuery(m, { symbols: ['EUR/USD', 'GBP/USD'], timeframe: 'M5', from: Date.UTC(2018, 0, 1) }),
    ];
    for (const f of asks) {
      const expected = await messageOf(() => f(files));
      await expect(fromStore(f)).rejects.toThrow(expected);
    }
  }, 120_000);
});
