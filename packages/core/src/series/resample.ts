import { HOUR_MS, MINUTE_MS, DAY_MS } from '../time/date.js';
import { fxTradingDate, isWeekendDate, NEW_YORK_CLOSE, type FxDayConvention } from '../time/fxDay.js';
import { tzOffset } from '../time/zone.js';
import type { Bars, PriceSeries } from './types.js';

/** Bar sizes soukan understands. */
export const TIMEFRAMES = ['M1', 'M5', 'M15', 'M30', 'H1', 'H4', 'D1', 'W1'] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];

/** Length of a timeframe in minutes (W1 counts five trading days). */
export const TIMEFRAME_MINUTES: Readonly<Record<Timeframe, number>> = {
  M1: 1,
  M5: 5,
  M15: 15,
  M30: 30,
  H1: 60,
  H4: 240,
  D1: 1440,
  W1: 7200,
};

/**
 * Parses a timeframe name (`h1`, `H4`, `d1`…).
 *
 * @throws Error listing the valid names.
 */
export function parseTimeframe(text: string): Timeframe {
  const t = text.trim().toUpperCase();
  if ((TIMEFRAMES as readonly string[]).includes(t)) return t as Timeframe;
  throw new Error(`unknown timeframe ${JSON.stringify(text)}; use one of ${TIMEFRAMES.join(', ')}`);
}

/** Bars built by {@link resampleBars} and what was left out. */
export interface ResampleResult {
  readonly bars: Bars;
  /** Input rows inside the weekly closure (their trading date is a Saturday or Sunday). */
  readonly weekendRows: number;
}

/**
 * Resamples bars (or a close-only series, read as bars with open = high =
 * low = close) into a coarser timeframe.
 *
 * Conventions:
 * - M5…H1 buckets start on multiples of the bar size on the UTC clock, which
 *   is the New York clock too because New York's offset is whole hours.
 * - H4 buckets are aligned to the FX day: with a 17:00 New York roll they open
 *   at 17, 21, 01, 05, 09 and 13 New York time, six per trading day.
 * - A D1 bar covers one trading day (roll to roll, 17:00 New York by default,
 *   DST-aware) and is stamped 00:00 UTC of its trading date, like daily
 *   fixings, so D1 bars join daily data by date.
 * - A W1 bar covers Monday to Friday trading dates and is stamped with its
 *   Monday.
 * - Rows whose trading date is a Saturday or Sunday (Friday roll to Sunday
 *   roll) are not bars: they are dropped and counted in `weekendRows`.
 * - Intervals with no input rows produce no bar (gaps stay gaps).
 * Bar time is the bucket's opening instant; open is the first row's open,
 * close the last row's close, high/low the extremes, volume the sum.
 *
 * Input must be sorted by time. O(n).
 *
 * @example resampleBars(m1, 'H1').bars.time.length // number of hours with at least one M1 bar
 */
export function resampleBars(input: PriceSeries, timeframe: Timeframe, conv: FxDayConvention = NEW_YORK_CLOSE): ResampleResult {
  const n = input.time.length;
  const t = input.time;
  const c = input.close;
  const o = input.open ?? c;
  const h = input.high ?? c;
  const l = input.low ?? c;
  const vol = input.volume;
  const T = new Float64Array(n);
  const O = new Float64Array(n);
  const H = new Float64Array(n);
  const L = new Float64Array(n);
  const C = new Float64Array(n);
  const V = new Float64Array(n);
  const size = TIMEFRAME_MINUTES[timeframe] * MINUTE_MS;
  const shift = (24 - conv.rollHour) * HOUR_MS;
  let m = -1;
  let key = Number.NaN;
  let weekendRows = 0;
  for (let i = 0; i < n; i++) {
    const ti = t[i]!;
    const date = fxTradingDate(ti, conv);
    if (isWeekendDate(date)) {
      weekendRows++;
      continue;
    }
    let k: number;
    let start: number;
    if (timeframe === 'D1') {
      k = date;
      start = date;
    } else if (timeframe === 'W1') {
      const wd = new Date(date).getUTCDay(); // 1..5
      k = date - (wd - 1) * DAY_MS;
      start = k;
    } else if (size <= HOUR_MS) {
      k = Math.floor(ti / size) * size;
      start = k;
    } else {
      // Position on the FX-day clock, where the roll is midnight.
      const local = ti + tzOffset(ti, conv.tz) + shift;
      k = Math.floor(local / size) * size;
      start = ti - (local - k);
    }
    if (k !== key) {
      m++;
      key = k;
      T[m] = start;
      O[m] = o[i]!;
      H[m] = h[i]!;
      L[m] = l[i]!;
      C[m] = c[i]!;
      V[m] = vol ? vol[i]! : 0;
    } else {
      if (h[i]! > H[m]!) H[m] = h[i]!;
      if (l[i]! < L[m]!) L[m] = l[i]!;
      C[m] = c[i]!;
      if (vol) V[m] = V[m]! + vol[i]!;
    }
  }
  const len = m + 1;
  return {
    bars: {
      symbol: input.symbol,
      time: T.slice(0, len),
      open: O.slice(0, len),
      high: H.slice(0, len),
      low: L.slice(0, len),
      close: C.slice(0, len),
      volume: V.slice(0, len),
    },
    weekendRows,
  };
}
