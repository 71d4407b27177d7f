/**
 * Scratch space for {@link argsortRadixInto}, for up to `n` values.
 *
 * @internal not part of the package API (used inside core).
 */
export interface RadixWorkspace {
  readonly n: number;
  /** Sorted values after a call (as `ArgsortWorkspace.keys`). */
  readonly keys: Float64Array;
  readonly bits: Uint32Array;
  readonly hi: Uint32Array;
  readonly lo: Uint32Array;
  readonly hi2: Uint32Array;
  readonly lo2: Uint32Array;
  readonly idx2: Int32Array;
  /** Six digit histograms, 2^11 buckets each. */
  readonly count: Int32Array;
}

const DIGIT = 11;
const BUCKETS = 1 << DIGIT;

/**
 * Workspace for {@link argsortRadixInto}.
 *
 * @internal not part of the package API (used inside core).
 */
export function radixWorkspace(n: number): RadixWorkspace {
  const keys = new Float64Array(n);
  return {
    n,
    keys,
    bits: new Uint32Array(keys.buffer),
    hi: new Uint32Array(n),
    lo: new Uint32Array(n),
    hi2: new Uint32Array(n),
    lo2: new Uint32Array(n),
    idx2: new Int32Array(n),
    count: new Int32Array(6 * BUCKETS),
  };
}

/**
 * Indices that sort `values[0..n)` ascending — stably, `NaN` last, `-0`
 * equal to `0` — into `idx`, and the sorted values into `ws.keys`: the
 * same result as `argsortInto` (stats/argsort.ts), by least-significant-
 * digit radix sort on the IEEE-754 bits. Each double maps to an unsigned
 * 64-bit key with the same order (negative: all bits flipped; positive:
 * sign bit set; every NaN → one NaN above +∞; −0 → +0), sorted by six
 * counting passes of 11 bits (histograms of all six taken in one pass over
 * the keys), skipping passes where every key has the same digit. O(n) time (≈ 3× faster than the merge sort from ~10⁴ values), no
 * allocation.
 *
 * @internal not part of the package API (used inside core).
 */
export function argsortRadixInto(values: ArrayLike<number>, n: number, idx: Int32Array, ws: RadixWorkspace): void {
  const { keys, bits, count } = ws;
  let hi = ws.hi;
  let lo = ws.lo;
  let hi2 = ws.hi2;
  let lo2 = ws.lo2;
  let ix = idx;
  let ix2 = ws.idx2;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    keys[i] = v !== v ? NaN : v === 0 ? 0 : v;
  }
  // Keys, and the histograms of all six digits in the same pass.
  count.fill(0);
  const M = BUCKETS - 1;
  for (let i = 0; i < n; i++) {
    let l = bits[2 * i]!;
    let h = bits[2 * i + 1]!;
    if (h >= 0x80000000) {
      h = ~h >>> 0;
      l = ~l >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    hi[i] = h;
    lo[i] = l;
    ix[i] = i;
    count[l & M]!++;
    count[BUCKETS + ((l >>> 11) & M)]!++;
    count[2 * BUCKETS + (l >>> 22)]!++;
    count[3 * BUCKETS + (h & M)]!++;
    count[4 * BUCKETS + ((h >>> 11) & M)]!++;
    count[5 * BUCKETS + (h >>> 22)]!++;
  }
  // Passes: 3 digits of lo (bits 0–10, 11–21, 22–31) moving (lo, index),
  // then hi gathered once in that order, then 3 digits of hi moving (hi,
  // index): two arrays per pass instead of three.
  let gathered = false;
  for (let pass = 0; pass < 6; pass++) {
    const shift = (pass % 3) * DIGIT;
    const base = pass * BUCKETS;
    const src = pass < 3 ? lo : hi;
    // Skip a pass in which every key has the same digit.
    if (n === 0 || count[base + ((src[0]! >>> shift) & M)] === n) continue;
    if (pass >= 3 && !gathered) {
      for (let i = 0; i < n; i++) hi2[i] = hi[ix[i]!]!;
      const t = hi;
      hi = hi2;
      hi2 = t;
      gathered = true;
    }
    let sum = 0;
    for (let d = base; d < base + BUCKETS; d++) {
      const c = count[d]!;
      count[d] = sum;
      sum += c;
    }
    const key = pass < 3 ? lo : hi;
    const key2 = pass < 3 ? lo2 : hi2;
    for (let i = 0; i < n; i++) {
      const v = key[i]!;
      const o = count[base + ((v >>> shift) & M)]!++;
      key2[o] = v;
      ix2[o] = ix[i]!;
    }
    if (pass < 3) {
      const t = lo;
      lo = lo2;
      lo2 = t;
    } else {
      const t = hi;
      hi = hi2;
      hi2 = t;
    }
    const u = ix;
    ix = ix2;
    ix2 = u;
  }
  if (ix !== idx) for (let i = 0; i < n; i++) idx[i] = ix[i]!;
  for (let i = 0; i < n; i++) keys[i] = values[idx[i]!]!;
}
