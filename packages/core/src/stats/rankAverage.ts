import { argsortInto, argsortWorkspace, type ArgsortWorkspace } from './argsort.js';

/**
 * Kernel of {@link rankAverage}: ranks `values[0..n)` into `out[0..n)` using
 * caller-provided index and sort buffers (no allocation). Returns the number
 * of non-`NaN` values ranked.
 *
 * @internal not part of the package API (used inside core).
 */
export function rankAverageInto(
  values: ArrayLike<number>,
  n: number,
  out: Float64Array,
  idx: Int32Array,
  ws: ArgsortWorkspace,
): number {
  argsortInto(values, n, idx, ws);
  const k = ws.keys;
  let m = n;
  while (m > 0 && k[m - 1] !== k[m - 1]) {
    out[idx[m - 1]!] = NaN;
    m--;
  }
  let i = 0;
  while (i < m) {
    let j = i + 1;
    const v = k[i]!;
    while (j < m && k[j] === v) j++;
    // Positions i..j-1 (0-based) share the average of ranks i+1..j.
    const r = (i + 1 + j) / 2;
    for (let t = i; t < j; t++) out[idx[t]!] = r;
    i = j;
  }
  return m;
}

/**
 * Ranks 1…m of the values, ties receiving the average of the ranks they
 * span ("fractional ranking"; SciPy `rankdata(method='average')`, pandas
 * `rank()`, R `rank(ties.method = "average")`). `NaN` values keep rank `NaN`
 * and are not counted (pandas `na_option='keep'`); `±Infinity` are ranked as
 * the extreme values they are.
 *
 * O(n log n) (stable merge sort), O(n) scratch.
 *
 * Degenerate input: the empty array gives an empty result; never throws.
 *
 * @param values - the sample.
 * @param out - optional output buffer of the same length.
 * @returns `out` (or a new `Float64Array`) holding the ranks.
 * @example rankAverage(Float64Array.of(10, 20, 10, 30)) // Float64Array [1.5, 3, 1.5, 4]
 */
export function rankAverage(values: ArrayLike<number>, out?: Float64Array): Float64Array {
  const n = values.length;
  if (out !== undefined && out.length !== n) {
    throw new RangeError(`rankAverage: output length ${out.length} differs from input length ${n}`);
  }
  const o = out ?? new Float64Array(n);
  rankAverageInto(values, n, o, new Int32Array(n), argsortWorkspace(n));
  return o;
}
