import type { Bars, FxDayConvention, PriceSeries, Route, Timeframe } from '@soukan/core';

/** One stored (source, symbol), as `soukan list` shows it. */
export interface StoredSeries {
  readonly id: number;
  readonly source: string;
  /** Canonical `BASE/QUOTE`. */
  readonly symbol: string;
  /** `bars` (OHLC[V]) or `quotes` (one value per time: fixings, close-only quotes). */
  readonly kind: 'bars' | 'quotes';
  readonly frequency: 'daily' | 'intraday';
  /** Coarsest spacing among the imported files (60 000 for 1-minute bars); null for quotes. */
  readonly stepMs: number | null;
  readonly rows: number;
  /** First and last time (UTC epoch ms); NaN when the series has no rows. */
  readonly first: number;
  readonly last: number;
}

/** Which bars to build. */
export interface StoreBarsOptions {
  /** Read this source only (default: the best source that has the pair, or can cross it). */
  readonly source?: string;
  /** Omit for the stored rows themselves. */
  readonly timeframe?: Timeframe;
  /** Bars opening at or after this instant (UTC epoch ms). */
  readonly from?: number;
  /** Bars opening at or before this instant (UTC epoch ms). */
  readonly to?: number;
  /** Trading-day convention (default 17:00 New York). */
  readonly convention?: FxDayConvention;
}

/** Bars of one symbol and how they were made. */
export interface StoreBars {
  /** With a timeframe: OHLC bars (volume NaN where the source has none); without: the stored rows. */
  readonly bars: Bars;
  readonly source: string;
  /** Direct, inverted, or a cross of two stored pairs. */
  readonly route: Route;
  readonly timeframe?: Timeframe;
  /** Rows in the window inside the weekly closure, left out of the bars. */
  readonly weekendRows: number;
  /** What the caller should tell the user (source chosen, cross caveat). */
  readonly notes: readonly string[];
}

/** Which market to load. */
export interface StoreMarketOptions {
  /** One source (default: the best source for `symbols`, or the one with the most series). */
  readonly source?: string;
  /**
   * Symbols to build in the store (crosses minute by minute, then resampled);
   * the market then quotes exactly these. Omit for every stored series of the source.
   */
  readonly symbols?: readonly string[];
  /** Resample in the store; the market's frames are then this timeframe or coarser. */
  readonly timeframe?: Timeframe;
  readonly from?: number;
  readonly to?: number;
}

/** Row counts and an order-independent hash of every table, for checking that nothing changed. */
export interface StoreFingerprint {
  readonly series: number;
  readonly bars: { readonly rows: number; readonly hash: string };
  /** The quarter-hour rollup derived from `bars`. */
  readonly rollup: { readonly rows: number; readonly hash: string };
  readonly quotes: { readonly rows: number; readonly hash: string };
  readonly imports: number;
}

/** A series loaded from the store, with what it is. */
export type LoadedSeries = PriceSeries & { readonly source: string };
