import type { Frame } from './types.js';

/**
 * A window of observations: the last `n` rows ending at or before `end`, or
 * every row in the closed range `[from, to]`. Times are UTC epoch ms; omitted
 * bounds are open.
 */
export type Window =
  | { readonly kind: 'last'; readonly n: number; readonly end?: number }
  | { readonly kind: 'range'; readonly from?: number; readonly to?: number };

/** Index of the first element of sorted `a` that is greater than `x`. */
export function upperBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of sorted `a` that is at least `x`. */
export function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Row range `[start, stop)` of a window over sorted times. A `last` window
 * with fewer rows available returns what there is; callers compare
 * `stop − start` with `n` to report a short window.
 */
export function windowBounds(time: Float64Array, w: Window): { start: number; stop: number } {
  if (w.kind === 'last') {
    const stop = w.end === undefined ? time.length : upperBound(time, w.end);
    return { start: Math.max(0, stop - Math.max(0, Math.floor(w.n))), stop };
  }
  const start = w.from === undefined ? 0 : lowerBound(time, w.from);
  const stop = w.to === undefined ? time.length : upperBound(time, w.to);
  return { start, stop: Math.max(start, stop) };
}

/** Rows `[start, stop)` of a frame (views, no copy). */
export function sliceFrame(frame: Frame, start: number, stop: number): Frame {
  return {
    time: frame.time.subarray(start, stop),
    symbols: frame.symbols,
    columns: frame.columns.map((c) => c.subarray(start, stop)),
  };
}

/** The rows of a frame inside a window (views, no copy). */
export function windowFrame(frame: Frame, w: Window): Frame {
  const { start, stop } = windowBounds(frame.time, w);
  return sliceFrame(frame, start, stop);
}
