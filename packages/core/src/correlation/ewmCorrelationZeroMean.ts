import { checkLengths } from './checkLengths.js';
import { ewmDecay, RISKMETRICS_LAMBDA } from './ewmCorrelation.js';

/**
 * RiskMetrics' exponentially weighted correlation, which assumes zero mean
 * returns: σ²ₜ = λσ²ₜ₋₁ + (1−λ)r²ₜ for each series, σₓᵧ,ₜ likewise with
 * xₜyₜ, and ρₜ = σₓᵧ,ₜ/(σₓ,ₜ σᵧ,ₜ) (J.P. Morgan/Reuters, RiskMetrics —
 * Technical Document, 4th ed., 1996, §5.2.1, eqs. 5.3 and 5.4). Started from
 * zero, which for a ratio is the same as normalising the weights, so no
 * seed value enters. Use on returns only: on levels it measures nothing
 * sensible.
 *
 * Differs from {@link ewmCorrelation} (pandas' centred estimator) by not
 * subtracting weighted means; on daily FX returns the two are usually within
 * a few hundredths of each other.
 *
 * Missing rows (`NaN` or ±∞ in either, as in {@link ewmCorrelation}) age
 * the weights without adding an observation, and repeat the previous
 * output. Output is `NaN` until two complete pairs have been seen (one
 * point gives ±1 trivially), and while either weighted sum of squares is 0
 * (a series that has been exactly zero).
 *
 * O(1) per step, no allocation.
 *
 * @param x - first return series.
 * @param y - second return series, same length.
 * @param lambda - decay factor in [0, 1); default 0.94.
 * @param out - optional output buffer of the same length.
 * @returns `out`, or a new `Float64Array`.
 * @throws RangeError when lengths differ, λ is outside [0, 1), or `out` has the wrong length.
 * @example
 * ewmCorrelationZeroMean(Float64Array.of(0.01, -0.02, 0.01), Float64Array.of(0.02, -0.01, 0.0), 0.94)
 * // Float64Array [NaN, 0.8001377760447868, 0.7257951531086931]
 */
export function ewmCorrelationZeroMean(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  lambda: number = RISKMETRICS_LAMBDA,
  out?: Float64Array,
): Float64Array {
  const len = checkLengths('ewmCorrelationZeroMean', x, y);
  const f = ewmDecay('ewmCorrelationZeroMean', lambda);
  if (out !== undefined && out.length !== len) {
    throw new RangeError(`ewmCorrelationZeroMean: output length ${out.length} differs from input length ${len}`);
  }
  const res = out ?? new Float64Array(len);
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let nobs = 0;
  for (let t = 0; t < len; t++) {
    const xi = x[t]!;
    const yi = y[t]!;
    sxx *= f;
    syy *= f;
    sxy *= f;
    if (Number.isFinite(xi) && Number.isFinite(yi)) {
      sxx += xi * xi;
      syy += yi * yi;
      sxy += xi * yi;
      nobs++;
    }
    const den = Math.sqrt(sxx) * Math.sqrt(syy);
    const v = sxy / den;
    res[t] = nobs >= 2 && den > 0 ? (v > 1 ? 1 : v < -1 ? -1 : v) : NaN;
  }
  return res;
}
