/**
 * The last `window` rows of k series, as a ring: `push` stores a row and
 * hands back the row it evicts (valid until the next push).
 *
 * @example const r = new WindowRing(2, 3); r.push([1, 2]); r.size // 1
 */
export class WindowRing {
  private readonly data: Float64Array;
  private readonly evicted: Float64Array;
  private head = 0;
  /** Rows held (≤ window). */
  size = 0;

  constructor(
    readonly k: number,
    readonly window: number,
  ) {
    if (!(Number.isInteger(window) && window >= 1)) throw new RangeError(`window must be an integer ≥ 1, got ${window}`);
    if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`series count must be an integer ≥ 0, got ${k}`);
    this.data = new Float64Array(k * window);
    this.evicted = new Float64Array(k);
  }

  /**
   * Stores `row` (k values); returns the row that left the window, or
   * `undefined` while the window is filling.
   */
  push(row: ArrayLike<number>): Float64Array | undefined {
    const k = this.k;
    const at = this.head * k;
    let out: Float64Array | undefined;
    if (this.size === this.window) {
      for (let i = 0; i < k; i++) this.evicted[i] = this.data[at + i]!;
      out = this.evicted;
    } else this.size++;
    for (let i = 0; i < k; i++) this.data[at + i] = row[i]!;
    this.head = this.head + 1 === this.window ? 0 : this.head + 1;
    return out;
  }

  /** Value of series `i` in row `a` of the window, 0 = oldest. */
  value(a: number, i: number): number {
    const start = this.size < this.window ? 0 : this.head;
    let r = start + a;
    if (r >= this.window) r -= this.window;
    return this.data[r * this.k + i]!;
  }

  /** Row `a` of the window, 0 = oldest, copied into `out`. */
  row(a: number, out: Float64Array): Float64Array {
    const start = this.size < this.window ? 0 : this.head;
    const r = (start + a) % this.window;
    for (let i = 0; i < this.k; i++) out[i] = this.data[r * this.k + i]!;
    return out;
  }
}
