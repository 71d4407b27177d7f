import { RISKMETRICS_LAMBDA } from '@soukan/core';
import * as z from 'zod/mini';
import { correlationParams, DEFAULT_CORRELATION_MIN_PERIODS } from './correlation.js';
import { windowParamOf, windowRules } from './common.js';
import { MAX_WINDOW } from './limits.js';
import { exactly } from './spec/count.js';
import { int, number, oneOf } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';
import { atMost, exactlyOneOf } from './spec/rules.js';

const { symbols, on, returns, end, from, to, timeframe, minPeriods, align, source } = correlationParams;

/** Parameters of a rolling or EWMA correlation series of two pairs. */
export const correlationSeriesParams = {
  symbols: param(symbols, { ...symbols, description: { en: 'exactly two pairs, e.g. EUR/USD GBP/USD', ja: 'ちょうど 2 つの通貨ペア（例: EUR/USD GBP/USD）' }, required: true }),
  rolling: param(int(2, MAX_WINDOW, '<w>'), {
    description: { en: 'rolling correlation over w observations; or give ewm', ja: 'w 観測のローリング相関（または ewm）' },
  }),
  ewm: param(number({ gt: 0, lt: 1 }, '<lambda>'), {
    description: { en: `exponentially weighted correlation with decay λ (RiskMetrics: ${RISKMETRICS_LAMBDA}); or give rolling`, ja: `減衰 λ の指数加重相関（RiskMetrics: ${RISKMETRICS_LAMBDA}。または rolling）` },
  }),
  method: param(oneOf(['pearson']), {
    description: { en: 'rolling and EWMA correlations are Pearson', ja: 'ローリング相関と EWMA 相関は Pearson' },
    default: 'pearson',
  }),
  on,
  returns,
  window: windowParamOf(1, 'all', { en: 'the series returned: its last n values (ending at end), or all', ja: '返す系列: 直近 n 個の値（end まで）、または all' }),
  end: param(end, { ...end, description: { en: 'the series returned ends on or before this date', ja: '返す系列の終わり（この日以前）' } }),
  from: param(from, { ...from, description: { en: 'the series returned starts here', ja: '返す系列の開始日' } }),
  to: param(to, { ...to, description: { en: 'the series returned ends here, inclusive', ja: '返す系列の終了日（この日を含む）' } }),
  timeframe,
  minPeriods: param(minPeriods, {
    ...minPeriods,
    description: {
      en: 'a value needs this many observations: in its rolling window (at most the window), or since the start for ewm (pandas min_periods)',
      ja: '値に必要な観測数: ローリング期間内（期間以下）、または ewm では開始から（pandas の min_periods）',
    },
    defaultText: `the rolling window; ${DEFAULT_CORRELATION_MIN_PERIODS} for ewm`,
  }),
  align,
  source,
};

/**
 * A rolling (pandas `rolling(w).corr`) or EWMA (pandas `ewm(alpha = 1 − λ).corr`)
 * Pearson correlation of two pairs over time (`soukan corr A B --rolling w`,
 * `GET /api/correlation/series`).
 */
export const correlationSeriesRequest = defineRequest({
  name: 'correlationSeries',
  summary: { en: 'Rolling or exponentially weighted correlation of two pairs over time', ja: '2 ペアのローリング相関・指数加重相関の推移' },
  params: correlationSeriesParams,
  rules: [
    exactly('symbols', 2),
    exactlyOneOf('rolling', 'ewm'),
    atMost('minPeriods', 'rolling'),
    ...windowRules<typeof correlationSeriesParams>(),
  ],
  examples: [
    { cli: 'soukan corr EUR/USD GBP/USD --rolling 60', what: { en: 'the 60-observation rolling correlation: its last value, mean ± σ and range', ja: '60 観測のローリング相関: 最新値、平均 ± σ、範囲' } },
    { cli: 'soukan corr EUR/USD GBP/USD --rolling 60 --window 250 --series', what: { en: 'its last 250 values, one line each', ja: '直近 250 個の値を 1 行ずつ' } },
    { cli: 'soukan corr AUD/USD NZD/USD --ewm 0.94 --from 2024-01-01 --format csv', what: { en: 'EWMA correlation (λ 0.94) since 2024 as CSV', ja: '2024 年以降の EWMA 相関（λ 0.94、CSV）' } },
  ],
});

/** A correlation-series request as the data layer takes it. */
export type CorrelationSeriesParams = Values<typeof correlationSeriesParams>;

/**
 * The body of `GET /api/correlation/series` and `soukan corr A B --rolling w --format json`.
 *
 * @example correlationSeriesResponse.safeParse(await (await fetch('/api/correlation/series?symbols=EUR/USD,GBP/USD&rolling=60')).json()).success // true
 */
export const correlationSeriesResponse = z.object({
  symbols: z.array(z.string()),
  method: z.literal('pearson'),
  kind: z.enum(['rolling', 'ewm']),
  window: described(z.nullable(count), 'the rolling window (null for ewm)'),
  lambda: described(z.nullable(z.number()), 'the EWMA decay (null for rolling)'),
  on: z.enum(['returns', 'levels']),
  returns: z.nullable(z.enum(['log', 'simple'])),
  timeframe: timeframeName,
  time: z.array(isoTime),
  rho: described(z.array(maybe), 'the correlation at each time, null where undefined'),
  ...aboutFields,
  notes,
});
