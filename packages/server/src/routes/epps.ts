import { eppsRequest } from '@soukan/requests';
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
  response: {
    type: 'object',
    properties: {
      symbols: { type: 'array', items: { type: 'string' } },
      from: { type: 'string' },
      to: { type: 'string' },
      observations: { type: 'object', description: 'observations used per pair (after thinning)' },
      thin: { type: 'number' },
      hayashiYoshida: { type: 'object', properties: { correlation: { type: ['number', 'null'] }, covariance: { type: ['number', 'null'] }, overlaps: { type: 'integer' } } },
      epps: {
        type: 'array',
        items: { type: 'object', properties: { interval: { type: 'string' }, seconds: { type: 'number' }, returns: { type: 'integer' }, correlation: { type: ['number', 'null'] } } },
      },
    },
  },
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'epps', await ctx.data.snapshot(q.source), q),
});
