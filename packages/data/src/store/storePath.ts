import { join } from 'node:path';
import { soukanHome } from '../fetch/paths.js';

/**
 * Where the store lives unless a command says `--store PATH`:
 * `$SOUKAN_STORE`, else `soukan.duckdb` in the soukan data directory
 * (`$SOUKAN_HOME`, `$XDG_DATA_HOME/soukan`, `~/.local/share/soukan`, …; see
 * {@link soukanHome}).
 *
 * @example storePath({ SOUKAN_HOME: '/data/soukan' }) // '/data/soukan/soukan.duckdb'
 */
export function storePath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOUKAN_STORE) return env.SOUKAN_STORE;
  return join(soukanHome(env), 'soukan.duckdb');
}
