import type { Frame, PriceSeries } from './types.js';

/**
 * How to put several series on one time index.
 *
 * - `inner` (default): only times at which every series has a value.
 * - `pairwise`: the union of times, `NaN` where a series has no value; each
 *   pair of columns is later used on the rows where both are present
 *   (pandas' pairwise-complete semantics).
 * - `ffill`: the union of times, each gap filled with the last value for at
 *   most `limit` consecutive rows. Filling manufactures zero returns, so it is
 *   only done on request and the number of filled cells is reported.
 */
export type AlignPolicy = { readonly kind: 'inner' } | { readonly kind: 'pairwise' } | { readonly kind: 'ffill'; readonly limit: number };

/** An aligned frame and how many cells per column forward-fill invented. */
export interface AlignResult {
  readonly frame: Frame;
  /** Forward-filled cells per column (all zero unless the policy is `ffill`). */
  readonly filled: readonly number[];
}

/**
 * Aligns series (each with strictly increasing times) on a common index by
 * `policy`, taking `field` (default `close`) of each.
 *
 * Complexity O(total length · log k) via a k-way merge of the time arrays.
 *
 * @example
 *   alignSeries([a, b], { kind: 'inner' }).frame.time // times present in both
 */
export function alignSeries(
  series: readonly PriceSeries[],
  policy: AlignPolicy = { kind: 'inner' },
  field: 'close' | 'open' | 'high' | 'low' = 'close',
): AlignResult {
  const k = series.length;
  const symbols = series.map((s) => s.symbol);
  if (k === 0) return { frame: { time: new Float64Array(0), symbols, columns: [] }, filled: [] };
  const values = series.map((s) => {
    const v = s[field];
    if (!v) throw new Error(`alignSeries: ${s.symbol} has no ${field} prices`);
    return v;
  });
  const time = policy.kind === 'inner' ? intersectTimes(series.map((s) => s.time)) : unionTimes(series.map((s) => s.time));
  const n = time.length;
  const columns: Float64Array[] = [];
  const filled: number[] = [];
  for (let j = 0; j < k; j++) {
    const t = series[j]!.time;
    const v = values[j]!;
    const col = new Float64Array(n);
    let p = 0;
    let fills = 0;
    let gap = 0;
    let last = Number.NaN;
    for (let i = 0; i < n; i++) {
      const ti = time[i]!;
      while (p < t.length && t[p]! < ti) p++;
      if (p < t.length && t[p] === ti && !Number.isNaN(v[p]!)) {
        col[i] = v[p]!;
        last = v[p]!;
        gap = 0;
        continue;
      }
      // pandas ffill(limit): fill the first `limit` rows of each gap, leave the rest.
      if (policy.kind === 'ffill' && gap < policy.limit && !Number.isNaN(last)) {
        col[i] = last;
        fills++;
      } else {
        col[i] = Number.NaN;
      }
      gap++;
    }
    columns.push(col);
    filled.push(fills);
  }
  return { frame: { time, symbols, columns }, filled };
}

/** Times present in every array (each strictly increasing). */
export function intersectTimes(times: readonly Float64Array[]): Float64Array {
  if (times.length === 0) return new Float64Array(0);
  let acc = times[0]!;
  for (let j = 1; j < times.length; j++) {
    const b = times[j]!;
    const out = new Float64Array(Math.min(acc.length, b.length));
    let i = 0;
    let p = 0;
    let q = 0;
    while (p < acc.length && q < b.length) {
      const x = acc[p]!;
      const y = b[q]!;
      if (x === y) {
        out[i++] = x;
        p++;
        q++;
      } else if (x < y) p++;
      else q++;
    }
    acc = out.subarray(0, i);
  }
  return acc.slice();
}

/** Sorted union of times (each array strictly increasing). */
export function unionTimes(times: readonly Float64Array[]): Float64Array {
  let total = 0;
  for (const t of times) total += t.length;
  const all = new Float64Array(total);
  let o = 0;
  for (const t of times) {
    all.set(t, o);
    o += t.length;
  }
  all.sort();
  let w = 0;
  for (let i = 0; i < all.length; i++) if (i === 0 || all[i] !== all[w - 1]) all[w++] = all[i]!;
  return all.slice(0, w);
}

/** Rows of a frame where every column is present (not NaN). */
export function completeRows(frame: Frame): Frame {
  const n = frame.time.length;
  const keep = new Uint8Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    let ok = 1;
    for (const c of frame.columns) if (Number.isNaN(c[i]!)) ok = 0;
    keep[i] = ok;
    count += ok;
  }
  const pick = (a: Float64Array): Float64Array => {
    const out = new Float64Array(count);
    let w = 0;
    for (let i = 0; i < n; i++) if (keep[i]) out[w++] = a[i]!;
    return out;
  };
  return { time: pick(frame.time), symbols: frame.symbols, columns: frame.columns.map(pick) };
}
