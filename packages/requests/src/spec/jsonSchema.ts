import * as z from 'zod/mini';

/** A JSON-Schema (draft 2020-12, what OpenAPI 3.1 takes) object. */
export type JsonSchema = Record<string, unknown>;

/**
 * A zod schema as JSON Schema draft 2020-12, without the `$schema` line
 * (OpenAPI 3.1 documents embed schemas).
 *
 * @example toJsonSchema(z.number().check(z.int(), z.minimum(2))) // { type: 'integer', minimum: 2, maximum: 9007199254740991 }
 */
export function toJsonSchema(schema: z.ZodMiniType, io: 'input' | 'output' = 'output'): JsonSchema {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io }) as JsonSchema;
  return rest;
}
