import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { serve } from '@hono/node-server';
import { InputError } from '@soukan/data';
import { createApp, LOOPBACK_HOSTS, type AppOptions } from './app.js';
import type { Executor } from './compute/executor.js';
import { DEFAULT_QUEUE } from './compute/gate.js';
import { InlineExecutor } from './compute/inlineExecutor.js';
import { WorkerPool } from './compute/workerPool.js';
import type { ServerContext } from './context.js';
import { sweepStaleUploads } from './upload/index.js';
import { attachTickSocket } from './live/tickSocket.js';

/** How to run a server. */
export interface ServeOptions extends Omit<AppOptions, 'executor' | 'allowedHosts'> {
  /** Interface to bind (default 127.0.0.1). Anything but loopback needs `token`. */
  readonly host?: string;
  /** Port (default 8787; 0 picks a free one). */
  readonly port?: number;
  /** Worker threads for heavy computations (default: min(2, cores)); 0 computes on the main thread. */
  readonly workers?: number;
  /** Computations allowed to wait for a worker before 503 (default {@link DEFAULT_QUEUE}); a request is also refused when its expected wait exceeds its time budget. */
  readonly queue?: number;
  /** Compute the dashboard's first matrix right after start (default true). */
  readonly warm?: boolean;
}

/** A listening server. */
export interface RunningServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly ctx: ServerContext;
  close(): Promise<void>;
}

/** True for addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Where the built dashboard is, beside this package in the repository. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * Starts the API and dashboard. Binds 127.0.0.1 unless told otherwise; a
 * non-loopback host is refused without a bearer token and warned about with
 * one. On a loopback address only loopback Host headers are answered (DNS
 * rebinding).
 *
 * @throws InputError for a non-loopback host without a token, or a port in use.
 */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const host = o.host ?? '127.0.0.1';
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const loopback = isLoopback(host);
  if (!loopback) {
    if (!o.token) throw new InputError(`--host ${host} makes the server reachable from other machines: give --token (or SOUKAN_TOKEN) so that requests need it`, { code: 'token-required' });
    log(`soukan: warning: listening on ${host}, reachable from other machines; API requests need the bearer token. Use TLS (a reverse proxy) on untrusted networks.`);
  }
  if (o.token !== undefined && o.token.length < 16) throw new InputError('--token: use at least 16 characters', { code: 'token-too-short' });
  const workers = o.workers ?? Math.min(2, availableParallelism());
  const queue = o.queue ?? DEFAULT_QUEUE;
  // Upload folders of servers that crashed: ours (by name and owner) and stale (their process is gone).
  for (const p of await sweepStaleUploads(undefined, log)) log(`soukan: removed ${p}, left by a server that stopped without cleaning up`);
  const executor: Executor = workers > 0 ? new WorkerPool(workers, queue, undefined, log) : new InlineExecutor(queue);
  const { app, ctx } = createApp({ ...o, executor, allowedHosts: loopback ? [...LOOPBACK_HOSTS, host.toLowerCase()] : undefined, webRoot: o.webRoot ?? DEFAULT_WEB_ROOT });
  const server = serve({ fetch: app.fetch, hostname: host, port: o.port ?? 8787 }) as HttpServer;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (e) {
    await executor.close();
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') throw new InputError(`port ${o.port ?? 8787} on ${host} is in use: choose another with --port (0 picks a free one)`, { code: 'port-in-use' });
    if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') throw new InputError(`--host ${host}: not an address of this machine`, { code: 'bad-host' });
    if (err.code === 'EACCES') throw new InputError(`port ${o.port} needs privileges; use a port above 1023`, { code: 'port-denied' });
    throw e;
  }
  if (o.live) attachTickSocket(server, o.live, { token: o.token, allowedHosts: loopback ? [...LOOPBACK_HOSTS, host.toLowerCase()] : undefined });
  const addr = server.address() as AddressInfo;
  // Uploads may be slow; a client that sends headers slowly is cut off.
  server.headersTimeout = 20_000;
  server.requestTimeout = 30 * 60_000;
  const shown = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  if (o.warm !== false) {
    // Start the workers and compute the first page's matrix now, so the first visitor does not wait for it.
    const headers: Record<string, string> = { Host: 'localhost', ...(o.token ? { Authorization: `Bearer ${o.token}` } : {}) };
    void Promise.resolve(app.request('/api/meta', { headers }))
      .then(() => app.request('/api/correlation?universe=majors&method=pearson&on=returns&order=given&align=inner', { headers }))
      .catch(() => {});
  }
  return {
    url: `http://${shown}:${addr.port}/`,
    host: addr.address,
    port: addr.port,
    ctx,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await o.live?.close();
      await executor.close();
      await ctx.data.close();
    },
  };
}
