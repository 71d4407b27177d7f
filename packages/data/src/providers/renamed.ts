import { InputError } from '../errors.js';

/**
 * An error about a temporary upload path, reworded with the name the user
 * uploaded; anything else is returned as it is.
 *
 * @example (renamed(new InputError('/tmp/u1: empty file'), ['/tmp/u1'], ['rates.csv']) as Error).message // 'rates.csv: empty file'
 */
export function renamed(e: unknown, paths: readonly string[], names: readonly string[] | undefined): unknown {
  if (!(e instanceof InputError) || !names) return e;
  let msg = e.message;
  paths.forEach((p, i) => (msg = msg.split(p).join(names[i] ?? p)));
  const file = e.file !== undefined ? (names[paths.indexOf(e.file)] ?? e.file) : undefined;
  return new InputError(msg, { code: e.code, params: { ...e.params, ...(file !== undefined ? { file } : {}) } });
}
