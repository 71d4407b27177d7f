import * as z from 'zod/mini';
import { RISKMETRICS_LAMBDA } from '@soukan/core';
import { endParam, sourceParam, zoneKind } from './common.js';
import { defaultWindow, defaultWindowText } from './defaultWindow.js';
import { MAX_WINDOW } from './limits.js';
import { int, number, pair, text, timeframe, windowOrAll } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Default window of the volatility estimators at D1: one FX year (the same span at every timeframe: {@link defaultWindow}). */
export const DEFAULT_VOL_WINDOW = defaultWindow('volatility', 'D1');

/** Parameters of `soukan vol` / `GET /api/volatility`. */
export const volatilityParams = {
  symbol: param(pair(), { description: { en: 'the pair, e.g. EUR/USD', ja: '通貨ペア（例: EUR/USD）' }, cli: 'argument', required: true }),
  timeframe: param(timeframe(), { description: { en: 'bars for the estimators: D1 (default), H4, H1 … (intraday data), W1', ja: '推定に使う足: D1（既定）、H4、H1 …（日中データ）、W1' } }),
  window: param(windowOrAll(3, MAX_WINDOW), {
    description: { en: 'last n bars for the estimators, or all; the default spans one FX year at every timeframe', ja: '推定に使う直近 n 本、または all。既定はどの足でも FX の 1 年分' },
    defaultText: defaultWindowText('volatility'),
  }),
  end: endParam,
  zone: param(zoneKind(), { description: { en: 'time zone of the hour-of-day table (IANA, e.g. Europe/London, Asia/Tokyo)', ja: '時間帯別の表のタイムゾーン（IANA 名。例: Asia/Tokyo）' }, default: 'UTC' }),
  weeks: param(int(1, 520), { description: { en: 'weeks of history in the range tables', ja: 'レンジ表に使う週数' }, default: 10 }),
  lambda: param(number({ gt: 0, lt: 1 }, '<λ>'), { description: { en: 'EWMA decay', ja: 'EWMA の減衰係数' }, default: RISKMETRICS_LAMBDA }),
  atr: param(int(1, 1000), { description: { en: 'ATR period', ja: 'ATR の期間' }, default: 14 }),
  horizon: param(int(1, 250), { description: { en: 'GARCH forecast steps (bars)', ja: 'GARCH 予測の本数' }, default: 10 }),
  periodsPerYear: param(text(/^(fx|observed|\d+(\.\d+)?)$/, { en: 'fx, observed or a positive number', rule: 'periods-per-year' }, 20, '<n>'), {
    description: { en: 'annualisation: a number, fx (260 days × bars per day) or observed (from the data)', ja: '年率換算: 数値、fx（260 日 × 1 日の本数）、observed（データから）' },
    default: 'fx',
  }),
  source: sourceParam,
};

/** Volatility of a pair: estimators, ATR, EWMA, GARCH(1,1), range by hour and weekday. */
export const volatilityRequest = defineRequest({
  name: 'volatility',
  summary: { en: 'Volatility: estimators (annualised, factor stated), ATR, EWMA, GARCH(1,1), range by hour of day and weekday', ja: 'ボラティリティ: 推定量（年率、係数明示）、ATR、EWMA、GARCH(1,1)、時間帯・曜日別レンジ' },
  params: volatilityParams,
  rules: [],
  examples: [
    { cli: 'soukan vol EUR/USD', what: { en: 'daily volatility of EUR/USD over the last 260 fixings', ja: 'EUR/USD の直近 260 日のボラティリティ' } },
    { cli: 'soukan vol USD/JPY --window 500 --lambda 0.97 --format json', what: { en: 'a longer window and a slower EWMA, as JSON', ja: '長めのウィンドウと遅い EWMA（JSON）' } },
  ],
});

/** A volatility request as the data layer takes it. */
export type VolatilityParams = Values<typeof volatilityParams>;

const rangeBucket = { bars: count, pips: maybe, percent: maybe };

/**
 * The body of `GET /api/volatility` and `soukan vol --format json`.
 *
 * @example volatilityResponse.safeParse(await (await fetch('/api/volatility?symbol=EUR/USD')).json()).success // true
 */
export const volatilityResponse = z.object({
  symbol: z.string(),
  pip: z.number(),
  timeframe: timeframeName,
  bars: count,
  start: isoTime,
  end: isoTime,
  periodsPerYear: z.number(),
  annualisation: z.string(),
  price: maybe,
  estimators: described(z.array(z.object({ name: z.string(), sigma: maybe, annualised: maybe, n: count, pips: maybe })), 'σ per bar, annualised and in pips, per estimator'),
  atr: z.nullable(z.object({ period: count, price: maybe, pips: maybe, percent: maybe })),
  ewma: z.object({ lambda: z.number(), sigma: maybe, annualised: maybe, returns: count }),
  garch: z.nullable(
    z.object({
      omega: maybe,
      alpha: maybe,
      beta: maybe,
      persistence: maybe,
      stdErrors: z.object({ omega: maybe, alpha: maybe, beta: maybe }),
      logLikelihood: maybe,
      nobs: count,
      longRunAnnualised: maybe,
      forecastSigma: z.array(maybe),
      horizonSigma: maybe,
      converged: z.boolean(),
      message: z.string(),
      warning: z.nullable(z.string()),
      conditioning: z.string(),
    }),
  ),
  rangeByHour: z.nullable(z.object({ zone: z.string(), weeks: z.number(), buckets: z.array(z.object({ hour: count, ...rangeBucket })) })),
  rangeByWeekday: z.nullable(z.object({ weeks: z.number(), day: z.string(), buckets: z.array(z.object({ weekday: z.string(), ...rangeBucket })) })),
  rangeSpan: z.nullable(z.object({ start: z.nullable(isoTime), end: z.nullable(isoTime) })),
  ...aboutFields,
  notes,
});
