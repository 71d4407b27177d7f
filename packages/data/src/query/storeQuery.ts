import type { PriceSeries, Timeframe } from '@soukan/core';
import { catalogOf, pickMarketSource } from '../store/resolve.js';
import { Store } from '../store/store.js';
import { parseStoreLocation } from '../store/storeLocation.js';
import type { StoredSeries } from '../store/types.js';
import type { SourceNeed } from '../analytics/sourceNeed.js';
import type { FrameMoments, MomentsRequest } from './frameMoments.js';
import type { MarketQuery } from './marketQuery.js';
import type { QueryMarketData } from './queryMarket.js';

/**
 * {@link MarketQuery} over soukan's DuckDB store file. The file is opened
 * read-only for each question and closed after it, so a writer waits at
 * most one question's time.
 *
 * @example await new StoreQuery('/tmp/s.duckdb').closes('HistData', ['EUR/GBP'], 'H1')
 */
export class StoreQuery implements MarketQuery {
  /**
   * @param path the store file
   * @param open a store already open (read through, never closed here)
   */
  constructor(
    readonly path: string,
    private readonly open?: Store,
  ) {}

  /**
   * Questions answered by a store this process already has open.
   *
   * @example StoreQuery.over(store).closes('HistData', ['EUR/USD'], 'D1')
   */
  static over(store: Store): StoreQuery {
    return new StoreQuery(store.path, store);
  }

  get location(): string {
    return parseStoreLocation(this.path).kind === 'clickhouse' ? 'the ClickHouse store' : 'the DuckDB store';
  }

  private async read<T>(f: (s: Store) => Promise<T>): Promise<T> {
    if (this.open) return f(this.open);
    const store = await Store.open(this.path, { readOnly: true });
    try {
      return await f(store);
    } finally {
      await store.close();
    }
  }

  list(): Promise<StoredSeries[]> {
    return this.read((s) => s.list());
  }

  market(source?: string): Promise<QueryMarketData> {
    return this.read(async (s) => marketData(await s.list(), source, this.path));
  }

  closes(source: string, symbols: readonly string[], timeframe: Timeframe): Promise<PriceSeries[]> {
    return this.read((s) => s.closes(source, symbols, timeframe));
  }

  raw(source: string, symbols: readonly string[]): Promise<PriceSeries[]> {
    return this.read(async (s) => [...(await s.market({ source, symbols })).bySymbol.values()]);
  }

  moments(source: string, request: MomentsRequest): Promise<FrameMoments | null> {
    return this.read((s) => s.moments(source, request));
  }
}

/**
 * The empty market of one source of a catalogue: the source `Store.market`
 * would pick, its quoted symbols, label and frequency, and the note on the
 * choice.
 *
 * @throws InputError for an empty store or an unknown source.
 * @example marketData(await store.list(), undefined, 'store').source // 'ECB'
 */
export function marketData(list: readonly StoredSeries[], source: string | undefined, storeName: string, need?: SourceNeed): QueryMarketData {
  const catalog = catalogOf(list);
  const pick = pickMarketSource(catalog, need?.symbols ?? [], source, need?.timeframe, storeName, need?.prefer);
  const series = [...catalog.get(pick.source)!.values()];
  return {
    source: pick.source,
    label: `the ${pick.source} data`,
    frequency: series.some((s) => s.frequency === 'intraday') ? 'intraday' : 'daily',
    quoted: series.map((s) => s.symbol),
    raw: [],
    closes: [],
    notes: pick.note ? [pick.note] : [],
  };
}
