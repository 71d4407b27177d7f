import { InputError } from '@soukan/data';

/** An error about a temporary upload path, reworded with the name the user uploaded. */
export function renamed(e: unknown, paths: readonly string[], names: readonly string[] | undefined): unknown {
  if (!(e instanceof InputError) || !names) return e;
  let msg = e.message;
  paths.forEach((p, i) => (msg = msg.split(p).join(names[i] ?? p)));
  const file = e.file !== undefined ? (names[paths.indexOf(e.file)] ?? e.file) : undefined;
  return new InputError(msg, { code: e.code, params: { ...e.params, ...(file !== undefined ? { file } : {}) } });
}
