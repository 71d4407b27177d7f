import { TIMEFRAMES, UNIVERSES } from '@soukan/core';
import { marketOf } from '@soukan/data';
import { metaRequest, metaResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';
import type { MarketSnapshot } from '@soukan/data';

import { iso } from './iso.js';

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

/** `GET /api/meta`: what the dashboard needs to build its forms. */
export const metaRoute = requestRoute({
  method: 'get',
  path: '/api/meta',
  tag: 'server',
  summary: 'Sources, addressable pairs, universes, timeframes and the server limits',
  request: metaRequest,
  response: metaResponse,
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

