import type { Context } from 'hono';
import type { Executor } from './compute/executor.js';
import type { TaskName, TaskParams } from './compute/tasks.js';
import type { DataProvider, MarketSnapshot } from '@soukan/data';
import type { ResponseCache } from './http/responseCache.js';
import type { JobQueue } from './jobs.js';
import type { LiveService } from './live/liveService.js';

/** Hono environment of the app: when the request started (its time budget counts from here). */
export interface AppEnv {
  Variables: { started: number };
}

/** Limits and switches of a server. */
export interface ServerLimits {
  /** Per-request time budget of heavy computations, ms (queue wait included). */
  readonly timeBudgetMs: number;
  /** Largest upload, bytes. */
  readonly maxUploadBytes: number;
  /** Largest JSON request body, bytes. */
  readonly maxJsonBytes: number;
  /** Most pairs in one matrix. */
  readonly maxSymbols: number;
}

/** What every route can reach. */
export interface ServerContext {
  readonly version: string;
  readonly data: DataProvider;
  readonly executor: Executor;
  readonly cache: ResponseCache;
  readonly jobs: JobQueue;
  readonly limits: ServerLimits;
  /** Folder imports may read from; undefined disables imports by path. */
  readonly dataDir?: string;
  /** Local copies of the ECB file to use when the download fails. */
  readonly ecbFallbacks: readonly string[];
  /** True when requests need a bearer token. */
  readonly auth: boolean;
  readonly log: (m: string) => void;
  /** Live mode (`--live`); undefined when off. */
  readonly live?: LiveService;
  /** Runs (or finds cached) a heavy computation and answers with its JSON. */
  compute<T extends TaskName>(c: Context<AppEnv>, task: T, market: MarketSnapshot, params: TaskParams<T>): Promise<Response>;
}
