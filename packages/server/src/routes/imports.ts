import { readdir, rm, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { ReadOptions } from '@soukan/data';
import { emptyRequest, importFilesResponse, importRequest, jobResponse, openApiBody, uploadRequest, type ReadParams } from '@soukan/requests';
import type { Context } from 'hono';
import type { AppEnv, ServerContext } from '../context.js';
import { resolveInside } from '@soukan/data';
import { HttpError } from '../http/httpError.js';
import { parseApi } from '../http/query.js';
import { requestRoute } from '../http/route.js';
import type { Job } from '../jobs.js';
import { makeUploadDir, receiveUpload, uploadName } from '../upload/index.js';

/** The readers' options of a request (`input` is the format). */
function readOptions(q: ReadParams): ReadOptions {
  return { format: q.input, skipBadRows: q.skipBadRows, tz: q.tz, timeColumn: q.timeColumn, dateFormat: q.dateFormat, delimiter: q.delimiter, symbol: q.symbol };
}

function accepted(c: Context<AppEnv>, job: Job): Response {
  c.header('Location', `/api/jobs/${job.id}`);
  return c.json(job, 202);
}

function needDataDir(ctx: ServerContext): string {
  if (ctx.dataDir === undefined) {
    throw new HttpError(403, 'imports-disabled', 'imports by path are off: start the server with --data-dir FOLDER to allow reading files from that folder (uploads are always allowed)');
  }
  return ctx.dataDir;
}

/** Reads a JSON body of at most `max` bytes. */
async function jsonBody(c: Context<AppEnv>, max: number): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'unsupported-media-type', 'send the request body as application/json');
  const len = Number(c.req.header('content-length') ?? NaN);
  if (len > max) throw new HttpError(413, 'payload-too-large', `request body over ${max} bytes`, { max });
  const text = await c.req.text();
  if (Buffer.byteLength(text) > max) throw new HttpError(413, 'payload-too-large', `request body over ${max} bytes`, { max });
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'invalid-json', 'the request body is not valid JSON');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, 'invalid-json', 'the request body must be a JSON object');
  return v as Record<string, unknown>;
}

/** `GET /api/import/files`: files in the data folder that an import may read. */
export const importFilesRoute = requestRoute({
  method: 'get',
  path: '/api/import/files',
  tag: 'data',
  summary: 'Files in the configured data folder (what POST /api/import may read)',
  request: emptyRequest,
  response: importFilesResponse,
  handle: async (c, _q, ctx) => {
    const dir = needDataDir(ctx);
    const files: { path: string; bytes: number }[] = [];
    const walk = async (d: string, depth: number): Promise<void> => {
      for (const e of await readdir(d, { withFileTypes: true })) {
        if (files.length >= 1000 || e.name.startsWith('.')) continue;
        const p = join(d, e.name);
        if (e.isDirectory() && depth < 3) await walk(p, depth + 1);
        else if (e.isFile()) files.push({ path: relative(dir, p), bytes: (await stat(p)).size });
      }
    };
    await walk(dir, 0);
    files.sort((a, b) => a.path.localeCompare(b.path));
    return c.json({ folder: dir, files });
  },
});

/** `POST /api/import`: import files from the data folder. */
export const importRoute = requestRoute({
  method: 'post',
  path: '/api/import',
  tag: 'data',
  summary: 'Import files from the configured data folder (background job)',
  description: 'Body: {"files": ["relative/path.zip", …], …reader options}. Paths outside the data folder are refused. Answers 202 with the job; poll /api/jobs/{id}.',
  request: emptyRequest,
  body: { contentType: 'application/json', description: 'files relative to the data folder, and the reader options', schema: openApiBody(importRequest) },
  response: jobResponse,
  status: 202,
  handle: async (c, _q, ctx) => {
    const dir = needDataDir(ctx);
    const { files, ...rest } = parseApi(importRequest, await jsonBody(c, ctx.limits.maxJsonBytes));
    const paths = await Promise.all(files!.map((f) => resolveInside(dir, f)));
    const job = ctx.jobs.add('import', files!, (progress) => ctx.data.importFiles(paths, { ...readOptions(rest), names: files, onProgress: progress }));
    return accepted(c, job);
  },
});

/** `POST /api/import/upload`: import an uploaded file. */
export const uploadRoute = requestRoute({
  method: 'post',
  path: '/api/import/upload',
  tag: 'data',
  summary: 'Upload a file and import it (background job)',
  description:
    'The body is the file itself (application/octet-stream; .zip and .gz are fine). It is received completely, then read and validated; only a file read without error changes the data. ' +
    'An interrupted upload, an unknown format or a corrupt file changes nothing; the job (or the response) says why. ' +
    'The upload limit bounds the file both as sent and as decompressed (a .gz or .zip may not expand beyond it).',
  request: uploadRequest,
  body: { contentType: 'application/octet-stream', description: 'the file', schema: { type: 'string', format: 'binary' } },
  response: jobResponse,
  status: 202,
  handle: async (c, q, ctx) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/octet-stream\b/i.test(type)) throw new HttpError(415, 'unsupported-media-type', 'send the file as application/octet-stream');
    const name = uploadName(q.name!);
    const dir = await makeUploadDir();
    // A folder left behind (a failed rm) is swept by the next server start.
    const cleanup = (): void => void rm(dir, { recursive: true, force: true }).catch(() => {});
    try {
      const path = join(dir, name);
      await receiveUpload(c, path, ctx.limits.maxUploadBytes);
      const job = ctx.jobs.add('upload', [name], (progress) => ctx.data.importFiles([path], { ...readOptions(q), maxBytes: ctx.limits.maxUploadBytes, names: [name], onProgress: progress }), cleanup);
      return accepted(c, job);
    } catch (e) {
      cleanup();
      throw e;
    }
  },
});

/** `POST /api/import/ecb`: re-fetch the ECB history. */
export const ecbRoute = requestRoute({
  method: 'post',
  path: '/api/import/ecb',
  tag: 'data',
  summary: 'Download the ECB euro reference rates again and import them (background job)',
  request: emptyRequest,
  response: jobResponse,
  status: 202,
  handle: (c, _q, ctx) => {
    const job = ctx.jobs.add('ecb', ['eurofxref-hist.zip'], async (progress) => {
      progress({ phase: 'receiving' });
      return ctx.data.refreshEcb({ force: true, fallbacks: ctx.ecbFallbacks, log: ctx.log });
    });
    return accepted(c, job);
  },
});

/** `GET /api/jobs/{id}`. */
export const jobRoute = requestRoute({
  method: 'get',
  path: '/api/jobs/:id',
  tag: 'data',
  summary: 'State of an import job: progress, result or error',
  request: emptyRequest,
  response: jobResponse,
  handle: (c, _q, ctx) => {
    const id = c.req.param('id');
    const job = id === undefined ? undefined : ctx.jobs.get(id);
    if (!job) throw new HttpError(404, 'no-such-job', `no job ${JSON.stringify(id)} (jobs are kept for the last 100 imports)`, { id: id ?? '' });
    return c.json(job);
  },
});
