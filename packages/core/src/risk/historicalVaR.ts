import { DEFAULT_QUANTILE_METHOD, quantileSorted, type QuantileMethod } from './quantile.js';
import { validConfidence, type RiskMeasure } from './types.js';

/**
 * Historical-simulation VaR and ES of a P&L (or return) sample at each
 * confidence level, losses positive:
 * - VaR_c = −Q(1 − c), Q the sample quantile by `method` (default `linear`,
 *   NumPy's default, H&F type 7: `-np.quantile(pnl, 1 - c)`);
 * - ES_c = −mean{ xᵢ : xᵢ ≤ Q(1 − c) }, the mean of the observations at or
 *   below that quantile (`-pnl[pnl <= q].mean()`), so ES ≥ VaR always.
 *
 * O(n log n) for the sort, then O(n) per level.
 *
 * Degenerate input: empty sample, any NaN, or c outside (0, 1) → NaN for
 * that level.
 *
 * @example historicalVaR(Float64Array.of(-3, -1, 0, 1, 2), [0.8]) // [{ confidence: 0.8, var: 1.4, es: 3 }]
 */
export function historicalVaR(pnl: Float64Array, confidences: readonly number[], method: QuantileMethod = DEFAULT_QUANTILE_METHOD): RiskMeasure[] {
  let bad = pnl.length === 0;
  for (let i = 0; i < pnl.length && !bad; i++) if (Number.isNaN(pnl[i]!)) bad = true;
  const sorted = bad ? pnl : Float64Array.from(pnl).sort();
  return confidences.map((c) => (bad || !validConfidence(c) ? nanMeasure(c) : historicalFromSorted(sorted, c, method)));
}

/** {@link historicalVaR} on an already sorted (ascending, NaN-free) sample, one level. */
export function historicalFromSorted(sorted: Float64Array, confidence: number, method: QuantileMethod = DEFAULT_QUANTILE_METHOD): RiskMeasure {
  if (sorted.length === 0 || !validConfidence(confidence)) return nanMeasure(confidence);
  const q = quantileSorted(sorted, 1 - confidence, method);
  let s = 0;
  let k = 0;
  for (let i = 0; i < sorted.length && sorted[i]! <= q; i++) {
    s += sorted[i]!;
    k++;
  }
  return { confidence, var: -q, es: k > 0 ? -s / k : Number.NaN };
}

/**
 * The measure reported when a level cannot be computed (bad confidence, empty
 * or NaN sample): VaR and ES are NaN, never a made-up number.
 *
 * @example nanMeasure(0.99) // { confidence: 0.99, var: NaN, es: NaN }
 */
export function nanMeasure(confidence: number): RiskMeasure {
  return { confidence, var: Number.NaN, es: Number.NaN };
}
