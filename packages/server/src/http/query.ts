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
  return parseApi(spec, input);
}

/**
 * Validates the input of an API request (a query, or a JSON body's fields)
 * by its spec, without the parameters the spec keeps to the command line
 * (`api: false`: those are unknown here, as OpenAPI lists them).
 *
 * @throws RequestError (a 400) from the spec.
 */
export function parseApi<P extends Params>(spec: RequestSpec<P>, input: Readonly<Record<string, unknown>>): Values<P> {
  const params = Object.fromEntries(Object.entries(spec.params).filter(([, p]) => p.api !== false)) as unknown as P;
  return parseRequest({ ...spec, params }, input, { text: true });
}
