import { shrunkCorrelation, type ShrinkMethod, type ShrunkCorrelationMatrix } from '@soukan/core';

/** What a shrunk correlation matrix was estimated with, for the output. */
export interface ShrinkApplied {
  readonly method: ShrinkMethod;
  readonly estimator: ShrunkCorrelationMatrix['estimator'];
  readonly target: ShrunkCorrelationMatrix['target'];
  /** Intensity in [0, 1] (NaN when undefined: too few rows, a non-finite value). */
  readonly intensity: number;
  /** Rows the estimator saw. */
  readonly observations: number;
}

/**
 * The shrunk correlation matrix of aligned, complete columns (the window of
 * a correlation request): the columns laid out row-major T×k for
 * {@link shrunkCorrelation}, and what was applied. The request model has
 * already refused shrinkage with pairwise alignment, so rows are complete.
 *
 * @example shrinkColumns([eurusd, gbpusd, usdjpy], 'lw').applied.intensity // δ of scikit-learn's LedoitWolf on the same returns
 */
export function shrinkColumns(columns: readonly Float64Array[], method: ShrinkMethod): { readonly r: Float64Array; readonly applied: ShrinkApplied } {
  const k = columns.length;
  const T = k ? columns[0]!.length : 0;
  const x = new Float64Array(T * k);
  for (let j = 0; j < k; j++) {
    const c = columns[j]!;
    for (let t = 0; t < T; t++) x[t * k + j] = c[t]!;
  }
  const s = shrunkCorrelation(x, T, k, method);
  return { r: s.correlation, applied: { method, estimator: s.estimator, target: s.target, intensity: s.intensity, observations: T } };
}
