import { alertListSchema, alertsRequest, emptyRequest, liveEventsRequest, liveEventStreamSchema, liveSnapshotSchema, pushTicksResponse } from '@soukan/requests';
import type { ServerContext } from '../context.js';
import { HttpError } from '../http/httpError.js';
import { requestRoute, type ApiRoute } from '../http/route.js';
import type { LiveService } from './liveService.js';

/** Largest `POST /api/ticks` body: 16 MiB (about 200,000 ticks). */
export const MAX_TICK_BODY = 16 * 1024 * 1024;

/** The server's live mode, or 404 `live-off` when it runs without `--live`. */
function liveOf(ctx: ServerContext, push = false): LiveService {
  const live = ctx.live;
  if (!live) throw new HttpError(404, 'live-off', 'live mode is off: start the server with --live replay, oanda or push');
  if (push && live.feed !== 'push') throw new HttpError(404, 'live-off', `push input is off: this server runs --live ${live.feed}; start it with --live push`, { feed: live.feed });
  return live;
}

/** `GET /api/live/state`. */
export const liveStateRoute = requestRoute({
  method: 'get',
  path: '/api/live/state',
  tag: 'live',
  summary: 'Live feed status, the latest matrix and strength, recent alerts',
  request: emptyRequest,
  response: liveSnapshotSchema,
  handle: (c, _q, ctx) => c.json(liveOf(ctx).pipeline.snapshot(), 200, { 'Cache-Control': 'no-store' }),
});

/** `GET /api/live/events`. */
export const liveEventsRoute = requestRoute({
  method: 'get',
  path: '/api/live/events',
  tag: 'live',
  summary: 'Server-sent events: snapshot, then matrix, strength, status (every second) and alert events; a ping comment every 15 s',
  request: liveEventsRequest,
  response: liveEventStreamSchema,
  responseType: 'text/event-stream',
  handle: (c, q, ctx) => liveOf(ctx).events(q.session ?? 'all', c.req.raw.signal),
});

/** `GET /api/alerts`. */
export const alertsRoute = requestRoute({
  method: 'get',
  path: '/api/alerts',
  tag: 'live',
  summary: 'Stored alerts with their evidence, newest first',
  request: alertsRequest,
  response: alertListSchema,
  handle: async (c, q, ctx) => c.json({ alerts: await liveOf(ctx).alerts(q.limit ?? 100) }, 200, { 'Cache-Control': 'no-store' }),
});

/** `POST /api/ticks`. */
export const pushTicksRoute = requestRoute({
  method: 'post',
  path: '/api/ticks',
  tag: 'live',
  summary: 'Push ticks (JSON lines of {symbol, time, bid, ask, bidVolume?, askVolume?}) into a --live push server',
  description: 'Each line goes through the tick gate: malformed lines, unknown symbols, zero or NaN prices, repeats and ticks older than the last are counted in the feed status, never stored. Answers how many lines were read and accepted.',
  body: { contentType: 'application/x-ndjson', description: 'one tick per line', schema: { type: 'string' } },
  request: emptyRequest,
  response: pushTicksResponse,
  handle: async (c, _q, ctx) => {
    const live = liveOf(ctx, true);
    const type = c.req.header('content-type') ?? '';
    if (!/^(application\/(x-ndjson|jsonl|json|x-jsonlines)|text\/plain)\b/i.test(type)) {
      throw new HttpError(415, 'unsupported-media-type', 'send ticks as application/x-ndjson (one JSON object per line)');
    }
    if (Number(c.req.header('content-length') ?? 0) > MAX_TICK_BODY) throw new HttpError(413, 'payload-too-large', `request body over ${MAX_TICK_BODY} bytes`, { max: MAX_TICK_BODY });
    const text = await c.req.text();
    if (Buffer.byteLength(text) > MAX_TICK_BODY) throw new HttpError(413, 'payload-too-large', `request body over ${MAX_TICK_BODY} bytes`, { max: MAX_TICK_BODY });
    return c.json(await live.push(text));
  },
});

/** The live API's routes (OpenAPI lists them; each answers 404 `live-off` without --live). */
export const LIVE_ROUTES: readonly ApiRoute[] = [liveStateRoute, liveEventsRoute, alertsRoute, pushTicksRoute];
