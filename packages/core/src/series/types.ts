/**
 * The shapes every layer exchanges. Times are UTC epoch milliseconds in a
 * `Float64Array`, strictly increasing. Daily observations (fixings, D1 bars)
 * are stamped at 00:00 UTC of their date; intraday bars at their opening
 * instant. Missing values are `NaN`, never a filled number.
 */

/**
 * One instrument's prices. Daily fixings carry only `close`; bars carry all of
 * open/high/low/close (and volume when the source has it).
 */
export interface PriceSeries {
  /** Canonical `BASE/QUOTE` symbol, e.g. `EUR/USD`. */
  readonly symbol: string;
  readonly time: Float64Array;
  readonly close: Float64Array;
  readonly open?: Float64Array;
  readonly high?: Float64Array;
  readonly low?: Float64Array;
  readonly volume?: Float64Array;
}

/** OHLC bars: a `PriceSeries` whose open/high/low are present. */
export interface Bars extends PriceSeries {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly volume: Float64Array;
}

/**
 * Several series on one shared time index. Column `j` holds `symbols[j]`;
 * `NaN` marks a time at which that symbol has no observation.
 */
export interface Frame {
  readonly time: Float64Array;
  readonly symbols: readonly string[];
  readonly columns: readonly Float64Array[];
}

/** True when the series has open, high and low arrays. */
export function isBars(s: PriceSeries): s is Bars {
  return s.open !== undefined && s.high !== undefined && s.low !== undefined;
}
