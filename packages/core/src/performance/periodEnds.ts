import { DAY_MS, MINUTE_MS } from '../time/date.js';
import { TIMEFRAME_MINUTES, type Timeframe } from '../series/resample.js';

/**
 * The time each resampled bar's period ends, from the bar times
 * {@link resampleBars} gives (each bar's opening): a return earned over a
 * bar belongs to the moment its period closes, so calendar months and years
 * and a `to` bound see it there.
 *
 * - intraday bars (M1…H4): opening + bar length;
 * - D1: unchanged — a daily bar is stamped 00:00 UTC of its trading date,
 *   which is the date its period ends on;
 * - W1: the Monday stamp + 4 days, the week's Friday trading date (as pandas'
 *   `resample('W-FRI')`, which labels a week by its Friday).
 *
 * O(n); returns a new array.
 *
 * @example periodEnds(Float64Array.of(Date.UTC(2014, 11, 29)), 'W1')[0] // Date.UTC(2015, 0, 2): Friday 2 January 2015
 */
export function periodEnds(time: Float64Array, timeframe: Timeframe): Float64Array {
  const shift = timeframe === 'D1' ? 0 : timeframe === 'W1' ? 4 * DAY_MS : TIMEFRAME_MINUTES[timeframe] * MINUTE_MS;
  const out = new Float64Array(time.length);
  for (let i = 0; i < time.length; i++) out[i] = time[i]! + shift;
  return out;
}
