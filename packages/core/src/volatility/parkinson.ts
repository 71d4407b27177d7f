import { estimateFromVariance, type VolatilityEstimate } from './types.js';

/**
 * Parkinson (1980) range volatility: σ² = Σ ln(Hᵢ/Lᵢ)² / (4 ln 2 · n).
 * Efficient for a driftless diffusion observed continuously; biased low when
 * bars are built from discrete ticks and blind to gaps between bars.
 *
 * Reference: M. Parkinson, "The extreme value method for estimating the
 * variance of the rate of return", Journal of Business 53(1), 1980.
 * O(n), no allocation.
 *
 * Degenerate input: no bars, a non-positive or non-finite price, or
 * high < low → NaN.
 *
 * @example parkinson({ high: Float64Array.of(1.02), low: Float64Array.of(1.0) }, 260).sigma // 0.01189…
 */
export function parkinson(bars: { readonly high: Float64Array; readonly low: Float64Array }, periodsPerYear: number): VolatilityEstimate {
  const { high, low } = bars;
  const n = Math.min(high.length, low.length);
  if (n === 0 || high.length !== low.length) return estimateFromVariance(Number.NaN, periodsPerYear, n);
  let s = 0;
  for (let i = 0; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    if (!(l > 0 && h >= l && h < Infinity)) return estimateFromVariance(Number.NaN, periodsPerYear, n);
    const x = Math.log(h / l);
    s += x * x;
  }
  return estimateFromVariance(s / (4 * Math.LN2 * n), periodsPerYear, n);
}
