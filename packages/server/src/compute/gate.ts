import { HttpError } from '../http/httpError.js';

/** Seconds a client is told to wait when the queue is full. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Computations that may wait for a slot by default. Waiting costs a request
 * object and a timer (~2 KB), so this bounds memory, not latency: latency is
 * bounded by each request's time budget and the admission estimate.
 */
export const DEFAULT_QUEUE = 256;

/** Computations the typical service time is taken over. */
const SERVICE_WINDOW = 64;
/** Computations measured before the estimate refuses anything. */
const SERVICE_MIN = 8;
/**
 * How far the estimate may exceed the time left before a request is refused.
 * Service times measured while imports or other processes share the CPU make
 * the estimate run high (a 60 s soak with imports saw 16 s estimated where
 * the slowest real wait was under 11 s); a refused request costs the client
 * a retry, one that waits past its deadline costs only its place in line.
 */
const OVERESTIMATE = 1.5;

/**
 * An admission queue for heavy computations: up to `active` run, the others
 * wait in order (FIFO) — each for at most its own deadline — and a request is
 * refused at once with 503 `busy` and a `Retry-After` when the queue holds
 * `queued` already, or when the expected wait (requests ahead × median service
 * time ÷ slots) exceeds 1.5 × what is left of its time budget.
 *
 * Waiting instead of refusing is what keeps throughput under overload: a
 * refused client comes straight back, and answering that storm takes the
 * CPU the computations need (64 connections refused 99.7 % of requests and
 * did half the work of 8). Refusing early what cannot finish in time keeps
 * the queue from filling with requests that would only time out.
 *
 * @example const release = await gate.acquire(Date.now() + 15_000, 15_000); try { … } finally { release(); }
 */
export class Gate {
  private running = 0;
  private readonly waiting: { resolve: () => void; timer: NodeJS.Timeout }[] = [];
  /** The last {@link SERVICE_WINDOW} times a slot was held, ms. */
  private readonly held: number[] = [];

  constructor(
    readonly active: number,
    readonly queued: number,
  ) {}

  /** Current load, for `/api/meta` and the tests. */
  load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  /**
   * Expected wait of a request joining the queue now, ms: requests ahead ×
   * the median of the last 64 service times ÷ slots (0 until 8 are known).
   * The median, not the mean: the first computations of a worker (loading
   * the market) and the odd long one would otherwise make the estimate
   * several times the real wait and refuse requests that would have made it.
   */
  expectedWaitMs(): number {
    if (this.held.length < SERVICE_MIN) return 0;
    const sorted = [...this.held].sort((a, b) => a - b);
    return ((this.waiting.length + 1) * sorted[sorted.length >> 1]!) / this.active;
  }

  /**
   * Waits for a slot until `deadline` (epoch ms); returns the release function.
   *
   * @throws HttpError 503 `busy` (with `Retry-After`) when the queue is full or
   *   the expected wait exceeds the time left; 503 `time-budget` when the
   *   deadline passes while waiting.
   */
  async acquire(deadline: number, budgetMs: number): Promise<() => void> {
    if (this.running < this.active) {
      this.running++;
      return this.releaser();
    }
    if (this.waiting.length >= this.queued) {
      throw busy(`server busy: ${this.running} computations running and ${this.waiting.length} waiting; retry in ${RETRY_AFTER_SECONDS} s`, RETRY_AFTER_SECONDS);
    }
    const expected = this.expectedWaitMs();
    if (expected > OVERESTIMATE * (deadline - Date.now())) {
      const s = Math.max(RETRY_AFTER_SECONDS, Math.ceil(expected / 1000));
      throw busy(`server busy: ${this.waiting.length} computations waiting, about ${(expected / 1000).toFixed(1)} s, more than this request's time left; retry in ${s} s`, s);
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
    const granted = performance.now();
    return () => {
      if (done) return;
      done = true;
      const ms = performance.now() - granted;
      this.held.push(ms);
      if (this.held.length > SERVICE_WINDOW) this.held.shift();
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

function busy(message: string, retryAfter: number): HttpError {
  return new HttpError(503, 'busy', message, { retryAfter }, { 'Retry-After': String(retryAfter) });
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
