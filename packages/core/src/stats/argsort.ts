/**
 * Scratch space for {@link argsortInto}: three buffers of at least `n`
 * elements. Allocate once with {@link argsortWorkspace} and reuse across
 * calls to keep sorting allocation-free.
 *
 * @internal not part of the package API (used inside core).
 */
export interface ArgsortWorkspace {
  readonly keys: Float64Array;
  readonly tmpKeys: Float64Array;
  readonly tmpIdx: Int32Array;
}

/**
 * Workspace for sorting up to `n` values.
 *
 * @internal not part of the package API (used inside core).
 */
export function argsortWorkspace(n: number): ArgsortWorkspace {
  return { keys: new Float64Array(n), tmpKeys: new Float64Array(n), tmpIdx: new Int32Array(n) };
}

// Runs shorter than this are insertion-sorted before merging.
const RUN = 16;

// a "≤" b with NaN sorting after every number (and NaN ≤ NaN, for stability).
function le(a: number, b: number): boolean {
  return a <= b || b !== b;
}

/**
 * Kernel of {@link argsort}: writes into `idx[0..n)` the indices that sort
 * `values[0..n)` ascending, stably, `NaN` last; `ws.keys[0..n)` receives the
 * sorted values. Bottom-up merge sort over (key, index) pairs, insertion sort
 * for runs of 16. O(n log n), no allocation.
 *
 * @internal not part of the package API (used inside core).
 */
export function argsortInto(values: ArrayLike<number>, n: number, idx: Int32Array, ws: ArgsortWorkspace): void {
  let k = ws.keys;
  let ix = idx;
  let k2 = ws.tmpKeys;
  let ix2 = ws.tmpIdx;
  for (let i = 0; i < n; i++) {
    k[i] = values[i]!;
    ix[i] = i;
  }
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = k[i]!;
      const vi = ix[i]!;
      let j = i - 1;
      while (j >= lo && !le(k[j]!, v)) {
        k[j + 1] = k[j]!;
        ix[j + 1] = ix[j]!;
        j--;
      }
      k[j + 1] = v;
      ix[j + 1] = vi;
    }
  }
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let o = lo;
      while (i < mid && j < hi) {
        if (le(k[i]!, k[j]!)) {
          k2[o] = k[i]!;
          ix2[o++] = ix[i++]!;
        } else {
          k2[o] = k[j]!;
          ix2[o++] = ix[j++]!;
        }
      }
      while (i < mid) {
        k2[o] = k[i]!;
        ix2[o++] = ix[i++]!;
      }
      while (j < hi) {
        k2[o] = k[j]!;
        ix2[o++] = ix[j++]!;
      }
    }
    const t = k;
    k = k2;
    k2 = t;
    const u = ix;
    ix = ix2;
    ix2 = u;
  }
  if (ix !== idx) {
    // The last pass wrote into the scratch buffers: copy back.
    for (let i = 0; i < n; i++) {
      idx[i] = ix[i]!;
      k2[i] = k[i]!;
    }
  }
}

/**
 * Indices that sort `values` ascending — stable (equal values keep their
 * order) and with `NaN` last, like NumPy's `argsort(kind='stable')`.
 * `-0` and `0` compare equal.
 *
 * Bottom-up merge sort with insertion-sorted runs: O(n log n) time, O(n)
 * scratch. Use {@link argsortInto} with a reused workspace inside loops.
 *
 * Degenerate input: the empty array gives an empty result; never throws.
 *
 * @param values - the keys.
 * @returns `Int32Array` of indices into `values`.
 * @example argsort(Float64Array.of(3, NaN, 1, 3)) // Int32Array [2, 0, 3, 1]
 */
export function argsort(values: ArrayLike<number>): Int32Array {
  const n = values.length;
  const idx = new Int32Array(n);
  argsortInto(values, n, idx, argsortWorkspace(n));
  return idx;
}
