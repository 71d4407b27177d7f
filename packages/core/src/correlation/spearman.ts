import { argsortWorkspace } from '../stats/argsort.js';
import { rankAverageInto } from '../stats/rankAverage.js';
import { pearsonPValue } from './pearsonPValue.js';
import { checkLengths, hasNaN } from './checkLengths.js';
import { finishTest } from './finishTest.js';
import { pearsonKernel } from './pearson.js';
import { DEFAULT_CONFIDENCE, type CorrelationTest, type CorrelationTestOptions } from './types.js';

function spearmanOf(x: ArrayLike<number>, y: ArrayLike<number>, n: number): number {
  if (n < 2 || hasNaN(x, n) || hasNaN(y, n)) return NaN;
  const rx = new Float64Array(n);
  const ry = new Float64Array(n);
  const idx = new Int32Array(n);
  const ws = argsortWorkspace(n);
  rankAverageInto(x, n, rx, idx, ws);
  rankAverageInto(y, n, ry, idx, ws);
  return pearsonKernel(rx, ry, n);
}

/**
 * Spearman's rank correlation ρ: Pearson's r of the average-tie ranks
 * (Spearman, 1904; ties as SciPy `spearmanr`, pandas `corr('spearman')`,
 * R `cor(method = "spearman")`). Invariant under any strictly increasing
 * transformation of either series.
 *
 * O(n log n) (stable merge sort), O(n) scratch.
 *
 * The data must be complete: `NaN` anywhere gives `NaN` (SciPy's
 * `nan_policy='propagate'`). ±∞ are ranked like any other value, as SciPy
 * does.
 *
 * Degenerate input: `NaN` for fewer than 2 points, any `NaN`, or a constant
 * series.
 *
 * @throws RangeError when the lengths differ.
 * @example spearman(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 10, 100, 1000)) // 1
 */
export function spearman(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return spearmanOf(x, y, checkLengths('spearman', x, y));
}

/**
 * Spearman's ρ with significance: the two-sided p-value of SciPy
 * `spearmanr` — the t-approximation t = ρ√((n−2)/(1−ρ²)) with n−2 degrees
 * of freedom (see {@link pearsonPValue}) — and a Fisher-z confidence
 * interval with the Bonett–Wright standard error √((1+ρ²/2)/(n−3))
 * (Bonett & Wright, Psychometrika 65(1), 2000), which covers better than
 * 1/√(n−3) for rank correlations.
 *
 * O(n log n).
 *
 * Degenerate input: as {@link pearsonTest}. n = 2 gives p = 1 (SciPy
 * `spearmanr` returns `NaN` there; with two points |ρ| = 1 always, so 1 is
 * the exact p-value).
 *
 * @throws RangeError when the lengths differ.
 * @example spearmanTest(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(2, 1, 4, 3, 5)).r // 0.8
 */
export function spearmanTest(x: ArrayLike<number>, y: ArrayLike<number>, options: CorrelationTestOptions = {}): CorrelationTest {
  const n = checkLengths('spearmanTest', x, y);
  const r = spearmanOf(x, y, n);
  return finishTest(r, n, 'spearman', x, y, options.confidence ?? DEFAULT_CONFIDENCE, pearsonPValue(r, n));
}
