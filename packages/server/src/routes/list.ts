import { listRequest, listResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';
import { iso } from './iso.js';

/** `GET /api/list`: what is stored (`soukan list`). */
export const listRoute = requestRoute({
  method: 'get',
  path: '/api/list',
  tag: 'data',
  summary: 'Stored series: source, symbol, kind, rows, first and last time',
  request: listRequest,
  response: listResponse,
  handle: async (c, q, ctx) => {
    const list = (await ctx.data.list()).filter((s) => q.source === undefined || s.source.toLowerCase() === q.source.toLowerCase());
    return c.json({
      provider: { kind: ctx.data.kind, location: ctx.data.location, path: ctx.data.path ?? null },
      dataVersion: ctx.data.version(),
      series: list.map((s) => ({ ...s, first: iso(s.first), last: iso(s.last) })),
    });
  },
});

