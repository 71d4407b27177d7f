import { formatIsoTime, TIMEFRAMES, UNIVERSES } from '@soukan/core';
import { marketOf } from '@soukan/data';
import { dateParam, required, symbolParam, timeframeParam } from '../http/params.js';
import { route } from '../http/route.js';
import type { MarketSnapshot } from '../data/types.js';
import { sourceParam } from './common.js';

const iso = (t: number): string | null => (Number.isFinite(t) ? formatIsoTime(t) : null);
const nums = (a: Float64Array | undefined): (number | null)[] | undefined => (a ? Array.from(a, (v) => (Number.isFinite(v) ? v : null)) : undefined);

const pairsCache = new WeakMap<MarketSnapshot, { currencies: readonly string[]; pairs: string[] }>();

/** Currencies and every market-quoted pair a source can address (cheap; cached per data version). */
function addressable(s: MarketSnapshot): { currencies: readonly string[]; pairs: string[] } {
  let v = pairsCache.get(s);
  if (!v) {
    const m = marketOf(s);
    v = { currencies: m.currencies, pairs: m.addressable() };
    pairsCache.set(s, v);
  }
  return v;
}

/** `GET /api/health`. */
export const healthRoute = route({
  method: 'get',
  path: '/api/health',
  tag: 'server',
  summary: 'Liveness: version and data version',
  query: {},
  response: { type: 'object', properties: { ok: { const: true }, version: { type: 'string' }, dataVersion: { type: 'integer' } } },
  handle: (c, _q, ctx) => c.json({ ok: true, version: ctx.version, dataVersion: ctx.data.version() }),
});

/** `GET /api/meta`: what the dashboard needs to build its forms. */
export const metaRoute = route({
  method: 'get',
  path: '/api/meta',
  tag: 'server',
  summary: 'Sources, addressable pairs, universes, timeframes and the server limits',
  query: { source: sourceParam },
  response: {
    type: 'object',
    properties: {
      version: { type: 'string' },
      provider: { type: 'object' },
      sources: { type: 'array' },
      source: { type: ['object', 'null'] },
      universes: { type: 'object' },
      timeframes: { type: 'array' },
      limits: { type: 'object' },
    },
  },
  handle: async (c, q, ctx) => {
    const list = await ctx.data.list();
    const sources = [...new Set(list.map((s) => s.source))].map((name) => {
      const rows = list.filter((s) => s.source === name);
      return { name, frequency: rows[0]!.frequency, series: rows.length, first: iso(Math.min(...rows.map((r) => r.first))), last: iso(Math.max(...rows.map((r) => r.last))) };
    });
    let source = null;
    if (list.length > 0) {
      const snap = await ctx.data.snapshot(q.source);
      const a = addressable(snap);
      source = {
        name: snap.source,
        frequency: snap.frequency,
        description: snap.about.description,
        attribution: snap.about.attribution ?? null,
        currencies: a.currencies,
        pairs: a.pairs,
        timeframes: snap.frequency === 'daily' ? ['D1', 'W1'] : TIMEFRAMES.filter((t) => t !== 'M1'),
      };
    }
    const load = ctx.executor.load();
    return c.json({
      version: ctx.version,
      dataVersion: ctx.data.version(),
      provider: { kind: ctx.data.kind, location: ctx.data.location, path: ctx.data.path ?? null },
      sources,
      source,
      universes: UNIVERSES,
      timeframes: TIMEFRAMES,
      imports: { fromFolder: ctx.dataDir !== undefined, upload: true },
      limits: {
        timeBudgetSeconds: ctx.limits.timeBudgetMs / 1000,
        maxUploadBytes: ctx.limits.maxUploadBytes,
        maxSymbols: ctx.limits.maxSymbols,
        workers: load.capacity,
        queue: load.queue,
      },
      auth: ctx.auth,
    });
  },
});

/** `GET /api/list`: what is stored (`soukan list`). */
export const listRoute = route({
  method: 'get',
  path: '/api/list',
  tag: 'data',
  summary: 'Stored series: source, symbol, kind, rows, first and last time',
  query: {},
  response: {
    type: 'object',
    properties: {
      provider: { type: 'object' },
      dataVersion: { type: 'integer' },
      series: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            source: { type: 'string' },
            symbol: { type: 'string' },
            kind: { enum: ['bars', 'quotes'] },
            frequency: { enum: ['daily', 'intraday'] },
            rows: { type: 'integer' },
            first: { type: ['string', 'null'] },
            last: { type: ['string', 'null'] },
          },
        },
      },
    },
  },
  handle: async (c, _q, ctx) => {
    const list = await ctx.data.list();
    return c.json({
      provider: { kind: ctx.data.kind, location: ctx.data.location, path: ctx.data.path ?? null },
      dataVersion: ctx.data.version(),
      series: list.map((s) => ({ ...s, first: iso(s.first), last: iso(s.last) })),
    });
  },
});

/** `GET /api/bars`: bars of one pair (`soukan bars`). */
export const barsRoute = route({
  method: 'get',
  path: '/api/bars',
  tag: 'data',
  summary: 'Bars (or fixings) of any addressable pair, optionally resampled',
  description: 'Times are epoch ms (bar open; daily observations at 00:00 UTC of their date). Without timeframe: the stored observations.',
  query: {
    symbol: required(symbolParam('the pair, e.g. EUR/USD')),
    source: sourceParam,
    timeframe: timeframeParam('resample to this bar size (D1/W1 for daily data)'),
    from: dateParam('first bar at or after'),
    to: dateParam('last bar at or before'),
  },
  response: {
    type: 'object',
    properties: {
      symbol: { type: 'string' },
      source: { type: 'string' },
      timeframe: { type: ['string', 'null'] },
      time: { type: 'array', items: { type: 'number' } },
      open: { type: 'array' },
      high: { type: 'array' },
      low: { type: 'array' },
      close: { type: 'array' },
      notes: { type: 'array', items: { type: 'string' } },
    },
  },
  handle: async (c, q, ctx) => {
    const r = await ctx.data.bars(q.symbol!, { source: q.source, timeframe: q.timeframe, from: q.from, to: q.to });
    const s = r.series;
    return c.json({
      symbol: s.symbol,
      source: r.source,
      timeframe: r.timeframe ?? null,
      time: Array.from(s.time),
      open: nums(s.open) ?? null,
      high: nums(s.high) ?? null,
      low: nums(s.low) ?? null,
      close: nums(s.close),
      volume: nums(s.volume) ?? null,
      notes: r.notes,
    });
  },
});
