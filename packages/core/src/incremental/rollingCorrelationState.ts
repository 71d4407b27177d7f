import { CompensatedSums } from './compensatedSums.js';
import { WindowRing } from './windowRing.js';

/**
 * A window whose centred sum of squares is below this fraction of its raw
 * sum of squares is constant to within the sums' rounding: NaN, as the
 * batch kernels give for a constant window.
 */
const CONSTANT = 64 * Number.EPSILON;

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
 * window's complete rows; a push adds the new row's terms and subtracts the
 * evicted row's, every sum compensated ({@link CompensatedSums}), so nothing
 * drifts however long the stream. O(k²) = O(pairs) per push, independent of
 * the window; memory k·window values for the evicted rows plus 11 numbers
 * per pair. Reading the correlations is O(pairs).
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
    for (let i = 0; i < k; i++) {
      const v = row[i]!;
      this.fin[i] = v - v === 0 ? 1 : 0;
    }
    const old = this.ring.push(row);
    if (old) for (let i = 0; i < k; i++) this.gone[i] = old[i]! - old[i]! === 0 ? 1 : 0;
    const { pairI, pairJ, n, sx, sy, sxx, syy, sxy, fin, gone } = this;
    for (let q = 0; q < pairI.length; q++) {
      const i = pairI[q]!;
      const j = pairJ[q]!;
      if (fin[i]! & fin[j]!) {
        const x = row[i]!;
        const y = row[j]!;
        n[q]!++;
        sx.add(q, x);
        sy.add(q, y);
        sxx.add(q, x * x);
        syy.add(q, y * y);
        sxy.add(q, x * y);
      }
      if (old && gone[i]! & gone[j]!) {
        const x = old[i]!;
        const y = old[j]!;
        n[q]!--;
        sx.add(q, -x);
        sy.add(q, -y);
        sxx.add(q, -(x * x));
        syy.add(q, -(y * y));
        sxy.add(q, -(x * y));
      }
    }
    this.rows++;
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
    if (!(cxx > CONSTANT * rxx && cyy > CONSTANT * ryy)) return NaN;
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
