import { FX_DAYS_PER_YEAR, fxPeriodsPerYear, type Timeframe } from '@soukan/core';

/**
 * The calendar span of each request's default window, in FX trading days:
 * the window holds the same stretch of time at every timeframe (a year of
 * daily bars is a year of hourly bars, not two weeks of them). See
 * docs/default-windows.md for the table of bars per timeframe.
 */
export const DEFAULT_WINDOW_DAYS = {
  /** Correlation matrix and pair page: about one year. */
  correlation: 250,
  /** Cross and its triangular inconsistency: about one year. */
  cross: 250,
  /** Volatility estimators: one FX year (the annualisation's 260 days). */
  volatility: 260,
} as const;

/** A request whose default window scales with the timeframe. */
export type ScaledWindowRequest = keyof typeof DEFAULT_WINDOW_DAYS;

/**
 * The default window of a request at a timeframe, in bars: its span in FX
 * trading days ({@link DEFAULT_WINDOW_DAYS}) times the timeframe's bars per
 * FX day on the 24 × 5 clock (`fxPeriodsPerYear(tf) / 260`: D1 1, H4 6, H1 24,
 * M5 288; W1 one fifth), rounded. The one place every front end (CLI, API,
 * dashboard) takes it from.
 *
 * @example defaultWindow('correlation', 'H1') // 6000
 * @example defaultWindow('correlation', 'D1') // 250
 * @example defaultWindow('volatility', 'W1') // 52
 */
export function defaultWindow(request: ScaledWindowRequest, timeframe: Timeframe): number {
  return Math.round((DEFAULT_WINDOW_DAYS[request] * fxPeriodsPerYear(timeframe)) / FX_DAYS_PER_YEAR);
}

/**
 * How help and OpenAPI state a scaled default: the span and the bars at the
 * daily and hourly timeframes.
 *
 * @example defaultWindowText('correlation') // '250 D1 bars; the same span at other timeframes (H1 6000, M5 72000, W1 50)'
 */
export function defaultWindowText(request: ScaledWindowRequest): string {
  const at = (tf: Timeframe): string => `${tf} ${defaultWindow(request, tf)}`;
  return `${defaultWindow(request, 'D1')} D1 bars; the same span at other timeframes (${at('H1')}, ${at('M5')}, ${at('W1')})`;
}
