import { rollingMeanStd } from './rollingMeanStd.js';

/**
 * Rolling z-score (xₜ − mean) / sd over the trailing `window` observations
 * ending at t (the current one included), sd with ddof = 1 — pandas'
 * `(s - s.rolling(w).mean()) / s.rolling(w).std()`. The first `window − 1`
 * entries, and any whose window holds a non-finite value, are NaN.
 *
 * Method: {@link rollingMeanStd}, O(1) amortised per step. O(n).
 *
 * Degenerate input: window < 2 gives all NaN; a constant window gives NaN
 * (0 / 0) or ±Infinity.
 *
 * @example rollingZScore(Float64Array.of(1, 2, 3, 10), 3) // [NaN, NaN, 1, 1.1471…]
 */
export function rollingZScore(x: Float64Array, window: number, out?: Float64Array): Float64Array {
  const n = x.length;
  const o = out ?? new Float64Array(n);
  const { mean, sd } = rollingMeanStd(x, window);
  for (let i = 0; i < n; i++) o[i] = (x[i]! - mean[i]!) / sd[i]!;
  return o;
}
