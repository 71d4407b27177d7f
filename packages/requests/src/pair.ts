import * as z from 'zod/mini';
import { endParam, fromParam, sourceParam, timeframeParam, toParam, windowParamOf, windowRules } from './common.js';
import { MAX_WINDOW } from './limits.js';
import { int, number, oneOf, pair } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';
import { RequestError } from './spec/requestError.js';

/** Default window of a pair-trading analysis: about two years of daily observations. */
export const DEFAULT_PAIR_WINDOW = 500;

/** Parameters of `soukan pair` / `GET /api/pair`. */
export const pairParams = {
  a: param(pair(), { description: { en: 'first leg (the dependent one), e.g. AUD/USD', ja: '第 1 脚（従属側。例: AUD/USD）' }, cli: 'argument', required: true }),
  b: param(pair(), { description: { en: 'second leg (the hedge), e.g. NZD/USD', ja: '第 2 脚（ヘッジ側。例: NZD/USD）' }, cli: 'argument', required: true }),
  on: param(oneOf(['log', 'price']), { description: { en: 'regress log prices or price levels', ja: '対数価格または価格水準で回帰' }, default: 'log' }),
  hedge: param(oneOf(['ols', 'tls']), { description: { en: 'the hedge ratio used for the spread', ja: 'スプレッドに使うヘッジ比率' }, default: 'ols' }),
  trend: param(oneOf(['c', 'ct', 'n']), { description: { en: 'deterministic terms of the cointegrating regression', ja: '共和分回帰の確定項' }, default: 'c' }),
  autolag: param(oneOf(['aic', 'bic', 't-stat', 'none']), { description: { en: 'lag selection of the ADF regressions', ja: 'ADF 回帰のラグ選択' }, default: 'aic' }),
  maxLag: param(int(0, 100), { description: { en: 'largest ADF lag (with autolag none, the lags used)', ja: 'ADF の最大ラグ（autolag none なら使うラグ）' }, defaultText: '12·(n/100)^¼' }),
  zWindow: param(int(2, MAX_WINDOW), { description: { en: 'rolling window of the spread z-score', ja: 'スプレッド z スコアのローリング期間' }, default: 60 }),
  corrShort: param(int(2, MAX_WINDOW), { description: { en: 'short correlation window (returns)', ja: '短期相関の期間' }, default: 20 }),
  corrLong: param(int(3, MAX_WINDOW), { description: { en: 'long correlation window, and the history of the short one', ja: '長期相関の期間' }, default: 120 }),
  level: param(oneOf(['1%', '5%', '10%']), { description: { en: 'significance level of the cointegration verdict (Engle–Granger τ below its critical value)', ja: '共和分判定の有意水準（Engle–Granger τ が臨界値を下回るか）' }, default: '5%' }),
  k: param(number({ gt: 0, max: 100 }, '<sd>'), { description: { en: 'divergence alert threshold in standard deviations', ja: '乖離警告のしきい値（標準偏差）' }, default: 2 }),
  window: windowParamOf(2, DEFAULT_PAIR_WINDOW, { en: 'last N observations, or all', ja: '直近 N 個の観測、または all' }),
  end: endParam,
  from: fromParam,
  to: toParam,
  timeframe: timeframeParam,
  source: sourceParam,
};

/** Pair trading: hedge ratios, spread z-score, cointegration tests, half-life, correlation divergence. */
export const pairRequest = defineRequest({
  name: 'pair',
  summary: { en: 'Pair trading (サヤ取り): hedge ratios, spread z-score, Engle–Granger and ADF tests, half-life, correlation divergence', ja: 'サヤ取り: ヘッジ比率、スプレッド z スコア、Engle–Granger・ADF 検定、半減期、相関の乖離' },
  params: pairParams,
  rules: [
    ...windowRules<typeof pairParams>(),
    (_g, r, label) =>
      r.corrShort !== undefined && r.corrLong !== undefined && r.corrShort >= r.corrLong
        ? new RequestError('invalid-param', `${label('corrShort')}: expected less than ${label('corrLong')} (${r.corrLong}), got ${r.corrShort}`, {
            param: 'corrShort',
            value: r.corrShort,
            expected: `less than ${r.corrLong}`,
            rule: 'less-than',
            max: r.corrLong,
          })
        : undefined,
  ],
  examples: [
    { cli: 'soukan pair AUD/USD NZD/USD', what: { en: 'the classic pair over the last 500 observations', ja: '定番ペアの直近 500 観測' } },
    { cli: 'soukan pair EUR/USD GBP/USD --hedge tls --z-window 20 --format json', what: { en: 'total least squares hedge and a short z-score window, as JSON', ja: 'TLS ヘッジと短い z スコア期間（JSON）' } },
  ],
});

/** A pair-trading request as the data layer takes it. */
export type PairRequestParams = Values<typeof pairParams>;

const critical = z.object({ '1%': maybe, '5%': maybe, '10%': maybe });
const hedgeRatio = z.object({ beta: maybe, alpha: maybe, betaSe: maybe, alphaSe: maybe });
const adf = z.object({ statistic: maybe, pValue: maybe, usedLag: maybe, nobs: count, criticalValues: critical, regression: z.enum(['n', 'c', 'ct', 'ctt']), autolag: z.nullable(z.enum(['aic', 'bic', 't-stat'])) });
const span = z.object({ start: isoTime, end: isoTime });

/**
 * The body of `GET /api/pair` and `soukan pair --format json`.
 *
 * @example pairResponse.safeParse(await (await fetch('/api/pair?a=AUD/USD&b=NZD/USD')).json()).success // true
 */
export const pairResponse = z.object({
  a: z.string(),
  b: z.string(),
  on: z.enum(['log prices', 'price levels']),
  timeframe: timeframeName,
  observations: count,
  start: isoTime,
  end: isoTime,
  hedge: z.object({ used: z.enum(['ols', 'tls']), ols: hedgeRatio, tls: hedgeRatio }),
  spread: z.object({ latest: maybe, zWindow: count, zLatest: maybe }),
  engleGranger: z.object({
    statistic: described(z.union([maybe, z.literal('-Infinity')]), '-Infinity when the two series are collinear'),
    pValue: maybe,
    usedLag: maybe,
    nobs: count,
    criticalValues: critical,
    trend: z.enum(['n', 'c', 'ct', 'ctt']),
    beta: maybe,
    alpha: maybe,
    collinear: z.boolean(),
  }),
  adf: z.object({ spread: adf, a: adf, b: adf }),
  verdict: described(
    z.object({ level: z.enum(['1%', '5%', '10%']), critical: maybe, cointegrated: z.boolean() }),
    'cointegrated at level: the Engle–Granger statistic below its critical value at that level',
  ),
  halfLife: z.object({ periods: described(z.union([maybe, z.literal('Infinity')]), 'Infinity when the spread does not revert'), days: maybe, phi: maybe, b: maybe, bSe: maybe }),
  divergence: z.nullable(
    z.object({
      short: count,
      long: count,
      k: z.number(),
      latest: z.object({ shortCorr: maybe, longCorr: maybe, z: maybe, alert: z.boolean() }),
      episodes: z.array(z.object({ start: isoTime, end: isoTime, peakZ: maybe })),
      lastEpisode: z.nullable(span),
    }),
  ),
  series: z.object({
    time: z.array(isoTime),
    a: z.array(z.number()),
    b: z.array(z.number()),
    spread: z.array(maybe),
    z: z.array(maybe),
    shortCorr: z.nullable(z.array(maybe)),
    longCorr: z.nullable(z.array(maybe)),
    divergenceZ: z.nullable(z.array(maybe)),
  }),
  ...aboutFields,
  notes,
});
