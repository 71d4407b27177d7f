import { dccRequest, dccResponse, stabilityRequest, stabilityResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/correlation/stability`: is each correlation stable, or breaking? */
export const stabilityRoute = requestRoute({
  method: 'get',
  path: '/api/correlation/stability',
  tag: 'correlation',
  summary: stabilityRequest.summary.en,
  description:
    'As `soukan stability --format json`. Per cell: ρ over the current and the previous window, the Fisher z test between them (`changed` at `level`), ' +
    'and the rolling history (`rolling`: windows, mean, sd, min, max, sameSign, sign, score = sameSign · (1 − sd)); for the matrix, Jennrich’s χ² test (`matrix`).',
  request: stabilityRequest,
  response: stabilityResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'stability', await ctx.data.snapshot(q.source), q),
});

/** `GET /api/dcc`: DCC-GARCH(1,1) conditional correlations, forecasts and (with series) their history. */
export const dccRoute = requestRoute({
  method: 'get',
  path: '/api/dcc',
  tag: 'correlation',
  summary: dccRequest.summary.en,
  description:
    'As `soukan dcc --format json`: the model (a, b, log-likelihoods), one GARCH(1,1) per pair, and per pair of pairs the current conditional correlation, ' +
    'its forecast for steps 1…horizon and the long-run value; with series=true the conditional correlation series of every pair (`series.rho[p]`, pairs in `pairs` order).',
  request: dccRequest,
  response: dccResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'dcc', await ctx.data.snapshot(q.source), q),
});
