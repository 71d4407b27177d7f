import { toHttpError } from './http/errorResponse.js';
import type { ErrorBody } from './http/httpError.js';
import type { ImportOutcome, ImportJobProgress } from '@soukan/data';

/** An import (or download) running in the background, as `GET /api/jobs/:id` shows it. */
export interface Job {
  readonly id: string;
  readonly kind: 'import' | 'upload' | 'ecb';
  state: 'queued' | 'running' | 'done' | 'failed';
  /** What is being imported (display names). */
  readonly files: readonly string[];
  progress: ImportJobProgress | null;
  result: ImportOutcome | null;
  error: ErrorBody['error'] | null;
  readonly created: number;
  finished: number | null;
}

/**
 * Imports one at a time (one writer), in order; keeps the last 100 jobs for
 * their status. A failed job's error has the same shape as an error response.
 */
export class JobQueue {
  private readonly jobs = new Map<string, Job>();
  private tail: Promise<unknown> = Promise.resolve();
  private n = 0;

  constructor(
    private readonly onChange: () => void = () => {},
    private readonly log: (m: string) => void = (m) => process.stderr.write(`${m}\n`),
  ) {}

  /** Queues `work`; returns the job at once. */
  add(kind: Job['kind'], files: readonly string[], work: (progress: (p: ImportJobProgress) => void) => Promise<ImportOutcome>, cleanup?: () => void): Job {
    const job: Job = { id: `${Date.now().toString(36)}-${++this.n}`, kind, state: 'queued', files, progress: null, result: null, error: null, created: Date.now(), finished: null };
    this.jobs.set(job.id, job);
    while (this.jobs.size > 100) this.jobs.delete(this.jobs.keys().next().value!);
    this.tail = this.tail.then(async () => {
      job.state = 'running';
      try {
        job.result = await work((p) => (job.progress = p));
        job.state = 'done';
        this.onChange();
      } catch (e) {
        const h = toHttpError(e);
        if (h.code === 'internal') this.log(`soukan: ${kind} job failed: ${(e as Error)?.stack ?? String(e)}`);
        job.error = { status: h.status, code: h.code, message: h.message, params: h.params };
        job.state = 'failed';
      } finally {
        job.finished = Date.now();
        cleanup?.();
      }
    });
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when every queued job has finished. */
  idle(): Promise<unknown> {
    return this.tail;
  }
}
