import type { ErrorCode } from '@soukan/requests';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** Values an error message names, for clients that word it themselves (the dashboard in Japanese). */
export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * The one error type of the HTTP layer: a status, a stable `code` the
 * dashboard translates, the values the message names, and an English
 * message. Thrown anywhere below a route; {@link errorResponse} turns it (and
 * the data layer's `InputError`) into a JSON response in one place.
 *
 * @example throw new HttpError(400, 'invalid-param', 'window: expected a whole number ≥ 2 or "all", got "x"', { param: 'window', value: 'x' })
 */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly params: ErrorParams = {},
    /** Extra response headers (Retry-After, WWW-Authenticate). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** The body of every error response. */
export interface ErrorBody {
  readonly error: {
    readonly status: number;
    readonly code: string;
    readonly message: string;
    readonly params: ErrorParams;
  };
}
