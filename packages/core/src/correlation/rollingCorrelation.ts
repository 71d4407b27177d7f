import { checkLengths } from './checkLengths.js';

/**
 * A Welford-style update may lose accuracy when a window's co-moments fall
 * far below their value at the last exact recomputation (a large move
 * leaving the window): recompute exactly when a sum of squares drops below
 * this fraction of its peak since the last recomputation.
 */
const REANCHOR_DROP = 1 / 1024;

/**
 * Deviations are used unscaled while the window's largest |deviation| lies
 * in [2⁻²⁰⁰, 2²⁰⁰]: then co-moments and their product stay far from
 * underflow and overflow. Outside it they are multiplied by a power of two
 * that brings the largest to ~1 (exact, and correlation does not change
 * with scale); values around 1e-76 have squared deviations near 1e-153 and
 * a product of co-moments near 1e-306, where subnormal rounding turned a
 * two-point correlation of 1 into 0.7071.
 */
const UNSCALED_MIN = 2 ** -200;
const UNSCALED_MAX = 2 ** 200;
/** A varying window whose (scaled) sum of squares is below this gets rescaled. */
const TINY_MOMENT = 2 ** -450;

/** The power of two that brings a window's largest |deviation| `m` to ~1 (1 when no scaling is needed). */
function scaleFor(m: number): number {
  if (!(m > 0) || (m >= UNSCALED_MIN && m <= UNSCALED_MAX) || !Number.isFinite(m)) return 1;
  const e = Math.floor(Math.log2(m));
  return 2 ** Math.max(-1000, Math.min(1000, -e));
}

/**
 * Rolling Pearson correlation of `x` and `y` over a trailing window of
 * `window` rows: `out[t]` correlates rows t−window+1 … t. Equal to pandas
 * 1.5 `x.rolling(window, min_periods=minPeriods).corr(y)`:
 *
 * - a row where either value is `NaN` or ±∞ is skipped — pandas masks both
 *   series with `x + 0*y` and turns infinities into `NaN` before its window
 *   kernels (`_prep_values`) — so a window counts only its complete finite
 *   pairs;
 * - `out[t]` is `NaN` while the window holds fewer than
 *   `max(minPeriods, 2)` complete pairs;
 * - a window in which either series is constant gives `NaN` (pandas gives
 *   `NaN` or ±∞ there, from dividing by a zero variance).
 *
 * Method: O(1) per step. The window's means and co-moments Σdx², Σdy²,
 * Σdx·dy are updated by Welford's add/remove recurrences (Welford,
 * Technometrics 4(3), 1962; removal as in pandas' `roll_var`) on values
 * shifted by the window mean at the last anchor, so rounding scales with
 * the spread rather than the price level. They are re-anchored — recomputed
 * exactly by two passes over the window — every `window` steps, and
 * whenever a sum of squares falls below 1/1024 of its peak since the last
 * anchor (a large move leaving the window). Each costs O(window) at most
 * once per `window` steps on ordinary data, so the amortised cost stays O(1)
 * while rounding cannot accumulate: after 1.2·10⁶ steps of price levels the
 * result equals a direct recomputation to ~2e-14 (see the tests). Constant
 * windows are detected exactly, by run lengths of repeated values.
 *
 * Magnitudes: deviations outside [2⁻²⁰⁰, 2²⁰⁰] are rescaled by a power of
 * two at the anchor (and a varying window whose sum of squares nears
 * underflow is re-anchored at once), so tiny values (1e-76, 1e-200,
 * subnormals) and huge spreads give the same correlation as the same data
 * at ordinary scale.
 *
 * Degenerate input: never throws on data; values whose difference
 * overflows (≳ 1e308) give `NaN`.
 *
 * @param x - first series.
 * @param y - second series, same length.
 * @param window - window length in rows, an integer ≥ 1.
 * @param minPeriods - minimum complete pairs per window; default `window` (pandas' default).
 * @param out - optional output buffer of the same length.
 * @returns `out`, or a new `Float64Array`.
 * @throws RangeError when lengths differ, `window` is not a positive integer,
 *   `minPeriods` is negative, or `out` has the wrong length.
 * @example
 * rollingCorrelation(Float64Array.of(1, 2, 3, 4, 5), Float64Array.of(2, 1, 4, 3, 5), 3)
 * // Float64Array [NaN, NaN, 0.6546536707079772, 0.6546536707079772, 0.5]
 */
export function rollingCorrelation(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  window: number,
  minPeriods: number = window,
  out?: Float64Array,
): Float64Array {
  const len = checkLengths('rollingCorrelation', x, y);
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`rollingCorrelation: window must be a positive integer, got ${window}`);
  if (!(minPeriods >= 0)) throw new RangeError(`rollingCorrelation: minPeriods must be ≥ 0, got ${minPeriods}`);
  if (out !== undefined && out.length !== len) throw new RangeError(`rollingCorrelation: output length ${out.length} differs from input length ${len}`);
  const res = out ?? new Float64Array(len);
  const need = Math.max(minPeriods, 2);

  let cnt = 0; // complete finite pairs in the window
  // The updates run on values shifted by (kx, ky) — the window mean at the
  // last anchor — so that means and co-moments are formed at the scale of
  // the spread, not of the level (x − kx is exact for nearby values,
  // Sterbenz). Without the shift, rounding of a mean near 100 swamps a
  // spread of 0.1 within a few hundred steps.
  let kx = 0;
  let ky = 0;
  // Power-of-two scale of the deviations (see UNSCALED_MIN), fixed at each anchor.
  let fx = 1;
  let fy = 1;
  let mx = 0;
  let my = 0;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let peakX = 0;
  let peakY = 0;
  let sinceAnchor = 0;
  // Run lengths of identical consecutive values among the complete pairs:
  // the window is constant in x exactly when runX ≥ cnt.
  let runX = 0;
  let runY = 0;
  let lastX = NaN;
  let lastY = NaN;

  for (let t = 0; t < len; t++) {
    // Remove the pair leaving the window.
    const o = t - window;
    if (o >= 0) {
      const xo = x[o]!;
      const yo = y[o]!;
      if (Number.isFinite(xo) && Number.isFinite(yo)) {
        cnt--;
        if (cnt === 0) {
          mx = my = sxx = syy = sxy = 0;
        } else {
          const u = (xo - kx) * fx;
          const v = (yo - ky) * fy;
          const dx = u - mx;
          const dy = v - my;
          mx -= dx / cnt;
          my -= dy / cnt;
          sxx -= dx * (u - mx);
          syy -= dy * (v - my);
          sxy -= dx * (v - my);
        }
      }
    }
    // Add the incoming pair.
    const xi = x[t]!;
    const yi = y[t]!;
    if (Number.isFinite(xi) && Number.isFinite(yi)) {
      if (cnt === 0) {
        kx = xi;
        ky = yi;
      }
      cnt++;
      const u = (xi - kx) * fx;
      const v = (yi - ky) * fy;
      const dx = u - mx;
      const dy = v - my;
      mx += dx / cnt;
      my += dy / cnt;
      sxx += dx * (u - mx);
      syy += dy * (v - my);
      sxy += dx * (v - my);
      runX = xi === lastX ? runX + 1 : 1;
      runY = yi === lastY ? runY + 1 : 1;
      lastX = xi;
      lastY = yi;
    }
    sinceAnchor++;
    if (sxx > peakX) peakX = sxx;
    if (syy > peakY) peakY = syy;
    // A constant window's result is NaN regardless, and its co-moments are
    // rounding noise around 0: don't let that noise trigger recomputation.
    const varying = runX < cnt && runY < cnt;
    if (cnt > 0 && (sinceAnchor >= window || (varying && (sxx < peakX * REANCHOR_DROP || syy < peakY * REANCHOR_DROP || sxx < TINY_MOMENT || syy < TINY_MOMENT)))) {
      // Exact two-pass recomputation over the window's complete pairs; the
      // window mean becomes the new shift.
      const start = t - window + 1 > 0 ? t - window + 1 : 0;
      let sx = 0;
      let sy = 0;
      let c = 0;
      for (let s = start; s <= t; s++) {
        const a = x[s]!;
        const b = y[s]!;
        if (Number.isFinite(a) && Number.isFinite(b)) {
          sx += a;
          sy += b;
          c++;
        }
      }
      kx = sx / c;
      ky = sy / c;
      let ax = 0;
      let ay = 0;
      for (let s = start; s <= t; s++) {
        const a = x[s]!;
        const b = y[s]!;
        if (Number.isFinite(a) && Number.isFinite(b)) {
          const da = Math.abs(a - kx);
          const db = Math.abs(b - ky);
          if (da > ax) ax = da;
          if (db > ay) ay = db;
        }
      }
      fx = scaleFor(ax);
      fy = scaleFor(ay);
      let ex = 0;
      let ey = 0;
      let qxx = 0;
      let qyy = 0;
      let qxy = 0;
      for (let s = start; s <= t; s++) {
        const a = x[s]!;
        const b = y[s]!;
        if (Number.isFinite(a) && Number.isFinite(b)) {
          const dx = (a - kx) * fx;
          const dy = (b - ky) * fy;
          ex += dx;
          ey += dy;
          qxx += dx * dx;
          qyy += dy * dy;
          qxy += dx * dy;
        }
      }
      // Corrected two-pass (Chan, Golub & LeVeque 1983); means are relative to the shift.
      mx = ex / c;
      my = ey / c;
      sxx = qxx - ex * mx;
      syy = qyy - ey * my;
      sxy = qxy - ex * my;
      peakX = sxx;
      peakY = syy;
      sinceAnchor = 0;
    }
    if (cnt < need || !varying || !(sxx > 0 && syy > 0)) {
      res[t] = NaN;
    } else {
      const q = sxx * syy;
      const v = sxy / (q < Infinity ? Math.sqrt(q) : Math.sqrt(sxx) * Math.sqrt(syy));
      res[t] = v > 1 ? 1 : v < -1 ? -1 : v;
    }
  }
  return res;
}
