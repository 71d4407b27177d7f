import type { Quote } from './types.js';

/** One series to replay: times ascending, bid and ask per time. */
export interface ReplaySeries {
  readonly symbol: string;
  readonly time: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
}

/** Options of {@link replayQuotes}. */
export interface ReplayOptions {
  /** Feed time per wall time: 60 plays an hour in a minute; Infinity (default) as fast as possible. */
  readonly speed?: number;
  readonly signal?: AbortSignal;
  /** The clock pacing uses (default the wall clock and setTimeout); injectable for tests. */
  readonly clock?: { now(): number; sleep(ms: number): Promise<void> };
}

const WALL = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

/**
 * Stored history played as a live feed: the series are merged in time order
 * (ties by series order) and each quote is yielded when its time comes —
 * `speed`× faster than it happened — so the same gate, recorder and live
 * matrix as for a real feed run on it. Memory: the series themselves; the
 * merge is O(k) per quote for k series.
 *
 * @example for await (const q of replayQuotes(series, { speed: 600 })) matrix.push(q)
 */
export async function* replayQuotes(series: readonly ReplaySeries[], options: ReplayOptions = {}): AsyncGenerator<Quote> {
  const speed = options.speed ?? Infinity;
  const pos = new Int32Array(series.length);
  let t0 = NaN;
  const clock = options.clock ?? WALL;
  const wall0 = clock.now();
  for (;;) {
    if (options.signal?.aborted) return;
    let best = -1;
    let bt = Infinity;
    for (let s = 0; s < series.length; s++) {
      const t = series[s]!.time[pos[s]!];
      if (t !== undefined && t < bt) {
        bt = t;
        best = s;
      }
    }
    if (best < 0) return;
    const s = series[best]!;
    const i = pos[best]!++;
    if (Number.isNaN(t0)) t0 = bt;
    if (speed !== Infinity) {
      const due = wall0 + (bt - t0) / speed - clock.now();
      if (due > 1) await clock.sleep(due);
    }
    yield { symbol: s.symbol, time: bt, bid: s.bid[i]!, ask: s.ask[i]! };
  }
}
