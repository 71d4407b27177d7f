import { DEFAULT_PAIR_ROLLING } from '@soukan/data';
import { HttpError } from '../http/httpError.js';
import { intParam, numberParam, required, symbolsParam } from '../http/params.js';
import { route } from '../http/route.js';
import { conflict, correlationParams, correlationQuery, matrixSchema, MAX_WINDOW } from './common.js';

const twoSymbols = required(symbolsParam('exactly two pairs, comma-separated, e.g. EUR/USD,GBP/USD', 2));

function needTwo(symbols: readonly string[] | undefined): void {
  if (!symbols || symbols.length !== 2) {
    throw new HttpError(400, 'invalid-param', `symbols: expected exactly two pairs, got ${symbols?.length ?? 0}`, { param: 'symbols', value: symbols?.join(',') ?? '', expected: 'exactly two pairs', rule: 'two-pairs' });
  }
}

/** `GET /api/correlation`: the matrix, as `soukan corr --format json`. */
export const correlationRoute = route({
  method: 'get',
  path: '/api/correlation',
  tag: 'correlation',
  summary: 'Correlation matrix with n, p-value, confidence interval and reason per cell',
  description: 'The same request and JSON as `soukan corr --format json`. Cells with too few observations or a constant input are null with their reason.',
  query: correlationQuery,
  response: matrixSchema,
  heavy: true,
  handle: async (c, q, ctx) => ctx.compute(c, 'correlation', await ctx.data.snapshot(q.source), correlationParams(q)),
});

const seriesQuery = {
  ...correlationQuery,
  symbols: twoSymbols,
  rolling: intParam('rolling window (observations); or give ewm', 2, MAX_WINDOW),
  ewm: numberParam('EWMA decay λ in (0, 1), e.g. 0.94 (RiskMetrics); or give rolling', { exclusiveMin: 0, exclusiveMax: 1 }),
};

/** `GET /api/correlation/series`: rolling or EWMA correlation of two pairs. */
export const correlationSeriesRoute = route({
  method: 'get',
  path: '/api/correlation/series',
  tag: 'correlation',
  summary: 'Rolling or exponentially weighted correlation of two pairs over time',
  description: 'As `soukan corr A B --rolling w` / `--ewm λ` with `--format json`. Pearson only; from/to/end choose the part returned.',
  query: seriesQuery,
  response: {
    type: 'object',
    properties: {
      symbols: { type: 'array', items: { type: 'string' } },
      kind: { enum: ['rolling', 'ewm'] },
      window: { type: ['integer', 'null'] },
      lambda: { type: ['number', 'null'] },
      time: { type: 'array', items: { type: 'string' } },
      rho: { type: 'array', items: { type: ['number', 'null'] } },
    },
  },
  heavy: true,
  handle: async (c, q, ctx) => {
    needTwo(q.symbols);
    if (q.rolling === undefined && q.ewm === undefined) throw new HttpError(400, 'missing-param', 'rolling or ewm is required', { param: 'rolling' });
    if (q.rolling !== undefined && q.ewm !== undefined) conflict('rolling', 'ewm');
    if (q.method !== undefined && q.method !== 'pearson') {
      throw new HttpError(400, 'invalid-param', 'method: rolling and EWMA correlations are Pearson', { param: 'method', value: q.method, expected: 'pearson', rule: 'one-of', values: 'pearson' });
    }
    const p = correlationParams({ ...q, window: undefined });
    return ctx.compute(c, 'correlationSeries', await ctx.data.snapshot(q.source), { ...p, method: undefined, window: undefined, rolling: q.rolling, ewm: q.ewm });
  },
});

const pairQuery = {
  ...correlationQuery,
  symbols: twoSymbols,
  rolling: intParam(`rolling window of the correlation-over-time series (default ${DEFAULT_PAIR_ROLLING})`, 2, MAX_WINDOW),
};

/** `GET /api/correlation/pair`: one cell seen from every side (the dashboard's pair page). */
export const correlationPairRoute = route({
  method: 'get',
  path: '/api/correlation/pair',
  tag: 'correlation',
  summary: 'One cell in depth: coefficient, sample, prices, rolling correlation with mean ± σ',
  description:
    'The 2 × 2 matrix of the two pairs over the window (same fields as /api/correlation), the observations behind it (`sample`, for a scatter), ' +
    'both aligned price series (`prices`), and the rolling Pearson correlation over the whole history with its mean and standard deviation (`rolling`). Times are epoch ms.',
  query: pairQuery,
  response: {
    allOf: [
      matrixSchema,
      {
        type: 'object',
        properties: {
          prices: { type: 'object', properties: { time: { type: 'array' }, a: { type: 'array' }, b: { type: 'array' } } },
          sample: { type: 'object', properties: { time: { type: 'array' }, a: { type: 'array' }, b: { type: 'array' } } },
          rolling: { type: 'object', properties: { window: { type: 'integer' }, time: { type: 'array' }, rho: { type: 'array' }, mean: { type: ['number', 'null'] }, sd: { type: ['number', 'null'] } } },
        },
      },
    ],
  },
  heavy: true,
  handle: async (c, q, ctx) => {
    needTwo(q.symbols);
    const p = correlationParams(q);
    return ctx.compute(c, 'correlationPair', await ctx.data.snapshot(q.source), { ...p, order: 'given', rolling: q.rolling });
  },
});
