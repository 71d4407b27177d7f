import { strengthRequest, strengthResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/strength` (`soukan strength`). */
export const strengthRoute = requestRoute({
  method: 'get',
  path: '/api/strength',
  tag: 'strength',
  summary: strengthRequest.summary.en,
  request: strengthRequest,
  response: strengthResponse,
  heavy: true,
  handle: async (c, q, ctx) => {
    const { currencies, align, source, ...rest } = q;
    return ctx.compute(c, 'strength', await ctx.data.snapshot(source), {
      ...rest,
      currencies: currencies?.split(/[, ]/),
      align: align ? { kind: align } : undefined,
    });
  },
});
