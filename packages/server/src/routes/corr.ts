import { correlationPairRequest, correlationPairResponse, correlationRequest, correlationResponse, correlationSeriesRequest, correlationSeriesResponse } from '@soukan/requests';
import { requestRoute } from '../http/route.js';

/** `GET /api/correlation`: the matrix, as `soukan corr --format json`. */
export const correlationRoute = requestRoute({
  method: 'get',
  path: '/api/correlation',
  tag: 'correlation',
  summary: correlationRequest.summary.en,
  description: 'The same request and JSON as `soukan corr --format json`. Cells with too few observations or a constant input are null with their reason.',
  request: correlationRequest,
  response: correlationResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'correlation', await ctx.data.snapshot(q.source), q),
});

/** `GET /api/correlation/series`: rolling or EWMA correlation of two pairs. */
export const correlationSeriesRoute = requestRoute({
  method: 'get',
  path: '/api/correlation/series',
  tag: 'correlation',
  summary: correlationSeriesRequest.summary.en,
  description: 'As `soukan corr A B --rolling w` / `--ewm λ` with `--format json`. Pearson only; from/to/end choose the part returned.',
  request: correlationSeriesRequest,
  response: correlationSeriesResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'correlationSeries', await ctx.data.snapshot(q.source), q),
});

/** `GET /api/correlation/pair`: one cell seen from every side (the dashboard's pair page). */
export const correlationPairRoute = requestRoute({
  method: 'get',
  path: '/api/correlation/pair',
  tag: 'correlation',
  summary: correlationPairRequest.summary.en,
  description:
    'The 2 × 2 matrix of the two pairs over the window (same fields as /api/correlation), the observations behind it (`sample`, for a scatter), ' +
    'both aligned price series (`prices`), and the rolling Pearson correlation over the whole history with its mean and standard deviation (`rolling`). Times are epoch ms.',
  request: correlationPairRequest,
  response: correlationPairResponse,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'correlationPair', await ctx.data.snapshot(q.source), q),
});
