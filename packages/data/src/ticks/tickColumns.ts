import type { TickBatch } from './types.js';

/**
 * Tick columns a reader fills and hands out as a {@link TickBatch} once
 * they hold about `capacity` ticks: memory stays at one batch however long
 * the file is.
 *
 * @example const c = new TickColumns(2); c.push(0, 1.1, 1.2, NaN, NaN); c.length // 1
 */
export class TickColumns {
  time: Float64Array;
  bid: Float64Array;
  ask: Float64Array;
  bidVolume: Float64Array;
  askVolume: Float64Array;
  length = 0;

  constructor(readonly capacity: number) {
    this.time = new Float64Array(capacity);
    this.bid = new Float64Array(capacity);
    this.ask = new Float64Array(capacity);
    this.bidVolume = new Float64Array(capacity);
    this.askVolume = new Float64Array(capacity);
  }

  /** Appends one tick (growing the columns when full). */
  push(t: number, bid: number, ask: number, bidVolume: number, askVolume: number): void {
    if (this.length === this.time.length) this.grow();
    const i = this.length++;
    this.time[i] = t;
    this.bid[i] = bid;
    this.ask[i] = ask;
    this.bidVolume[i] = bidVolume;
    this.askVolume[i] = askVolume;
  }

  private grow(): void {
    const g = (a: Float64Array): Float64Array => {
      const b = new Float64Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.time = g(this.time);
    this.bid = g(this.bid);
    this.ask = g(this.ask);
    this.bidVolume = g(this.bidVolume);
    this.askVolume = g(this.askVolume);
  }

  /**
   * The ticks so far as a batch (the columns move to the batch; this object
   * starts again with fresh ones).
   */
  take(symbol: string, source: string, origin: string, span?: readonly [number, number]): TickBatch {
    const n = this.length;
    const b: TickBatch = { symbol, source, origin, span, n, time: this.time, bid: this.bid, ask: this.ask, bidVolume: this.bidVolume, askVolume: this.askVolume };
    this.time = new Float64Array(this.capacity);
    this.bid = new Float64Array(this.capacity);
    this.ask = new Float64Array(this.capacity);
    this.bidVolume = new Float64Array(this.capacity);
    this.askVolume = new Float64Array(this.capacity);
    this.length = 0;
    return b;
  }
}
