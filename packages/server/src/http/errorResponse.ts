import { InputError } from '@soukan/data';
import { isErrorCode, RequestError, type ErrorCode } from '@soukan/requests';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HttpError, type ErrorBody, type ErrorParams } from './httpError.js';

/** An error that crossed a worker boundary: the fields of an InputError, or a bug. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly params?: ErrorParams;
  readonly stack?: string;
}

/**
 * The status of a data-layer error whose code is not a mistake in the
 * request: the data layer names what happened, the server says it in HTTP.
 */
const STATUS_OF: Partial<Record<ErrorCode, ContentfulStatusCode>> = {
  'no-such-file': 404,
  // Temporary: another process writes the store.
  'store-busy': 503,
};

/** An {@link HttpError} for a data-layer error: 400 unless its code says otherwise; a 503 says when to retry. */
function fromInput(code: ErrorCode, message: string, params: ErrorParams): HttpError {
  const status = STATUS_OF[code] ?? 400;
  const retry = params.retryAfter;
  return new HttpError(status, code, message, params, status === 503 && retry !== undefined ? { 'Retry-After': String(retry) } : {});
}

/** Turns anything thrown into an {@link HttpError}: user mistakes are 400s, the rest 500s. */
export function toHttpError(e: unknown): HttpError {
  if (e instanceof HttpError) return e;
  if (e instanceof RequestError) return new HttpError(400, e.code, e.message, e.params);
  if (e instanceof InputError) {
    const where: Record<string, string | number> = {};
    if (e.file !== undefined) where.file = e.file;
    if (e.line !== undefined) where.line = e.line;
    if (e.field !== undefined) where.field = e.field;
    if (e.text !== undefined) where.text = e.text;
    return fromInput(e.code ?? 'input-error', e.message, { ...where, ...e.params });
  }
  if (e instanceof HTTPException) {
    const status = e.status as ContentfulStatusCode;
    if (status === 413) return new HttpError(413, 'payload-too-large', 'request body too large', {});
    return new HttpError(status, 'http', e.message || `HTTP ${status}`);
  }
  const s = e as SerializedError | undefined;
  if (s && s.name === 'InputError' && typeof s.message === 'string') {
    return fromInput(s.code !== undefined && isErrorCode(s.code) ? s.code : 'input-error', s.message, s.params ?? {});
  }
  return new HttpError(500, 'internal', 'internal error (see the server log)');
}

/**
 * The single place where errors become responses: JSON `{ error: { status,
 * code, message, params } }` with the error's headers; 500s are logged with
 * their stack and never leak it.
 */
export function errorResponse(e: unknown, c: Context, log: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): Response {
  const h = toHttpError(e);
  if (h.status >= 500 && h.code === 'internal') {
    const err = e as Error;
    log(`soukan: internal error on ${c.req.method} ${c.req.path}: ${err?.stack ?? String(e)}`);
  }
  const body: ErrorBody = { error: { status: h.status, code: h.code, message: h.message, params: h.params } };
  return c.json(body, h.status, { ...h.headers, 'Cache-Control': 'no-store' });
}
