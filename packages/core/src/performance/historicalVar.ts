import { historicalFromSorted } from '../risk/historicalVaR.js';

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
 * Historical (empirical) VaR and ES of per-period returns, as the performance
 * report states them. Sign convention: losses are positive numbers, so
 * ES ≥ VaR. Non-finite returns are skipped (a report reads what is there);
 * the measure itself is {@link historicalFromSorted} — the risk module's
 * `historicalVaR` at one level, NumPy's `linear` quantile bit for bit.
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
  const m = historicalFromSorted(Float64Array.from(v).sort(), level);
  return { level, var: m.var, es: m.es, n: v.length };
}
