import { crossRequest, crossResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/cross` (`soukan cross`). */
export const crossRoute = requestRoute({
  method: 'get',
  path: '/api/cross',
  tag: 'strength',
  summary: crossRequest.summary.en,
  request: crossRequest,
  response: crossResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'cross', await ctx.data.snapshot(q.source), { ...q, symbol: q.symbol! }),
});
