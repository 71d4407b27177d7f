import type { Localised } from '../text.js';
import { Invalid } from './invalid.js';
import { apiName, type ParamLabel } from './label.js';
import type { Param, ValueOf } from './param.js';
import { RequestError } from './requestError.js';

/** The parameters of a request, by name (the API's spelling; the CLI's is its kebab-case). */
export type Params = Readonly<Record<string, Param<any>>>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Parsed values of a request: what was given (defaults are not filled in, so parsing twice gives the same). */
export type Values<P extends Params> = { -readonly [K in keyof P]?: ValueOf<P[K]> };

/**
 * A rule involving several parameters. It sees the given values and the same
 * with defaults filled in, and returns the error to raise, if any.
 */
export type Rule<P extends Params> = (given: Values<P>, resolved: Values<P>, label: ParamLabel) => RequestError | undefined;

/** A worked example: a command that runs as printed, and what it shows. */
export interface Example {
  readonly cli: string;
  readonly what: Localised;
}

/** One request a user can make, declared once. */
export interface RequestSpec<P extends Params = Params> {
  /** Name of the request (`correlation`), also the name of the file that declares it. */
  readonly name: string;
  readonly summary: Localised;
  readonly params: P;
  readonly rules: readonly Rule<P>[];
  /** 2–3 commands that work, shown by `--help`. */
  readonly examples: readonly Example[];
}

/**
 * Declares a request.
 *
 * @example defineRequest({ name: 'x', summary: { en: 'x', ja: 'x' }, params: {}, rules: [], examples: [] })
 */
export function defineRequest<P extends Params>(spec: RequestSpec<P>): RequestSpec<P> {
  return spec;
}

/** How {@link parseRequest} reads its input. */
export interface ParseOptions {
  /** How messages name parameters (default: the API's names). */
  readonly label?: ParamLabel;
  /**
   * Strings (and lists of strings) are text to convert — a query string, a
   * command line, a form — rather than typed values.
   */
  readonly text?: boolean;
}

const shown = (v: unknown): string => {
  const s = typeof v === 'string' ? v : Array.isArray(v) ? v.join(',') : JSON.stringify(v) ?? String(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

/** The error for a value a parameter refuses, naming the parameter, the value and what would be valid. */
export function invalidParam(name: string, value: unknown, e: Invalid, label: ParamLabel = apiName): RequestError {
  const v = shown(value);
  return new RequestError('invalid-param', `${label(name)}: expected ${e.expected.en}, got ${JSON.stringify(v)}`, {
    ...e.expected.values,
    param: name,
    value: v,
    expected: e.expected.en,
    rule: e.expected.rule,
  });
}

/**
 * Parses one parameter of a request: text through its kind, typed values
 * against its schema.
 *
 * @throws RequestError `invalid-param` naming the parameter.
 */
export function parseParam<T>(name: string, p: Param<T>, value: unknown, o: ParseOptions = {}): T {
  try {
    const isText = typeof value === 'string' || (Array.isArray(value) && value.every((x) => typeof x === 'string'));
    if (o.text && isText) return p.fromText(value as string | string[]);
    const r = p.value.safeParse(value);
    if (!r.success) throw new Invalid(p.expected);
    return r.data;
  } catch (e) {
    if (e instanceof Invalid) throw invalidParam(name, value, e, o.label);
    throw e;
  }
}

/** A value that counts as not given: undefined, or an empty list (no symbols on a command line). */
const absent = (v: unknown): boolean => v === undefined || (Array.isArray(v) && v.length === 0);

/**
 * Validates a request: every given value parsed, required ones present,
 * unknown names refused (a typo must not fall back to a default), then the
 * request's cross-field rules. This is the one verdict every front end gives.
 *
 * @throws RequestError `invalid-param`, `missing-param`, `unknown-param`,
 *   `conflicting-params`, `invalid-range` naming the parameter.
 * @example parseRequest(correlationRequest, { window: '60' }, { text: true }) // { window: 60 }
 */
export function parseRequest<P extends Params>(spec: RequestSpec<P>, input: Readonly<Record<string, unknown>>, o: ParseOptions = {}): Values<P> {
  const label = o.label ?? apiName;
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(input)) {
    const value = input[name];
    if (absent(value)) continue;
    const p = Object.hasOwn(spec.params, name) ? spec.params[name] : undefined;
    if (p === undefined) {
      const known = Object.keys(spec.params);
      throw new RequestError('unknown-param', `unknown parameter ${label(name)}; known: ${known.map(label).join(', ')}`, { param: name, known: known.join(', ') });
    }
    out[name] = parseParam(name, p, value, o);
  }
  for (const [name, p] of Object.entries(spec.params)) {
    if (p.required && out[name] === undefined) throw new RequestError('missing-param', `${label(name)} is required: ${p.description.en}`, { param: name });
  }
  const given = out as Values<P>;
  const resolved = withDefaults(spec, given);
  for (const rule of spec.rules) {
    const e = rule(given, resolved, label);
    if (e) throw e;
  }
  return given;
}

/**
 * The values with each missing one set to its declared default.
 *
 * @example withDefaults(correlationRequest, {}).window // 250
 */
export function withDefaults<P extends Params>(spec: RequestSpec<P>, given: Values<P>): Values<P> {
  const out: Record<string, unknown> = { ...given };
  for (const [name, p] of Object.entries(spec.params)) if (out[name] === undefined && p.default !== undefined) out[name] = p.default;
  return out as Values<P>;
}
