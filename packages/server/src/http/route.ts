import type { Context } from 'hono';
import type { AppEnv, ServerContext } from '../context.js';
import type { Param, Parsed, Schema } from './params.js';

/** A request body a route accepts, for OpenAPI. */
export interface BodySpec {
  readonly contentType: string;
  readonly description: string;
  readonly schema: Schema;
}

/**
 * One API route: what it accepts and returns (the OpenAPI description is built
 * from these) and its handler, which receives the validated query.
 */
export interface ApiRoute<Q extends Record<string, Param<unknown>> = Record<string, Param<unknown>>> {
  readonly method: 'get' | 'post';
  /** Hono path, e.g. `/api/jobs/:id`. */
  readonly path: string;
  readonly tag: string;
  readonly summary: string;
  readonly description?: string;
  readonly query: Q;
  readonly body?: BodySpec;
  /** Schema of the 200/202 body. */
  readonly response: Schema;
  readonly status?: 200 | 202;
  /** Runs a heavy computation: subject to the concurrency cap and may answer 503. */
  readonly heavy?: boolean;
  handle(c: Context<AppEnv>, q: Parsed<Q>, ctx: ServerContext): Promise<Response> | Response;
}

/** Declares a route with its query parameters typed. */
export function route<Q extends Record<string, Param<unknown>>>(r: ApiRoute<Q>): ApiRoute {
  return r as unknown as ApiRoute;
}
