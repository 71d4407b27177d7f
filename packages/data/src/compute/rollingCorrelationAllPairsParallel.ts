import { rollingCorrelationAllPairs, type AllPairsChunk, type AllPairsResult, type RollingAllPairsOptions } from '@soukan/core';
import { runRollingJob, type RollingJob } from './correlationWorker.js';
import { exclusive, sharedPool } from './correlationMatrixParallel.js';
import { wasmKernelModule } from './wasmKernels.js';
import { wasmRollingKernel } from './wasmRollingKernel.js';
import { machineThreads } from './workerPool.js';

/** Options of {@link rollingCorrelationAllPairsParallel}. */
export interface ParallelRollingOptions extends Omit<RollingAllPairsOptions, 'kernel' | 'pairs' | 'stateBytes'> {
  /**
   * Threads, the calling one included. Default: every core when the machine
   * has more than two, else one (see {@link defaultRollingThreads}).
   */
  readonly threads?: number;
  /** Use the WebAssembly SIMD kernel when built (default true). */
  readonly wasm?: boolean;
  /** Pair-steps (pairs × rows) below which no worker is used; default 4·10⁶ (≈ 20 ms of work). */
  readonly minWork?: number;
}

/**
 * Threads {@link rollingCorrelationAllPairsParallel} uses unless told: one
 * on machines with at most two cores, else all of them. Measured on the
 * 2-vCPU reference VM (28 pairs × 372,417 rows, WebAssembly kernel): two
 * threads took 1.6–2× the time of one (streamed 281–357 ms vs 177–206 ms,
 * all series kept 340–614 ms vs 228–311 ms) — the second vCPU is shared,
 * and the split costs a copy of the input into shared memory and into each
 * thread's WebAssembly memory, a worker start and the average's merge.
 *
 * @example defaultRollingThreads() // 1 on a 2-core machine, 8 on an 8-core one
 */
export function defaultRollingThreads(): number {
  const cores = machineThreads();
  return cores > 2 ? cores : 1;
}

/**
 * {@link rollingCorrelationAllPairs} — the same values — with the pairs split
 * between threads (a contiguous range of pairs each: the calling thread and
 * `threads − 1` workers of the shared pool) and the WebAssembly SIMD kernel
 * on each. The input is copied into shared memory; kept series come back
 * from the workers transferred (not copied); the average is combined from per-thread sums (its last bits may differ from
 * the single-threaded sum order). Streaming: `onChunk` receives the calling
 * thread's chunks first, then each worker's as they arrive — in time order
 * within each range of pairs (see `AllPairsChunk.pairStart`).
 *
 * @throws RangeError as {@link rollingCorrelationAllPairs}.
 * @example
 * const res = await rollingCorrelationAllPairsParallel(columns, 1440, { minPeriods: 1000, keep: true });
 */
export async function rollingCorrelationAllPairsParallel(
  columns: readonly Float64Array[],
  window: number,
  options: ParallelRollingOptions = {},
): Promise<AllPairsResult> {
  const k = columns.length;
  const len = k > 0 ? columns[0]!.length : 0;
  const P = (k * (k - 1)) / 2;
  const keep = options.keep ?? false;
  const wasm = options.wasm !== false && wasmKernelModule() !== null;
  const wanted = Math.max(1, Math.floor(options.threads ?? defaultRollingThreads()));
  const threads = P < 2 || P * len < (options.minWork ?? 4e6) ? 1 : Math.min(wanted, P);
  if (threads === 1) return rollingCorrelationAllPairs(columns, window, { ...options, kernel: wasm ? wasmRollingKernel() : undefined });
  // Validation (same messages as the single-threaded function), no work.
  const probe = rollingCorrelationAllPairs(columns, window, { ...options, pairs: [0, 0], average: false, onChunk: undefined });
  const shared = (n: number): Float64Array => new Float64Array(new SharedArrayBuffer(n * 8));
  const cols = columns.map((c) => {
    const s = shared(len);
    s.set(c);
    return s;
  });
  const keepSet = keep === true ? null : new Set(keep === false ? [] : keep);
  const series: (Float64Array | null)[] = new Array<Float64Array | null>(P).fill(null);
  const avg = options.average ?? true;
  const minPeriods = options.minPeriods ?? window;
  const chunkRows = options.chunkRows ?? 4096;
  // Contiguous ranges of about equal numbers of pairs.
  const bounds = Array.from({ length: threads + 1 }, (_, t) => Math.round((P * t) / threads));
  const jobs: RollingJob[] = Array.from({ length: threads }, (_, t) => ({
    cols,
    window,
    minPeriods,
    pairs: [bounds[t]!, bounds[t + 1]!] as const,
    chunkRows,
    wasm,
    keep: Array.from({ length: bounds[t + 1]! - bounds[t]! }, (_, q) => bounds[t]! + q).filter((p) => keepSet === null || keepSet.has(p)),
    sum: avg ? shared(len) : null,
    count: avg ? new Int32Array(new SharedArrayBuffer(len * 4)) : null,
    stream: options.onChunk !== undefined,
  }));
  const onChunk = options.onChunk;
  await exclusive(async () => {
    const pool = await sharedPool(threads - 1);
    pool.hold(true);
    try {
      await pool.whenReady();
      const done = jobs.slice(1).map((job, w) =>
        pool.request(w, { kind: 'rolling', id: w, job }, (m) => {
          if (m.kind === 'chunk' && onChunk) onChunk({ start: m.start, rows: m.rows, pairStart: m.pairStart, pairs: m.pairs, rho: m.rho } satisfies AllPairsChunk);
        }),
      );
      const mine = runRollingJob(jobs[0]!, onChunk);
      for (const [p, a] of mine) series[p] = a;
      for (const reply of await Promise.all(done)) {
        if (reply.kind === 'ok' && reply.kept) for (const [p, a] of reply.kept) series[p] = a;
      }
    } finally {
      pool.hold(false);
    }
  });
  let average: Float64Array | null = null;
  let averageCount: Int32Array | null = null;
  if (avg) {
    average = new Float64Array(len);
    averageCount = new Int32Array(len);
    for (const j of jobs) {
      for (let t = 0; t < len; t++) {
        average[t]! += j.sum![t]!;
        averageCount[t]! += j.count![t]!;
      }
    }
    for (let t = 0; t < len; t++) average[t] = averageCount[t]! > 0 ? average[t]! / averageCount[t]! : NaN;
  }
  return { k, length: len, pairI: probe.pairI, pairJ: probe.pairJ, series, average, averageCount };
}
