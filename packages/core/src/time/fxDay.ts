import { DAY_MS, HOUR_MS } from './date.js';
import { tzOffset } from './zone.js';

/**
 * When the FX trading day rolls over. The market convention is 17:00 New York
 * (the day that starts Sunday 17:00 New York is Monday's trading day; Friday
 * 17:00 to Sunday 17:00 is the weekly closure).
 */
export interface FxDayConvention {
  /** IANA zone of the roll-over clock. */
  readonly tz: string;
  /** Local hour at which a new trading day starts. */
  readonly rollHour: number;
}

/** 17:00 America/New_York. */
export const NEW_YORK_CLOSE: FxDayConvention = { tz: 'America/New_York', rollHour: 17 };

/**
 * Trading date of an instant, as 00:00 UTC of that date: the local date in
 * `tz` after moving the clock forward by `24 − rollHour` hours, so 17:00 New
 * York on a Sunday already belongs to Monday.
 *
 * @example fxTradingDate(Date.UTC(2017, 0, 1, 22, 0)) // Date.UTC(2017, 0, 2): Sun 17:00 EST → Mon
 */
export function fxTradingDate(utcMs: number, conv: FxDayConvention = NEW_YORK_CLOSE): number {
  const local = utcMs + tzOffset(utcMs, conv.tz) + (24 - conv.rollHour) * HOUR_MS;
  return Math.floor(local / DAY_MS) * DAY_MS;
}

/** True when a trading date (00:00 UTC) is a Saturday or a Sunday. */
export function isWeekendDate(dateMs: number): boolean {
  const wd = new Date(dateMs).getUTCDay();
  return wd === 0 || wd === 6;
}

/**
 * True when an instant falls in the weekly FX closure: Friday `rollHour` to
 * Sunday `rollHour` in the convention's zone.
 */
export function inWeekendClosure(utcMs: number, conv: FxDayConvention = NEW_YORK_CLOSE): boolean {
  return isWeekendDate(fxTradingDate(utcMs, conv));
}
