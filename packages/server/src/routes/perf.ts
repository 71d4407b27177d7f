import { parseAnnualRate } from '@soukan/data';
import { perfRequest, perfResponse } from '@soukan/requests';
import { HttpError } from '../http/httpError.js';
import { requestRoute } from '../http/route.js';
import { parsed } from './positions.js';

/** `GET /api/performance` (`soukan perf`). */
export const performanceRoute = requestRoute({
  method: 'get',
  path: '/api/performance',
  tag: 'strength',
  summary: perfRequest.summary.en,
  request: perfRequest,
  response: perfResponse,
  heavy: true,
  handle: async (c, q, ctx) => {
    const { rf: rfText, annualization: a, source, ...rest } = q;
    const annualization = a === undefined ? undefined : a === 'observed' || a === 'conventional' ? a : Number(a);
    if (typeof annualization === 'number' && !(annualization > 0)) throw new HttpError(400, 'invalid-param', 'annualization: expected a positive number', { param: 'annualization', value: a!, expected: 'a positive number' });
    const rf = rfText === undefined ? undefined : parsed('rf', rfText, () => parseAnnualRate(rfText));
    return ctx.compute(c, 'performance', await ctx.data.snapshot(source), {
      ...rest,
      assets: q.assets!,
      riskFree: rf,
      riskFreeLabel: rf === undefined ? undefined : `${+(rf * 100).toPrecision(6)}%`,
      annualization,
    });
  },
});
