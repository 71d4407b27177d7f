import type { PriceSeries } from '@soukan/core';
import { Market } from '../market/market.js';
import { QueryMarket, type QueryMarketData } from './queryMarket.js';

/** A market as plain data: series in memory, or a store's catalogue with what was fetched from it (`query`). */
export interface MarketParts {
  readonly label: string;
  readonly frequency: 'daily' | 'intraday';
  /** Quoted series (with `query`: the stored rows fetched so far). */
  readonly series: readonly PriceSeries[];
  /** Set for data read through a {@link MarketQuery}: its catalogue and the closes fetched so far. */
  readonly query?: QueryMarketData;
}

/**
 * The {@link Market} of plain market data: a {@link QueryMarket} for data
 * from a store, else a market over the series.
 *
 * @example marketOf({ label: 'the ECB data', frequency: 'daily', series }).quoted.length // 41
 */
export function marketOf(p: MarketParts): Market {
  return p.query ? new QueryMarket({ ...p.query, raw: p.series }) : new Market(p.series, { label: p.label, frequency: p.frequency });
}
