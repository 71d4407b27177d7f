import { createHash, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono, type Context } from 'hono';
import type { Executor } from './compute/executor.js';
import type { AppEnv, ServerContext, ServerLimits } from './context.js';
import { runWithData } from './compute/runWithData.js';
import type { DataProvider } from '@soukan/data';
import { errorResponse } from './http/errorResponse.js';
import { HttpError } from './http/httpError.js';
import { CachedBody, ResponseCache, stableKey } from './http/responseCache.js';
import type { ApiRoute } from './http/route.js';
import { JobQueue } from './jobs.js';
import { openApiDocument } from './openapi.js';
import { MAX_SYMBOLS } from '@soukan/requests';
import { barsRoute } from './routes/bars.js';
import { correlationPairRoute, correlationRoute, correlationSeriesRoute } from './routes/corr.js';
import { crossRoute } from './routes/cross.js';
import { dccRoute, stabilityRoute } from './routes/dynamic.js';
import { exposureRoute } from './routes/exposure.js';
import { healthRoute } from './routes/health.js';
import { listRoute } from './routes/list.js';
import { metaRoute } from './routes/meta.js';
import { moveRoute } from './routes/move.js';
import { pairRoute } from './routes/pair.js';
import { performanceRoute } from './routes/perf.js';
import { strengthRoute } from './routes/strength.js';
import { varRoute } from './routes/var.js';
import { volatilityRoute } from './routes/vol.js';
import { leadLagRoute, partialRoute } from './routes/leadLag.js';
import { eppsRoute } from './routes/epps.js';
import { ecbRoute, importFilesRoute, importRoute, jobRoute, uploadRoute } from './routes/imports.js';
import { LIVE_ROUTES } from './live/liveRoutes.js';
import type { LiveService } from './live/liveService.js';

/** Every API route, in the order OpenAPI lists them. */
export const ROUTES: readonly ApiRoute[] = [
  healthRoute,
  metaRoute,
  listRoute,
  barsRoute,
  correlationRoute,
  correlationSeriesRoute,
  correlationPairRoute,
  stabilityRoute,
  dccRoute,
  leadLagRoute,
  partialRoute,
  eppsRoute,
  volatilityRoute,
  moveRoute,
  varRoute,
  exposureRoute,
  strengthRoute,
  crossRoute,
  pairRoute,
  performanceRoute,
  importFilesRoute,
  importRoute,
  uploadRoute,
  ecbRoute,
  jobRoute,
  ...LIVE_ROUTES,
];

/** Host names a loopback-bound server answers to (anything else is a DNS-rebinding attempt). */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

export interface AppOptions {
  readonly data: DataProvider;
  readonly executor: Executor;
  readonly version?: string;
  readonly limits?: Partial<ServerLimits>;
  /** Bearer token every API request must carry. */
  readonly token?: string;
  /** Host names accepted in the Host header; undefined accepts any (a token protects the server). */
  readonly allowedHosts?: readonly string[];
  /** Folder that imports by path may read. */
  readonly dataDir?: string;
  readonly ecbFallbacks?: readonly string[];
  /** The built dashboard (`packages/web/dist`); without it only the API is served. */
  readonly webRoot?: string;
  readonly log?: (m: string) => void;
  /** Live mode (`--live`): the live routes answer 404 `live-off` without it. */
  readonly live?: LiveService;
}

/** A cached JSON body as a response: 304 for a matching ETag, gzip when the client takes it. */
function send(c: Context<AppEnv>, body: CachedBody, hit: boolean): Response {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=UTF-8',
    'Cache-Control': 'no-cache',
    ETag: body.etag,
    Vary: 'Accept-Encoding',
    'X-Soukan-Cache': hit ? 'hit' : 'miss',
  };
  if (c.req.header('if-none-match') === body.etag) return c.body(null, 304, headers);
  if (body.bytes.length > 1024 && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
    return c.body(body.gzip(), 200, { ...headers, 'Content-Encoding': 'gzip' });
  }
  return c.body(body.bytes, 200, headers);
}

/** Default limits. */
export const DEFAULT_LIMITS: ServerLimits = {
  timeBudgetMs: 15_000,
  maxUploadBytes: 256 * 1024 * 1024,
  maxJsonBytes: 64 * 1024,
  maxSymbols: MAX_SYMBOLS,
};

const digest = (s: string): Buffer => createHash('sha256').update(s).digest();

function hostName(header: string | undefined): string {
  if (!header) return '';
  const h = header.toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  return h.replace(/:\d+$/, '');
}

/**
 * The soukan HTTP app: the JSON API under `/api` and the dashboard. Errors of
 * every kind become JSON responses in one place ({@link errorResponse}).
 */
export function createApp(o: AppOptions): { app: Hono<AppEnv>; ctx: ServerContext } {
  const log = o.log ?? ((m: string) => process.stderr.write(`${m}\n`));
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...o.limits };
  const cache = new ResponseCache();
  const ctx: ServerContext = {
    version: o.version ?? '0.1.0',
    data: o.data,
    executor: o.executor,
    cache,
    jobs: new JobQueue(() => cache.clear(), log),
    limits,
    dataDir: o.dataDir,
    ecbFallbacks: o.ecbFallbacks ?? [],
    auth: o.token !== undefined,
    log,
    live: o.live,
    async compute(c, task, market, params) {
      const key = `${task}|${market.dataId ?? market.id}|${stableKey(params)}`;
      const deadline = c.get('started') + limits.timeBudgetMs;
      const { body, hit } = await cache.get(key, () => runWithData(o.executor, o.data, { task, market, params, deadline, budgetMs: limits.timeBudgetMs }));
      remember(c.req.url, key);
      return send(c, body, hit);
    },
  };

  // The cache key of each request URL already answered at this data version:
  // a repeated GET skips routing, validation and key building.
  const known = new Map<string, string>();
  let knownVersion = o.data.version();
  const remember = (url: string, key: string): void => {
    if (o.data.version() !== knownVersion) {
      known.clear();
      knownVersion = o.data.version();
    }
    known.delete(url);
    known.set(url, key);
    if (known.size > 2000) known.delete(known.keys().next().value!);
  };

  const app = new Hono<AppEnv>();
  app.onError((e, c) => errorResponse(e, c, log));

  app.use('*', async (c, next) => {
    c.set('started', Date.now());
    if (o.allowedHosts && !o.allowedHosts.includes(hostName(c.req.header('host') ?? new URL(c.req.url).host))) {
      throw new HttpError(403, 'bad-host', `this server answers to ${o.allowedHosts.join(', ')} only`, { host: c.req.header('host') ?? '' });
    }
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
  });

  const expected = o.token !== undefined ? digest(o.token) : undefined;
  app.use('/api/*', async (c, next) => {
    if (expected) {
      const m = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '');
      if (!m || !timingSafeEqual(digest(m[1]!), expected)) {
        throw new HttpError(401, 'unauthorized', 'this server needs a bearer token: Authorization: Bearer <token>', {}, { 'WWW-Authenticate': 'Bearer' });
      }
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      // Browsers send Origin on cross-site writes; only our own page may write.
      const origin = c.req.header('origin');
      if (origin !== undefined && origin !== 'null') {
        let host = '';
        try {
          host = new URL(origin).host;
        } catch {
          /* unparsable: refused below */
        }
        if (host !== (c.req.header('host') ?? new URL(c.req.url).host)) throw new HttpError(403, 'cross-origin', 'cross-origin requests may not change data', { origin });
      } else if (origin === 'null') {
        throw new HttpError(403, 'cross-origin', 'cross-origin requests may not change data', { origin });
      }
    }
    await next();
  });

  app.get('/api/*', async (c, next) => {
    const key = o.data.version() === knownVersion ? known.get(c.req.url) : undefined;
    const body = key === undefined ? undefined : cache.peek(key);
    if (body) return send(c, body, true);
    await next();
  });

  for (const r of ROUTES) {
    app.on(r.method.toUpperCase(), r.path, async (c) => {
      const q = r.parse(new URL(c.req.url).searchParams);
      return r.handle(c, q, ctx);
    });
  }
  const doc = JSON.stringify(openApiDocument(ROUTES, ctx.version, ctx.auth));
  app.get('/api/openapi.json', (c) => c.body(doc, 200, { 'Content-Type': 'application/json; charset=UTF-8' }));

  const patterns = ROUTES.map((r) => ({ method: r.method.toUpperCase(), re: new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`) }));
  app.all('/api/*', (c) => {
    const allowed = patterns.filter((p) => p.re.test(c.req.path)).map((p) => p.method);
    if (allowed.length > 0) {
      throw new HttpError(405, 'method-not-allowed', `${c.req.method} is not allowed here; use ${allowed.join(', ')}`, { allowed: allowed.join(', ') }, { Allow: allowed.join(', ') });
    }
    throw new HttpError(404, 'not-found', `no API route ${c.req.path}; see /api/openapi.json`, { path: c.req.path });
  });

  const index = o.webRoot ? join(o.webRoot, 'index.html') : undefined;
  if (o.webRoot && index && existsSync(index)) {
    const root = o.webRoot;
    const html = readFileSync(index, 'utf8');
    const csp =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
    app.use('/assets/*', serveStatic({ root, precompressed: true, onFound: (_p, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable') }));
    app.get('/assets/*', (c) => c.text('not found\n', 404));
    app.use('*', async (c, next) => (c.req.path === '/' || c.req.path === '/index.html' ? next() : serveStatic({ root })(c, next)));
    app.get('*', (c) => c.html(html, 200, { 'Cache-Control': 'no-cache', 'Content-Security-Policy': csp }));
  } else {
    app.get('*', (c) =>
      c.text('soukan: the dashboard is not built (run `npm run build`); the API is at /api (see /api/openapi.json)\n', 503, { 'Cache-Control': 'no-store' }),
    );
  }
  return { app, ctx };
}
