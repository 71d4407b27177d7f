import { variance } from '../stats/index.js';
import { rogersSatchellSum } from './rogersSatchell.js';
import { estimateFromVariance, type OhlcArrays, type VolatilityEstimate } from './types.js';

/**
 * Yang–Zhang (2000) volatility, unbiased for drift and robust to opening
 * jumps: σ² = σ²ₒ + k σ²꜀ + (1 − k) σ²ᵣₛ over the m = n − 1 bars that have a
 * previous close, where
 * - σ²ₒ = sample variance (ddof 1) of the overnight returns ln(Oᵢ/Cᵢ₋₁),
 * - σ²꜀ = sample variance (ddof 1) of the open-to-close returns ln(Cᵢ/Oᵢ),
 * - σ²ᵣₛ = mean Rogers–Satchell term over the same bars,
 * - k = 0.34 / (1.34 + (m + 1)/(m − 1)) (the paper's α = 1.34).
 *
 * For FX bars the "overnight" term is the gap from one bar's close to the
 * next one's open: near zero inside the week, the weekend gap on Mondays.
 *
 * Reference: D. Yang, Q. Zhang, "Drift-independent volatility estimation
 * based on high, low, open, and close prices", Journal of Business 73(3),
 * 2000, eq. (11). O(n); allocates two arrays of m.
 *
 * Degenerate input: fewer than 3 bars, mismatched lengths, non-positive or
 * non-finite prices → NaN.
 *
 * @example yangZhang(eurUsdD1Bars2017, FX_DAYS_PER_YEAR).annualised // 0.07351… (HistData 2017, D1 at the 17:00 New York roll)
 */
export function yangZhang(bars: OhlcArrays, periodsPerYear: number): VolatilityEstimate {
  const { open, close } = bars;
  const n = close.length;
  const m = n - 1;
  if (m < 2 || open.length !== n) return estimateFromVariance(Number.NaN, periodsPerYear, Math.max(m, 0));
  const on = new Float64Array(m);
  const oc = new Float64Array(m);
  for (let i = 1; i < n; i++) {
    const o = open[i]!;
    const c = close[i]!;
    const pc = close[i - 1]!;
    if (!(o > 0 && c > 0 && pc > 0 && o < Infinity && c < Infinity && pc < Infinity)) return estimateFromVariance(Number.NaN, periodsPerYear, m);
    on[i - 1] = Math.log(o / pc);
    oc[i - 1] = Math.log(c / o);
  }
  const k = 0.34 / (1.34 + (m + 1) / (m - 1));
  const rs = rogersSatchellSum(bars, 1, n) / m;
  const v = variance(on, { ddof: 1 }) + k * variance(oc, { ddof: 1 }) + (1 - k) * rs;
  return estimateFromVariance(v, periodsPerYear, m);
}
