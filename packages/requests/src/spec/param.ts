import type * as z from 'zod/mini';
import type { Localised } from '../text.js';
import type { Expectation } from './invalid.js';

/**
 * A type of parameter value: its schema as a typed value (library calls, JSON
 * bodies), its schema as it appears in a query string (OpenAPI), what a valid
 * value looks like, and how text (a query value, a command-line word, a form
 * field) becomes a value.
 */
export interface Kind<T> {
  /** Schema of the typed value; bounds live here. */
  readonly value: z.ZodMiniType<T>;
  /** Schema of the parameter in a query string (defaults to `value`). */
  readonly query: z.ZodMiniType;
  readonly expected: Expectation;
  /**
   * Text → value; throws {@link Invalid} with a more specific expectation
   * where there is one. List kinds also take the words of a command line.
   */
  fromText(text: string | readonly string[]): T;
  /** Help placeholder of the command-line option, e.g. `<n>`. */
  readonly placeholder: string;
  /** A switch on the command line (`--backtest`), no value. */
  readonly switch?: boolean;
  /** Several words on the command line (a variadic argument). */
  readonly list?: boolean;
}

/** How a command line spells a parameter. */
export type CliSpelling =
  /** `--kebab-name <placeholder>` (the default). */
  | 'option'
  /** A positional argument (at most one per request may be a list). */
  | 'argument'
  /** Not on the command line (an HTTP-only parameter such as `source`). */
  | 'none';

/** What a request declares about one of its parameters besides its kind. */
export interface ParamOptions<T> {
  readonly description: Localised;
  /** The value used when the parameter is not given (stated in help and OpenAPI). */
  readonly default?: T;
  /**
   * The command line's default where it differs from the API's: a terminal
   * wants `soukan bars` in days, where a program asks for what is stored.
   */
  readonly cliDefault?: T;
  /** How the default reads when it depends on other values ("20, at most the window"). */
  readonly defaultText?: string;
  readonly required?: boolean;
  readonly cli?: CliSpelling;
  /** Absent from the HTTP API (a command-line-only parameter). */
  readonly api?: false;
}

/** One parameter of a request: its kind and what the request says about it. */
export interface Param<T = unknown> extends Kind<T>, ParamOptions<T> {}

/**
 * Declares a parameter of a request.
 *
 * @example param(int(2, 100), { description: { en: 'rolling window', ja: 'ローリング期間' }, default: 60 })
 */
export function param<T>(kind: Kind<T>, o: ParamOptions<NoInfer<T>>): Param<T> {
  return { ...kind, ...o };
}

/** The value type of a parameter. */
export type ValueOf<P> = P extends Param<infer T> ? T : never;
