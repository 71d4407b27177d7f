import { moveRequest, moveResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/move` (`soukan move`). */
export const moveRoute = requestRoute({
  method: 'get',
  path: '/api/move',
  tag: 'risk',
  summary: moveRequest.summary.en,
  request: moveRequest,
  response: moveResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'move', await ctx.data.snapshot(q.source), { ...q, symbol: q.symbol! }),
});
