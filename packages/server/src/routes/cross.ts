import { crossRequest } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/cross` (`soukan cross`). */
export const crossRoute = requestRoute({
  method: 'get',
  path: '/api/cross',
  tag: 'strength',
  summary: crossRequest.summary.en,
  request: crossRequest,
  response: { type: 'object', description: 'symbol, legs, via, observations, inconsistency (pips/bp summaries), series' },
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'cross', await ctx.data.snapshot(q.source), { ...q, symbol: q.symbol! }),
});
