import { fxTradingDate, NEW_YORK_CLOSE, type FxDayConvention } from '../time/fxDay.js';
import { tzOffset } from '../time/zone.js';

/** Average bar range by FX trading weekday × hour of day: the day × hour heatmap of broker tools. */
export interface RangeByDayHour {
  /** Weekdays of the rows, 1 = Monday … 5 = Friday (as `Date.getUTCDay`). */
  readonly weekdays: readonly number[];
  /** Mean (high − low) / pip per row (weekday) and column (hour 0–23), row-major 5 × 24; NaN where no bar fell. */
  readonly meanPips: Float64Array;
  /** Bars per cell, row-major 5 × 24. */
  readonly count: Float64Array;
  readonly tz: string;
  readonly pip: number;
  /** Bars used (bars with a NaN or non-positive price, or on a weekend trading date, are skipped). */
  readonly bars: number;
}

/** Rows of {@link RangeByDayHour}: the five FX trading weekdays. */
export const FX_WEEKDAYS = [1, 2, 3, 4, 5] as const;

/**
 * Average bar range (high − low) in pips by the FX trading day's weekday and
 * the hour of day at which each bar opens on the clock of `tz`. The weekday
 * is that of the bar's FX trading date (the day rolls at 17:00 New York by
 * default, so Sunday evening's bars belong to Monday's row); the hour is the
 * wall-clock hour in `tz` (DST-aware). Feed H1 bars for an hour-by-hour
 * table. Bars on a weekend trading date are not bars and are skipped.
 *
 * O(n); one cached time-zone lookup per bar.
 *
 * @throws Error for an unknown time zone (from `tzOffset`).
 * @example rangeByDayHour(eurUsdH1, 0.0001, 'UTC').meanPips[0 * 24 + 8] // EUR/USD's mean 08:00–09:00 UTC range on Mondays, in pips
 */
export function rangeByDayHour(
  bars: { readonly time: Float64Array; readonly open: Float64Array; readonly high: Float64Array; readonly low: Float64Array },
  pip: number,
  tz = 'UTC',
  conv: FxDayConvention = NEW_YORK_CLOSE,
): RangeByDayHour {
  const { time, open, high, low } = bars;
  const n = Math.min(time.length, open.length, high.length, low.length);
  const sum = new Float64Array(5 * 24);
  const count = new Float64Array(5 * 24);
  let used = 0;
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    if (!(o > 0 && l > 0 && h >= l && h < Infinity && o < Infinity)) continue;
    const t = time[i]!;
    const wd = new Date(fxTradingDate(t, conv)).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const local = t + tzOffset(t, tz);
    const hour = Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);
    const k = (wd - 1) * 24 + hour;
    sum[k] = sum[k]! + (h - l) / pip;
    count[k] = count[k]! + 1;
    used++;
  }
  const meanPips = new Float64Array(5 * 24);
  for (let k = 0; k < meanPips.length; k++) meanPips[k] = count[k]! > 0 ? sum[k]! / count[k]! : Number.NaN;
  return { weekdays: FX_WEEKDAYS, meanPips, count, tz, pip, bars: used };
}
