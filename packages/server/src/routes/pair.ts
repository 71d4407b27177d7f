import { pairRequest, pairResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/pair` (`soukan pair`). */
export const pairRoute = requestRoute({
  method: 'get',
  path: '/api/pair',
  tag: 'strength',
  summary: pairRequest.summary.en,
  request: pairRequest,
  response: pairResponse,
  heavy: true,
  handle: async (c, q, ctx) => {
    const { autolag, source, ...rest } = q;
    return ctx.compute(c, 'pair', await ctx.data.snapshot(source), { ...rest, a: q.a!, b: q.b!, autolag: autolag === 'none' ? null : autolag });
  },
});
