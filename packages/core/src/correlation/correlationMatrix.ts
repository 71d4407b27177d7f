import type { CorrelationMatrixOptions, MissingPolicy } from './correlationMatrixOptions.js';
import type { CorrelationPlan } from './plan/correlationPlanTypes.js';
import { planCorrelation } from './plan/planCorrelation.js';
import { runCorrelationPlan } from './plan/planTasks.js';
import type { CorrelationMethod, CorrelationReason } from './types.js';

/** A k × k correlation matrix with per-cell sample size, p-value, interval and reason. */
export interface CorrelationMatrix {
  /** Number of columns. */
  readonly k: number;
  readonly method: CorrelationMethod;
  readonly missing: MissingPolicy;
  readonly minPeriods: number;
  readonly confidence: number;
  /** Coefficients, row-major k × k, symmetric; `NaN` where `reason` is not null. */
  readonly r: Float64Array;
  /** Observations used per cell (diagonal: the column's own count; under `'complete'`, the complete rows). */
  readonly n: Float64Array;
  /** Two-sided p-values (SciPy `pearsonr` / `spearmanr` / `kendalltau` asymptotic). */
  readonly p: Float64Array;
  /** Lower confidence bounds (Fisher z). */
  readonly lo: Float64Array;
  /** Upper confidence bounds (Fisher z). */
  readonly hi: Float64Array;
  /** Per cell: why `r` is `NaN`, or `null`. */
  readonly reason: CorrelationReason[];
}

/**
 * Correlation matrix of k columns (one `Float64Array` per series, all the
 * same length; `NaN` — and ±∞ — mark missing observations), with per-cell
 * sample size, two-sided p-value, Fisher-z confidence interval and the
 * reason for any `NaN`.
 *
 * Semantics (pandas 1.5 `DataFrame.corr(method, min_periods)` under
 * `missing: 'pairwise'`): each pair uses the rows where both columns are
 * finite (pandas masks with `isfinite`, so ±∞ count as missing, too);
 * Spearman ranks within each pair's rows, as pandas' `nancorr_spearman`
 * does; a cell with fewer than `minPeriods` rows is `NaN` with reason
 * `'too-few-observations'`; a column constant over a pair's rows makes the
 * cell `NaN` with reason `'constant-input'` (pandas returns `NaN` too, but
 * its Kendall path writes 1.0 on the diagonal of a constant column — here
 * the diagonal is 1 only for a column that varies). The diagonal carries the
 * column's own count in `n`. p-values follow SciPy 1.10: `pearsonr` (exact
 * t, n−2 df), `spearmanr` (t approximation), `kendalltau(method='asymptotic')`
 * (tie-corrected normal); intervals: Fisher z with SE 1/√(n−3) (Pearson,
 * = SciPy `confidence_interval`), √((1+r²/2)/(n−3)) (Spearman,
 * Bonett–Wright 2000), √(0.437/(n−4)) (Kendall, Fieller et al. 1957);
 * [−1, 1] when n is too small for the SE.
 *
 * Method (standardise, then multiply): each column is standardised once —
 * centred, scaled to unit norm, on ranks for Spearman, zero where missing —
 * and the coefficients of columns sharing a missing-data pattern (all of
 * them, for complete data or `missing: 'complete'`) are the upper triangle
 * of a cache-blocked, register-blocked Gram product ({@link gramUpper}).
 * Pearson with gaps stays in matrix form: with Z the zero-filled
 * standardised data, each pair's sums over its common rows are Z Zᵀ plus
 * masked products of Z and Z² with the sparse missing-row indicators
 * ({@link listSums}), giving n, Σx, Σy, Σx², Σy², Σxy per pair and the
 * centred co-moments from them (pandas' pairwise-complete semantics,
 * without a scalar loop per pair); pairs where that form would lose more
 * than ~8 bits (a pair resting on a sliver of a column, or a column
 * constant on the pair's rows) are recomputed one by one. Kendall sorts
 * each column once and counts each pair with Knight's merge sort; Spearman
 * and Kendall pairs whose columns differ in missingness are computed on
 * their common rows one by one (ranks depend on the rows). Symmetric: one
 * triangle is computed and mirrored. The work is cut into tile tasks
 * ({@link runCorrelationTask}) that the Node parallel runner
 * (`@soukan/data` `correlationMatrixParallel`) spreads over threads and
 * WebAssembly SIMD kernels; this function runs them on the calling thread
 * with the TypeScript kernels.
 *
 * Complexity: O(k² m) for Pearson/Spearman (+ O(k m log m) ranking, and
 * O(k · missing cells) for gaps); O(k² m log m) for Kendall and for
 * Spearman pairs with differing patterns. Memory O(k m).
 *
 * Degenerate input: never throws on data; k = 0 gives empty arrays; cells
 * that cannot be computed are `NaN` with a reason.
 *
 * @throws RangeError when columns differ in length or an option is invalid.
 * @example
 * const m = correlationMatrix([Float64Array.of(1, 2, 3, 4), Float64Array.of(2, 4, 5, 9)]);
 * m.r[1] // 0.9647638212377322 (row 0, column 1)
 * m.p[1] // 0.03523617876226777
 */
export function correlationMatrix(columns: readonly Float64Array[], options: CorrelationMatrixOptions = {}): CorrelationMatrix {
  const plan = planCorrelation(columns, options);
  runCorrelationPlan(plan);
  return finishCorrelation(plan, options.missing ?? 'pairwise');
}

// Indexed by the plan's reason codes (WHY_NONE, WHY_FEW, WHY_CONSTANT).
const REASONS: readonly CorrelationReason[] = [null, 'too-few-observations', 'constant-input'];

/**
 * The {@link CorrelationMatrix} of a plan whose tasks have all run. What was
 * not asked for costs nothing until read: without significance `p`, `lo`
 * and `hi` are NaN-filled on first access, with one missing pattern `n` is
 * filled from the column counts on first access, and the per-cell `reason`
 * strings are made from the plan's one-byte codes on first access.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export function finishCorrelation(plan: CorrelationPlan, missing: MissingPolicy): CorrelationMatrix {
  const kk = plan.k * plan.k;
  // A copy (one byte a cell): the plan's buffers may be scratch that a later plan reuses.
  const why = plan.why.slice(0, kk);
  const result = { k: plan.k, method: plan.method, missing, minPeriods: plan.minPeriods, confidence: plan.confidence, r: plan.r };
  const lazy = (make: () => unknown): PropertyDescriptor => {
    let v: unknown;
    return { enumerable: true, get: () => (v ??= make()) };
  };
  // With one missing pattern the plan keeps no k × k counts: a cell's n is
  // its row's column count (a copy: the plan's cnt may be reused scratch).
  const cnt = plan.n.length === kk ? null : plan.cnt.slice(0, plan.k);
  const counts = (): Float64Array => {
    const n = new Float64Array(kk);
    for (let i = 0; i < plan.k; i++) n.fill(cnt![i]!, i * plan.k, (i + 1) * plan.k);
    return n;
  };
  const nan = (a: Float64Array): PropertyDescriptor => (plan.significance ? { enumerable: true, value: a } : lazy(() => new Float64Array(kk).fill(NaN)));
  return Object.defineProperties(result, {
    n: cnt === null ? { enumerable: true, value: plan.n } : lazy(counts),
    p: nan(plan.p),
    lo: nan(plan.lo),
    hi: nan(plan.hi),
    reason: lazy(() => {
      const reason: CorrelationReason[] = new Array<CorrelationReason>(kk);
      for (let c = 0; c < kk; c++) reason[c] = REASONS[why[c]!]!;
      return reason;
    }),
  }) as typeof result & Pick<CorrelationMatrix, 'n' | 'p' | 'lo' | 'hi' | 'reason'>;
}
