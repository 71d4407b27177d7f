/**
 * Rolling z-score (xₜ − mean) / sd over the trailing `window` observations
 * ending at t (the current one included), sd with ddof = 1 — pandas'
 * `(s - s.rolling(w).mean()) / s.rolling(w).std()`. The first `window − 1`
 * entries, and any whose window holds a non-finite value, are NaN.
 *
 * Method: running sums of deviations from a per-window shift (re-anchored
 * whenever a value leaves), updated in O(1) per step with a full recompute
 * every `window` steps to stop drift. O(n).
 *
 * Degenerate input: window < 2 gives all NaN; a constant window gives NaN
 * (0 / 0) or ±Infinity.
 *
 * @example rollingZScore(Float64Array.of(1, 2, 3, 10), 3) // [NaN, NaN, 1, 1.1471…]
 */
export function rollingZScore(x: Float64Array, window: number, out?: Float64Array): Float64Array {
  const n = x.length;
  const o = out ?? new Float64Array(n);
  o.fill(Number.NaN, 0, n);
  const w = Math.floor(window);
  if (!(w >= 2) || n < w) return o;
  let bad = 0; // non-finite values in the window
  let s1 = 0;
  let s2 = 0;
  let shift = 0;
  const recompute = (end: number): void => {
    shift = Number.NaN;
    for (let i = end - w + 1; i <= end; i++) {
      if (Number.isFinite(x[i]!)) {
        shift = x[i]!;
        break;
      }
    }
    s1 = 0;
    s2 = 0;
    for (let i = end - w + 1; i <= end; i++) {
      const v = x[i]!;
      if (!Number.isFinite(v)) continue;
      const d = v - shift;
      s1 += d;
      s2 += d * d;
    }
  };
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i]!)) bad++;
    if (i >= w && !Number.isFinite(x[i - w]!)) bad--;
    if (i < w - 1) continue;
    if (i === w - 1 || (i - w + 1) % w === 0) recompute(i);
    else {
      const vin = x[i]!;
      const vout = x[i - w]!;
      if (Number.isFinite(vin)) {
        s1 += vin - shift;
        s2 += (vin - shift) ** 2;
      }
      if (Number.isFinite(vout)) {
        s1 -= vout - shift;
        s2 -= (vout - shift) ** 2;
      }
    }
    if (bad > 0 || !Number.isFinite(shift)) continue;
    const mean = s1 / w;
    const varr = Math.max(0, (s2 - s1 * mean) / (w - 1));
    o[i] = (x[i]! - shift - mean) / Math.sqrt(varr);
  }
  return o;
}
