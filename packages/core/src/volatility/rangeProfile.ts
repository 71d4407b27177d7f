import { tzOffset } from '../time/zone.js';

/** One bucket of a range table. */
export interface RangeBucket {
  /** Hour 0–23, or weekday 0–6 (0 = Sunday, as `Date.getUTCDay`). */
  readonly key: number;
  /** Bars in the bucket. */
  readonly count: number;
  /** Mean of (high − low) / pip. */
  readonly meanPips: number;
  /** Mean of 100 · (high − low) / open, in percent. */
  readonly meanPct: number;
}

/** Average bar range by hour of day and by weekday, in a chosen time zone. */
export interface RangeProfile {
  /** 24 buckets, hour of the bar's opening instant on the zone's clock. */
  readonly byHour: readonly RangeBucket[];
  /** 7 buckets, weekday of the bar's opening instant on the zone's clock (0 = Sunday). */
  readonly byWeekday: readonly RangeBucket[];
  readonly tz: string;
  readonly pip: number;
  /** Bars used (bars with a NaN or non-positive price are skipped and not counted). */
  readonly bars: number;
}

/**
 * Average bar range (high − low) in pips and in percent of the bar's open,
 * grouped by the hour and by the weekday at which each bar opens on the
 * clock of `tz` (an IANA zone, DST-aware through {@link tzOffset}). This is
 * the "volatility by hour / by weekday" table of broker tools, labelled.
 *
 * Bars are bucketed as they come: feed H1 bars for an hour-of-day table (a
 * zone with a half-hour offset puts each UTC-aligned hour in the bucket of
 * its opening minute), and D1 bars with `tz = 'UTC'` for a daily-range-by-
 * weekday table (D1 bars are stamped 00:00 UTC of their trading date).
 * Empty buckets have count 0 and NaN means.
 *
 * O(n); one cached time-zone lookup per bar.
 *
 * @throws Error for an unknown time zone (from `tzOffset`).
 * @example rangeProfile(h1, 0.0001, 'Europe/London').byHour[8].meanPips // EUR/USD's mean 08:00–09:00 London range
 */
export function rangeProfile(
  bars: { readonly time: Float64Array; readonly open: Float64Array; readonly high: Float64Array; readonly low: Float64Array },
  pip: number,
  tz = 'UTC',
): RangeProfile {
  const { time, open, high, low } = bars;
  const n = Math.min(time.length, open.length, high.length, low.length);
  const hc = new Float64Array(24);
  const hp = new Float64Array(24);
  const hq = new Float64Array(24);
  const wc = new Float64Array(7);
  const wp = new Float64Array(7);
  const wq = new Float64Array(7);
  let used = 0;
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    if (!(o > 0 && l > 0 && h >= l && h < Infinity && o < Infinity)) continue;
    const t = time[i]!;
    const local = t + tzOffset(t, tz);
    const day = Math.floor(local / 86_400_000);
    const hour = Math.floor((local - day * 86_400_000) / 3_600_000);
    const wd = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
    const r = h - l;
    const pips = r / pip;
    const pct = (100 * r) / o;
    hc[hour] = hc[hour]! + 1;
    hp[hour] = hp[hour]! + pips;
    hq[hour] = hq[hour]! + pct;
    wc[wd] = wc[wd]! + 1;
    wp[wd] = wp[wd]! + pips;
    wq[wd] = wq[wd]! + pct;
    used++;
  }
  const buckets = (c: Float64Array, p: Float64Array, q: Float64Array): RangeBucket[] =>
    Array.from(c, (count, key) => ({ key, count, meanPips: count > 0 ? p[key]! / count : Number.NaN, meanPct: count > 0 ? q[key]! / count : Number.NaN }));
  return { byHour: buckets(hc, hp, hq), byWeekday: buckets(wc, wp, wq), tz, pip, bars: used };
}
