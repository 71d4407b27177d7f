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

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));
const WALL = { now: () => Date.now(), sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms)) };

/**
 * Stored history played as a live feed, in batches: the series are merged in
 * time order (ties by series order) and released when their time has come —
 * `speed`× faster than it happened — as arrays of up to `maxBatch` quotes
 * whose times are all due (at full speed, every batch is full, and the
 * event loop turns after each, so I/O such as the recorder's writes runs
 * beside the replay). Batches keep the per-quote cost of the async
 * iteration off the hot path. Memory:
 * the series themselves plus one batch; the merge is O(k) per quote for k
 * series.
 *
 * @example for await (const batch of replayBatches(series, { speed: 600 })) for (const q of batch) matrix.push(q)
 */
export async function* replayBatches(series: readonly ReplaySeries[], options: ReplayOptions & { maxBatch?: number } = {}): AsyncGenerator<Quote[]> {
  const speed = options.speed ?? Infinity;
  const maxBatch = options.maxBatch ?? 4096;
  const clock = options.clock ?? WALL;
  const pos = new Int32Array(series.length);
  let t0 = NaN;
  const wall0 = clock.now();
  let batch: Quote[] = [];
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
    if (best < 0) break;
    if (Number.isNaN(t0)) t0 = bt;
    if (speed !== Infinity) {
      const due = wall0 + (bt - t0) / speed - clock.now();
      if (due > 1) {
        if (batch.length > 0) {
          yield batch;
          batch = [];
        }
        await clock.sleep(due);
      }
    }
    const s = series[best]!;
    const i = pos[best]!++;
    batch.push({ symbol: s.symbol, time: bt, bid: s.bid[i]!, ask: s.ask[i]! });
    if (batch.length >= maxBatch) {
      yield batch;
      batch = [];
      // Let the event loop turn: the recorder's writes (and a server's requests) progress while a fast replay plays.
      await turn();
    }
  }
  if (batch.length > 0) yield batch;
}

/**
 * Stored history played as a live feed, quote by quote ({@link replayBatches} flattened).
 *
 * @example for await (const q of replayQuotes(series, { speed: 600 })) matrix.push(q)
 */
export async function* replayQuotes(series: readonly ReplaySeries[], options: ReplayOptions = {}): AsyncGenerator<Quote> {
  for await (const b of replayBatches(series, options)) yield* b;
}
