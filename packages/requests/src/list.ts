import * as z from 'zod/mini';
import { sourceParam } from './common.js';
import { providerSchema } from './meta.js';
import { param } from './spec/param.js';
import { count, described, isoTime } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Parameters of `soukan list` / `GET /api/list`. */
export const listParams = {
  source: param(sourceParam, { ...sourceParam, cli: 'option', description: { en: 'only this source', ja: 'このソースのみ' } }),
};

/** What the store holds. */
export const listRequest = defineRequest({
  name: 'list',
  summary: { en: 'Stored series: source, symbol, kind, rows, first and last time', ja: '保存済みの系列: ソース、銘柄、種類、行数、最初と最後の時刻' },
  params: listParams,
  rules: [],
  examples: [
    { cli: 'soukan list', what: { en: 'every stored series', ja: '保存されたすべての系列' } },
    { cli: 'soukan list --source ECB --format json', what: { en: 'the ECB series as JSON', ja: 'ECB の系列（JSON）' } },
  ],
});

/** A list request. */
export type ListParams = Values<typeof listParams>;

/**
 * The body of `GET /api/list` and `soukan list --format json`.
 *
 * @example listResponse.safeParse(await (await fetch('/api/list')).json()).success // true
 */
export const listResponse = z.object({
  provider: providerSchema,
  dataVersion: count,
  series: z.array(
    z.object({
      source: z.string(),
      symbol: z.string(),
      kind: described(z.enum(['bars', 'quotes']), 'OHLC bars, or one value per time (fixings)'),
      frequency: z.enum(['daily', 'intraday']),
      rows: count,
      first: z.nullable(isoTime),
      last: z.nullable(isoTime),
    }),
  ),
});
