/** @soukan/server — the HTTP API (Hono on Node) and the dashboard's host process. */
export { createApp, ROUTES, DEFAULT_LIMITS, LOOPBACK_HOSTS, type AppOptions } from './app.js';
export { startServer, isLoopback, type ServeOptions, type RunningServer } from './serve.js';
export { HttpError, type ErrorBody, type ErrorParams } from './http/httpError.js';
// The market providers live in @soukan/data; re-exported for those who start a server.
export { MemoryProvider, StoreProvider, withDefaultSource, type DataProvider, type MarketSnapshot, type SeriesSummary, type ImportOutcome, type ImportJobProgress as ImportProgress } from '@soukan/data';
export { WorkerPool } from './compute/workerPool.js';
export { InlineExecutor } from './compute/inlineExecutor.js';
export { DEFAULT_QUEUE } from './compute/gate.js';
export type { Executor, ComputeJob } from './compute/executor.js';
export type { ServerContext, ServerLimits } from './context.js';
export { LiveService, LIVE_ROUTES, MAX_TICK_BODY, attachTickSocket, openLive, DEFAULT_RULES, type TickSocketOptions, type OpenLiveOptions } from './live/index.js';
