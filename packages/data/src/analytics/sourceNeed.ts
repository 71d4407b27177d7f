import { TIMEFRAME_MINUTES, TIMEFRAMES, type Timeframe } from '@soukan/core';
import type { SourcePreference } from '../store/resolve.js';

/**
 * What a request needs from a store holding several sources: the symbols it
 * reads (a source must build them all), the bar size (a source must be fine
 * enough for it) and the resolution that answers it better when several fit.
 */
export interface SourceNeed {
  readonly symbols?: readonly string[];
  readonly timeframe?: Timeframe;
  readonly prefer?: SourcePreference;
}

/**
 * The store-source rule of a request, one place for every command and
 * route: intraday data when the bar size is intraday (M1…H4) or when the
 * request is better answered from intraday bars (`intraday`: move
 * probabilities, volatility's range by hour and weekday, triangular
 * consistency); daily data (longer history, more currencies) otherwise.
 * Sources that cannot build every symbol, or are too coarse for the bar
 * size, are never chosen (docs/sources.md).
 *
 * @example sourceNeed({ symbols: ['EUR/USD'], intraday: true }).prefer // 'intraday'
 * @example sourceNeed({ timeframe: 'H1' }) // { symbols: [], timeframe: 'H1', prefer: 'intraday' }
 * @example sourceNeed({ timeframe: 'D1' }).prefer // 'daily'
 */
export function sourceNeed(o: { symbols?: readonly (string | undefined)[]; timeframe?: string; intraday?: boolean }): SourceNeed {
  const tf = o.timeframe?.trim().toUpperCase();
  const timeframe = (TIMEFRAMES as readonly string[]).includes(tf ?? '') ? (tf as Timeframe) : undefined;
  const fine = timeframe !== undefined && TIMEFRAME_MINUTES[timeframe] < TIMEFRAME_MINUTES.D1;
  return {
    symbols: (o.symbols ?? []).filter((s): s is string => typeof s === 'string' && s.length > 0),
    timeframe,
    prefer: fine || o.intraday === true ? 'intraday' : 'daily',
  };
}
