import { checkTicks } from './checkTicks.js';

/** One point of the Epps curve. */
export interface EppsPoint {
  /** Sampling interval, in the unit of the times. */
  readonly interval: number;
  /** Returns on the grid. */
  readonly n: number;
  /** Realised correlation Σ rx·ry / √(Σ rx² · Σ ry²) of the grid returns (NaN with none, or a constant side). */
  readonly correlation: number;
}

/**
 * The Epps curve: the correlation of two asynchronously observed series
 * measured on regular grids of growing interval Δ. On each grid
 * gₖ = g₀ + kΔ (g₀ the later of the two first observations, up to the
 * earlier of the two last ones) both series take their previous tick — the
 * last value observed at or before gₖ — and the correlation of the grid
 * returns is the realised correlation Σ rx·ry / √(Σ rx² Σ ry²) (not
 * demeaned, like the realised covariance and {@link hayashiYoshida}).
 * Epps (1979), "Comovements in stock prices in the very short run", JASA
 * 74(366), 291–298: the measured correlation falls towards 0 as Δ shrinks,
 * because at fine grids many returns of one series meet stale prices of the
 * other. Plotting it beside the Hayashi–Yoshida estimate shows how much a
 * chosen sampling interval understates the correlation.
 *
 * `x`, `y` are log prices at strictly increasing times `tx`, `ty`;
 * `intervals` in the same unit as the times (ms for soukan's times).
 *
 * O(Σ over intervals of (grid points + nx + ny)).
 *
 * Degenerate input: no common span, or an interval not > 0, gives n = 0 and
 * NaN; a NaN value reached by the grid gives NaN.
 *
 * @throws RangeError when a series' times and values differ in number, or
 *   its times are not finite and strictly increasing.
 * @example eppsCurve([0, 1, 2, 3, 4], Float64Array.of(0, 1, 0, 1, 2), [0, 2, 4], Float64Array.of(0, 1, 2), [2])[0].correlation // 0.7071… (grid 0, 2, 4: x moves 0, 2; y moves 1, 1)
 */
export function eppsCurve(tx: ArrayLike<number>, x: ArrayLike<number>, ty: ArrayLike<number>, y: ArrayLike<number>, intervals: readonly number[]): EppsPoint[] {
  checkTicks('eppsCurve', 'x', tx, x);
  checkTicks('eppsCurve', 'y', ty, y);
  const nx = tx.length;
  const ny = ty.length;
  const out: EppsPoint[] = [];
  const g0 = nx > 0 && ny > 0 ? Math.max(tx[0]!, ty[0]!) : Number.NaN;
  const g1 = nx > 0 && ny > 0 ? Math.min(tx[nx - 1]!, ty[ny - 1]!) : Number.NaN;
  for (const step of intervals) {
    if (!(step > 0) || !(g1 >= g0)) {
      out.push({ interval: step, n: 0, correlation: Number.NaN });
      continue;
    }
    let ix = 0;
    let iy = 0;
    let px = Number.NaN;
    let py = Number.NaN;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    let n = 0;
    for (let k = 0; ; k++) {
      const g = g0 + k * step;
      if (g > g1) break;
      while (ix + 1 < nx && tx[ix + 1]! <= g) ix++;
      while (iy + 1 < ny && ty[iy + 1]! <= g) iy++;
      const cx = x[ix]!;
      const cy = y[iy]!;
      if (k > 0) {
        const rx = cx - px;
        const ry = cy - py;
        sxy += rx * ry;
        sxx += rx * rx;
        syy += ry * ry;
        n++;
      }
      px = cx;
      py = cy;
    }
    out.push({ interval: step, n, correlation: n > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN });
  }
  return out;
}
