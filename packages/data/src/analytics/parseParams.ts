import { parseRequest, RequestError, type Params, type RequestSpec, type Values } from '@soukan/requests';
import { InputError } from '../errors.js';

/**
 * A request function's params checked against its spec — the one place each
 * rule is enforced, whichever front end (or library caller) asked. A refusal
 * becomes an {@link InputError} with the spec's code and values. Only the
 * spec's parameters are read: fields a library call adds that no front end
 * spells (a risk-free series, positions already parsed) are left to the
 * function, as are the fields named in `typed` (the function's own typed
 * form of a text parameter, e.g. confidence levels as numbers).
 *
 * @throws InputError `invalid-param`, `missing-param`, `unknown-param`,
 *   `conflicting-params`, `invalid-range`.
 * @example parseParams(correlationRequest, { window: 60 }) // { window: 60 }
 */
export function parseParams<P extends Params>(spec: RequestSpec<P>, p: object, typed: readonly string[] = []): Values<P> {
  const input = Object.fromEntries(Object.entries(p).filter(([k]) => Object.hasOwn(spec.params, k) && !typed.includes(k)));
  try {
    return parseRequest(spec, input);
  } catch (e) {
    if (e instanceof RequestError) throw new InputError(e.message, { code: e.code, params: e.params });
    throw e;
  }
}
