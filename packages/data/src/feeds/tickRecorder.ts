import { TickColumns } from '../ticks/tickColumns.js';
import type { TickStore } from '../ticks/tickStore.js';
import type { TickBatch } from '../ticks/types.js';
import type { Quote } from './types.js';

/**
 * Persists accepted quotes to the tick store, once each: quotes are
 * buffered per symbol and appended, every symbol together, in one
 * transaction per `batch` quotes (default 262,144: each commit costs about
 * as much as a quarter of a million rows here) or on {@link flush}; a feed flushes on every pause (heartbeat, stall,
 * end) so nothing waits long. Every quote handed to {@link add} is written
 * exactly once — the gate in front has dropped duplicates and stale quotes.
 *
 * @example const rec = new TickRecorder(ticks, 'OANDA'); rec.add(q); await rec.flush()
 */
export class TickRecorder {
  private readonly ids = new Map<string, number>();
  private readonly buffers = new Map<string, TickColumns>();
  private pending = 0;
  /** Quotes written so far. */
  written = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: TickStore,
    readonly source: string,
    private readonly batch = 262_144,
  ) {}

  /**
   * Buffers one quote; when the buffer is full, starts writing it and returns
   * a promise to await for backpressure: it resolves when the previous write
   * is done, so one batch is written while the next is collected.
   */
  add(q: Quote): Promise<void> | undefined {
    let b = this.buffers.get(q.symbol);
    // Columns start small and double: a symbol that ticks rarely holds little.
    if (!b) this.buffers.set(q.symbol, (b = new TickColumns(8192)));
    b.push(q.time, q.bid, q.ask, NaN, NaN);
    if (++this.pending >= this.batch) {
      const before = this.chain;
      void this.flush();
      return before;
    }
    return undefined;
  }

  /** Writes everything buffered (serialised: flushes never overlap). */
  flush(): Promise<void> {
    const work = [...this.buffers].filter(([, b]) => b.length > 0).map(([symbol, b]) => [symbol, b.take(symbol, this.source, this.source)] as const);
    this.pending = 0;
    if (work.length === 0) return this.chain;
    this.chain = this.chain.then(async () => {
      const items: { id: number; batch: TickBatch }[] = [];
      for (const [symbol, batch] of work) {
        let id = this.ids.get(symbol);
        if (id === undefined) this.ids.set(symbol, (id = await this.store.seriesId(this.source, symbol)));
        items.push({ id, batch });
      }
      await this.store.appendAll(items);
      for (const x of items) this.written += x.batch.n;
    });
    // Marked handled here; the failure still reaches whoever awaits the chain (the next add or flush).
    this.chain.catch(() => undefined);
    return this.chain;
  }
}
