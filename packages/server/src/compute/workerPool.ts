import { Worker } from 'node:worker_threads';
import type { PriceSeries } from '@soukan/core';
import { NeedData } from '@soukan/data';
import { HttpError } from '../http/httpError.js';
import { toHttpError } from '../http/errorResponse.js';
import type { MarketSnapshot } from '@soukan/data';
import type { ComputeJob, Executor } from './executor.js';
import { Gate, timeBudgetError } from './gate.js';
import type { FromWorker, ToWorker } from './worker.js';

/** Markets a worker keeps before dropping the least recently used. */
const MARKETS_PER_WORKER = 4;

interface Slot {
  worker: Worker;
  busy: boolean;
  /** Market ids the worker holds, least recently used first. */
  markets: string[];
  pending?: { seq: number; resolve: (body: string) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout };
}

const FIELDS = ['time', 'close', 'open', 'high', 'low', 'volume'] as const;

/** Copies a series into SharedArrayBuffers once, so every worker reads the same memory. */
function shareSeries(series: readonly PriceSeries[]): PriceSeries[] {
  return series.map((s) => {
    const out: Record<string, unknown> = { symbol: s.symbol };
    for (const f of FIELDS) {
      const a = s[f];
      if (a === undefined) continue;
      if (a.buffer instanceof SharedArrayBuffer) out[f] = a;
      else {
        const b = new Float64Array(new SharedArrayBuffer(a.length * 8));
        b.set(a);
        out[f] = b;
      }
    }
    return out as unknown as PriceSeries;
  });
}

/**
 * Heavy computations in worker threads: at most `size` at once (one per
 * worker), `queue` more waiting, the rest refused with 503 + Retry-After. A
 * computation that outlives its time budget is stopped — its worker is
 * terminated and replaced — and the request gets 503 `time-budget`. The main
 * thread stays free to serve cached results, static files and imports.
 *
 * Market data reach the workers as SharedArrayBuffers (copied once per data
 * version, never per request).
 */
export class WorkerPool implements Executor {
  private readonly gate: Gate;
  private readonly slots: Slot[] = [];
  private readonly shared = new WeakMap<MarketSnapshot, PriceSeries[]>();
  private seq = 0;
  private closed = false;

  constructor(
    readonly size: number,
    queue: number,
    private readonly workerUrl: URL = new URL('./worker.js', import.meta.url),
    private readonly log: (m: string) => void = (m) => process.stderr.write(`${m}\n`),
  ) {
    if (!(size >= 1)) throw new Error('WorkerPool needs at least one worker');
    this.gate = new Gate(size, queue);
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  load() {
    return { ...this.gate.load(), capacity: this.gate.active, queue: this.gate.queued };
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.workerUrl), busy: false, markets: [] };
    slot.worker.on('message', (m: FromWorker) => {
      const p = slot.pending;
      if (!p || p.seq !== m.seq) return;
      slot.pending = undefined;
      clearTimeout(p.timer);
      if ('body' in m) p.resolve(m.body);
      else if ('need' in m) p.reject(new NeedData(m.need));
      else {
        if (m.error.name !== 'InputError') this.log(`soukan: computation failed: ${m.error.stack ?? m.error.message}`);
        p.reject(toHttpError(m.error));
      }
    });
    slot.worker.on('error', (e) => this.crashed(slot, e));
    slot.worker.on('exit', (code) => {
      if (!this.closed && this.slots.includes(slot)) this.crashed(slot, new Error(`worker exited with code ${code}`));
    });
    slot.worker.unref();
    return slot;
  }

  private replace(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    const fresh = this.spawn();
    fresh.busy = slot.busy;
    this.slots[i] = fresh;
    void slot.worker.terminate();
  }

  private crashed(slot: Slot, e: Error): void {
    this.log(`soukan: compute worker failed: ${e.stack ?? e.message}`);
    const p = slot.pending;
    slot.pending = undefined;
    if (p) {
      clearTimeout(p.timer);
      p.reject(new HttpError(500, 'internal', 'internal error (see the server log)'));
    }
    if (!this.closed) this.replace(slot);
  }

  async run(job: ComputeJob): Promise<string> {
    const release = await this.gate.acquire(job.deadline, job.budgetMs);
    const index = this.slots.findIndex((s) => !s.busy);
    const slot = this.slots[index]!;
    slot.busy = true;
    try {
      this.ensureMarket(slot, job.market);
      const seq = ++this.seq;
      return await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(
          () => {
            if (slot.pending?.seq !== seq) return;
            slot.pending = undefined;
            this.replace(slot); // the only way to stop a computation in flight
            reject(timeBudgetError(job.budgetMs, 'computing'));
          },
          Math.max(0, job.deadline - Date.now()),
        );
        slot.pending = { seq, resolve, reject, timer };
        const msg: ToWorker = { type: 'task', seq, task: job.task, marketId: job.market.id, params: job.params, about: job.market.about };
        slot.worker.postMessage(msg);
      });
    } finally {
      // The slot may have been replaced (timeout, crash); positions are stable.
      this.slots[index]!.busy = false;
      release();
    }
  }

  private ensureMarket(slot: Slot, snap: MarketSnapshot): void {
    const i = slot.markets.indexOf(snap.id);
    if (i >= 0) {
      slot.markets.splice(i, 1);
      slot.markets.push(snap.id);
      return;
    }
    let series = this.shared.get(snap);
    if (!series) {
      series = shareSeries(snap.series);
      this.shared.set(snap, series);
    }
    while (slot.markets.length >= MARKETS_PER_WORKER) {
      const drop: ToWorker = { type: 'drop', id: slot.markets.shift()! };
      slot.worker.postMessage(drop);
    }
    const msg: ToWorker = { type: 'market', id: snap.id, label: snap.label, frequency: snap.frequency, series, query: snap.query };
    slot.worker.postMessage(msg);
    slot.markets.push(snap.id);
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
