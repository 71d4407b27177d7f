import { parseRequest, type Params, type RequestSpec, type Values } from '@soukan/requests';
import { HttpError } from './httpError.js';

/**
 * A query string validated by a request spec: repeated names refused (which
 * one would count?), the rest is the spec's verdict — the same one the CLI
 * and the dashboard give.
 *
 * @throws HttpError 400 `repeated-param`; RequestError (a 400) from the spec.
 */
export function parseQuery<P extends Params>(spec: RequestSpec<P>, query: URLSearchParams): Values<P> {
  const input: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of query) {
    if (Object.hasOwn(input, name)) throw new HttpError(400, 'repeated-param', `${name} is given more than once`, { param: name });
    input[name] = value;
  }
  return parseRequest(spec, input, { text: true });
}
