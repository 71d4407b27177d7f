import * as z from 'zod/mini';
import { correlationMatrixFields, correlationParams, minPeriodsWithinWindow } from './correlation.js';
import { windowRules } from './common.js';
import { MAX_WINDOW } from './limits.js';
import { exactly } from './spec/count.js';
import { int } from './spec/kinds.js';
import { param } from './spec/param.js';
import { count, described, epochMs, maybe } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Default rolling window of the pair view (about a quarter of daily observations). */
export const DEFAULT_PAIR_ROLLING = 60;

const { symbols, universe: _universe, order: _order, shrink: _shrink, ...rest } = correlationParams;

/** Parameters of the drill-down of one cell of the matrix. */
export const correlationPairParams = {
  ...rest,
  symbols: param(symbols, { ...symbols, description: { en: 'exactly two pairs, e.g. EUR/USD,GBP/USD', ja: 'ちょうど 2 つの通貨ペア（例: EUR/USD,GBP/USD）' }, required: true }),
  rolling: param(int(2, MAX_WINDOW, '<w>'), {
    description: { en: 'rolling window of the correlation-over-time series', ja: '相関推移のローリング期間' },
    default: DEFAULT_PAIR_ROLLING,
  }),
};

/**
 * One cell seen from every side (`GET /api/correlation/pair`, the dashboard's
 * pair page): the coefficient over the window, the sample behind it, both
 * price series and the rolling correlation with its mean ± σ.
 */
export const correlationPairRequest = defineRequest({
  name: 'correlationPair',
  summary: { en: 'One cell in depth: coefficient, sample, prices, rolling correlation with mean ± σ', ja: '1 セルの詳細: 係数、標本、価格、ローリング相関と平均 ± σ' },
  params: correlationPairParams,
  rules: [exactly('symbols', 2), ...windowRules<typeof correlationPairParams>(), minPeriodsWithinWindow<typeof correlationPairParams>()],
  examples: [],
});

/** A pair-view request as the data layer takes it. */
export type CorrelationPairParams = Values<typeof correlationPairParams>;

const aligned = z.object({ time: z.array(epochMs), a: z.array(maybe), b: z.array(maybe) });

/**
 * The body of `GET /api/correlation/pair`: the 2 × 2 matrix and what lies behind it (times in epoch ms).
 *
 * @example correlationPairResponse.safeParse(await (await fetch('/api/correlation/pair?symbols=EUR/USD,GBP/USD')).json()).success // true
 */
export const correlationPairResponse = z.object({
  ...correlationMatrixFields,
  prices: described(aligned, 'both price series, aligned'),
  sample: described(aligned, 'the observations behind the coefficient (for a scatter)'),
  rolling: described(
    z.object({ window: count, time: z.array(epochMs), rho: z.array(maybe), mean: maybe, sd: maybe, count }),
    'the rolling Pearson correlation over the whole history, its mean, standard deviation and number of defined values',
  ),
  breaks: described(
    z.object({
      window: count,
      level: z.number(),
      method: z.string(),
      blocks: z.array(z.object({ from: epochMs, to: epochMs, r: maybe, z: maybe, p: maybe, changed: z.boolean() })),
    }),
    'regime breaks: consecutive blocks of the rolling window, each tested against the one before (Fisher z)',
  ),
});
