import type { Param } from './param.js';
import type { Params, RequestSpec } from './request.js';
import { toJsonSchema, type JsonSchema } from './jsonSchema.js';

/** An OpenAPI 3.1 parameter object. */
export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'query';
  readonly required: boolean;
  readonly description: string;
  readonly schema: JsonSchema;
}

const primitive = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** The query-string schema of one parameter, with its default. */
export function paramSchema(p: Param): JsonSchema {
  const schema = toJsonSchema(p.query);
  const d = p.defaultText ?? p.default;
  return primitive(p.default) ? { ...schema, default: p.default } : d === undefined ? schema : { ...schema, description: `default: ${String(d)}` };
}

/**
 * The query parameters of a request as OpenAPI describes them, from the spec
 * that validates them (so the two cannot drift).
 */
export function openApiParameters<P extends Params>(spec: RequestSpec<P>): OpenApiParameter[] {
  return Object.entries(spec.params)
    .filter(([, p]) => p.api !== false)
    .map(([name, p]) => ({ name, in: 'query', required: p.required ?? false, description: p.description.en, schema: paramSchema(p) }));
}

/**
 * The JSON request body of a request as OpenAPI describes it: an object of
 * its API parameters (the same checks as the query form).
 *
 * @example openApiBody(importRequest).required // ['files']
 */
export function openApiBody<P extends Params>(spec: RequestSpec<P>): JsonSchema {
  const params = Object.entries(spec.params).filter(([, p]) => p.api !== false);
  return {
    type: 'object',
    required: params.filter(([, p]) => p.required).map(([name]) => name),
    properties: Object.fromEntries(params.map(([name, p]) => [name, { ...paramSchema(p), description: p.description.en }])),
    additionalProperties: false,
  };
}
