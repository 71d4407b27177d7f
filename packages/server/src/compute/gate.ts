import { HttpError } from '../http/httpError.js';

/** Seconds a client is told to wait when the queue is full. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Caps concurrent heavy computations: up to `active` run, up to `queued`
 * wait in order; beyond that a request is refused at once with 503 and
 * `Retry-After`, and a waiting request whose time budget runs out leaves the
 * queue with 503 `time-budget`.
 */
export class Gate {
  private running = 0;
  private readonly waiting: { resolve: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    readonly active: number,
    readonly queued: number,
  ) {}

  /** Current load, for `/api/meta` and the tests. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Waits for a slot until `deadline` (epoch ms); returns the release function.
   *
   * @throws HttpError 503 `busy` when the queue is full, 503 `time-budget` when the deadline passes first.
   */
  async acquire(deadline: number, budgetMs: number): Promise<() => void> {
    if (this.running < this.active) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.queued) {
      throw new HttpError(503, 'busy', `server busy: ${this.running} computations running and ${this.waiting.length} waiting; retry in ${RETRY_AFTER_SECONDS} s`, { retryAfter: RETRY_AFTER_SECONDS }, {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
    await new Promise<void>((resolve, reject) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(timeBudgetError(budgetMs, 'waiting for a free worker'));
        }, Math.max(0, deadline - Date.now())),
      };
      this.waiting.push(entry);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const next = this.waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.resolve(); // the slot passes straight to the next in line
      } else {
        this.running--;
      }
    };
  }
}

/** The 503 of a request that ran out of time. */
export function timeBudgetError(budgetMs: number, where: string): HttpError {
  return new HttpError(
    503,
    'time-budget',
    `the request exceeded its time budget of ${budgetMs / 1000} s (${where}); ask for less (fewer pairs, a shorter window) or retry when the server is less busy`,
    { budgetSeconds: budgetMs / 1000, retryAfter: RETRY_AFTER_SECONDS },
    { 'Retry-After': String(RETRY_AFTER_SECONDS) },
  );
}
