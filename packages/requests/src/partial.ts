import * as z from 'zod/mini';
import { endParam, fromParam, sourceParam, timeframeParam, toParam, windowRules } from './common.js';
import { MAX_SYMBOLS, MAX_WINDOW } from './limits.js';
import { pairs, text, windowOrAll } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, grid, isoTime, maybe, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Default window of the partial-correlation view: about one year of daily returns. */
export const DEFAULT_PARTIAL_WINDOW = 250;

/** Parameters of `soukan partial` and `GET /api/partial`. */
export const partialParams = {
  symbols: param(pairs(MAX_SYMBOLS), {
    description: { en: 'the pairs to correlate (at least two)', ja: '相関を求める通貨ペア（2 つ以上）' },
    cli: 'argument',
    required: true,
  }),
  given: param(text(/^[A-Za-z]{3}([/_]?[A-Za-z]{3})?(,[A-Za-z]{3}([/_]?[A-Za-z]{3})?)*$/, { en: 'currencies or pairs separated by commas, e.g. USD or USD,EUR/JPY', rule: 'given' }, 200, '<list>'), {
    description: {
      en: 'what to take out: a currency (its least-squares strength factor from the major pairs, e.g. USD) or a pair, comma-separated',
      ja: '取り除くもの: 通貨（主要ペアから最小二乗で求めた強弱ファクター。例: USD）または通貨ペア。カンマ区切り',
    },
    required: true,
  }),
  window: param(windowOrAll(3, MAX_WINDOW), {
    description: { en: 'last N log returns, or all', ja: '直近 N 個の対数リターン、または all' },
    default: DEFAULT_PARTIAL_WINDOW,
  }),
  end: endParam,
  from: fromParam,
  to: toParam,
  timeframe: timeframeParam,
  source: sourceParam,
};

/** Correlation net of chosen series (`soukan partial`, `GET /api/partial`). */
export const partialRequest = defineRequest({
  name: 'partial',
  summary: {
    en: 'Correlation net of chosen series: a currency’s strength factor (e.g. net of USD) or other pairs taken out',
    ja: '選んだ系列を除いた相関: 通貨の強弱ファクター（例: USD を除く）や他のペアを取り除く',
  },
  params: partialParams,
  rules: [...windowRules<typeof partialParams>()],
  examples: [
    { cli: 'soukan partial EUR/USD GBP/USD AUD/USD --given USD --end 2019-12-31', what: { en: 'the three USD pairs net of the dollar', ja: 'ドルの動きを除いた 3 つのドルペアの相関' } },
    { cli: 'soukan partial EUR/JPY GBP/JPY AUD/JPY --given JPY --window 500 --format json', what: { en: 'three yen crosses net of the yen, as JSON', ja: '円の動きを除いた 3 つの円クロスの相関（JSON）' } },
  ],
});

/** A partial-correlation request as the data layer takes it. */
export type PartialParams = Values<typeof partialParams>;

/**
 * The body of `GET /api/partial` and `soukan partial --format json`.
 *
 * @example partialResponse.safeParse(await (await fetch('/api/partial?symbols=EUR/USD,GBP/USD&given=USD')).json()).success // true
 */
export const partialResponse = z.object({
  symbols: z.array(z.string()),
  given: z.array(z.string()),
  timeframe: timeframeName,
  returns: count,
  start: isoTime,
  end: isoTime,
  method: z.string(),
  correlation: described(grid(maybe), 'the raw correlation'),
  net: described(grid(maybe), 'the correlation net of the given series'),
  ...aboutFields,
});
