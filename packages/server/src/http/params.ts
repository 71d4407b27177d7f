import { parseIsoDate, TIMEFRAMES, type AlignPolicy, type Timeframe } from '@soukan/core';
import { HttpError } from './httpError.js';

/** A JSON-Schema fragment (what OpenAPI 3.1 puts under `schema`). */
export type Schema = Readonly<Record<string, unknown>>;

/**
 * One query parameter: how it is parsed and validated, and how OpenAPI
 * describes it. `parse` throws {@link Invalid} with what would be valid.
 */
export interface Param<V> {
  readonly schema: Schema;
  readonly description: string;
  readonly required?: boolean;
  parse(text: string): V;
}

/**
 * Why a parameter value was rejected: what a valid value looks like, in
 * English, and the same as a stable `rule` with the values it names (`min`,
 * `max`, `values`…) for clients that word it themselves (the dashboard in
 * Japanese). The 400 response carries both.
 */
export class Invalid extends Error {
  constructor(
    readonly expected: string,
    readonly rule: string = 'text',
    readonly values: Readonly<Record<string, string | number>> = {},
  ) {
    super(expected);
  }
}

/** The parsed values of a parameter set: optional ones may be undefined. */
export type Parsed<P extends Record<string, Param<unknown>>> = { [K in keyof P]: P[K] extends Param<infer V> ? V | undefined : never };

function base<V>(schema: Schema, description: string, parse: (t: string) => V, required = false): Param<V> {
  return { schema, description, parse, required };
}

/** A whole number in [min, max]. */
export function intParam(description: string, min: number, max: number): Param<number> {
  return base({ type: 'integer', minimum: min, maximum: max }, description, (t) => {
    const v = Number(t);
    if (!/^[+-]?\d+$/.test(t.trim()) || !Number.isSafeInteger(v) || v < min || v > max) throw new Invalid(`a whole number from ${min} to ${max}`, 'int-range', { min, max });
    return v;
  });
}

/** A number in an open or closed interval. */
export function numberParam(description: string, o: { min?: number; max?: number; exclusiveMin?: number; exclusiveMax?: number }): Param<number> {
  const lo = o.min !== undefined ? `≥ ${o.min}` : o.exclusiveMin !== undefined ? `> ${o.exclusiveMin}` : undefined;
  const hi = o.max !== undefined ? `≤ ${o.max}` : o.exclusiveMax !== undefined ? `< ${o.exclusiveMax}` : undefined;
  const expected = `a number${lo ? ` ${lo}` : ''}${lo && hi ? ' and' : ''}${hi ? ` ${hi}` : ''}`;
  const schema: Record<string, unknown> = { type: 'number' };
  if (o.min !== undefined) schema.minimum = o.min;
  if (o.max !== undefined) schema.maximum = o.max;
  if (o.exclusiveMin !== undefined) schema.exclusiveMinimum = o.exclusiveMin;
  if (o.exclusiveMax !== undefined) schema.exclusiveMaximum = o.exclusiveMax;
  return base(schema, description, (t) => {
    const v = t.trim() === '' ? NaN : Number(t);
    const ok =
      Number.isFinite(v) &&
      (o.min === undefined || v >= o.min) &&
      (o.max === undefined || v <= o.max) &&
      (o.exclusiveMin === undefined || v > o.exclusiveMin) &&
      (o.exclusiveMax === undefined || v < o.exclusiveMax);
    if (!ok) throw new Invalid(expected, 'number-range', { range: `${lo ?? ''}${lo && hi ? ' ' : ''}${hi ?? ''}` });
    return v;
  });
}

/** One of a fixed set of words. */
export function enumParam<const T extends string>(description: string, values: readonly T[]): Param<T> {
  return base({ type: 'string', enum: values }, description, (t) => {
    if (!(values as readonly string[]).includes(t)) throw new Invalid(`one of ${values.join(', ')}`, 'one-of', { values: values.join(', ') });
    return t as T;
  });
}

/** `true`/`false` (also `1`/`0`). */
export function boolParam(description: string): Param<boolean> {
  return base({ type: 'boolean' }, description, (t) => {
    if (t === 'true' || t === '1') return true;
    if (t === 'false' || t === '0') return false;
    throw new Invalid('true or false', 'boolean');
  });
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A date `YYYY-MM-DD` (00:00 UTC) or an ISO 8601 instant with its offset; parsed to UTC epoch ms. */
export function dateParam(description: string): Param<number> {
  return base({ type: 'string', format: 'date', examples: ['2024-12-31', '2017-03-12T21:00Z'] }, description, (t) => {
    try {
      return parseIsoDate(t);
    } catch {
      if (ISO_INSTANT.test(t)) {
        const v = Date.parse(t);
        if (Number.isFinite(v)) return v;
      }
      throw new Invalid('a date YYYY-MM-DD or an ISO time such as 2017-03-12T21:00Z', 'date');
    }
  });
}

const SYMBOL_TEXT = /^[A-Za-z]{3}[/_\-. ]?[A-Za-z]{3}$/;

/** One pair in any accepted spelling (`EUR/USD`, `EURUSD`, `eur_usd`). */
export function symbolParam(description: string): Param<string> {
  return base({ type: 'string', examples: ['EUR/USD'] }, description, (t) => {
    if (!SYMBOL_TEXT.test(t.trim())) throw new Invalid('a currency pair such as EUR/USD', 'pair');
    return t.trim();
  });
}

/** A comma-separated list of pairs, at most `max`. */
export function symbolsParam(description: string, max: number): Param<string[]> {
  return base({ type: 'string', examples: ['EUR/USD,USD/JPY,GBP/USD'] }, description, (t) => {
    const items = t.split(',').map((s) => s.trim());
    if (items.some((s) => s === '')) throw new Invalid('pairs separated by commas, e.g. EUR/USD,USD/JPY', 'pairs');
    const bad = items.find((s) => !SYMBOL_TEXT.test(s));
    if (bad !== undefined) throw new Invalid(`pairs separated by commas, e.g. EUR/USD,USD/JPY (${JSON.stringify(bad)} is not a pair)`, 'pairs', { bad });
    if (items.length > max) throw new Invalid(`at most ${max} pairs`, 'pairs-max', { max });
    return items;
  });
}

/** A timeframe name. */
export function timeframeParam(description: string): Param<Timeframe> {
  return enumParam(description, TIMEFRAMES);
}

/** `N` observations (min ≤ N ≤ max) or `all`. */
export function windowParam(description: string, max: number, min = 2): Param<number | 'all'> {
  return base({ oneOf: [{ type: 'integer', minimum: min, maximum: max }, { const: 'all' }] }, description, (t) => {
    if (t === 'all') return 'all';
    const v = Number(t);
    if (!/^\d+$/.test(t) || !Number.isSafeInteger(v) || v < min || v > max) throw new Invalid(`a whole number from ${min} to ${max}, or "all"`, 'window-range', { min, max });
    return v;
  });
}

/** `inner`, `pairwise` or `ffill:N`. */
export function alignParam(description: string): Param<AlignPolicy> {
  return base({ type: 'string', pattern: '^(inner|pairwise|ffill:\\d{1,4})$', examples: ['inner', 'pairwise', 'ffill:1'] }, description, (t) => {
    if (t === 'inner' || t === 'pairwise') return { kind: t };
    const m = /^ffill:(\d{1,4})$/.exec(t);
    if (m) return { kind: 'ffill', limit: Number(m[1]) };
    throw new Invalid('inner, pairwise or ffill:N (N from 0 to 9999)', 'align');
  });
}

/** Free text matching a pattern (source names, file names); `rule` names `expected` for clients that word it themselves. */
export function textParam(description: string, pattern: RegExp, expected: string, maxLength = 200, rule = 'text'): Param<string> {
  return base({ type: 'string', pattern: pattern.source, maxLength }, description, (t) => {
    if (t.length > maxLength || !pattern.test(t)) throw new Invalid(expected, rule);
    return t;
  });
}

/** Marks a parameter as required. */
export function required<V>(p: Param<V>): Param<V> {
  return { ...p, required: true };
}

/**
 * Validates a query string against a parameter set: every value parsed,
 * required ones present, unknown names and repeated names rejected (a typo
 * must not silently fall back to a default).
 *
 * @throws HttpError 400 `invalid-param` / `missing-param` / `unknown-param`
 *   naming the parameter, the value and what would be valid.
 */
export function parseParams<P extends Record<string, Param<unknown>>>(specs: P, query: URLSearchParams): Parsed<P> {
  const out: Record<string, unknown> = {};
  const seen = new Set<string>();
  // Own names only: `__proto__`, `constructor`, `toString` are unknown parameters, not Object's.
  for (const [name, value] of query) {
    if (!Object.hasOwn(specs, name)) {
      const known = Object.keys(specs);
      throw new HttpError(400, 'unknown-param', `unknown parameter ${name}; known: ${known.join(', ') || '(none)'}`, { param: name, known: known.join(', ') });
    }
    if (seen.has(name)) throw new HttpError(400, 'repeated-param', `${name} is given more than once`, { param: name });
    seen.add(name);
    try {
      out[name] = specs[name]!.parse(value);
    } catch (e) {
      if (!(e instanceof Invalid)) throw e;
      const shown = value.length > 80 ? `${value.slice(0, 77)}...` : value;
      throw new HttpError(400, 'invalid-param', `${name}: expected ${e.expected}, got ${JSON.stringify(shown)}`, { ...e.values, param: name, value: shown, expected: e.expected, rule: e.rule });
    }
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.required && !seen.has(name)) throw new HttpError(400, 'missing-param', `${name} is required: ${spec.description}`, { param: name });
  }
  return out as Parsed<P>;
}
