import { InputError } from '../errors.js';

/**
 * How a request function names its parameters in messages: the HTTP API says
 * `window`, the CLI says `--window`. Request functions take one of these so
 * both get messages in their own words from the same code.
 *
 * @example cliFlag('maxLag') // '--max-lag'
 */
export type ParamLabel = (name: string) => string;

/** Parameter names as the HTTP API spells them (`maxLag`). */
export const apiName: ParamLabel = (name) => name;

/** Parameter names as command-line options (`--max-lag`). */
export const cliFlag: ParamLabel = (name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * Runs `f`, turning a plain Error (a core function refusing a value) into an
 * InputError that names the parameter: `maxLag: …` / `--max-lag: …`.
 */
export function withParam<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${name}: ${(e as Error).message}`);
  }
}
