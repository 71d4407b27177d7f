import * as z from 'zod/mini';
import { currencyKind, endParam, fromParam, sourceParam, timeframeParam, toParam, windowRules } from './common.js';
import { defaultWindow, defaultWindowText } from './defaultWindow.js';
import { MAX_WINDOW } from './limits.js';
import { pair, windowOrAll } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Default window of a cross at D1: about one year (the same span at every timeframe: {@link defaultWindow}). */
export const DEFAULT_CROSS_WINDOW = defaultWindow('cross', 'D1');

/** Parameters of `soukan cross` / `GET /api/cross`. */
export const crossParams = {
  symbol: param(pair(), { description: { en: 'the cross, e.g. EUR/JPY', ja: 'クロス（例: EUR/JPY）' }, cli: 'argument', required: true }),
  via: param(currencyKind(), { description: { en: 'common currency of the legs (default USD, then EUR)', ja: '両脚に共通の通貨（既定 USD、次に EUR）' } }),
  window: param(windowOrAll(2, MAX_WINDOW), {
    description: { en: 'last N observations, or all; the default spans about a year at every timeframe', ja: '直近 N 個の観測、または all。既定はどの足でも約 1 年分' },
    defaultText: defaultWindowText('cross'),
  }),
  end: endParam,
  from: fromParam,
  to: toParam,
  timeframe: param(timeframeParam, { ...timeframeParam, description: { en: 'bar size; default D1 for daily data, M1 (every minute) for intraday data', ja: '足の長さ（既定: 日次データは D1、日中データは M1）' } }),
  source: sourceParam,
};

/** A cross built from its legs and its triangular inconsistency. */
export const crossRequest = defineRequest({
  name: 'cross',
  summary: { en: 'A cross built from its legs; triangular inconsistency against a directly quoted cross (pips, bp)', ja: '両脚から合成したクロスと、直接建値との三角不整合（pips、bp）' },
  params: crossParams,
  rules: windowRules<typeof crossParams>(),
  examples: [
    { cli: 'soukan cross EUR/JPY', what: { en: 'EUR/JPY built from EUR/USD and USD/JPY', ja: 'EUR/USD と USD/JPY から作る EUR/JPY' } },
    { cli: 'soukan cross GBP/CHF --via EUR --window all', what: { en: 'through EUR, over all the data', ja: 'EUR 経由、全期間' } },
  ],
});

/** A cross request as the data layer takes it. */
export type CrossParams = Values<typeof crossParams>;

const summary = z.object({ mean: maybe, median: maybe, p99Abs: maybe, maxAbs: maybe });

/**
 * The body of `GET /api/cross` and `soukan cross --format json`.
 *
 * @example crossResponse.safeParse(await (await fetch('/api/cross?symbol=ZAR/JPY')).json()).success // true
 */
export const crossResponse = z.object({
  symbol: z.string(),
  legs: described(z.array(z.object({ symbol: z.string(), invert: z.boolean() })), 'the quoted pairs the cross is built from (inverted where the data quotes the other way)'),
  via: z.nullable(z.string()),
  timeframe: timeframeName,
  pip: z.number(),
  observations: count,
  start: z.nullable(isoTime),
  end: z.nullable(isoTime),
  quotedDirectly: z.boolean(),
  inconsistency: z.nullable(z.object({ definition: z.string(), pips: summary, bp: summary })),
  series: z.union([
    z.object({ time: z.array(isoTime), direct: z.array(z.number()), synthetic: z.array(z.number()), pips: z.array(maybe), bp: z.array(maybe) }),
    z.object({ time: z.array(isoTime), synthetic: z.array(z.number()) }),
  ]),
  ...aboutFields,
  notes,
});
