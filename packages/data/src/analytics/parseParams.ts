import { parseRequest, RequestError, type Params, type RequestSpec, type Values } from '@soukan/requests';
import { InputError } from '../errors.js';

/**
 * A request function's params checked against its spec — the one place each
 * rule is enforced, whichever front end (or library caller) asked. A refusal
 * becomes an {@link InputError} with the spec's code and values.
 *
 * @throws InputError `invalid-param`, `missing-param`, `unknown-param`,
 *   `conflicting-params`, `invalid-range`.
 * @example parseParams(correlationRequest, { window: 60 }) // { window: 60 }
 */
export function parseParams<P extends Params>(spec: RequestSpec<P>, p: object): Values<P> {
  try {
    return parseRequest(spec, p as Record<string, unknown>);
  } catch (e) {
    if (e instanceof RequestError) throw new InputError(e.message, { code: e.code, params: e.params });
    throw e;
  }
}
