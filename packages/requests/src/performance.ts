import * as z from 'zod/mini';
import { endParam, fromParam, sourceParam, timeframeParam, toParam, windowParamOf, windowRules } from './common.js';
import { MAX_SYMBOLS } from './limits.js';
import { number, pair, pairs, text } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, maybe, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Parameters of `soukan perf` / `GET /api/performance`. */
export const perfParams = {
  assets: param(pairs(MAX_SYMBOLS), { description: { en: 'pairs (long the base currency), e.g. USD/JPY EUR/GBP', ja: '通貨ペア（基軸通貨の買い。例: USD/JPY EUR/GBP）' }, cli: 'argument', required: true }),
  benchmark: param(pair(), { description: { en: 'benchmark pair (same data)', ja: 'ベンチマークのペア（同じデータ）' } }),
  rf: param(text(/^-?\d*\.?\d+%?$/, { en: 'an annual rate such as 0.02 or 2%', rule: 'annual-rate' }, 20, '<rate>'), {
    description: { en: 'constant annual risk-free rate: 0.02 or 2%', ja: '一定の年率無リスク金利: 0.02 または 2%' },
    defaultText: '0',
  }),
  annualization: param(text(/^(observed|conventional|\d*\.?\d+)$/, { en: 'observed, conventional or a positive number', rule: 'annualization' }, 20, '<a>'), {
    description: { en: 'observed (periods per year in the data) | conventional (252/52/12) | a number', ja: 'observed（データの年間期間数）| conventional（252/52/12）| 数値' },
    default: 'observed',
  }),
  varLevel: param(number({ gt: 0, lt: 1 }, '<c>'), { description: { en: 'VaR/ES confidence level', ja: 'VaR/ES の信頼水準' }, default: 0.95 }),
  window: windowParamOf(2, 'all', { en: 'last N returns, or all', ja: '直近 N 個のリターン、または all' }),
  end: endParam,
  from: fromParam,
  to: toParam,
  timeframe: timeframeParam,
  source: sourceParam,
};

/** Performance report of pairs held long. */
export const perfRequest = defineRequest({
  name: 'performance',
  summary: { en: 'Performance report: return, risk, Sharpe/Sortino, drawdowns, VaR/ES, best/worst, monthly table, vs a benchmark', ja: 'パフォーマンス: リターン、リスク、シャープ/ソルティノ、ドローダウン、VaR/ES、最良/最悪、月次表、ベンチマーク比較' },
  params: perfParams,
  rules: windowRules<typeof perfParams>(),
  examples: [
    { cli: 'soukan perf USD/JPY EUR/GBP --benchmark EUR/USD', what: { en: 'two pairs against a benchmark over all the data', ja: '2 ペアとベンチマーク（全期間）' } },
    { cli: 'soukan perf AUD/JPY --rf 2% --from 2020-01-01 --format json', what: { en: 'since 2020 with a 2 % risk-free rate, as JSON', ja: '2020 年以降、無リスク金利 2 %（JSON）' } },
  ],
});

/** A performance request's parameters as the data layer checks them. */
export type PerfRequestParams = Values<typeof perfParams>;

const stamp = described(z.string(), 'YYYY-MM-DD for daily data, else YYYY-MM-DDTHH:MMZ; "start" before the first return');
const phase = { peak: stamp, trough: stamp, recovery: z.nullable(stamp), depth: z.number() };
const extreme = z.object({ at: stamp, return: maybe });
const extremes = z.object({ period: extreme, month: extreme, year: extreme });

/**
 * The body of `GET /api/perf` and `soukan perf --format json`.
 *
 * @example perfResponse.safeParse(await (await fetch('/api/performance?assets=USD/JPY')).json()).success // true
 */
export const perfResponse = z.object({
  returns: z.literal('simple'),
  timeframe: timeframeName,
  riskFree: z.string(),
  benchmark: z.nullable(z.string()),
  conventions: z.object({
    annualizedReturn: z.string(),
    volatility: z.string(),
    sharpe: z.string(),
    sortino: z.string(),
    skewness: z.string(),
    kurtosis: z.string(),
    var: z.string(),
  }),
  assets: z.array(
    z.object({
      symbol: z.string(),
      start: stamp,
      end: stamp,
      n: count,
      annualization: z.object({ factor: z.number(), method: z.enum(['observed', 'conventional', 'given']), label: z.string() }),
      cumulativeReturn: maybe,
      annualizedReturn: maybe,
      annualizedVolatility: maybe,
      returnRisk: maybe,
      sharpe: maybe,
      sortino: maybe,
      maxDrawdown: z.nullable(z.object(phase)),
      calmar: maybe,
      skewness: maybe,
      excessKurtosis: maybe,
      var: z.object({ level: z.number(), var: maybe, es: maybe }),
      best: extremes,
      worst: extremes,
      monthly: described(z.object({ years: z.array(z.number().check(z.int())), months: z.array(z.array(maybe)), total: z.array(maybe) }), 'returns by year (rows) and month (12 columns), and per year'),
      benchmark: z.nullable(
        z.object({
          correlation: maybe,
          beta: maybe,
          phases: described(z.array(z.object({ ...phase, assetPeakToTrough: maybe, assetPeakToRecovery: maybe })), "the asset's return during each of the benchmark's drawdowns"),
        }),
      ),
    }),
  ),
  ...aboutFields,
  notes,
});
