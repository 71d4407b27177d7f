import { estimateFromVariance, type OhlcArrays, type VolatilityEstimate } from './types.js';

/**
 * Rogers–Satchell (1991) drift-independent volatility:
 * σ² = (1/n) Σ [ln(Hᵢ/Cᵢ) ln(Hᵢ/Oᵢ) + ln(Lᵢ/Cᵢ) ln(Lᵢ/Oᵢ)].
 *
 * Reference: L. C. G. Rogers, S. E. Satchell, "Estimating variance from high,
 * low and closing prices", Annals of Applied Probability 1(4), 1991.
 * O(n), no allocation.
 *
 * Degenerate input: no bars, mismatched lengths, non-positive or non-finite
 * prices → NaN.
 *
 * @example rogersSatchell({ open: Float64Array.of(1), high: Float64Array.of(1.02), low: Float64Array.of(1), close: Float64Array.of(1.01) }, 260).sigma // 0.013967…
 */
export function rogersSatchell(bars: OhlcArrays, periodsPerYear: number): VolatilityEstimate {
  const n = bars.close.length;
  const s = rogersSatchellSum(bars, 0, n);
  return estimateFromVariance(n > 0 ? s / n : Number.NaN, periodsPerYear, n);
}

/** Σ of the Rogers–Satchell terms over bars [from, to); NaN on invalid prices or mismatched lengths. */
export function rogersSatchellSum(bars: OhlcArrays, from: number, to: number): number {
  const { open, high, low, close } = bars;
  const n = close.length;
  if (open.length !== n || high.length !== n || low.length !== n) return Number.NaN;
  let s = 0;
  for (let i = from; i < to; i++) {
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    if (!(o > 0 && h > 0 && l > 0 && c > 0 && h < Infinity && o < Infinity && c < Infinity)) return Number.NaN;
    const lh = Math.log(h);
    const ll = Math.log(l);
    const lo = Math.log(o);
    const lc = Math.log(c);
    s += (lh - lc) * (lh - lo) + (ll - lc) * (ll - lo);
  }
  return s;
}
