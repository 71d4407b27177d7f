import * as z from 'zod/mini';
import { ERROR_CODES } from './errorCodes.js';
import { described, namedValues } from './spec/response.js';

/**
 * An error as the API sends it: the `error` of every 4xx/5xx body, and of a
 * failed import job.
 *
 * @example errorSchema.parse({ status: 400, code: 'invalid-param', message: 'window: expected …', params: { param: 'window' } }).code // 'invalid-param'
 */
export const errorSchema = z.object({
  status: z.number().check(z.int()),
  code: described(z.enum(ERROR_CODES), 'stable identifier; the dashboard words each one in English and Japanese'),
  message: described(z.string(), 'English, names the offending parameter and what would be valid'),
  params: described(namedValues, 'the values the message names (param, value, expected, …)'),
});

/**
 * The body of every error response.
 *
 * @example apiErrorResponse.parse({ error: { status: 404, code: 'not-found', message: 'no API route /api/x', params: {} } }).error.status // 404
 */
export const apiErrorResponse = z.object({ error: errorSchema });
