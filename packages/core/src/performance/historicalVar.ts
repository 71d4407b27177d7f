/** Historical Value-at-Risk and Expected Shortfall of one return series. */
export interface HistoricalVar {
  /** Confidence level, e.g. 0.95. */
  readonly level: number;
  /**
   * VaR as a positive loss: −q, q the (1 − level) quantile of the returns with
   * linear interpolation (NumPy/pandas default `linear`).
   */
  readonly var: number;
  /** Expected shortfall as a positive loss: −mean of the returns ≤ q. */
  readonly es: number;
  readonly n: number;
}

/**
 * Historical (empirical) VaR and ES of per-period returns. Sign convention:
 * losses are positive numbers, so ES ≥ VaR. Non-finite returns are skipped.
 *
 * O(n log n).
 *
 * Degenerate input: no finite returns, or a level outside (0, 1), gives NaN.
 *
 * @example historicalVar([-0.03, -0.01, 0, 0.01, 0.02], 0.8) // var 0.014, es 0.03
 */
export function historicalVar(returns: ArrayLike<number>, level = 0.95): HistoricalVar {
  const v: number[] = [];
  for (let i = 0; i < returns.length; i++) if (Number.isFinite(returns[i]!)) v.push(returns[i]!);
  const n = v.length;
  if (n === 0 || !(level > 0 && level < 1)) return { level, var: Number.NaN, es: Number.NaN, n };
  const s = Float64Array.from(v).sort();
  const h = (n - 1) * (1 - level);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const q = s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
  let sum = 0;
  let k = 0;
  for (let i = 0; i < n && s[i]! <= q; i++) {
    sum += s[i]!;
    k++;
  }
  return { level, var: -q, es: -sum / k, n };
}
