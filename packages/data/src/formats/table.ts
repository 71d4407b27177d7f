/**
 * Rows as they are read: growable typed columns plus the file and line each
 * row came from, so that sorting, de-duplication and conflict errors can
 * still point at the input.
 */
import type { PriceSeries } from '@soukan/core';
import { InputError } from '../errors.js';
import { showTime } from './fields.js';

/** What the value columns of a table are. */
export type Shape = 'close' | 'ohlc' | 'ohlcv';

/**
 * Growable columns: `time`, `line`, `file` and `cols.length` value columns
 * (`NaN` = missing). Appending is amortised O(1) (capacity doubles).
 *
 * @example const t = new Table(1); t.cols[0][t.add(Date.UTC(2017, 0, 2), 2, 0)] = 1.0465; t.n // 1
 */
export class Table {
  n = 0;
  time: Float64Array;
  line: Int32Array;
  file: Int32Array;
  cols: Float64Array[];

  constructor(width: number, capacity = 256) {
    this.time = new Float64Array(capacity);
    this.line = new Int32Array(capacity);
    this.file = new Int32Array(capacity);
    this.cols = Array.from({ length: width }, () => new Float64Array(capacity));
  }

  /** Appends a row and returns its index; the caller fills `cols[j][i]`. */
  add(t: number, line: number, file: number): number {
    if (this.n === this.time.length) this.grow();
    const i = this.n++;
    this.time[i] = t;
    this.line[i] = line;
    this.file[i] = file;
    return i;
  }

  private grow(): void {
    const cap = this.time.length * 2;
    const g = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.time = g(this.time, (k) => new Float64Array(k));
    this.line = g(this.line, (k) => new Int32Array(k));
    this.file = g(this.file, (k) => new Int32Array(k));
    this.cols = this.cols.map((c) => g(c, (k) => new Float64Array(k)));
  }

  /** A table holding rows `order` of this one, in that order. */
  pick(order: ArrayLike<number>, count = order.length): Table {
    const t = new Table(this.cols.length, Math.max(1, count));
    for (let k = 0; k < count; k++) {
      const i = order[k]!;
      t.time[k] = this.time[i]!;
      t.line[k] = this.line[i]!;
      t.file[k] = this.file[i]!;
      for (let j = 0; j < this.cols.length; j++) t.cols[j]![k] = this.cols[j]![i]!;
    }
    t.n = count;
    return t;
  }
}

/**
 * Concatenation of tables of equal width, in order (rows keep their file and line).
 *
 * @example concatTables([a, b]).n // a.n + b.n
 */
export function concatTables(parts: readonly Table[]): Table {
  const width = parts[0]!.cols.length;
  const total = parts.reduce((s, p) => s + p.n, 0);
  const out = new Table(width, Math.max(1, total));
  let at = 0;
  for (const p of parts) {
    out.time.set(p.time.subarray(0, p.n), at);
    out.line.set(p.line.subarray(0, p.n), at);
    out.file.set(p.file.subarray(0, p.n), at);
    for (let j = 0; j < width; j++) out.cols[j]!.set(p.cols[j]!.subarray(0, p.n), at);
    at += p.n;
  }
  out.n = total;
  return out;
}

/** Outcome of {@link settle}. */
export interface Settled {
  readonly table: Table;
  /** Rows that were out of order (a time earlier than the row before). */
  readonly outOfOrder: number;
  /** Exact duplicate rows dropped. */
  readonly duplicates: number;
}

function sameRow(t: Table, a: number, b: number): boolean {
  for (const c of t.cols) {
    const x = c[a]!;
    const y = c[b]!;
    if (x !== y && !(Number.isNaN(x) && Number.isNaN(y))) return false;
  }
  return true;
}

/**
 * Sorts rows by time (stable), drops exact duplicates and rejects one time
 * with two different rows. A file expected newest-first (`descending`) that
 * is strictly descending is simply reversed and not counted as out of order.
 *
 * Method: one pass counts descents/ties; only unsorted input pays for a
 * sort of row indices by (time, index) — O(n log n) — otherwise O(n).
 *
 * @param files display names by file index, for the conflict error.
 * @throws InputError naming both lines when one time has two different rows.
 * @example settle(t, ['x.csv']).duplicates // exact duplicate rows dropped
 */
export function settle(t: Table, files: readonly string[], descending = false): Settled {
  const n = t.n;
  const time = t.time;
  let descents = 0;
  let ascents = 0;
  let ties = 0;
  for (let i = 1; i < n; i++) {
    const d = time[i]! - time[i - 1]!;
    if (d < 0) descents++;
    else if (d > 0) ascents++;
    else ties++;
  }
  let order: Uint32Array | undefined;
  let outOfOrder = 0;
  if (descending && ascents === 0) {
    if (descents > 0 || ties > 0) {
      order = new Uint32Array(n);
      // Reverse runs of ties back into file order so the sort stays stable.
      let i = n - 1;
      let k = 0;
      while (i >= 0) {
        let j = i;
        while (j > 0 && time[j - 1] === time[i]) j--;
        for (let r = j; r <= i; r++) order[k++] = r;
        i = j - 1;
      }
    }
  } else if (descents > 0) {
    outOfOrder = descending ? ascents : descents;
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => time[a]! - time[b]! || a - b);
  }
  if (!order && ties === 0) return { table: t, outOfOrder, duplicates: 0 };

  const idx = order ?? Uint32Array.from({ length: n }, (_, i) => i);
  const keep = new Uint32Array(n);
  let m = 0;
  let duplicates = 0;
  for (let k = 0; k < n; k++) {
    const i = idx[k]!;
    if (m > 0) {
      const p = keep[m - 1]!;
      if (time[p] === time[i]) {
        if (sameRow(t, p, i)) {
          duplicates++;
          continue;
        }
        const [first, second] = t.file[p]! < t.file[i]! || (t.file[p] === t.file[i] && t.line[p]! < t.line[i]!) ? [p, i] : [i, p];
        const other = t.file[first] === t.file[second] ? `line ${t.line[first]}` : `${files[t.file[first]!]} line ${t.line[first]}`;
        throw new InputError(`duplicate time ${showTime(time[i]!)} with different values (also ${other})`, {
          file: files[t.file[second]!],
          line: t.line[second]!,
        });
      }
    }
    keep[m++] = i;
  }
  return { table: t.pick(keep, m), outOfOrder, duplicates };
}

/**
 * Builds the public series from a settled table of the given shape. Columns
 * share the table's buffers when they are nearly full, else are copied.
 *
 * @example toSeries('EUR/USD', 'close', t).close.length // t.n
 */
export function toSeries(symbol: string, shape: Shape, t: Table): PriceSeries {
  const n = t.n;
  // Little slack: share the buffer instead of copying it.
  const cut = (a: Float64Array): Float64Array => (a.length - n <= a.length >> 3 ? a.subarray(0, n) : a.slice(0, n));
  if (shape === 'close') return { symbol, time: cut(t.time), close: cut(t.cols[0]!) };
  const s = { symbol, time: cut(t.time), open: cut(t.cols[0]!), high: cut(t.cols[1]!), low: cut(t.cols[2]!), close: cut(t.cols[3]!) };
  return shape === 'ohlcv' ? { ...s, volume: cut(t.cols[4]!) } : s;
}

/**
 * Splits a wide table (one column per symbol, `NaN` = missing) into
 * close-only tables, one per column, without the missing rows.
 *
 * @example splitColumns(wide).map((t) => t.n) // observations per column
 */
export function splitColumns(t: Table): Table[] {
  return t.cols.map((c) => {
    const keep: number[] = [];
    for (let i = 0; i < t.n; i++) if (!Number.isNaN(c[i]!)) keep.push(i);
    const out = new Table(1, Math.max(1, keep.length));
    for (let k = 0; k < keep.length; k++) {
      const i = keep[k]!;
      out.time[k] = t.time[i]!;
      out.line[k] = t.line[i]!;
      out.file[k] = t.file[i]!;
      out.cols[0]![k] = c[i]!;
    }
    out.n = keep.length;
    return out;
  });
}
