import {
  CORRELATION_PHASES,
  correlationGramTasks,
  correlationTaskCount,
  finishCorrelation,
  GRAM_TILE,
  planCorrelation,
  runCorrelationTask,
  TS_KERNELS,
  type CorrelationKernels,
  type CorrelationMatrix,
  type CorrelationMatrixOptions,
  type PlanAllocator,
} from '@soukan/core';
import { isMainThread } from 'node:worker_threads';
import { completeGramApplies, nativeGram, nativeGramComplete } from './nativeGram.js';
import { nativeKernels, type NativeKernels } from './nativeKernels.js';
import { wasmKernels } from './wasmKernels.js';
import { machineThreads, WorkerPool } from './workerPool.js';

/** Options of {@link correlationMatrixParallel}: the matrix's own, plus how to run it. */
export interface ParallelCorrelationOptions extends CorrelationMatrixOptions {
  /**
   * Threads to use, the calling one included. Default: every core the
   * machine offers (`os.availableParallelism()`); 1 runs on the calling
   * thread only.
   */
  readonly threads?: number;
  /**
   * Product kernels: `'auto'` (default) takes the OpenBLAS add-on when it
   * loads, else the WebAssembly SIMD kernels when built, else TypeScript;
   * the others force one (`'native'` and `'wasm'` fall back down that list
   * when unavailable — {@link ParallelRunInfo.kernels} says what ran).
   * `SOUKAN_KERNEL` sets the default.
   */
  readonly kernel?: KernelChoice;
  /** Use the WebAssembly SIMD kernels when they are built (default true); false: TypeScript kernels only (same as `kernel: 'ts'`). */
  readonly wasm?: boolean;
  /**
   * Estimated multiply-adds below which no worker is used (default
   * {@link PARALLEL_MIN_WORK}; when the pool has not been started yet,
   * {@link PARALLEL_MIN_WORK_COLD}).
   */
  readonly minWork?: number;
  /**
   * The add-on's kernels to use instead of loading `@soukan/native` (`null`:
   * none). For tests, which hold every kernel to the TypeScript reference.
   */
  readonly nativeKernels?: NativeKernels | null;
  /** Receives how the matrix was computed (for benchmarks and logs). */
  readonly onRun?: (info: ParallelRunInfo) => void;
}

/** Which product kernels to use; see {@link ParallelCorrelationOptions.kernel}. */
export type KernelChoice = 'auto' | 'native' | 'wasm' | 'ts';

/** How a matrix was computed. */
export interface ParallelRunInfo {
  readonly threads: number;
  /** Kernels of the products: the OpenBLAS add-on, WebAssembly SIMD or TypeScript. */
  readonly kernels: 'native' | 'wasm' | 'ts';
  /** The BLAS behind `'native'` (e.g. `'OpenBLAS 0.3.21 (1 thread)'`). */
  readonly blas?: string;
  /** Estimated multiply-adds. */
  readonly work: number;
  /** Wall milliseconds per phase (`plan` = validation and layout on the calling thread). */
  readonly ms: Readonly<Record<'plan' | 'prep' | 'products' | 'cells', number>>;
}

/**
 * Below this many multiply-adds (≈ 10 ms of single-threaded work) a second
 * thread costs more in messages and copies than it saves.
 */
export const PARALLEL_MIN_WORK = 2e7;
/**
 * Starting the worker pool costs ~50–100 ms once per process; a matrix
 * must be this big (≈ 100 ms of single-threaded work) to start it.
 */
export const PARALLEL_MIN_WORK_COLD = 2e8;

/**
 * Fewest series for which `'auto'` hands the Gram product to the OpenBLAS
 * add-on. It was 256 while the add-on woke its second thread for tiny
 * products and needed the columns transposed (100 × 2,500: 52–82 ms vs
 * WebAssembly 1.7 ms; 28 × 1,000,000 2–3× slower). With products under 10⁸
 * multiply-adds on one OpenBLAS thread and `syrkRows` taking the plan's
 * series-major Z as it is, the add-on's products phase measured (one calling
 * thread, best of 4, 2-vCPU machine under load) 0.9 vs 23 ms at 100 × 2,500,
 * 12 vs 39 ms at 200 × 2,500, 257 vs 715 ms at 1,000 × 2,500, 217–225 vs
 * 271–295 ms at 28 × 1,000,000, and a tie on the smallest (28 × 250,
 * 10 × 2,500): so every matrix with a product. Forcing `kernel: 'native'`
 * ignores it.
 */
export const NATIVE_MIN_SERIES = 2;

type Scratch = Float64Array | Int32Array | Uint8Array;

/**
 * Plan buffers, with the scratch ones recycled from the previous call of the
 * same kind (shared or not): fresh memory costs page faults — ~100 MB per
 * 1,000 × 2,500 matrix — that a server computing matrix after matrix need
 * not pay. Result buffers are always fresh (they belong to the caller).
 */
class RecyclingAllocator implements PlanAllocator {
  private spare = new Map<string, Scratch[]>();
  private used: [string, Scratch][] = [];
  constructor(readonly shared: boolean) {}
  private buffer(bytes: number): ArrayBuffer | SharedArrayBuffer {
    return this.shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
  }
  private take<T extends Scratch>(key: string, make: () => T): T {
    const a = (this.spare.get(key)?.pop() as T | undefined) ?? make();
    this.used.push([key, a]);
    return a;
  }
  f64(n: number, result?: boolean): Float64Array {
    if (result) return new Float64Array(this.buffer(n * 8));
    return this.take(`f${n}`, () => new Float64Array(this.buffer(n * 8)));
  }
  i32(n: number): Int32Array {
    return this.take(`i${n}`, () => new Int32Array(this.buffer(n * 4)));
  }
  u8(n: number): Uint8Array {
    return this.take(`u${n}`, () => new Uint8Array(this.buffer(n)));
  }
  /** The plan is done: its scratch becomes the spare set (the previous spares are dropped). */
  recycle(): void {
    const spare = new Map<string, Scratch[]>();
    for (const [key, a] of this.used) {
      const list = spare.get(key);
      if (list) list.push(a);
      else spare.set(key, [a]);
    }
    this.spare = spare;
    this.used = [];
  }
}
const SHARED = new RecyclingAllocator(true);
const LOCAL = new RecyclingAllocator(false);

let pool: WorkerPool | null = null;
let queue: Promise<unknown> = Promise.resolve();
let jobs = 0;

function workOf(k: number, rows: number, method: string): number {
  const pairs = (k * (k + 1)) / 2;
  return method === 'kendall' ? pairs * rows * 4 * Math.log2(rows + 2) : pairs * rows;
}

/**
 * {@link correlationMatrix} — the same result, to the bit for a given set of
 * kernels — computed on several threads and with the WebAssembly SIMD
 * kernels when the matrix is big enough to pay for them.
 *
 * Method: the matrix is cut into tile tasks by `planCorrelation` (core);
 * the plan's buffers live in `SharedArrayBuffer`s, worker threads (a
 * persistent pool of `threads − 1`) and the calling thread take task
 * numbers from a shared atomic counter, phase by phase (standardise
 * columns → Gram tiles and masked sums → cells with p-values), with a
 * barrier between phases. Each thread runs the WebAssembly SIMD kernels
 * (`packages/wasm`, AssemblyScript) when built, else the TypeScript ones.
 * Small matrices (estimated work below `minWork`) run on the calling thread.
 *
 * The first call that needs workers starts the pool (~50–100 ms); idle
 * workers do not keep the process alive. Calls are serialised.
 *
 * @throws RangeError as {@link correlationMatrix} (columns of different
 *   lengths, invalid options).
 * @example
 * const m = await correlationMatrixParallel(columns, { significance: false });
 * m.r // k × k Pearson, identical to correlationMatrix(columns).r up to rounding of the SIMD sums
 */
export function correlationMatrixParallel(columns: readonly Float64Array[], options: ParallelCorrelationOptions = {}): Promise<CorrelationMatrix> {
  return exclusive(() => compute(columns, options));
}

/**
 * Runs `fn` after every earlier job on the shared pool has finished (one
 * job at a time: a worker serves one request at a time).
 *
 * @internal used by the parallel runners of this folder.
 */
export function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  const run = queue.then(fn);
  queue = run.catch(() => undefined);
  return run;
}

function kernelChoice(options: ParallelCorrelationOptions): KernelChoice {
  if (options.wasm === false) return 'ts';
  const env = process.env.SOUKAN_KERNEL;
  const v = options.kernel ?? (env === 'native' || env === 'wasm' || env === 'ts' ? env : 'auto');
  return v;
}

/**
 * Threads the dispatcher may use by default: none besides the calling one
 * inside a worker thread (the server's compute pool already spreads
 * requests over the cores; threads inside threads only multiply memory and
 * contend), else every core. `SOUKAN_THREADS` caps it.
 */
function defaultThreads(): number {
  const env = Number(process.env.SOUKAN_THREADS);
  const cap = Number.isSafeInteger(env) && env >= 1 ? env : Infinity;
  return Math.min(cap, isMainThread ? machineThreads() : 1);
}

async function compute(columns: readonly Float64Array[], options: ParallelCorrelationOptions): Promise<CorrelationMatrix> {
  const k = columns.length;
  const rows = k > 0 ? columns[0]!.length : 0;
  const work = workOf(k, rows, options.method ?? 'pearson');
  const wanted = Math.max(1, Math.floor(options.threads ?? defaultThreads()));
  const minWork = options.minWork ?? (pool === null ? PARALLEL_MIN_WORK_COLD : PARALLEL_MIN_WORK);
  // Up to GRAM_TILE series the product is one tile, which one thread runs
  // whatever the others do; a second thread would only split the column
  // preparation, at the price of a shared copy of the input and a copy in
  // its own WebAssembly memory (28 × 1 M: ~1 GB peak on 2 threads).
  const threads = work < minWork || (options.threads === undefined && k <= GRAM_TILE) ? 1 : wanted;
  const choice = kernelChoice(options);
  const native = choice === 'auto' || choice === 'native' ? (options.nativeKernels !== undefined ? options.nativeKernels : await nativeKernels()) : null;
  const wk = choice !== 'ts' ? wasmKernels() : null;
  wk?.forget();
  const kernels: CorrelationKernels = wk ?? TS_KERNELS;
  const ms = { plan: 0, prep: 0, products: 0, cells: 0 };
  let t = performance.now();
  const alloc = threads > 1 ? SHARED : LOCAL;
  let plan;
  try {
    plan = planCorrelation(columns, options, alloc, threads > 1 ? 16 * threads : 64);
  } catch (e) {
    alloc.recycle();
    throw e;
  }
  ms.plan = performance.now() - t;
  // With the add-on, the Gram tiles (the first tasks of `products`) are one
  // BLAS call on the calling thread; the list sums stay tasks.
  const nk = native !== null && plan.needGram && (choice === 'native' || plan.k >= NATIVE_MIN_SERIES) ? native : null;
  const firstTask = (phase: string): number => (nk !== null && phase === 'products' ? correlationGramTasks(plan) : 0);

  if (threads === 1 && nk !== null && completeGramApplies(plan, nk)) {
    // Complete Pearson on the add-on: standardised block by block into the
    // products, without the plan's copy of the input (see nativeGramComplete).
    const t0 = performance.now();
    const split = nativeGramComplete(plan, nk);
    ms.prep = split.prep;
    ms.products = performance.now() - t0 - split.prep;
    t = performance.now();
    const n = correlationTaskCount(plan, 'products');
    for (let i = correlationGramTasks(plan); i < n; i++) runCorrelationTask(plan, 'products', i, kernels);
    ms.products += performance.now() - t;
    t = performance.now();
    const cells = correlationTaskCount(plan, 'cells');
    for (let i = 0; i < cells; i++) runCorrelationTask(plan, 'cells', i, kernels);
    ms.cells = performance.now() - t;
  } else if (threads === 1) {
    for (const phase of CORRELATION_PHASES) {
      t = performance.now();
      if (nk !== null && phase === 'products') nativeGram(plan, nk);
      const n = correlationTaskCount(plan, phase);
      for (let i = firstTask(phase); i < n; i++) runCorrelationTask(plan, phase, i, kernels);
      ms[phase] = performance.now() - t;
    }
  } else {
    if (pool !== null && (pool.broken || pool.size < threads - 1)) {
      await pool.close();
      pool = null;
    }
    pool ??= new WorkerPool(threads - 1);
    const p = pool;
    const workers = Math.min(p.size, threads - 1);
    const id = ++jobs;
    // Referenced from here on: an unreferenced worker would let the process
    // exit while this job awaits it.
    p.hold(true);
    try {
      await p.whenReady();
      const wasm = kernels !== TS_KERNELS;
      await Promise.all(Array.from({ length: workers }, (_, w) => p.request(w, { kind: 'job', id, plan, wasm })));
      for (const phase of CORRELATION_PHASES) {
        t = performance.now();
        const count = correlationTaskCount(plan, phase);
        const first = firstTask(phase);
        if (count > first) {
          const counter = new Int32Array(new SharedArrayBuffer(4));
          counter[0] = first;
          const done = Array.from({ length: workers }, (_, w) => p.request(w, { kind: 'phase', id, phase, count, counter }));
          if (nk !== null && phase === 'products') nativeGram(plan, nk);
          for (;;) {
            const i = Atomics.add(counter, 0, 1);
            if (i >= count) break;
            runCorrelationTask(plan, phase, i, kernels);
          }
          await Promise.all(done);
        } else if (nk !== null && phase === 'products') nativeGram(plan, nk);
        ms[phase] = performance.now() - t;
      }
    } finally {
      for (let w = 0; w < workers; w++) p.post(w, { kind: 'end', id });
      p.hold(false);
    }
  }
  const ran = nk !== null ? 'native' : kernels === TS_KERNELS ? 'ts' : 'wasm';
  options.onRun?.({ threads, kernels: ran, blas: nk?.blas, work, ms });
  const result = finishCorrelation(plan, options.missing ?? 'pairwise');
  alloc.recycle();
  return result;
}

/**
 * The shared worker pool with at least `workers` workers (started, or
 * replaced when too small or broken). Call inside {@link exclusive}.
 *
 * @internal used by the parallel runners of this folder.
 */
export async function sharedPool(workers: number): Promise<WorkerPool> {
  if (pool !== null && (pool.broken || pool.size < workers)) {
    await pool.close();
    pool = null;
  }
  pool ??= new WorkerPool(workers);
  return pool;
}

/**
 * Starts the worker pool now (e.g. at server start), so that the first big
 * matrix does not pay for it. Resolves when the workers are ready.
 */
export async function warmParallelPool(threads = machineThreads()): Promise<void> {
  if (threads < 2) return;
  pool ??= new WorkerPool(threads - 1);
  const p = pool;
  p.hold(true);
  try {
    await p.whenReady();
  } finally {
    p.hold(false);
  }
}

/** Stops the worker pool (tests, clean shutdown); the next big call starts a new one. */
export async function closeParallelPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.close();
}
