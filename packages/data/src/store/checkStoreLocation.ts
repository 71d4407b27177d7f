import { InputError } from '../errors.js';

/**
 * Checks that a store location is a file path: `--store` and
 * `$SOUKAN_STORE` take a DuckDB file, and a URL (`clickhouse://…`,
 * `s3://…`) must not silently become a folder named after its scheme. The
 * message never repeats credentials written into the URL.
 *
 * @throws InputError for a location with a URL scheme.
 * @example checkStoreLocation('clickhouse://u:p@db:8123/fx') // throws 'store clickhouse://db:8123/fx: unknown scheme "clickhouse:"; …'
 */
export function checkStoreLocation(location: string): void {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(location);
  if (!m) return;
  const shown = location.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^@/]*@/, '$1');
  throw new InputError(`store ${shown}: unknown scheme "${m[1]}:"; --store and $SOUKAN_STORE take the path of a DuckDB store file`);
}
