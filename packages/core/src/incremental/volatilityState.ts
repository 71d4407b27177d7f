import { CompensatedSums } from './compensatedSums.js';
import { WindowRing } from './windowRing.js';

const CONSTANT = 64 * Number.EPSILON;

/**
 * Rolling standard deviation of each of k series over the last `window`
 * rows, updated one row at a time: after each {@link push}, equal to pandas
 * 1.5 `df.rolling(window, min_periods).std(ddof)` at that row (non-finite
 * values skipped; NaN while fewer than `max(minPeriods, ddof + 1)` values; 0
 * for a constant window).
 *
 * Method: count, Σx and Σx² per series over the window, compensated
 * ({@link CompensatedSums}); a push adds the new value and subtracts the
 * evicted one. O(k) per push, independent of the window.
 *
 * @throws RangeError for a window that is not a positive integer, a negative `minPeriods` or `ddof`.
 * @example
 * const s = new RollingVolatilityState(1, 3);
 * for (const r of [1, 2, 4, 8]) s.push([r]);
 * s.std()[0] // 3.055050463303893 (std of 2, 4, 8)
 */
export class RollingVolatilityState {
  rows = 0;
  private readonly ring: WindowRing;
  private readonly need: number;
  private readonly n: Int32Array;
  private readonly s: CompensatedSums;
  private readonly ss: CompensatedSums;

  constructor(
    readonly k: number,
    readonly window: number,
    options: { minPeriods?: number; ddof?: number } = {},
  ) {
    const minPeriods = options.minPeriods ?? window;
    this.ddof = options.ddof ?? 1;
    if (!(Number.isInteger(minPeriods) && minPeriods >= 0)) throw new RangeError(`minPeriods must be an integer ≥ 0, got ${minPeriods}`);
    if (!(Number.isInteger(this.ddof) && this.ddof >= 0)) throw new RangeError(`ddof must be an integer ≥ 0, got ${this.ddof}`);
    this.ring = new WindowRing(k, window);
    this.need = Math.max(minPeriods, this.ddof + 1);
    this.n = new Int32Array(k);
    this.s = new CompensatedSums(k);
    this.ss = new CompensatedSums(k);
  }

  readonly ddof: number;

  /** Adds one row (k values; non-finite values are skipped) and drops the evicted row. O(k). */
  push(row: ArrayLike<number>): void {
    const old = this.ring.push(row);
    for (let i = 0; i < this.k; i++) {
      const v = row[i]!;
      if (v - v === 0) {
        this.n[i]!++;
        this.s.add(i, v);
        this.ss.add(i, v * v);
      }
      if (old) {
        const o = old[i]!;
        if (o - o === 0) {
          this.n[i]!--;
          this.s.add(i, -o);
          this.ss.add(i, -(o * o));
        }
      }
    }
    this.rows++;
  }

  /** Standard deviation of series `i` over the window. */
  stdOf(i: number): number {
    const m = this.n[i]!;
    if (m < this.need) return NaN;
    const a = this.s.value(i);
    const raw = this.ss.value(i);
    const c = raw - (a * a) / m;
    return c > CONSTANT * raw ? Math.sqrt(c / (m - this.ddof)) : 0;
  }

  /** Every series' standard deviation into `out`. O(k). */
  std(out: Float64Array = new Float64Array(this.k)): Float64Array {
    for (let i = 0; i < this.k; i++) out[i] = this.stdOf(i);
    return out;
  }
}

/**
 * RiskMetrics EWMA variance of each of k return series, updated one row at a
 * time: `v ← λ·v + (1 − λ)·r²`, seeded with the first return squared —
 * after each push, equal to the last value of `ewmaVarianceInto` over the
 * rows so far (a NaN return poisons the series from then on, as there).
 * O(k) per push.
 *
 * @throws RangeError when λ is outside [0, 1).
 * @example
 * const s = new EwmaVarianceState(1, 0.94); s.push([0.01]); s.push([-0.02]); s.variance()[0] // 1.18e-4
 */
export class EwmaVarianceState {
  rows = 0;
  private readonly v: Float64Array;

  constructor(
    readonly k: number,
    readonly lambda: number,
  ) {
    if (!(lambda >= 0 && lambda < 1)) throw new RangeError(`EwmaVarianceState: lambda must be in [0, 1), got ${lambda}`);
    this.v = new Float64Array(k).fill(NaN);
  }

  /** Adds one row of returns. O(k). */
  push(row: ArrayLike<number>): void {
    const a = 1 - this.lambda;
    for (let i = 0; i < this.k; i++) {
      const r = row[i]!;
      this.v[i] = this.rows === 0 ? r * r : this.lambda * this.v[i]! + a * r * r;
    }
    this.rows++;
  }

  /** Every series' variance forecast into `out`. */
  variance(out: Float64Array = new Float64Array(this.k)): Float64Array {
    out.set(this.v);
    return out;
  }
}
