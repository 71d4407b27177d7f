import { marketOf, type Market } from '@soukan/data';
import type { MarketSnapshot } from '@soukan/data';
import type { ComputeJob, Executor } from './executor.js';
import { Gate, timeBudgetError } from './gate.js';
import { runTask } from './tasks.js';

/**
 * Runs computations on the calling thread, one at a time behind the same
 * {@link Gate} as the worker pool. A computation cannot be interrupted here:
 * the budget is enforced while waiting and checked when it finishes.
 */
export class InlineExecutor implements Executor {
  private readonly gate: Gate;
  private readonly markets = new Map<string, Market>();

  constructor(queue = 32) {
    this.gate = new Gate(1, queue);
  }

  load() {
    return { ...this.gate.load(), capacity: this.gate.active, queue: this.gate.queued };
  }

  private market(s: MarketSnapshot): Market {
    let m = this.markets.get(s.id);
    if (!m) {
      if (this.markets.size >= 4) this.markets.delete(this.markets.keys().next().value!);
      m = marketOf(s);
      this.markets.set(s.id, m);
    }
    return m;
  }

  async run(job: ComputeJob): Promise<string> {
    const release = await this.gate.acquire(job.deadline, job.budgetMs);
    try {
      // Let the event loop breathe between queued computations.
      await new Promise((r) => setImmediate(r));
      const body = await runTask(job.task, this.market(job.market), job.params, job.market.about);
      if (Date.now() > job.deadline) throw timeBudgetError(job.budgetMs, 'computing');
      return body;
    } finally {
      release();
    }
  }

  async close(): Promise<void> {}
}
