/**
 * The store's tables. Times are UTC epoch milliseconds (`BIGINT`); prices are
 * `DOUBLE`s exactly as the readers parsed them.
 *
 * - `series` — one row per (source, symbol): what kind of data it is.
 *   `kind = 'bars'` rows live in `bars` (open/high/low/close, volume when the
 *   source has it); `kind = 'quotes'` rows live in `quotes` (one value per
 *   time: daily fixings stamped 00:00 UTC of their date, or close-only
 *   intraday quotes). `step_ms` is the coarsest spacing seen among the imports
 *   (60 000 for 1-minute bars): bars finer than that are refused. `rows`,
 *   `first_t`, `last_t` are kept by imports and removals, so listing the
 *   store and checking an import's overlap never scan the data.
 * - `bars(series_id, t, open, high, low, close, volume)` — `t` is the bar's
 *   opening instant.
 * - `quotes(series_id, t, value)`.
 * - `bars_q` — the quarter-hour rollup of `bars` (see rollupSql.ts): per
 *   series and UTC quarter-hour `q`, first/last time `t0`/`t1`, open, high,
 *   low, close, volume, row count `n`, and the quarter's trading date `td`,
 *   H4 bucket `h4` and `weekend` flag under 17:00 New York. Derived data,
 *   kept by imports and removals in the same transaction as the rows.
 * - `imports` — one row per committed import (when, which files, the summary as JSON).
 * - `meta` — `schema_version`.
 *
 * There is no primary-key index on (series_id, t): an ART index over millions
 * of minute rows costs more memory and insert time than the data itself.
 * Uniqueness is kept by the importer (one writer at a time — DuckDB locks the
 * file — and every import is checked against the stored rows it overlaps).
 * Rows are inserted sorted by (series_id, t), so DuckDB's per-row-group
 * min/max on both columns make a symbol's time range a narrow scan.
 */
import { InputError } from '../errors.js';
import type { Db } from './duck.js';

/**
 * Version of the layout below; a store written by a newer soukan is refused.
 *
 * @example SCHEMA_VERSION // 1
 */
export const SCHEMA_VERSION = 1;

const DDL = [
  `CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS series (
     id INTEGER PRIMARY KEY,
     source VARCHAR NOT NULL,
     symbol VARCHAR NOT NULL,
     kind VARCHAR NOT NULL CHECK (kind IN ('bars', 'quotes')),
     frequency VARCHAR NOT NULL CHECK (frequency IN ('daily', 'intraday')),
     step_ms BIGINT,
     rows BIGINT NOT NULL DEFAULT 0,
     first_t BIGINT,
     last_t BIGINT,
     UNIQUE (source, symbol))`,
  `CREATE TABLE IF NOT EXISTS bars (
     series_id INTEGER NOT NULL,
     t BIGINT NOT NULL,
     open DOUBLE NOT NULL,
     high DOUBLE NOT NULL,
     low DOUBLE NOT NULL,
     close DOUBLE NOT NULL,
     volume DOUBLE)`,
  `CREATE TABLE IF NOT EXISTS bars_q (
     series_id INTEGER NOT NULL,
     q BIGINT NOT NULL,
     t0 BIGINT NOT NULL,
     t1 BIGINT NOT NULL,
     open DOUBLE NOT NULL,
     high DOUBLE NOT NULL,
     low DOUBLE NOT NULL,
     close DOUBLE NOT NULL,
     volume DOUBLE,
     n INTEGER NOT NULL,
     td BIGINT NOT NULL,
     h4 BIGINT NOT NULL,
     weekend BOOLEAN NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS quotes (
     series_id INTEGER NOT NULL,
     t BIGINT NOT NULL,
     value DOUBLE NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS imports (
     id INTEGER PRIMARY KEY,
     started BIGINT NOT NULL,
     finished BIGINT NOT NULL,
     files VARCHAR NOT NULL,
     summary VARCHAR NOT NULL)`,
];

/**
 * Creates the tables of an empty store, or checks the version of an existing one.
 *
 * @throws InputError for a store written by a newer schema version.
 * @example await ensureSchema(db, '/tmp/s.duckdb', true) // tables exist, meta.schema_version = '1'
 */
export async function ensureSchema(db: Db, path: string, writable: boolean): Promise<void> {
  if (!(await hasSchema(db))) {
    if (!writable) return;
    await db.run('BEGIN TRANSACTION');
    try {
      for (const s of DDL) await db.run(s);
      await db.run(`INSERT INTO meta VALUES ('schema_version', '${SCHEMA_VERSION}')`);
      await db.run('COMMIT');
    } catch (e) {
      await db.run('ROLLBACK');
      throw e;
    }
    return;
  }
  const v = (await db.rows(`SELECT value FROM meta WHERE key = 'schema_version'`))[0]?.value as string | undefined;
  if (!(Number(v) <= SCHEMA_VERSION)) {
    throw new InputError(`store ${path} has schema version ${v ?? '?'}; this soukan reads version ${SCHEMA_VERSION} (upgrade soukan, or pass another --store)`);
  }
}

/**
 * True when the store has its tables (a read-only open of a never-written file has none).
 *
 * @example await hasSchema(db) // false for a file never opened for writing
 */
export async function hasSchema(db: Db): Promise<boolean> {
  const r = await db.rows(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'meta'`);
  return (r[0]!.n as number) > 0;
}
