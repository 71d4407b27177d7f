import type { PriceSeries, Timeframe } from '@soukan/core';
import type { Market } from '../market/market.js';
import type { StoredSeries } from '../store/types.js';
import { momentsKey, type FrameMoments, type MomentsRequest } from './frameMoments.js';
import { NeedData, type MarketNeed } from './needData.js';
import { QueryMarket, type QueryMarketData } from './queryMarket.js';

/**
 * What the analytics ask of a store, in one interface whatever the engine:
 * the catalogue, closes of symbols at a timeframe (resampled in the engine:
 * from the quarter-hour rollup where the timeframe allows, from the rows
 * otherwise), the stored rows of series an algorithm needs in full, and
 * sufficient statistics of returns. Only bars and aggregates reach
 * JavaScript unless a computation needs the rows.
 */
export interface MarketQuery {
  /** Where the data is, for messages (never a secret). */
  readonly location: string;
  /** Every stored (source, symbol). */
  list(): Promise<StoredSeries[]>;
  /**
   * A market over one source holding no data yet (see {@link QueryMarket}):
   * `source`, else the store's choice (the source with most series).
   */
  market(source?: string): Promise<QueryMarketData>;
  /** Closes of symbols of a source at a timeframe, built by the engine. */
  closes(source: string, symbols: readonly string[], timeframe: Timeframe): Promise<PriceSeries[]>;
  /** Stored rows of quoted symbols, in the shapes the readers give. */
  raw(source: string, symbols: readonly string[]): Promise<PriceSeries[]>;
  /**
   * Sufficient statistics of returns (or levels) of symbols of a source on
   * a correlation frame, computed by the engine from the closes it builds
   * (see `frameMomentsSql`); `null` when it cannot build them there.
   */
  moments(source: string, request: MomentsRequest): Promise<FrameMoments | null>;
}

/**
 * Fetches what a need names and returns the market's data with it.
 *
 * @example await fulfil(query, market.data, { closes: { symbols: ['EUR/USD'], timeframe: 'H1' } })
 */
export async function fulfil(query: MarketQuery, data: QueryMarketData, need: MarketNeed): Promise<QueryMarketData> {
  const m = new QueryMarket(data);
  if (need.raw) return m.with({ raw: await query.raw(data.source, need.raw) });
  if (need.moments) return m.with({ moments: [{ key: momentsKey(need.moments), value: await query.moments(data.source, need.moments) }] });
  const c = need.closes!;
  return m.with({ closes: [{ timeframe: c.timeframe, series: await query.closes(data.source, c.symbols, c.timeframe) }] });
}

/** Fetch rounds after which a computation that keeps asking is a bug. */
const MAX_ROUNDS = 16;

/**
 * Runs a computation on a market from a store: each time it touches data the
 * market has not fetched ({@link NeedData}), the data is fetched and the
 * computation runs again (the computations are pure; the work done before
 * the first data access is validation). Markets that are not
 * {@link QueryMarket}s run once.
 *
 * @throws whatever the computation throws, other than {@link NeedData}.
 * @example await answer(query, market, (m) => correlationQuery(m, { symbols: ['EUR/USD', 'USD/JPY'] }))
 */
export async function answer<T>(query: MarketQuery | undefined, market: Market, compute: (m: Market) => T | Promise<T>): Promise<T> {
  let m = market;
  for (let round = 0; ; round++) {
    try {
      return await compute(m);
    } catch (e) {
      if (!(e instanceof NeedData) || !query || !(m instanceof QueryMarket) || round >= MAX_ROUNDS) throw e;
      m = new QueryMarket(await fulfil(query, m.data, e.need));
    }
  }
}
