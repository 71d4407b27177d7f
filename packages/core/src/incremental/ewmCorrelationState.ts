import { pairIndices } from './rollingCorrelationState.js';

/**
 * Exponentially weighted correlation of every pair of k series, updated one
 * row at a time: after each {@link push} the correlations equal, to the bit,
 * `ewmCorrelationAllPairs` at that row (pandas 1.5
 * `df.ewm(alpha=1−λ).corr()` pairwise: adjust=True, ignore_na=False; a row
 * missing in either series ages the pair's weights without adding an
 * observation).
 *
 * Method: pandas' `ewmcov` recurrence (a weighted Welford update of the
 * means and co-moments), the same operations in the same order as the batch
 * kernel, kept as per-pair state. O(pairs) per push; nothing is subtracted,
 * so nothing drifts.
 *
 * @throws RangeError when λ is outside [0, 1).
 * @example
 * const s = new EwmCorrelationState(2, 0.94);
 * s.push([0.01, 0.02]); s.push([-0.01, -0.01]); s.correlations()[0] // 1
 */
export class EwmCorrelationState {
  readonly pairI: Int32Array;
  readonly pairJ: Int32Array;
  /** Rows pushed so far. */
  rows = 0;
  private readonly f: number;
  private readonly mx: Float64Array;
  private readonly my: Float64Array;
  private readonly cxy: Float64Array;
  private readonly cxx: Float64Array;
  private readonly cyy: Float64Array;
  private readonly w: Float64Array;
  private readonly fin: Uint8Array;

  constructor(
    readonly k: number,
    readonly lambda: number,
  ) {
    if (!(lambda >= 0 && lambda < 1)) throw new RangeError(`EwmCorrelationState: lambda must be in [0, 1), got ${lambda}`);
    // pandas turns alpha into a centre of mass and back; the same round trip gives its weights to the bit.
    const com = 1 / (1 - lambda) - 1;
    this.f = 1 - 1 / (1 + com);
    ({ pairI: this.pairI, pairJ: this.pairJ } = pairIndices(k));
    const P = this.pairI.length;
    this.mx = new Float64Array(P).fill(NaN);
    this.my = new Float64Array(P).fill(NaN);
    this.cxy = new Float64Array(P);
    this.cxx = new Float64Array(P);
    this.cyy = new Float64Array(P);
    this.w = new Float64Array(P).fill(1);
    this.fin = new Uint8Array(k);
  }

  /** Number of pairs, k(k−1)/2. */
  get pairs(): number {
    return this.pairI.length;
  }

  /** Adds one row (k values; NaN or ±∞ where a series has none). O(pairs). */
  push(row: ArrayLike<number>): void {
    const { pairI, pairJ, mx, my, cxy, cxx, cyy, w, fin, f } = this;
    for (let i = 0; i < this.k; i++) {
      const v = row[i]!;
      fin[i] = v - v === 0 ? 1 : 0;
    }
    for (let q = 0; q < pairI.length; q++) {
      const i = pairI[q]!;
      const j = pairJ[q]!;
      const obs = (fin[i]! & fin[j]!) === 1;
      const xi = row[i]!;
      const yi = row[j]!;
      let ax = mx[q]!;
      if (ax === ax) {
        let wq = w[q]! * f;
        if (obs) {
          const ox = ax;
          const oy = my[q]!;
          let ay = oy;
          if (ax !== xi) ax = (wq * ox + xi) / (wq + 1);
          if (ay !== yi) ay = (wq * oy + yi) / (wq + 1);
          const dx = ox - ax;
          const dy = oy - ay;
          const ex = xi - ax;
          const ey = yi - ay;
          cxy[q] = (wq * (cxy[q]! + dx * dy) + ex * ey) / (wq + 1);
          cxx[q] = (wq * (cxx[q]! + dx * dx) + ex * ex) / (wq + 1);
          cyy[q] = (wq * (cyy[q]! + dy * dy) + ey * ey) / (wq + 1);
          mx[q] = ax;
          my[q] = ay;
          wq += 1;
        }
        w[q] = wq;
      } else if (obs) {
        mx[q] = xi;
        my[q] = yi;
      }
    }
    this.rows++;
  }

  /** The correlation of pair `q` now (NaN before its first observation or while a variance is 0). */
  correlation(q: number): number {
    if (this.mx[q] !== this.mx[q]) return NaN;
    const den = Math.sqrt(this.cxx[q]!) * Math.sqrt(this.cyy[q]!);
    const v = this.cxy[q]! / den;
    return den > 0 ? (v > 1 ? 1 : v < -1 ? -1 : v) : NaN;
  }

  /** All pairs' correlations (pair order {@link pairIndices}) into `out`. O(pairs). */
  correlations(out: Float64Array = new Float64Array(this.pairI.length)): Float64Array {
    for (let q = 0; q < this.pairI.length; q++) out[q] = this.correlation(q);
    return out;
  }
}
