import { leadLagRequest, leadLagResponse, partialRequest, partialResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/leadlag`: which of two pairs leads, as `soukan leadlag A B --format json`. */
export const leadLagRoute = requestRoute({
  method: 'get',
  path: '/api/leadlag',
  tag: 'correlation',
  summary: leadLagRequest.summary.en,
  description:
    'The same request and JSON as `soukan leadlag A B --format json`: cross-correlation of aligned log returns at lags −maxLag … maxLag (x leads y at positive lags) with ' +
    'two-sided t-test p-values, the lag of largest |r| with a Bonferroni-adjusted p, and statsmodels-style Granger tests (SSR F, χ², LR) in both directions.',
  request: leadLagRequest,
  response: leadLagResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'leadLag', await ctx.data.snapshot(q.source), q),
});

/** `GET /api/partial`: correlation net of chosen series, as `soukan partial … --format json`. */
export const partialRoute = requestRoute({
  method: 'get',
  path: '/api/partial',
  tag: 'correlation',
  summary: partialRequest.summary.en,
  description:
    'The same request and JSON as `soukan partial A B … --given X --format json`: the Pearson correlation of log returns and, beside it, the correlation net of the given ' +
    'series (a currency = its zero-sum least-squares strength factor from the major pairs; or pairs), from the Schur complement of the covariance.',
  request: partialRequest,
  response: partialResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'partial', await ctx.data.snapshot(q.source), q),
});
