import { TIMEFRAMES, type Timeframe } from '@soukan/core';
import * as z from 'zod/mini';

// Building blocks of the responses' schemas. A response is declared once, in
// zod, next to its request; OpenAPI and the dashboard's types derive from it.
// Objects are closed (JSON Schema `additionalProperties: false`): a field the
// schema does not name is a field a client cannot know about, so the
// response test refuses it.

/**
 * Describes a schema (the text OpenAPI shows beside it).
 *
 * @example toJsonSchema(described(z.string(), 'a name')) // { type: 'string', description: 'a name' }
 */
export function described<S extends z.ZodMiniType>(schema: S, description: string): S {
  return schema.check(z.meta({ description })) as S;
}

/**
 * A number, or `null` where it is undefined (JSON has no NaN or ±Infinity:
 * every output turns them into `null`).
 *
 * @example maybe.parse(null) // null
 */
export const maybe = z.nullable(z.number());

/**
 * A count: a whole number ≥ 0.
 *
 * @example count.parse(3) // 3
 */
export const count = z.number().check(z.int(), z.minimum(0));

/**
 * A UTC time as soukan writes it: `YYYY-MM-DD` at midnight, else `YYYY-MM-DDTHH:MMZ`.
 *
 * @example isoTime.parse('2017-03-12T21:00Z') // '2017-03-12T21:00Z'
 */
export const isoTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}Z)?$/), z.meta({ examples: ['2024-12-31', '2017-03-12T21:00Z'] }));

/**
 * A UTC time in epoch milliseconds (long series that go straight into charts).
 *
 * @example epochMs.parse(1735603200000) // 1735603200000
 */
export const epochMs = z.number().check(z.int());

/**
 * A timeframe name (M1 … W1).
 *
 * @example timeframeName.parse('H4') // 'H4'
 */
export const timeframeName = z.enum(TIMEFRAMES as unknown as [Timeframe, ...Timeframe[]]);

/**
 * A square matrix as rows of `T`.
 *
 * @example grid(maybe).parse([[1, null], [null, 1]]) // [[1, null], [null, 1]]
 */
export const grid = <T extends z.ZodMiniType>(cell: T) => z.array(z.array(cell));

/**
 * Notes in English: things a reader of the result should know.
 *
 * @example notes.parse(['USD/ZAR: no data before 2003']) // ['USD/ZAR: no data before 2003']
 */
export const notes = described(z.array(z.string()), 'things to know, in English');

/**
 * Where the numbers came from: every analytics response ends with these.
 *
 * @example z.object(aboutFields).parse({ source: 'ECB euro reference rates', attribution: null }).attribution // null
 */
export const aboutFields = {
  source: described(z.string(), 'the data source, described'),
  attribution: described(z.nullable(z.string()), 'the attribution the source asks for, if any'),
};

/**
 * The values an error or a note names, for clients that word it themselves.
 *
 * @example namedValues.parse({ param: 'window', max: 10 }) // { param: 'window', max: 10 }
 */
export const namedValues = z.record(z.string(), z.union([z.string(), z.number()]));

/**
 * The schema of a response body (what a route declares and OpenAPI shows).
 *
 * @example const body: ResponseSchema = healthResponse // toJsonSchema(body).type === 'object'
 */
export type ResponseSchema = z.ZodMiniType;
