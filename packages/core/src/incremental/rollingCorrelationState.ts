import { CompensatedSums } from './compensatedSums.js';
import { WindowRing } from './windowRing.js';

/**
 * Below this ratio of centred to raw sum of squares the sums' rounding
 * (≈ ε·raw/centred in ρ) could exceed 1e-12: the pair is then recomputed
 * exactly from the window by two passes.
 */
const ILL_CONDITIONED = 1e-4;

/**
 * Pair indices of k series in the order every all-pairs result in soukan
 * uses: (0,1), (0,2), …, (0,k−1), (1,2), …
 *
 * @example pairIndices(3) // { pairI: Int32Array [0, 0, 1], pairJ: Int32Array [1, 2, 2] }
 */
export function pairIndices(k: number): { pairI: Int32Array; pairJ: Int32Array } {
  const P = (k * (k - 1)) / 2;
  const pairI = new Int32Array(P);
  const pairJ = new Int32Array(P);
  let q = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      pairI[q] = i;
      pairJ[q++] = j;
    }
  }
  return { pairI, pairJ };
}

/**
 * Rolling Pearson correlation of every pair of k series over the last
 * `window` rows, updated one row at a time: after each {@link push} the
 * correlations equal `rollingCorrelationAllPairs` (and pandas 1.5
 * `df.rolling(window, min_periods).corr()` pairwise) at that row — a row
 * counts for a pair when both values are finite; NaN while a window holds
 * fewer than `max(minPeriods, 2)` complete pairs or either series is
 * constant on them.
 *
 * Method: per pair, the count and the sums Σx, Σy, Σx², Σy², Σxy over the
 * window's complete rows, of values shifted by a per-series centre (so the
 * sums' rounding scales with the spread, not the price level); a push adds
 * the new row's terms and subtracts the evicted row's, every sum compensated
 * ({@link CompensatedSums}), so nothing drifts however long the stream.
 * A pair whose centred sum of squares is below 1e-4 of its raw one — a
 * spread tiny against its distance from the centre, where cancellation
 * would cost more than 1e-12 in ρ — is read exactly by two passes over the
 * window (which also tells a constant series, NaN, exactly); when that
 * happens after the window has turned over since the last rebuild, the
 * centres first move to the window's means and the sums are rebuilt from
 * the window (O(pairs·window) at most once per window: amortised O(pairs);
 * never on returns, which stay centred near zero). O(k²) = O(pairs) per push, independent of
 * the window; memory k·window values for the evicted rows plus 11 numbers
 * per pair. Reading the correlations is O(pairs) on well-conditioned data.
 *
 * @throws RangeError for a window that is not a positive integer or a negative `minPeriods`.
 * @example
 * const s = new RollingCorrelationState(2, 3);
 * for (const r of [[1, 2], [2, 1], [3, 4], [4, 3], [5, 5]]) s.push(r);
 * s.correlations()[0] // 0.5 (rows 3…5), as rollingCorrelation gives
 */
export class RollingCorrelationState {
  readonly pairI: Int32Array;
  readonly pairJ: Int32Array;
  /** Rows pushed so far. */
  rows = 0;
  private readonly ring: WindowRing;
  private readonly need: number;
  private readonly n: Int32Array;
  private readonly sx: CompensatedSums;
  private readonly sy: CompensatedSums;
  private readonly sxx: CompensatedSums;
  private readonly syy: CompensatedSums;
  private readonly sxy: CompensatedSums;
  private readonly fin: Uint8Array;
  private readonly gone: Uint8Array;
  private readonly centre: Float64Array;
  private sinceRebuild = 0;

  constructor(
    readonly k: number,
    readonly window: number,
    options: { minPeriods?: number } = {},
  ) {
    const minPeriods = options.minPeriods ?? window;
    if (!(Number.isInteger(minPeriods) && minPeriods >= 0)) throw new RangeError(`minPeriods must be an integer ≥ 0, got ${minPeriods}`);
    this.ring = new WindowRing(k, window);
    this.need = Math.max(minPeriods, 2);
    ({ pairI: this.pairI, pairJ: this.pairJ } = pairIndices(k));
    const P = this.pairI.length;
    this.n = new Int32Array(P);
    this.sx = new CompensatedSums(P);
    this.sy = new CompensatedSums(P);
    this.sxx = new CompensatedSums(P);
    this.syy = new CompensatedSums(P);
    this.sxy = new CompensatedSums(P);
    this.fin = new Uint8Array(k);
    this.gone = new Uint8Array(k);
    this.centre = new Float64Array(k).fill(NaN);
  }

  /** Number of pairs, k(k−1)/2. */
  get pairs(): number {
    return this.pairI.length;
  }

  /**
   * Adds one row (k values; NaN or ±∞ where a series has none) and drops the
   * row that leaves the window. O(pairs).
   */
  push(row: ArrayLike<number>): void {
    const k = this.k;
    const centre = this.centre;
    for (let i = 0; i < k; i++) {
      const v = row[i]!;
      this.fin[i] = v - v === 0 ? 1 : 0;
      // A series' first finite value is its centre until the first rebuild;
      // no pair with it holds any terms yet, so nothing is shifted twice.
      if (this.fin[i] && centre[i] !== centre[i]) centre[i] = v;
    }
    const old = this.ring.push(row);
    if (old) for (let i = 0; i < k; i++) this.gone[i] = old[i]! - old[i]! === 0 ? 1 : 0;
    const { pairI, pairJ, n, sx, sy, sxx, syy, sxy, fin, gone } = this;
    // The five sums are updated inline here and in rebuild(): a shared method
    // measured 12 % slower per update (bench/incremental.bench.mjs).
    for (let q = 0; q < pairI.length; q++) {
      const i = pairI[q]!;
      const j = pairJ[q]!;
      if (fin[i]! & fin[j]!) {
        const x = row[i]! - centre[i]!;
        const y = row[j]! - centre[j]!;
        n[q]!++;
        sx.add(q, x);
        sy.add(q, y);
        sxx.add(q, x * x);
        syy.add(q, y * y);
        sxy.add(q, x * y);
      }
      if (old && gone[i]! & gone[j]!) {
        const x = old[i]! - centre[i]!;
        const y = old[j]! - centre[j]!;
        n[q]!--;
        sx.add(q, -x);
        sy.add(q, -y);
        sxx.add(q, -(x * x));
        syy.add(q, -(y * y));
        sxy.add(q, -(x * y));
      }
    }
    this.rows++;
    this.sinceRebuild++;
  }

  /** Moves every centre to its window mean and rebuilds the sums from the window. */
  private rebuild(): void {
    this.sinceRebuild = 0;
    const { k, ring, centre, pairI, pairJ, n, sx, sy, sxx, syy, sxy } = this;
    for (let i = 0; i < k; i++) {
      let s = 0;
      let c = 0;
      for (let a = 0; a < ring.size; a++) {
        const v = ring.value(a, i);
        if (v - v === 0) {
          s += v;
          c++;
        }
      }
      if (c > 0) centre[i] = s / c;
    }
    n.fill(0);
    for (const sums of [sx, sy, sxx, syy, sxy]) {
      sums.sum.fill(0);
      sums.comp.fill(0);
    }
    for (let a = 0; a < ring.size; a++) {
      for (let q = 0; q < pairI.length; q++) {
        const i = pairI[q]!;
        const j = pairJ[q]!;
        const u = ring.value(a, i);
        const w = ring.value(a, j);
        if (u - u !== 0 || w - w !== 0) continue;
        const x = u - centre[i]!;
        const y = w - centre[j]!;
        n[q]!++;
        sx.add(q, x);
        sy.add(q, y);
        sxx.add(q, x * x);
        syy.add(q, y * y);
        sxy.add(q, x * y);
      }
    }
  }

  /** ρ of pair (i, j) by two passes over the window's complete rows. */
  private exact(i: number, j: number): number {
    const ring = this.ring;
    let m = 0;
    let ax = 0;
    let ay = 0;
    let x0 = NaN;
    let y0 = NaN;
    let xMoves = false;
    let yMoves = false;
    for (let a = 0; a < ring.size; a++) {
      const x = ring.value(a, i);
      const y = ring.value(a, j);
      if (x - x !== 0 || y - y !== 0) continue;
      if (m === 0) {
        x0 = x;
        y0 = y;
      } else {
        xMoves ||= x !== x0;
        yMoves ||= y !== y0;
      }
      m++;
      ax += x;
      ay += y;
    }
    // Compared, not summed: the mean of equal values need not round to them.
    if (!(xMoves && yMoves)) return NaN;
    const mx = ax / m;
    const my = ay / m;
    // Deviations scaled to at most 1, so that tiny spreads (1e-170) do not
    // underflow when squared.
    let ex = 0;
    let ey = 0;
    for (let a = 0; a < ring.size; a++) {
      const x = ring.value(a, i);
      const y = ring.value(a, j);
      if (x - x !== 0 || y - y !== 0) continue;
      ex = Math.max(ex, Math.abs(x - mx));
      ey = Math.max(ey, Math.abs(y - my));
    }
    let cxx = 0;
    let cyy = 0;
    let cxy = 0;
    for (let a = 0; a < ring.size; a++) {
      const x = ring.value(a, i);
      const y = ring.value(a, j);
      if (x - x !== 0 || y - y !== 0) continue;
      const dx = (x - mx) / ex;
      const dy = (y - my) / ey;
      cxx += dx * dx;
      cyy += dy * dy;
      cxy += dx * dy;
    }
    const r = cxy / (Math.sqrt(cxx) * Math.sqrt(cyy));
    return r > 1 ? 1 : r < -1 ? -1 : r;
  }

  /**
   * The correlation of pair `q` over the current window.
   *
   * @example s.correlation(0) // ρ of series 0 and 1
   */
  correlation(q: number): number {
    const m = this.n[q]!;
    if (m < this.need) return NaN;
    const ax = this.sx.value(q);
    const ay = this.sy.value(q);
    const rxx = this.sxx.value(q);
    const ryy = this.syy.value(q);
    const cxx = rxx - (ax * ax) / m;
    const cyy = ryy - (ay * ay) / m;
    if (!(cxx > ILL_CONDITIONED * rxx && cyy > ILL_CONDITIONED * ryy)) {
      // The centres have drifted from the data (or the data is nearly
      // constant): recentre once the window has turned over, else read exactly.
      if (this.sinceRebuild >= this.window) {
        this.rebuild();
        return this.correlation(q);
      }
      return this.exact(this.pairI[q]!, this.pairJ[q]!);
    }
    const cxy = this.sxy.value(q) - (ax * ay) / m;
    const r = cxy / (Math.sqrt(cxx) * Math.sqrt(cyy));
    return r > 1 ? 1 : r < -1 ? -1 : r;
  }

  /**
   * All pairs' correlations (pair order {@link pairIndices}) into `out`. O(pairs).
   *
   * @example s.correlations(new Float64Array(s.pairs))
   */
  correlations(out: Float64Array = new Float64Array(this.pairI.length)): Float64Array {
    for (let q = 0; q < this.pairI.length; q++) out[q] = this.correlation(q);
    return out;
  }
}
