import { eppsRequest, eppsResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/epps`: correlation of asynchronous observations, as `soukan epps A B --format json`. */
export const eppsRoute = requestRoute({
  method: 'get',
  path: '/api/epps',
  tag: 'correlation',
  summary: eppsRequest.summary.en,
  description:
    'The same request and JSON as `soukan epps A B --format json`: the stored rows of two quoted (or inverted) pairs over `days` days to `end`, optionally thinned at random, ' +
    'the Hayashi–Yoshida correlation on each pair’s own times and the Epps curve (realised correlation of previous-tick samples at each interval).',
  request: eppsRequest,
  response: eppsResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'epps', await ctx.data.snapshot(q.source), q),
});
