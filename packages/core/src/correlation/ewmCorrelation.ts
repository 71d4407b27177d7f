import { RISKMETRICS_LAMBDA } from '../volatility/ewma.js';
import { checkLengths } from './checkLengths.js';

// One RiskMetrics λ for every EWMA in core; re-exported here for the correlation modules.
export { RISKMETRICS_LAMBDA };

/**
 * Validates λ and returns the weight-decay factor exactly as pandas derives it.
 *
 * @internal not part of the package API (used inside core).
 */
export function ewmDecay(fn: string, lambda: number): number {
  if (!(lambda >= 0 && lambda < 1)) throw new RangeError(`${fn}: lambda must be in [0, 1), got ${lambda}`);
  // pandas turns alpha into a centre of mass and back (com = 1/α − 1,
  // α' = 1/(1+com)); repeat the round trip so the weights match its bits.
  const com = 1 / (1 - lambda) - 1;
  return 1 - 1 / (1 + com);
}

/**
 * Exponentially weighted moving correlation with decay λ (smoothing
 * α = 1 − λ), equal to pandas 1.5
 * `x.ewm(alpha=1−λ).corr(y)` — i.e. `adjust=True`, `ignore_na=False`,
 * `min_periods=0`:
 *
 * - weights λ^(t−s) on observation s, normalised by their sum (adjust=True:
 *   no start-up bias, the first observation is not a seed);
 * - the means are exponentially weighted too (this is a centred
 *   correlation, not RiskMetrics' zero-mean one — see
 *   {@link ewmCorrelationZeroMean});
 * - a row where either value is `NaN` or ±∞ is missing (pandas turns
 *   infinities into `NaN` before its window kernels): it is skipped but
 *   still ages the weights by one step (ignore_na=False: weights follow row
 *   positions), and the output there repeats the previous value, as pandas
 *   does;
 * - output is `NaN` before the first complete pair and at it (one point
 *   has no variance), and wherever either series has been constant so far.
 *
 * Method: pandas' `ewmcov` recurrence (weighted Welford update of means and
 * co-moments, with its guard that leaves a mean untouched when the new
 * value equals it, so constant series give exact zeros), run once for the
 * three co-moments. O(1) per step, no allocation.
 *
 * @param x - first series.
 * @param y - second series, same length.
 * @param lambda - decay factor in [0, 1); default 0.94 (RiskMetrics daily).
 * @param out - optional output buffer of the same length.
 * @returns `out`, or a new `Float64Array`.
 * @throws RangeError when lengths differ, λ is outside [0, 1), or `out` has the wrong length.
 * @example
 * ewmCorrelation(Float64Array.of(1, 2, 3, 5), Float64Array.of(1, 3, 2, 6), 0.5)
 * // Float64Array [NaN, 1, 0.17541160386140578, 0.923256239478125]
 */
export function ewmCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, lambda: number = RISKMETRICS_LAMBDA, out?: Float64Array): Float64Array {
  const len = checkLengths('ewmCorrelation', x, y);
  const f = ewmDecay('ewmCorrelation', lambda);
  if (out !== undefined && out.length !== len) throw new RangeError(`ewmCorrelation: output length ${out.length} differs from input length ${len}`);
  const res = out ?? new Float64Array(len);
  let mx = NaN;
  let my = NaN;
  let cxy = 0;
  let cxx = 0;
  let cyy = 0;
  let w = 1; // total weight of past observations (pandas' old_wt)
  for (let t = 0; t < len; t++) {
    const xi = x[t]!;
    const yi = y[t]!;
    const obs = Number.isFinite(xi) && Number.isFinite(yi);
    if (mx === mx) {
      w *= f;
      if (obs) {
        const ox = mx;
        const oy = my;
        if (mx !== xi) mx = (w * ox + xi) / (w + 1);
        if (my !== yi) my = (w * oy + yi) / (w + 1);
        const dx = ox - mx;
        const dy = oy - my;
        const ex = xi - mx;
        const ey = yi - my;
        cxy = (w * (cxy + dx * dy) + ex * ey) / (w + 1);
        cxx = (w * (cxx + dx * dx) + ex * ex) / (w + 1);
        cyy = (w * (cyy + dy * dy) + ey * ey) / (w + 1);
        w += 1;
      }
    } else if (obs) {
      mx = xi;
      my = yi;
    }
    if (mx !== mx) res[t] = NaN;
    else {
      const den = Math.sqrt(cxx) * Math.sqrt(cyy);
      const v = cxy / den;
      res[t] = den > 0 ? (v > 1 ? 1 : v < -1 ? -1 : v) : NaN;
    }
  }
  return res;
}
