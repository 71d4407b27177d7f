import { InputError } from '../errors.js';

export { apiName, cliFlag, type ParamLabel } from '@soukan/requests';

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
