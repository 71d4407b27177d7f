import type { MarketSnapshot } from '@soukan/data';
import type { TaskName } from './tasks.js';

/** A heavy computation to run, with the time it must finish by. */
export interface ComputeJob {
  readonly task: TaskName;
  readonly market: MarketSnapshot;
  readonly params: unknown;
  /** Epoch ms after which the computation is abandoned (503 `time-budget`). */
  readonly deadline: number;
  /** The whole budget, for the message. */
  readonly budgetMs: number;
}

/**
 * Runs heavy computations under a concurrency cap and a time budget and
 * returns the JSON body. {@link WorkerPool} runs them in worker threads (a
 * computation over its budget is stopped); {@link InlineExecutor} runs them on
 * the calling thread (tests, `--workers 0`).
 */
export interface Executor {
  run(job: ComputeJob): Promise<string>;
  /** Running and waiting computations. */
  load(): { running: number; waiting: number; capacity: number; queue: number };
  close(): Promise<void>;
}
