import type { Frame } from './types.js';

/** Log returns (default) or simple returns. */
export type ReturnKind = 'log' | 'simple';

/**
 * Returns of one price column into `out` (length `prices.length − 1`):
 * `out[i]` is the return from row `i` to row `i + 1`. A missing price on
 * either side, or a non-positive price, gives `NaN` — never a filled value.
 *
 * @example
 *   returnsInto(Float64Array.of(100, 110), new Float64Array(1)) // [ln 1.1 = 0.0953…]
 */
export function returnsInto(prices: Float64Array, out: Float64Array, kind: ReturnKind = 'log'): Float64Array {
  const n = prices.length - 1;
  for (let i = 0; i < n; i++) {
    const a = prices[i]!;
    const b = prices[i + 1]!;
    // NaN, ≤ 0 and ±Infinity are not prices.
    if (!(a > 0 && b > 0 && a < Infinity && b < Infinity)) out[i] = Number.NaN;
    else out[i] = kind === 'log' ? Math.log(b / a) : b / a - 1;
  }
  return out;
}

/**
 * Returns of every column of a price frame between consecutive rows. The
 * result's `time[i]` is the time of the later price, so a daily return is
 * stamped with the day it was earned.
 */
export function frameReturns(prices: Frame, kind: ReturnKind = 'log'): Frame {
  const n = Math.max(0, prices.time.length - 1);
  return {
    time: prices.time.slice(1),
    symbols: prices.symbols,
    columns: prices.columns.map((c) => (n === 0 ? new Float64Array(0) : returnsInto(c, new Float64Array(n), kind))),
  };
}
