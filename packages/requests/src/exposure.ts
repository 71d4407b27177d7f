import * as z from 'zod/mini';
import { confidenceListKind, currencyKind, endParam, positionsKind, sourceParam, windowParamOf } from './common.js';
import { pair } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, notes } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';
import { covarianceModelSchema, DEFAULT_RISK_WINDOW, meanParam } from './valueAtRisk.js';

/** Fewest common daily returns behind an exposure's risk model (the smallest window). */
export const MIN_EXPOSURE_RETURNS = 20;

/** Parameters of `soukan exposure` / `GET /api/exposure`. */
export const exposureParams = {
  positions: param(positionsKind(), {
    description: { en: 'positions: EUR/USD 100000,USD/CHF -50000 (k/m suffixes allowed)', ja: 'ポジション: EUR/USD 100000,USD/CHF -50000（k/m 可）' },
    cli: 'none',
  }),
  account: param(currencyKind(), { description: { en: 'account currency', ja: '口座通貨' }, default: 'USD' }),
  confidence: param(confidenceListKind(), { description: { en: 'confidence level(s), e.g. 0.99 or 0.95,0.99', ja: '信頼水準（例: 0.99、0.95,0.99）' }, default: '0.99' }),
  window: windowParamOf(MIN_EXPOSURE_RETURNS, DEFAULT_RISK_WINDOW, { en: 'daily returns used for the risk model, or all', ja: 'リスクモデルに使う日次リターン数、または all' }),
  end: param(endParam, { ...endParam, description: { en: 'rates and returns at or before this date', ja: 'この日以前のレートとリターン' } }),
  hedge: param(pair(), { description: { en: 'pair to hedge in (default: the best of the pairs held)', ja: 'ヘッジに使うペア（既定: 保有ペアのうち最良のもの）' } }),
  mean: param(meanParam, { ...meanParam, description: { en: 'mean return of the normal model: sample (as the historical VaR sees it) or zero (RiskMetrics)', ja: '正規モデルの平均リターン: sample または zero（RiskMetrics）' } }),
  source: sourceParam,
};

/** Net currency exposure, portfolio VaR/ES with contributions, minimum-variance hedge. */
export const exposureRequest = defineRequest({
  name: 'exposure',
  summary: { en: 'Net currency exposure, portfolio VaR/ES with contributions, minimum-variance hedge', ja: '通貨別ネットエクスポージャー、寄与度付きポートフォリオ VaR/ES、最小分散ヘッジ' },
  params: exposureParams,
  rules: [],
  examples: [
    { cli: 'soukan exposure EUR/USD +100000 USD/CHF -50000 --account USD', what: { en: 'net exposure per currency and portfolio risk in USD', ja: '通貨別ネットエクスポージャーと USD 建てリスク' } },
    { cli: 'soukan exposure EUR/JPY +1m GBP/USD +500k --account JPY --format json', what: { en: 'a yen account, as JSON', ja: '円建て口座（JSON）' } },
  ],
});

/** An exposure request's scalar parameters as the data layer checks them. */
export type ExposureRequestParams = Values<typeof exposureParams>;

/**
 * The body of `GET /api/exposure` and `soukan exposure --format json`.
 *
 * @example exposureResponse.safeParse(await (await fetch('/api/exposure?positions=EUR/USD%20100000')).json()).success // true
 */
export const exposureResponse = z.object({
  account: z.string(),
  asOf: isoTime,
  positions: z.array(z.object({ symbol: z.string(), amount: z.number(), rate: z.number(), exposure: maybe })),
  currencies: described(z.array(z.object({ currency: z.string(), amount: maybe, rate: maybe, value: maybe })), 'net amount per currency and its value in the account currency'),
  gross: maybe,
  net: maybe,
  risk: z.object({
    model: z.string(),
    returns: count,
    start: isoTime,
    end: isoTime,
    sigma: maybe,
    mean: z.enum(['sample', 'zero']),
    covariance: covarianceModelSchema,
    normal: z.array(
      z.object({
        confidence: z.number(),
        var: maybe,
        es: maybe,
        positions: z.array(z.object({ symbol: z.string(), marginalVar: maybe, componentVar: maybe, shareOfVar: maybe, marginalEs: maybe, componentEs: maybe })),
      }),
    ),
    historical: z.array(
      z.object({ confidence: z.number(), quantile: z.literal('linear'), var: maybe, es: maybe, tailScenarios: count, positions: z.array(z.object({ symbol: z.string(), componentEs: maybe })) }),
    ),
  }),
  diversification: z.object({
    ratio: maybe,
    averageCorrelation: z.object({ equalWeighted: maybe, riskWeighted: maybe, pairs: count }),
    definition: z.string(),
  }),
  hedge: described(
    z.object({ symbol: z.string(), given: z.boolean(), amount: maybe, exposure: maybe, sigmaBefore: maybe, sigmaAfter: maybe, varianceReduction: maybe }),
    'the variance-minimising hedge in one pair',
  ),
  ...aboutFields,
  notes,
});
