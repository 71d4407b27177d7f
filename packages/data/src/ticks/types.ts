/**
 * Ticks as the readers, the tick store and the feeds pass them: columns of
 * equal length, times in UTC epoch milliseconds, prices as parsed.
 */

/**
 * A run of ticks of one symbol in time order (several may share a
 * millisecond). Volumes are `NaN` where the source has none.
 *
 * @example const b: TickBatch = { symbol: 'EUR/USD', source: 'demo', origin: 'x', n: 1, time: Float64Array.of(0), bid: Float64Array.of(1.1), ask: Float64Array.of(1.1001), bidVolume: Float64Array.of(NaN), askVolume: Float64Array.of(NaN) }
 */
export interface TickBatch {
  /** Canonical `BASE/QUOTE`. */
  readonly symbol: string;
  /** The publisher (`Dukascopy`, `HistData`, `MT5`, a feed's name): the store keeps one series per source and symbol. */
  readonly source: string;
  /** Ticks in the batch (the columns may be longer). */
  readonly n: number;
  readonly time: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  readonly bidVolume: Float64Array;
  readonly askVolume: Float64Array;
  /**
   * The time range `[from, to)` the batch covers completely, when the source
   * says so (a Dukascopy hour file covers its hour, even with no tick in it).
   * An import replaces stored ticks of the symbol in this range; without it,
   * in `[first tick, last tick]`.
   */
  readonly span?: readonly [number, number];
  /** Where the ticks came from, for messages (`EURUSD/2019/01/04/10h_ticks.bi5`). */
  readonly origin: string;
}

/** Which price of a tick bars are built from. */
export type TickSide = 'bid' | 'ask' | 'mid';

/**
 * The tick sides, in the order bars and documentation list them.
 *
 * @example TICK_SIDES // ['bid', 'ask', 'mid']
 */
export const TICK_SIDES: readonly TickSide[] = ['bid', 'ask', 'mid'];
