// Worker-thread side of correlationMatrixParallel: receives a plan whose
// buffers live in SharedArrayBuffers, then, phase by phase, takes task
// numbers from a shared atomic counter until none are left. Also runs a
// share of the pairs of rollingCorrelationAllPairsParallel. Runs from dist/
// (compiled JavaScript); see workerPool.ts.
import { parentPort } from 'node:worker_threads';
import {
  rollingCorrelationAllPairs,
  runCorrelationTask,
  TS_KERNELS,
  type CorrelationKernels,
  type CorrelationPhase,
  type CorrelationPlan,
} from '@soukan/core';
import { wasmKernels } from './wasmKernels.js';
import { wasmRollingKernel } from './wasmRollingKernel.js';

/** A share of an all-pairs rolling correlation: pairs [from, to), into shared buffers. */
export interface RollingJob {
  readonly cols: readonly Float64Array[];
  readonly window: number;
  readonly minPeriods: number;
  readonly pairs: readonly [number, number];
  readonly chunkRows: number;
  readonly wasm: boolean;
  /** Pair indices to keep whole series of (this share's); they come back with the reply, transferred. */
  readonly keep: readonly number[];
  /** This share's per-time sum and count of finite values, or null (no average). */
  readonly sum: Float64Array | null;
  readonly count: Int32Array | null;
  /** Post each chunk back (streaming). */
  readonly stream: boolean;
}

/**
 * Runs a {@link RollingJob} on the calling thread; `post` receives copies of
 * the chunks when the job streams.
 */
export function runRollingJob(
  job: RollingJob,
  post?: (c: { start: number; rows: number; pairStart: number; pairs: number; rho: Float64Array }) => void,
): Map<number, Float64Array> {
  const { sum, count } = job;
  const len = job.cols.length > 0 ? job.cols[0]!.length : 0;
  const kept = new Map<number, Float64Array>(job.keep.map((p) => [p, new Float64Array(len)]));
  rollingCorrelationAllPairs(job.cols, job.window, {
    minPeriods: job.minPeriods,
    pairs: job.pairs,
    chunkRows: job.chunkRows,
    kernel: job.wasm ? wasmRollingKernel() : undefined,
    average: false,
    onChunk: (c) => {
      const { start, rows, pairStart, pairs, rho } = c;
      for (let q = 0; q < pairs; q++) {
        const s = kept.get(pairStart + q);
        if (s) s.set(rho.subarray(q * rows, (q + 1) * rows), start);
      }
      if (sum && count) {
        for (let q = 0; q < pairs; q++) {
          const o = q * rows - start;
          for (let t = start; t < start + rows; t++) {
            const v = rho[o + t]!;
            if (v === v) {
              sum[t]! += v;
              count[t]!++;
            }
          }
        }
      }
      if (job.stream && post) post({ start, rows, pairStart, pairs, rho: rho.slice(0, rows * pairs) });
    },
  });
  return kept;
}

/** Messages from the pool to a worker. */
export type ToWorker =
  | { readonly kind: 'job'; readonly id: number; readonly plan: CorrelationPlan; readonly wasm: boolean }
  | { readonly kind: 'phase'; readonly id: number; readonly phase: CorrelationPhase; readonly count: number; readonly counter: Int32Array }
  | { readonly kind: 'end'; readonly id: number }
  | { readonly kind: 'rolling'; readonly id: number; readonly job: RollingJob };

/** Replies: `ready` once loaded, `ok` per message, or `error`. */
export type FromWorker =
  | { readonly kind: 'ready'; readonly wasm: boolean }
  | { readonly kind: 'ok'; readonly id: number; readonly tasks: number; readonly kept?: Map<number, Float64Array> }
  | { readonly kind: 'error'; readonly id: number; readonly message: string }
  | { readonly kind: 'chunk'; readonly id: number; readonly start: number; readonly rows: number; readonly pairStart: number; readonly pairs: number; readonly rho: Float64Array };

const port = parentPort;
if (port) {
  let plan: CorrelationPlan | null = null;
  let kernels: CorrelationKernels = TS_KERNELS;
  const reply = (m: FromWorker): void => port.postMessage(m);
  port.on('message', (msg: ToWorker) => {
    try {
      if (msg.kind === 'job') {
        plan = msg.plan;
        const wk = msg.wasm ? wasmKernels() : null;
        wk?.forget();
        kernels = wk ?? TS_KERNELS;
        reply({ kind: 'ok', id: msg.id, tasks: 0 });
      } else if (msg.kind === 'phase') {
        if (plan === null) throw new Error('correlation worker: phase before job');
        let done = 0;
        for (;;) {
          const i = Atomics.add(msg.counter, 0, 1);
          if (i >= msg.count) break;
          runCorrelationTask(plan, msg.phase, i, kernels);
          done++;
        }
        reply({ kind: 'ok', id: msg.id, tasks: done });
      } else if (msg.kind === 'rolling') {
        const kept = runRollingJob(msg.job, (c) => port.postMessage({ kind: 'chunk', id: msg.id, ...c } satisfies FromWorker, [c.rho.buffer as ArrayBuffer]));
        port.postMessage({ kind: 'ok', id: msg.id, tasks: 1, kept } satisfies FromWorker, [...kept.values()].map((a) => a.buffer as ArrayBuffer));
      } else {
        plan = null;
      }
    } catch (e) {
      reply({ kind: 'error', id: msg.id, message: (e as Error).stack ?? String(e) });
    }
  });
  reply({ kind: 'ready', wasm: wasmKernels() !== null });
}
