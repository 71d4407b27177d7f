import type { Db } from '../store/duck.js';

/**
 * The tick tables, beside the bar tables of the store's own schema and
 * created on first use (a store that never saw a tick has none):
 *
 * - `tick_series(id, source, symbol, rows, first_t, last_t)` — one row per
 *   (source, symbol) of ticks; counters kept by every write.
 * - `ticks(series_id, t, seq, bid, ask, bid_volume, ask_volume)` — `t` UTC
 *   epoch ms; `seq` a store-wide increasing number that orders ticks sharing
 *   a millisecond (in arrival order) and identifies a row; volumes NULL where
 *   the source has none.
 *
 * Rows are appended in time order per write, so DuckDB's per-row-group
 * min/max on (series_id, t) keep a symbol's time range a narrow scan; no
 * index, as for bars.
 */
export const TICK_DDL = [
  `CREATE TABLE IF NOT EXISTS tick_series (
     id INTEGER PRIMARY KEY,
     source VARCHAR NOT NULL,
     symbol VARCHAR NOT NULL,
     rows BIGINT NOT NULL DEFAULT 0,
     first_t BIGINT,
     last_t BIGINT,
     UNIQUE (source, symbol))`,
  `CREATE TABLE IF NOT EXISTS ticks (
     series_id INTEGER NOT NULL,
     t BIGINT NOT NULL,
     seq BIGINT NOT NULL,
     bid DOUBLE NOT NULL,
     ask DOUBLE NOT NULL,
     bid_volume DOUBLE,
     ask_volume DOUBLE)`,
] as const;

/**
 * Creates the tick tables when missing (idempotent).
 *
 * @example await ensureTickSchema(db) // tick_series and ticks exist
 */
export async function ensureTickSchema(db: Db): Promise<void> {
  for (const s of TICK_DDL) await db.run(s);
}

/**
 * True when the store has tick tables.
 *
 * @example await hasTickSchema(db) // false for a store that never imported ticks
 */
export async function hasTickSchema(db: Db): Promise<boolean> {
  const r = await db.rows(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = 'ticks'`);
  return (r[0]!.n as number) > 0;
}
