import type { Timeframe } from '../series/resample.js';

/**
 * FX trading days per year: five a week, 52 weeks. The FX market has no
 * exchange holidays, so 260 (not the equity market's 252) is the convention
 * for daily FX bars; daily fixings (ECB, H.10) skip their own holidays and
 * average about 255–258 — use {@link observedPeriodsPerYear} to take the
 * data's own count.
 */
export const FX_DAYS_PER_YEAR = 260;

/**
 * Bars per year of an FX timeframe on the 24×5 clock: D1 260, H4 1,560,
 * H1 6,240, M1 374,400, W1 52.
 *
 * @example fxPeriodsPerYear('H1') // 6240
 */
export function fxPeriodsPerYear(timeframe: Timeframe): number {
  switch (timeframe) {
    case 'W1':
      return 52;
    case 'D1':
      return FX_DAYS_PER_YEAR;
    case 'H4':
      return FX_DAYS_PER_YEAR * 6;
    case 'H1':
      return FX_DAYS_PER_YEAR * 24;
    case 'M30':
      return FX_DAYS_PER_YEAR * 48;
    case 'M15':
      return FX_DAYS_PER_YEAR * 96;
    case 'M5':
      return FX_DAYS_PER_YEAR * 288;
    case 'M1':
      return FX_DAYS_PER_YEAR * 1440;
  }
}

const YEAR_MS = 365.25 * 86_400_000;

/**
 * Observations per year actually present in a time index: `(n − 1)` intervals
 * over the span in Julian years (365.25 days). Use it to annualise data with
 * holidays or gaps by what the data holds rather than a nominal calendar.
 *
 * Degenerate input: fewer than two times, or a zero span → NaN.
 *
 * @example observedPeriodsPerYear(ecbEurUsd2010to2019.time) // 256.12 (ECB fixings skip TARGET holidays)
 */
export function observedPeriodsPerYear(time: Float64Array): number {
  const n = time.length;
  if (n < 2) return Number.NaN;
  const span = time[n - 1]! - time[0]!;
  return span > 0 ? ((n - 1) * YEAR_MS) / span : Number.NaN;
}
