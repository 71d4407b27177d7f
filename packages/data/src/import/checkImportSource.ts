import { InputError } from '../errors.js';

/**
 * A `--source` name, trimmed.
 *
 * @throws InputError for an empty name, one over 40 characters, or control characters.
 * @example checkImportSource(' broker ') // 'broker'
 */
export function checkImportSource(s: string): string {
  const t = s.trim();
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (t === '' || t.length > 40 || /[\u0000-\u001f]/.test(t)) throw new InputError('source must be 1–40 printable characters', { field: 'source', text: s });
  return t;
}
