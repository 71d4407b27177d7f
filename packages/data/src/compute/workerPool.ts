import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './correlationWorker.js';

/**
 * The compiled worker script. Next to this module in dist/; when this module
 * runs from TypeScript sources (vitest), the build's copy in dist/; when it
 * is bundled into another package (the CLI's per-command bundle), the copy
 * in this package's dist/, found through the package's own entry point.
 */
function workerScript(): string {
  const here = fileURLToPath(new URL('./correlationWorker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = here.replace(/([\\/])src([\\/]compute[\\/])/, '$1dist$2');
  if (existsSync(built)) return built;
  let entry: string | undefined;
  try {
    entry = createRequire(import.meta.url).resolve('@soukan/data');
  } catch {
    // not resolvable from here: the message below names the first place looked at
  }
  const installed = entry === undefined ? undefined : join(dirname(entry), 'compute', 'correlationWorker.js');
  if (installed !== undefined && existsSync(installed)) return installed;
  throw new Error(`correlation worker script not found (${built}); build first: npx tsc -b packages/cli`);
}

interface Slot {
  readonly worker: Worker;
  pending: { resolve: (m: FromWorker) => void; reject: (e: Error) => void; other?: (m: FromWorker) => void } | null;
  dead: boolean;
}

/**
 * A fixed set of worker threads running `correlationWorker.js`, started on
 * first use and kept for later calls. Idle workers are `unref`ed, so they
 * never keep the process alive; they are `ref`ed while a job runs, so the
 * process cannot exit with a job half done. One request per worker at a
 * time; jobs are serialised by the caller.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly ready: Promise<boolean[]>;

  constructor(size: number) {
    const script = workerScript();
    const waits: Promise<boolean>[] = [];
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      const slot: Slot = { worker, pending: null, dead: false };
      this.slots.push(slot);
      waits.push(
        new Promise<boolean>((resolve, reject) => {
          const first = (m: FromWorker): void => {
            if (m.kind === 'ready') resolve(m.wasm);
            else reject(new Error('correlation worker: unexpected first message'));
          };
          worker.once('message', first);
          worker.once('error', reject);
        }),
      );
      worker.on('message', (m: FromWorker) => {
        if (m.kind === 'ready') return;
        const p = slot.pending;
        if (!p) return;
        if (m.kind === 'chunk') {
          p.other?.(m);
          return;
        }
        slot.pending = null;
        if (m.kind === 'error') p.reject(new Error(m.message));
        else p.resolve(m);
      });
      const fail = (e: Error): void => {
        slot.dead = true;
        const p = slot.pending;
        slot.pending = null;
        p?.reject(e);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`correlation worker exited (code ${code})`)));
      worker.unref();
    }
    this.ready = Promise.all(waits);
  }

  /** Number of workers. */
  get size(): number {
    return this.slots.length;
  }

  /** Resolves once every worker has loaded; per worker, whether it has the WebAssembly kernels. */
  whenReady(): Promise<boolean[]> {
    return this.ready;
  }

  /** Whether a worker has died (the pool should then be replaced). */
  get broken(): boolean {
    return this.slots.some((s) => s.dead);
  }

  /**
   * Sends a message to worker `i` and resolves with its final reply;
   * intermediate messages (streamed chunks) go to `other`.
   */
  request(i: number, msg: ToWorker, other?: (m: FromWorker) => void): Promise<FromWorker> {
    const slot = this.slots[i]!;
    if (slot.dead) return Promise.reject(new Error('correlation worker is gone'));
    return new Promise<FromWorker>((resolve, reject) => {
      slot.pending = { resolve, reject, other };
      slot.worker.postMessage(msg);
    });
  }

  /** Sends a message that needs no reply. */
  post(i: number, msg: ToWorker): void {
    const slot = this.slots[i]!;
    if (!slot.dead) slot.worker.postMessage(msg);
  }

  /** Keeps the process alive while a job runs (`true`) or lets it exit (`false`). */
  hold(on: boolean): void {
    for (const s of this.slots) {
      if (on) s.worker.ref();
      else s.worker.unref();
    }
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

/** Threads the machine offers (at least 1). */
export function machineThreads(): number {
  return Math.max(1, availableParallelism());
}
