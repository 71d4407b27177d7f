import { QUARTER_MS } from './barsSql.js';
import type { RowBatch } from './duck.js';

/**
 * Quarter-hour aggregates of sorted bars, computed where the rows already
 * are (in memory, during an import): per UTC quarter-hour `q`, first and last
 * time, open of the first row, high/low extremes, close of the last row,
 * volume sum over rows that have one (NaN when none do) and the row count —
 * the columns `bars_q` stores besides the calendar ones, as a batch for
 * `soukan_batch(id)`. One pass, O(n).
 *
 * @param time strictly increasing UTC ms.
 * @example quarterRollup(Float64Array.of(0, 60000, 900000), …).n // 2 quarters
 */
export function quarterRollup(
  time: Float64Array,
  open: Float64Array,
  high: Float64Array,
  low: Float64Array,
  close: Float64Array,
  volume: Float64Array | undefined,
  n: number,
): RowBatch {
  const q = new Float64Array(n);
  const t0 = new Float64Array(n);
  const t1 = new Float64Array(n);
  const o = new Float64Array(n);
  const h = new Float64Array(n);
  const l = new Float64Array(n);
  const c = new Float64Array(n);
  const v = new Float64Array(n);
  const cnt = new Float64Array(n);
  let m = -1;
  let key = Number.NaN;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    const k = Math.floor(t / QUARTER_MS);
    const vol = volume ? volume[i]! : Number.NaN;
    if (k !== key) {
      m++;
      key = k;
      q[m] = k;
      t0[m] = t;
      o[m] = open[i]!;
      h[m] = high[i]!;
      l[m] = low[i]!;
      v[m] = vol;
      cnt[m] = 0;
    } else {
      if (high[i]! > h[m]!) h[m] = high[i]!;
      if (low[i]! < l[m]!) l[m] = low[i]!;
      if (!Number.isNaN(vol)) v[m] = Number.isNaN(v[m]!) ? vol : v[m]! + vol;
    }
    t1[m] = t;
    c[m] = close[i]!;
    cnt[m] = cnt[m]! + 1;
  }
  const rows = m + 1;
  return {
    names: ['q', 't0', 't1', 'o', 'h', 'l', 'c', 'v', 'n'],
    kinds: ['f64', 'f64', 'f64', 'f64', 'f64', 'f64', 'f64', 'f64', 'f64'],
    columns: [q, t0, t1, o, h, l, c, v, cnt],
    n: rows,
  };
}
