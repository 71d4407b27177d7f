import * as z from 'zod/mini';
import { errorSchema } from './errorBody.js';
import { count, described, epochMs, notes } from './spec/response.js';

/**
 * Where an import is: receiving the upload, reading, writing, committing, done.
 *
 * @example importProgressSchema.parse({ phase: 'reading', rows: 1000, fraction: 0.5 }).phase // 'reading'
 */
export const importProgressSchema = z.object({
  phase: z.enum(['receiving', 'reading', 'writing', 'committing', 'done']),
  bytes: z.optional(count),
  totalBytes: z.optional(count),
  rows: described(z.optional(count), 'lines (rows) read so far'),
  fraction: described(z.optional(z.number().check(z.minimum(0), z.maximum(1))), 'share of the input read, when known'),
});

/**
 * What an import did.
 *
 * @example importOutcomeSchema.parse({ source: 'ECB', files: ['eurofxref-hist.zip'], series: [], added: 0, skipped: 0, notes: [] }).added // 0
 */
export const importOutcomeSchema = z.object({
  source: z.string(),
  files: z.array(z.string()),
  series: z.array(z.object({ symbol: z.string(), rows: count, first: epochMs, last: epochMs })),
  added: described(count, 'rows new to the data (re-importing the same file adds none)'),
  skipped: count,
  notes,
});

/**
 * An import running in the background: the body of `POST /api/import`,
 * `POST /api/import/upload`, `POST /api/import/ecb` (202) and
 * `GET /api/jobs/{id}`. A failed job's error has the shape of an error response's.
 *
 * @example jobResponse.safeParse(await (await fetch('/api/jobs/{id}')).json()).success // true
 */
export const jobResponse = z.object({
  id: z.string(),
  kind: z.enum(['import', 'upload', 'ecb']),
  state: z.enum(['queued', 'running', 'done', 'failed']),
  files: described(z.array(z.string()), 'what is being imported (display names)'),
  progress: z.nullable(importProgressSchema),
  result: z.nullable(importOutcomeSchema),
  error: z.nullable(errorSchema),
  created: epochMs,
  finished: z.nullable(epochMs),
});

/**
 * The body of `GET /api/import/files`: files in the data folder that an import may read.
 *
 * @example importFilesResponse.safeParse(await (await fetch('/api/import/files')).json()).success // true
 */
export const importFilesResponse = z.object({
  folder: z.string(),
  files: z.array(z.object({ path: described(z.string(), 'relative to the folder'), bytes: count })),
});
