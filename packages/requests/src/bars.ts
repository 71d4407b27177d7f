import * as z from 'zod/mini';
import { sourceParam } from './common.js';
import { date, pair, timeframe } from './spec/kinds.js';
import { param } from './spec/param.js';
import { described, epochMs, maybe, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';
import { inOrder } from './spec/rules.js';

/** Parameters of `soukan bars` / `GET /api/bars`. */
export const barsParams = {
  symbol: param(pair(), { description: { en: 'the pair, e.g. EUR/USD, eurjpy, usd_jpy', ja: '通貨ペア（例: EUR/USD、eurjpy、usd_jpy）' }, cli: 'argument', required: true }),
  timeframe: param(timeframe(), {
    description: { en: 'resample to this bar size (D1/W1 for daily data); without it the API answers the stored observations', ja: 'この足に変換（日次データは D1/W1）。API ではなしなら保存された観測' },
    cliDefault: 'D1',
  }),
  from: param(date(), { description: { en: 'first bar at or after: YYYY-MM-DD or YYYY-MM-DDTHH:MMZ', ja: 'この時刻以降の最初の足' } }),
  to: param(date({ endOfDay: true }), { description: { en: 'last bar at or before: YYYY-MM-DD (the whole day) or YYYY-MM-DDTHH:MMZ', ja: 'この時刻以前の最後の足（YYYY-MM-DD ならその日の終わりまで）' } }),
  source: param(sourceParam, { ...sourceParam, cli: 'option', description: { en: 'read this source (default: the one that has the pair, preferring intraday data)', ja: '読むソース（既定: そのペアを持つソース、日中データ優先）' } }),
};

/** Bars (or fixings) of any addressable pair. */
export const barsRequest = defineRequest({
  name: 'bars',
  summary: { en: 'Bars (or fixings) of any addressable pair, optionally resampled', ja: '任意のペアの足（またはフィキシング）、足の変換も可' },
  params: barsParams,
  rules: [inOrder('from', 'to')],
  examples: [
    { cli: 'soukan bars EUR/USD --from 2024-01-01 --to 2024-01-31', what: { en: 'the stored EUR/USD of January 2024', ja: '2024 年 1 月の EUR/USD' } },
    { cli: 'soukan bars USD/JPY --timeframe W1 --format csv', what: { en: 'weekly bars as CSV', ja: '週足（CSV）' } },
  ],
});

/** A bars request. */
export type BarsParams = Values<typeof barsParams>;

const column = z.nullable(z.array(maybe));

/**
 * The body of `GET /api/bars` (times in epoch ms: bar open; daily observations at 00:00 UTC of their date).
 *
 * @example barsResponse.safeParse(await (await fetch('/api/bars?symbol=EUR/USD')).json()).success // true
 */
export const barsResponse = z.object({
  symbol: z.string(),
  source: z.string(),
  timeframe: z.nullable(timeframeName),
  time: z.array(epochMs),
  open: described(column, 'null for fixings (one value per time)'),
  high: column,
  low: column,
  close: z.array(maybe),
  volume: column,
  notes,
});
