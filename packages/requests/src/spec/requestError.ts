import type { ErrorCode } from '../errorCodes.js';

/** Values an error names, for clients that word the message themselves (the dashboard in Japanese). */
export type ErrorValues = Readonly<Record<string, string | number>>;

/**
 * A request a spec refuses: a bad value, a missing or unknown parameter, two
 * parameters that cannot go together. `code` is stable and `params` carries
 * the values the English `message` names (always `param`, the parameter).
 * The data layer turns it into its `InputError`, the server into a 400, the
 * CLI into exit 2, the dashboard into its own words.
 *
 * @example new RequestError('conflicting-params', 'give window or from, not both', { param: 'window', other: 'from' })
 */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params: ErrorValues = {},
  ) {
    super(message);
  }
}
