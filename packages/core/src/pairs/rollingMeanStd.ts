/**
 * Rolling mean and sample standard deviation (ddof = 1) over the trailing
 * `window` observations ending at each t (current one included) — pandas'
 * `s.rolling(w).mean()` and `s.rolling(w).std()`. Entries before a full
 * window, or whose window holds a non-finite value, are NaN.
 *
 * Method: running sums of deviations from a shift (the window's first finite
 * value, re-anchored by an exact recomputation every `window` steps so
 * rounding cannot accumulate); O(1) amortised per step, O(n) in all.
 *
 * Degenerate input: window < 2 gives all NaN; a constant window gives sd 0.
 *
 * @example rollingMeanStd(Float64Array.of(1, 2, 3, 10), 3).sd // [NaN, NaN, 1, 4.3589…]
 */
export function rollingMeanStd(x: ArrayLike<number>, window: number): { mean: Float64Array; sd: Float64Array } {
  const n = x.length;
  const mean = new Float64Array(n).fill(Number.NaN);
  const sd = new Float64Array(n).fill(Number.NaN);
  const w = Math.floor(window);
  if (!(w >= 2) || n < w) return { mean, sd };
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
    if ((i - w + 1) % w === 0) recompute(i);
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
    const m = s1 / w;
    mean[i] = shift + m;
    sd[i] = Math.sqrt(Math.max(0, (s2 - s1 * m) / (w - 1)));
  }
  return { mean, sd };
}
