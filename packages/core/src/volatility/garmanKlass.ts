import { estimateFromVariance, type OhlcArrays, type VolatilityEstimate } from './types.js';

const K = 2 * Math.LN2 - 1;

/**
 * Garman–Klass (1980) volatility from each bar's open, high, low and close:
 * σ² = (1/n) Σ [½ ln(Hᵢ/Lᵢ)² − (2 ln 2 − 1) ln(Cᵢ/Oᵢ)²]. Ignores the gap
 * between one close and the next open (negligible for continuous FX bars,
 * not across weekends).
 *
 * Reference: M. B. Garman, M. J. Klass, "On the estimation of security price
 * volatilities from historical data", Journal of Business 53(1), 1980, σ̂²₅.
 * O(n), no allocation.
 *
 * Degenerate input: no bars, mismatched lengths, non-positive or non-finite
 * prices → NaN.
 *
 * @example garmanKlass({ open: Float64Array.of(1), high: Float64Array.of(1.02), low: Float64Array.of(1), close: Float64Array.of(1.01) }, 260).sigma // 0.012562…
 */
export function garmanKlass(bars: OhlcArrays, periodsPerYear: number): VolatilityEstimate {
  const { open, high, low, close } = bars;
  const n = close.length;
  if (n === 0 || open.length !== n || high.length !== n || low.length !== n) return estimateFromVariance(Number.NaN, periodsPerYear, n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    if (!(o > 0 && h > 0 && l > 0 && c > 0 && h < Infinity && o < Infinity && c < Infinity)) return estimateFromVariance(Number.NaN, periodsPerYear, n);
    const hl = Math.log(h / l);
    const co = Math.log(c / o);
    s += 0.5 * hl * hl - K * co * co;
  }
  return estimateFromVariance(s / n, periodsPerYear, n);
}
