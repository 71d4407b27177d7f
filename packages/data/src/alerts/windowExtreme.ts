/**
 * The lowest (or highest) value of a sliding time window, O(1) amortised per
 * value: a monotonic deque of (time, value) kept in a growable ring of typed
 * arrays, so a rule watching every quote allocates nothing per quote. Push
 * values in time order; {@link evictBefore} drops those that left the window.
 *
 * @example
 * const lo = new WindowExtreme('min');
 * lo.push(0, 1.10); lo.push(1, 1.05); lo.push(2, 1.08); lo.evictBefore(1); [lo.time, lo.value] // [1, 1.05]
 */
export class WindowExtreme {
  private times = new Float64Array(64);
  private values = new Float64Array(64);
  private head = 0;
  private size = 0;

  constructor(readonly kind: 'min' | 'max') {}

  /** Values held (0 when empty). */
  get length(): number {
    return this.size;
  }

  /** Time of the window's extreme (NaN when empty). */
  get time(): number {
    return this.size ? this.times[this.head]! : NaN;
  }

  /** The window's extreme (NaN when empty). */
  get value(): number {
    return this.size ? this.values[this.head]! : NaN;
  }

  /** Drops the values older than `cut`. */
  evictBefore(cut: number): void {
    const mask = this.times.length - 1;
    while (this.size > 0 && this.times[this.head]! < cut) {
      this.head = (this.head + 1) & mask;
      this.size--;
    }
  }

  /** Adds a value at `time` (not earlier than the last one pushed); values it beats can never be the extreme again and go. */
  push(time: number, value: number): void {
    let mask = this.times.length - 1;
    const min = this.kind === 'min';
    while (this.size > 0) {
      const back = this.values[(this.head + this.size - 1) & mask]!;
      if (min ? back >= value : back <= value) this.size--;
      else break;
    }
    if (this.size === this.times.length) {
      this.grow();
      mask = this.times.length - 1;
    }
    const i = (this.head + this.size) & mask;
    this.times[i] = time;
    this.values[i] = value;
    this.size++;
  }

  /** Forgets everything and starts again from one value. */
  reset(time: number, value: number): void {
    this.head = 0;
    this.size = 0;
    this.push(time, value);
  }

  private grow(): void {
    const n = this.times.length;
    const t = new Float64Array(n * 2);
    const v = new Float64Array(n * 2);
    for (let k = 0; k < this.size; k++) {
      t[k] = this.times[(this.head + k) & (n - 1)]!;
      v[k] = this.values[(this.head + k) & (n - 1)]!;
    }
    this.times = t;
    this.values = v;
    this.head = 0;
  }
}
