// Worker-thread side of correlationMatrixParallel: receives a plan whose
// buffers live in SharedArrayBuffers, then, phase by phase, takes task
// numbers from a shared atomic counter until none are left. Runs from
// dist/ (compiled JavaScript); see workerPool.ts.
import { parentPort } from 'node:worker_threads';
import { runCorrelationTask, TS_KERNELS, type CorrelationKernels, type CorrelationPhase, type CorrelationPlan } from '@soukan/core';
import { wasmKernels } from './wasmKernels.js';

/** Messages from the pool to a worker. */
export type ToWorker =
  | { readonly kind: 'job'; readonly id: number; readonly plan: CorrelationPlan; readonly wasm: boolean }
  | { readonly kind: 'phase'; readonly id: number; readonly phase: CorrelationPhase; readonly count: number; readonly counter: Int32Array }
  | { readonly kind: 'end'; readonly id: number };

/** Replies: `ready` once loaded, `ok` per message, or `error`. */
export type FromWorker =
  | { readonly kind: 'ready'; readonly wasm: boolean }
  | { readonly kind: 'ok'; readonly id: number; readonly tasks: number }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };

const port = parentPort;
if (port) {
  let plan: CorrelationPlan | null = null;
  let kernels: CorrelationKernels = TS_KERNELS;
  const reply = (m: FromWorker): void => port.postMessage(m);
  port.on('message', (msg: ToWorker) => {
    try {
      if (msg.kind === 'job') {
        plan = msg.plan;
        kernels = (msg.wasm && wasmKernels()) || TS_KERNELS;
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
      } else {
        plan = null;
      }
    } catch (e) {
      reply({ kind: 'error', id: msg.id, message: (e as Error).stack ?? String(e) });
    }
  });
  reply({ kind: 'ready', wasm: wasmKernels() !== null });
}
