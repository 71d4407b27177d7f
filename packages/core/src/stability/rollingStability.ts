/** Stability of one correlation from its rolling history ({@link rollingStability}). */
export interface RollingStability {
  /** Windows with a finite ρ. */
  readonly windows: number;
  /** Mean of the rolling ρ. */
  readonly mean: number;
  /** Sample standard deviation (ddof 1) of the rolling ρ: its dispersion. */
  readonly sd: number;
  readonly min: number;
  readonly max: number;
  /** Share of windows whose ρ has the majority sign (ρ = 0 counts for neither): 0.5…1. */
  readonly sameSign: number;
  /** The majority sign: 1, −1, or 0 when there is none (no windows, or a tie). */
  readonly sign: number;
  /** sameSign · (1 − sd), in [0, 1]: 1 for a correlation that never moved and never changed sign. */
  readonly score: number;
}

/**
 * How stable a correlation has been, from its rolling history (e.g. the
 * output of `rollingCorrelation`): the dispersion of the rolling ρ (sample
 * standard deviation, ddof 1), the share of windows with the majority sign,
 * and one score combining them, sameSign · (1 − sd) — 1 for a correlation
 * that never moved, near 0.5 · (1 − sd) for one that flips sign half the
 * time. NaN entries (windows without enough data) are skipped.
 *
 * O(n), two passes.
 *
 * Degenerate input: no finite values → NaN statistics, `windows` 0; one
 * value → sd NaN, score NaN.
 *
 * @example rollingStability(Float64Array.of(0.5, 0.6, 0.7, -0.1)).sameSign // 0.75
 * @example rollingStability(Float64Array.of(0.5, 0.6, 0.7, -0.1)).score // 0.75 · (1 − 0.35940) = 0.48045…
 */
export function rollingStability(rho: ArrayLike<number>): RollingStability {
  let n = 0;
  let sum = 0;
  let pos = 0;
  let neg = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rho.length; i++) {
    const v = rho[i]!;
    if (!Number.isFinite(v)) continue;
    n++;
    sum += v;
    if (v > 0) pos++;
    else if (v < 0) neg++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (n === 0) return { windows: 0, mean: NaN, sd: NaN, min: NaN, max: NaN, sameSign: NaN, sign: 0, score: NaN };
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < rho.length; i++) {
    const v = rho[i]!;
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : NaN;
  const sameSign = Math.max(pos, neg) / n;
  const sign = pos > neg ? 1 : neg > pos ? -1 : 0;
  return { windows: n, mean, sd, min, max, sameSign, sign, score: sameSign * (1 - sd) };
}
