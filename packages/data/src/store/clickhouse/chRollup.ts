/**
 * The quarter-hour rollup of a ClickHouse store (`rows_q`; on a cluster
 * `rows_q_local` on every shard and a Distributed `rows_q` over them,
 * sharded like the rows): per (source, symbol, import) and UTC
 * quarter-hour, the first and last minute, open, high, low, close, the
 * volume sum and count, and the row count — the partial aggregates chBarsSql
 * forms first when it builds bars of 15 minutes and coarser. Bars of those
 * timeframes read it (~25 000 rows per symbol-year instead of ~370 000
 * minutes); quarters combine across imports exactly (open and close by
 * time, extremes, sums), so the bars equal those from the rows, and DuckDB's,
 * bit for bit (volume sums of a quarter split across imports may differ in
 * the last bit when volumes are not whole numbers).
 *
 * Atomicity: an import fills the rollup of its own rows, under its import
 * id, after its rows and before its commit marker — invisible to readers
 * until the commit, like the rows, and deleted with them when an import
 * never commits.
 */
import { MINUTE_MS, TIMEFRAME_MINUTES, type Timeframe } from '@soukan/core';
import { int, MARGIN_AFTER, MARGIN_BEFORE, QUARTER_MS } from '../barsSql.js';
import { chFloorDiv, type ChLeg } from './chBarsSql.js';
import { sqlText, type ChClient } from './chClient.js';

/** Columns of the rollup table, in order. */
export const CH_ROLLUP_COLUMNS: readonly (readonly [string, string])[] = [
  ['source', 'String'],
  ['symbol', 'String'],
  ['import_id', 'UInt64'],
  ['q', 'Int64'],
  ['t0', 'Int64'],
  ['t1', 'Int64'],
  ['open', 'Float64'],
  ['high', 'Float64'],
  ['low', 'Float64'],
  ['close', 'Float64'],
  ['vs', 'Float64'],
  ['vn', 'UInt64'],
  ['n', 'UInt64'],
];

/**
 * The table an import writes its rollup to on each shard.
 *
 * @example localRollup(ch) // 'rows_q_local' on a cluster, else 'rows_q'
 */
export function localRollup(ch: ChClient): string {
  return ch.location.cluster ? 'rows_q_local' : 'rows_q';
}

const BODY = `(${CH_ROLLUP_COLUMNS.map(([n, t]) => `${n} ${t}`).join(', ')})`;
const ENGINE = `ENGINE = MergeTree PARTITION BY toYYYYMM(toDateTime(q * ${QUARTER_MS / 1000})) ORDER BY (source, symbol, q)`;

/**
 * Creates the rollup of a store that has none. A store whose rows predate
 * the rollup gets it filled from them first (every import, committed or
 * not: readers name the imports they see), and readers see the table only
 * once it is whole: on a cluster the Distributed table is created last; on
 * one server the table is filled under another name and renamed.
 *
 * @example await createChRollup(ch, true)
 */
export async function createChRollup(ch: ChClient, fill: boolean): Promise<void> {
  const db = ch.db;
  if (ch.location.cluster) {
    for (const at of ch.location.shards) {
      await ch.command(`CREATE TABLE IF NOT EXISTS ${db}.rows_q_local ${BODY} ${ENGINE}`, at);
      if (fill) {
        await ch.command(`TRUNCATE TABLE ${db}.rows_q_local`, at);
        await ch.command(chRollupFillSql(ch, null, 'rows_q_local'), at);
      }
    }
    await ch.command(`CREATE TABLE IF NOT EXISTS ${db}.rows_q ${BODY} ENGINE = Distributed(${ch.location.cluster}, ${db}, rows_q_local, cityHash64(symbol))`);
    return;
  }
  if (!fill) {
    await ch.command(`CREATE TABLE IF NOT EXISTS ${db}.rows_q ${BODY} ${ENGINE}`);
    return;
  }
  await ch.command(`DROP TABLE IF EXISTS ${db}.rows_q_filling`);
  await ch.command(`CREATE TABLE ${db}.rows_q_filling ${BODY} ${ENGINE}`);
  await ch.command(chRollupFillSql(ch, null, 'rows_q_filling'));
  await ch.command(`RENAME TABLE ${db}.rows_q_filling TO ${db}.rows_q`);
}

/**
 * The statement (run on every shard) that fills the rollup of imports'
 * rows from the rows on that shard; `null`: of every import.
 *
 * @example chRollupFillSql(ch, [7]) // 'INSERT INTO fx.rows_q (…) SELECT … FROM fx.rows WHERE import_id IN (7) GROUP BY …'
 */
export function chRollupFillSql(ch: ChClient, imports: readonly number[] | null, into = localRollup(ch)): string {
  const rows = ch.location.cluster ? 'rows_local' : 'rows';
  const where = imports === null ? '' : `WHERE import_id IN (${imports.map((i) => int(i, 'import id')).join(', ')})`;
  return `INSERT INTO ${ch.db}.${into} (${CH_ROLLUP_COLUMNS.map(([n]) => n).join(', ')})
    SELECT source, symbol, import_id, ${chFloorDiv('t', QUARTER_MS)} AS q, min(t), max(t), argMin(open, t), max(high), min(low), argMax(close, t),
      sumIf(volume, NOT isNaN(volume)), countIf(NOT isNaN(volume)), count()
    FROM ${ch.db}.${rows} ${where} GROUP BY source, symbol, import_id, q`;
}

/**
 * Whether bars can come from the rollup: 15 minutes or coarser (any FX-day
 * convention: the quarters carry no calendar), and a window on quarter-hour
 * boundaries (so the count of rows in the window is exact).
 *
 * @example chRollupApplies('H1') // true; chRollupApplies('M5') // false
 */
export function chRollupApplies(timeframe: Timeframe | undefined, from?: number, to?: number): boolean {
  return (
    timeframe !== undefined &&
    TIMEFRAME_MINUTES[timeframe] * MINUTE_MS >= QUARTER_MS &&
    (from === undefined || from % QUARTER_MS === 0) &&
    (to === undefined || (to + 1) % QUARTER_MS === 0)
  );
}

/**
 * One leg's quarters from the rollup, with the columns chBarsSql's first
 * aggregation gives from the rows (`b` the quarter, `t0, t1, o1, h1, l1,
 * c1, vs, vn, n1, nw`), over the same margin around a window; an inverted
 * leg's quarter is (1/open, 1/low, 1/high, 1/close), exact because 1/x is
 * monotone under IEEE rounding.
 *
 * @example chRollupQuartersSql('fx', leg) // 'SELECT q AS b, min(t0) AS t0, … FROM (… FROM fx.rows_q WHERE …) GROUP BY b'
 */
export function chRollupQuartersSql(db: string, leg: ChLeg, from?: number, to?: number): string {
  const where = [
    `source = ${sqlText(leg.source)}`,
    `symbol = ${sqlText(leg.symbol)}`,
    `import_id IN (${leg.imports.length ? leg.imports.map((i) => int(i, 'import id')).join(', ') : '0'})`,
    from !== undefined ? `q >= ${Math.floor((Number(int(from, 'from')) - MARGIN_BEFORE) / QUARTER_MS)}` : '',
    to !== undefined ? `q <= ${Math.floor((Number(int(to, 'to')) + MARGIN_AFTER) / QUARTER_MS)}` : '',
  ]
    .filter(Boolean)
    .join(' AND ');
  const inWindow = [from !== undefined ? `q * ${QUARTER_MS} >= ${from}` : '', to !== undefined ? `q * ${QUARTER_MS} + ${QUARTER_MS - 1} <= ${to}` : ''].filter(Boolean).join(' AND ') || '1';
  const cols = leg.invert ? '1.0 / open AS o, 1.0 / low AS h, 1.0 / high AS l, 1.0 / close AS c' : 'open AS o, high AS h, low AS l, close AS c';
  // Inner names differ from the outer aliases: ClickHouse resolves a name to an alias of the same SELECT first.
  return `SELECT q AS b, min(qt0) AS t0, max(qt1) AS t1, argMin(o, qt0) AS o1, max(h) AS h1, min(l) AS l1, argMax(c, qt1) AS c1,
                 sum(qvs) AS vs, sum(qvn) AS vn, sum(qn) AS n1, sumIf(qn, ${inWindow}) AS nw
          FROM (SELECT q, t0 AS qt0, t1 AS qt1, ${cols}, vs AS qvs, vn AS qvn, n AS qn FROM ${db}.rows_q WHERE ${where}) GROUP BY b`;
}

/**
 * Whether the store has its rollup (a store made before it has not, until its next import).
 *
 * @example await chRollupReady(ch) // true
 */
export async function chRollupReady(ch: ChClient): Promise<boolean> {
  const [r] = await ch.rows(`SELECT count() FROM system.tables WHERE database = ${sqlText(ch.db)} AND name = 'rows_q'`);
  return Number(r?.[0] ?? 0) > 0;
}
