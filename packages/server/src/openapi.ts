import { apiErrorResponse, openApiResponse, toJsonSchema } from '@soukan/requests';
import type { ApiRoute } from './http/route.js';


/**
 * The OpenAPI 3.1 description of the API, built from the same route
 * definitions that validate requests (so the two cannot drift).
 */
export function openApiDocument(routes: readonly ApiRoute[], version: string, auth: boolean) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:(\w+)/g, '{$1}');
    const pathParams = [...r.path.matchAll(/:(\w+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const responses: Record<string, unknown> = {
      [String(r.status ?? 200)]: { description: 'OK', content: { [r.responseType ?? 'application/json']: { schema: toJsonSchema(r.response) } } },
      '400': { description: 'invalid parameter or input the data cannot answer', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    };
    if (auth) responses['401'] = { description: 'missing or wrong bearer token', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    if (r.heavy) {
      responses['503'] = {
        description: 'busy (the computation queue is full) or over the time budget; see Retry-After',
        headers: { 'Retry-After': { schema: { type: 'integer' } } },
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    if (r.body) responses['413'] = { description: 'request body too large', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    paths[path] ??= {};
    paths[path]![r.method] = {
      tags: [r.tag],
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      parameters: [
        ...pathParams,
        ...r.parameters,
      ],
      ...(r.body ? { requestBody: { required: true, description: r.body.description, content: { [r.body.contentType]: { schema: r.body.schema } } } } : {}),
      responses,
    };
  }
  paths['/api/openapi.json'] = { get: { tags: ['server'], summary: 'This document', responses: { '200': { description: 'OpenAPI 3.1', content: { 'application/json': { schema: toJsonSchema(openApiResponse) } } } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'soukan API',
      version,
      description:
        'Correlation, volatility and risk analytics for currency pairs. Every parameter is validated; errors are JSON with a stable code. ' +
        'Heavy computations run under a concurrency cap and a per-request time budget (503 with Retry-After when busy).',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [{ url: '/' }],
    ...(auth ? { security: [{ bearer: [] }] } : {}),
    components: {
      schemas: { Error: toJsonSchema(apiErrorResponse) },
      ...(auth ? { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } } : {}),
    },
    paths,
  };
}
