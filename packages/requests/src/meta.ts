import * as z from 'zod/mini';
import { count, described, isoTime, timeframeName } from './spec/response.js';
import { sourceParam } from './common.js';
import { defineRequest } from './spec/request.js';

/** What the dashboard needs to build its forms (`GET /api/meta`; no command). */
export const metaRequest = defineRequest({
  name: 'meta',
  summary: { en: 'Sources, addressable pairs, universes, timeframes and the server limits', ja: 'ソース、扱えるペア、ユニバース、足、サーバーの制限' },
  params: { source: sourceParam },
  rules: [],
  examples: [],
});

/** A request with no parameters (`GET /api/health`, a job's state). */
export const emptyRequest = defineRequest({ name: 'none', summary: { en: 'no parameters', ja: 'パラメーターなし' }, params: {}, rules: [], examples: [] });

/**
 * Where the data lives, as the API shows it (the page words the location from it).
 *
 * @example providerSchema.parse({ kind: 'store', location: 'DuckDB store soukan.duckdb', path: 'soukan.duckdb' }).kind // 'store'
 */
export const providerSchema = z.object({
  kind: z.enum(['files', 'store']),
  location: z.string(),
  path: described(z.nullable(z.string()), 'the store file, when the data lives in one'),
});

const frequency = z.enum(['daily', 'intraday']);

/**
 * The body of `GET /api/meta`: what the dashboard needs to build its forms.
 *
 * @example metaResponse.safeParse(await (await fetch('/api/meta')).json()).success // true
 */
export const metaResponse = z.object({
  version: z.string(),
  dataVersion: count,
  provider: providerSchema,
  sources: z.array(z.object({ name: z.string(), frequency, series: count, first: z.nullable(isoTime), last: z.nullable(isoTime) })),
  source: described(
    z.nullable(
      z.object({
        name: z.string(),
        frequency,
        description: z.string(),
        attribution: z.nullable(z.string()),
        currencies: z.array(z.string()),
        pairs: described(z.array(z.string()), 'every pair the source can address, crosses included'),
        timeframes: z.array(timeframeName),
      }),
    ),
    'the source a request without source reads (null when there is no data yet)',
  ),
  universes: z.record(z.string(), z.array(z.string())),
  timeframes: z.array(timeframeName),
  imports: z.object({ fromFolder: z.boolean(), upload: z.boolean() }),
  limits: z.object({ timeBudgetSeconds: z.number(), maxUploadBytes: count, maxSymbols: count, workers: count, queue: count }),
  auth: described(z.boolean(), 'whether requests need a bearer token'),
});

/**
 * The body of `GET /api/health`.
 *
 * @example healthResponse.safeParse(await (await fetch('/api/health')).json()).success // true
 */
export const healthResponse = z.object({ ok: z.literal(true), version: z.string(), dataVersion: count });

/**
 * The body of `GET /api/openapi.json`: an OpenAPI 3.1 document (its own schema is OpenAPI's).
 *
 * @example openApiResponse.safeParse(await (await fetch('/api/openapi.json')).json()).success // true
 */
export const openApiResponse = described(
  z.looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  'OpenAPI 3.1',
);
