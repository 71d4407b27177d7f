import * as z from 'zod/mini';
import { currencyKind, endParam, fromParam, sourceParam, timeframeParam, toParam, windowParamOf, windowRules } from './common.js';
import { oneOf, pairs, text } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Default window of the strength index: about one year of daily returns. */
export const DEFAULT_STRENGTH_WINDOW = 250;

/** Parameters of `soukan strength` / `GET /api/strength`. */
export const strengthParams = {
  currencies: param({ ...text(/^[A-Za-z]{3}([, ][A-Za-z]{3}){0,39}$/, { en: 'three-letter codes separated by commas, e.g. EUR,USD,JPY', rule: 'currencies' }, 400, '<ccy>'), list: true }, {
    description: { en: 'currencies, e.g. EUR USD JPY (default: the eight majors the data has)', ja: '通貨（例: EUR USD JPY。既定: データにある主要 8 通貨）' },
    cli: 'argument',
  }),
  pairs: param(pairs(200), { description: { en: 'pairs to use (default: every pair among the currencies)', ja: '使うペア（既定: 通貨間のすべてのペア）' } }),
  numeraire: param(currencyKind(), { description: { en: 'measure against this currency (its factor is 0) instead of the zero-sum basket', ja: 'この通貨を基準に測る（ゼロ和バスケットの代わり）' } }),
  base: param(text(/^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}Z?)?|tokyo|london|newyork)$/i, { en: 'YYYY-MM-DD, YYYY-MM-DDTHH:MM or tokyo, london, newyork', rule: 'strength-base' }, 20, '<when>'), {
    description: { en: 'index = 100 here: YYYY-MM-DD[THH:MM] (UTC) or tokyo | london | newyork (latest session open)', ja: '指数 = 100 の時点: YYYY-MM-DD[THH:MM]（UTC）または tokyo | london | newyork（直近の市場開始）' },
    defaultText: 'window start',
  }),
  window: windowParamOf(2, DEFAULT_STRENGTH_WINDOW, { en: 'last N returns, or all', ja: '直近 N 個のリターン、または all' }),
  end: endParam,
  from: fromParam,
  to: toParam,
  timeframe: timeframeParam,
  align: param(oneOf(['inner', 'pairwise']), { description: { en: 'inner, or pairwise (periods with missing pairs are solved on the rest)', ja: 'inner、または pairwise（欠けたペアのある期間は残りで解く）' }, default: 'inner' }),
  source: sourceParam,
};

/** Currency strength index: least-squares factors from all pairs. */
export const strengthRequest = defineRequest({
  name: 'strength',
  summary: { en: 'Currency strength index: least-squares factors from all pairs, rebased to 100; ranking and residual', ja: '通貨強弱指数: 全ペアからの最小二乗ファクター（100 基準）、順位と残差' },
  params: strengthParams,
  rules: windowRules<typeof strengthParams>(),
  examples: [
    { cli: 'soukan strength', what: { en: 'the eight majors over the last 250 returns', ja: '主要 8 通貨の直近 250 リターン' } },
    { cli: 'soukan strength EUR USD JPY GBP --from 2024-01-01 --numeraire USD', what: { en: 'four currencies since 2024, measured against USD', ja: '2024 年以降の 4 通貨（USD 基準）' } },
  ],
});

/** A strength request's parameters as the data layer checks them. */
export type StrengthRequestParams = Values<typeof strengthParams>;

/**
 * The body of `GET /api/strength` and `soukan strength --format json`.
 *
 * @example strengthResponse.safeParse(await (await fetch('/api/strength')).json()).success // true
 */
export const strengthResponse = z.object({
  method: z.string(),
  constraint: described(z.string(), 'zero-sum, or numeraire XXX'),
  currencies: z.array(z.string()),
  pairs: z.array(z.string()),
  timeframe: timeframeName,
  start: isoTime,
  end: isoTime,
  periods: count,
  base: z.object({ requested: z.string(), time: isoTime, value: z.number() }),
  ranking: described(
    z.array(z.object({ currency: z.string(), rank: count, index: maybe, changePct: maybe, lastPeriodPct: maybe, averageChangeIndex: maybe })),
    'strongest first',
  ),
  residual: z.object({ meanRmsBp: maybe, medianRmsBp: maybe, maxRmsBp: maybe, maxRmsAt: z.nullable(isoTime), medianR2: maybe, unidentified: count }),
  series: z.object({
    time: z.array(isoTime),
    index: described(z.record(z.string(), z.array(maybe)), 'index per currency, rebased to the base value at the base time'),
    averageChange: described(z.record(z.string(), z.array(maybe)), 'the web tools’ average % change index per currency'),
    rmsBp: z.array(maybe),
    r2: z.array(maybe),
    pairsUsed: z.array(z.nullable(count)),
  }),
  averageChangeMethod: z.string(),
  ...aboutFields,
  notes,
});
