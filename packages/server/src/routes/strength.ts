import { strengthRequest } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/strength` (`soukan strength`). */
export const strengthRoute = requestRoute({
  method: 'get',
  path: '/api/strength',
  tag: 'strength',
  summary: strengthRequest.summary.en,
  request: strengthRequest,
  response: { type: 'object', description: 'currencies, pairs, base, ranking[], residual, series (time, index per currency, averageChange per currency)' },
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
