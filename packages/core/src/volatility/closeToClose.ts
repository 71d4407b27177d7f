import { variance } from '../stats/index.js';
import { estimateFromVariance, type VolatilityEstimate } from './types.js';

/**
 * Close-to-close volatility: the sample standard deviation (ddof = 1, mean
 * removed) of the log returns ln(Cᵢ/Cᵢ₋₁) — what pandas'
 * `np.log(close).diff().std()` gives — annualised by √periodsPerYear.
 *
 * O(n); allocates one array of n − 1 returns.
 *
 * Degenerate input: fewer than 3 prices, a non-positive or non-finite price
 * → NaN. A constant series → 0.
 *
 * @param close prices in time order.
 * @param periodsPerYear annualisation factor (e.g. {@link FX_DAYS_PER_YEAR} for D1 bars).
 * @example closeToClose(Float64Array.of(1, 1.01, 1.00, 1.02), 260).sigma // 0.015156…
 */
export function closeToClose(close: Float64Array, periodsPerYear: number): VolatilityEstimate {
  const n = close.length - 1;
  if (n < 2) return estimateFromVariance(Number.NaN, periodsPerYear, Math.max(n, 0));
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = close[i]!;
    const b = close[i + 1]!;
    r[i] = a > 0 && b > 0 && a < Infinity && b < Infinity ? Math.log(b / a) : Number.NaN;
  }
  return estimateFromVariance(variance(r, { ddof: 1 }), periodsPerYear, n);
}
