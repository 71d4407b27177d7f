import { openApiParameters, type JsonSchema, type OpenApiParameter, type Params, type RequestSpec, type ResponseSchema, type Values } from '@soukan/requests';
import type { Context } from 'hono';
import type { AppEnv, ServerContext } from '../context.js';
import { parseQuery } from './query.js';

/** A request body a route accepts, for OpenAPI. */
export interface BodySpec {
  readonly contentType: string;
  readonly description: string;
  readonly schema: JsonSchema;
}

/** What every route declares besides its parameters. */
interface RouteBase {
  readonly method: 'get' | 'post';
  /** Hono path, e.g. `/api/jobs/:id`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly body?: BodySpec;
  /** Schema of the 200/202 body, declared in `@soukan/requests` next to the request. */
  readonly response: ResponseSchema;
  /** Media type of the success body (default `application/json`). */
  readonly responseType?: string;
  readonly status?: 200 | 202;
  /** Runs a heavy computation: subject to the concurrency cap and may answer 503. */
  readonly heavy?: boolean;
}

/**
 * One API route: what it accepts and returns (the OpenAPI description is built
 * from these) and its handler, which receives the validated query.
 */
export interface ApiRoute extends RouteBase {
  /** The validated query of a request URL. */
  parse(query: URLSearchParams): unknown;
  /** The query parameters as OpenAPI lists them. */
  readonly parameters: readonly OpenApiParameter[];
  handle(c: Context<AppEnv>, q: unknown, ctx: ServerContext): Promise<Response> | Response;
}

/** Declares a route whose query is a request of the request model (`@soukan/requests`). */
export function requestRoute<P extends Params>(
  r: RouteBase & { readonly request: RequestSpec<P>; handle(c: Context<AppEnv>, q: Values<P>, ctx: ServerContext): Promise<Response> | Response },
): ApiRoute {
  const { request, ...rest } = r;
  return {
    ...rest,
    parse: (q) => parseQuery(request, q),
    parameters: openApiParameters(request),
    handle: (c, q, ctx) => r.handle(c, q as Values<P>, ctx),
  };
}
