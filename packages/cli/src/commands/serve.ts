import { existsSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { InputError, parseStoreLocation, storePath } from '@soukan/data';
import { DEFAULT_QUEUE, MemoryProvider, openLive, startServer, StoreProvider, withDefaultSource, type DataProvider, type LiveService, type RunningServer } from '@soukan/server';
import { liveRequest } from '@soukan/requests';
import type { Command } from 'commander';
import { readOptionsOf, withDataOptions, type DataOptions } from '../load.js';
import { intOption, numberOption } from '../options.js';
import { addRequest, cliInput, parseCli } from '../requestOptions.js';

/** A DuckDB store's absolute path; a ClickHouse location as given. */
function storeAt(location: string): string {
  return parseStoreLocation(location).kind === 'duckdb' ? resolve(location) : location;
}

interface ServeOptions extends DataOptions {
  host: string;
  port?: number;
  token?: string;
  dataDir?: string;
  workers?: number;
  queue: number;
  timeBudget: number;
  maxUpload: number;
}

const DEFAULT_PORT = 8787;

export function registerServe(program: Command): void {
  const cmd = program
    .command('serve')
    .summary('HTTP API and dashboard on 127.0.0.1')
    .description(
      'Starts the JSON API (/api, described at /api/openapi.json) and the dashboard on the store (--store; on first run ' +
        'the ECB history is imported into it, from $SOUKAN_ECB_FILE or the ECB), or on --data files kept in memory.\n\n' +
        'Requests read the source they name (?source=), else --source, else the ECB when present.\n\n' +
        'Binds 127.0.0.1; another --host needs --token (or $SOUKAN_TOKEN).\n\n' +
        'With --live replay|oanda|push the server also runs a live feed: /api/live/state, /api/live/events (SSE), ' +
        '/api/alerts, and for push POST /api/ticks and the WebSocket /api/ticks/ws (docs/live.md).',
    )
    .option('--host <address>', 'interface to bind; anything but loopback needs --token', '127.0.0.1')
    .option('--port <n>', `port (default ${DEFAULT_PORT}, or a free one when that is taken; 0 = any free port)`, intOption('--port', 0))
    .option('--token <secret>', 'bearer token API requests must carry (at least 16 characters; default $SOUKAN_TOKEN)')
    .option('--data-dir <folder>', 'folder that imports through the API may read (default: imports by path are off; uploads work)')
    .option('--workers <n>', 'worker threads for heavy computations (default: min(2, cores); 0 = compute on the main thread)', intOption('--workers', 0))
    .option('--queue <n>', 'computations that may wait for a worker (beyond that, or when the expected wait exceeds the time budget, 503 + Retry-After)', intOption('--queue', 0), DEFAULT_QUEUE)
    .option('--time-budget <s>', 'seconds a heavy request may take, waiting included (then 503)', numberOption('--time-budget', 0, 3600), 15)
    .option('--max-upload <MB>', 'largest upload in MiB', numberOption('--max-upload', 0, 65536), 256);
  const liveNames = addRequest(cmd, liveRequest);
  withDataOptions(cmd).action(async (opts: ServeOptions, self: Command) => {
    const liveParams = parseCli(liveRequest, cliInput(self, liveNames));
    if (liveParams.live === undefined && liveNames.some((n) => n !== 'live' && self.getOptionValueSource(n) === 'cli')) {
      throw new InputError('the live options need --live replay, oanda or push');
    }
    const log = (m: string): void => void process.stderr.write(`${m}\n`);
    const token = opts.token ?? process.env.SOUKAN_TOKEN;
    const dataDir = opts.dataDir === undefined ? undefined : resolve(opts.dataDir);
    if (dataDir !== undefined && !existsSync(dataDir)) throw new InputError(`--data-dir: no such folder: ${opts.dataDir}`);
    const fallbacks = process.env.SOUKAN_ECB_FALLBACK ? [process.env.SOUKAN_ECB_FALLBACK] : [];
    let data: DataProvider;
    if (opts.data && opts.data.length > 0) {
      const memory = new MemoryProvider();
      data = memory;
      for (const f of opts.data) if (!existsSync(f)) throw new InputError(`no such file: ${f}`);
      log(`soukan: reading ${opts.data.length} file(s)…`);
      const readOpts = readOptionsOf(opts);
      // One file at a time: files of different formats become different sources (ECB, HistData…).
      for (const f of opts.data) {
        const r = await memory.importFiles([f], readOpts);
        log(`soukan: ${basename(f)}: ${r.source}, ${r.series.length} series, ${r.added} new rows`);
      }
    } else {
      const path = storeAt(opts.store ?? storePath());
      data = new StoreProvider(path);
      if (await data.isEmpty()) {
        // First run: the store gets the ECB history.
        const f = process.env.SOUKAN_ECB_FILE;
        if (f && !existsSync(f)) throw new InputError(`SOUKAN_ECB_FILE points to a missing file: ${f}`);
        log(`soukan: the store ${path} is empty; importing the ECB euro reference rate history…`);
        const r = f ? await data.importFiles([f], { format: 'ecb' }) : await data.refreshEcb({ log, fallbacks });
        log(`soukan: imported ${r.added.toLocaleString('en-US')} daily rates of ${r.series.length} series (${r.source}) into the store`);
      } else {
        const n = (await data.list()).length;
        log(`soukan: serving the store ${path} (${n} series)`);
      }
    }
    let live: LiveService | undefined;
    if (liveParams.live !== undefined) {
      if (opts.data && opts.data.length > 0) throw new InputError('--live works on the store, not on --data files');
      live = await openLive(liveParams, { storePath: storeAt(opts.store ?? storePath()), sharedDir: process.env.SOUKAN_SHARED_DATA, log });
    }
    // --source: what requests read when they name no source (?source=).
    if (opts.source !== undefined) data = await withDefaultSource(data, opts.source);
    const common = {
      host: opts.host,
      token,
      data,
      dataDir,
      workers: opts.workers,
      queue: opts.queue,
      ecbFallbacks: fallbacks,
      limits: { timeBudgetMs: opts.timeBudget * 1000, maxUploadBytes: Math.round(opts.maxUpload * 1024 * 1024) },
      log,
      live,
    };
    let server: RunningServer;
    try {
      server = await startServer({ ...common, port: opts.port ?? DEFAULT_PORT });
    } catch (e) {
      if (!(e instanceof InputError && e.code === 'port-in-use' && opts.port === undefined)) throw e;
      log(`soukan: port ${DEFAULT_PORT} is taken; using a free one`);
      server = await startServer({ ...common, port: 0 });
    }
    process.stdout.write(`soukan: dashboard at ${server.url}${token ? ' (API requests need the bearer token)' : ''}\n`);
    if (live) {
      live.start();
      const p = live.pipeline.options;
      log(`soukan: live ${p.feed} of ${p.symbols.length} pairs${p.speed ? ` at ${p.speed}×` : ''}: events at ${server.url}api/live/events, alerts at ${server.url}api/alerts`);
    }
    const stop = (): void => {
      log('soukan: stopping');
      void server.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
