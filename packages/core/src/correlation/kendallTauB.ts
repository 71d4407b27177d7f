import { argsortInto, argsortWorkspace } from '../stats/argsort.js';
import { argsortRadixInto, radixWorkspace } from './argsortRadix.js';
import { checkLengths, hasNaN } from './checkLengths.js';
import { finishTest } from './finishTest.js';
import {
  kendallCountsBuffer,
  kendallCountsRanked,
  kendallCountsSorted,
  rankedWorkspace,
  kendallPValueFromCounts,
  kendallTauFromCounts,
  type KendallCounts,
} from './kendallCounts.js';
import { DEFAULT_CONFIDENCE, type CorrelationTest, type CorrelationTestOptions } from './types.js';

// From this many points the radix argsort beats the merge sort.
const RADIX_FROM = 1024;

function countsOf(x: ArrayLike<number>, y: ArrayLike<number>, n: number): KendallCounts | null {
  if (n < 2 || hasNaN(x, n) || hasNaN(y, n)) return null;
  const idx = new Int32Array(n);
  if (n >= RADIX_FROM) {
    // Radix-sort y for its dense ranks, then x; count with a Fenwick tree.
    const ws = radixWorkspace(n);
    argsortRadixInto(y, n, idx, ws);
    const ry = new Int32Array(n);
    const sizes = new Int32Array(n);
    let u = 0;
    for (let m = 0; m < n; m++) {
      if (m > 0 && ws.keys[m] !== ws.keys[m - 1]) u++;
      ry[idx[m]!] = u;
      sizes[u]!++;
    }
    u++;
    argsortRadixInto(x, n, idx, ws);
    return kendallCountsRanked(ws.keys, idx, ry, sizes, u, n, rankedWorkspace(u), kendallCountsBuffer());
  }
  const ws = argsortWorkspace(n);
  argsortInto(x, n, idx, ws);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) ys[i] = y[idx[i]!]!;
  return kendallCountsSorted(ws.keys, ys, n, new Float64Array(n), kendallCountsBuffer());
}

/**
 * Kendall's τ-b rank correlation, (C − D)/√((P − X)(P − Y)) with C, D the
 * concordant and discordant pairs, P all pairs and X, Y the pairs tied in x
 * and in y (Kendall, "The treatment of ties in ranking problems",
 * Biometrika 33, 1945) — exactly SciPy `kendalltau(x, y, variant='b')`.
 *
 * Method: Knight's O(n log n) algorithm (JASA 61, 1966): sort by x, then
 * count the discordant pairs — below 1,024 points as merge-sort swaps of y
 * (sorted by y within ties of x); from 1,024 points with radix argsorts of
 * both and a Fenwick tree over y's ranks, O(n log u) for u distinct y
 * values, which is what makes heavily tied data (minute returns) cheap.
 *
 * The data must be complete: `NaN` anywhere gives `NaN` (SciPy's
 * `nan_policy='propagate'`); ±∞ are ordinary extreme values.
 *
 * Degenerate input: `NaN` for fewer than 2 points, any `NaN`, or a
 * constant series.
 *
 * @throws RangeError when the lengths differ.
 * @example kendallTauB(Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 3, 2, 4)) // 0.6666666666666669
 */
export function kendallTauB(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const c = countsOf(x, y, checkLengths('kendallTauB', x, y));
  return c === null ? NaN : kendallTauFromCounts(c);
}

/**
 * Kendall's τ-b with significance: the two-sided asymptotic p-value of SciPy
 * `kendalltau(method='asymptotic')` (normal approximation with the
 * tie-corrected variance of S = C − D, see {@link kendallPValueFromCounts})
 * and a Fisher-z confidence interval with the Fieller–Hartley–Pearson
 * standard error √(0.437/(n−4)) (Biometrika 44, 1957).
 *
 * O(n log n).
 *
 * Degenerate input: as {@link pearsonTest}; the interval is [−1, 1] for
 * n ≤ 4. n = 2 gives p = 1.
 *
 * @throws RangeError when the lengths differ.
 * @example kendallTauBTest(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(2, 1, 4, 3, 5)).p // 0.14164469029513682
 */
export function kendallTauBTest(x: ArrayLike<number>, y: ArrayLike<number>, options: CorrelationTestOptions = {}): CorrelationTest {
  const n = checkLengths('kendallTauBTest', x, y);
  const c = countsOf(x, y, n);
  const r = c === null ? NaN : kendallTauFromCounts(c);
  const p = c === null ? NaN : kendallPValueFromCounts(c);
  return finishTest(r, n, 'kendall', x, y, options.confidence ?? DEFAULT_CONFIDENCE, p);
}
