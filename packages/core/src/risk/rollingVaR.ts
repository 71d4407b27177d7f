import { cornishFisherVaR } from './cornishFisherVaR.js';
import { historicalVaR } from './historicalVaR.js';
import { normalVaR } from './normalVaR.js';
import { DEFAULT_QUANTILE_METHOD, type QuantileMethod } from './quantile.js';
import { RISKMETRICS_LAMBDA, ewmaVarianceInto } from '../volatility/ewma.js';
import { normalQuantile } from '../stats/index.js';
import type { VarMethod } from './types.js';

/** Options of {@link rollingVaR}. */
export interface RollingVarOptions {
  readonly quantileMethod?: QuantileMethod;
  /** EWMA decay (method `ewma`; default 0.94). */
  readonly lambda?: number;
}

/**
 * Out-of-sample one-period VaR forecasts: `out[t]` is the VaR at
 * `confidence` from P&L observations [t − window, t) — data up to the
 * previous period only — so `varBacktest(pnl, out, c)` is an honest
 * backtest. `out[t]` is NaN for t < window. Methods: historical, normal,
 * Cornish–Fisher (each on the trailing window), EWMA (zero-mean normal with
 * the RiskMetrics variance forecast from every observation before t, one
 * recursion over the whole series seeded with the first square; `window`
 * only sets where the forecasts start). Monte Carlo is not offered here (for
 * a single series it is the normal VaR plus simulation noise).
 *
 * O(n · window · log window) for historical, O(n · window) for normal and
 * Cornish–Fisher, O(n) for EWMA.
 *
 * @example varBacktest(r, rollingVaR(r, 250, 0.99, 'historical'), 0.99)
 */
export function rollingVaR(pnl: Float64Array, window: number, confidence: number, method: Exclude<VarMethod, 'monte-carlo'>, opts: RollingVarOptions = {}): Float64Array {
  const n = pnl.length;
  const out = new Float64Array(n).fill(Number.NaN);
  if (!(window >= 2) || !Number.isInteger(window)) return out;
  const levels = [confidence];
  if (method === 'ewma') {
    const v = ewmaVarianceInto(pnl, opts.lambda ?? RISKMETRICS_LAMBDA, new Float64Array(n));
    const z = confidence > 0 && confidence < 1 ? normalQuantile(confidence) : Number.NaN;
    for (let t = window; t < n; t++) out[t] = z * Math.sqrt(v[t - 1]!);
    return out;
  }
  for (let t = window; t < n; t++) {
    const w = pnl.subarray(t - window, t);
    let m;
    switch (method) {
      case 'historical':
        m = historicalVaR(w, levels, opts.quantileMethod ?? DEFAULT_QUANTILE_METHOD)[0]!;
        break;
      case 'normal':
        m = normalVaR(w, levels)[0]!;
        break;
      default:
        m = cornishFisherVaR(w, levels)[0]!;
        break;
    }
    out[t] = m.var;
  }
  return out;
}
