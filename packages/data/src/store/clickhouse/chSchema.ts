/**
 * The tables of a ClickHouse store (database `D`):
 *
 * - `rows` — every stored row: `source`, `symbol`, `t` (UTC ms, the bar's
 *   opening instant), `import_id`, and the prices as the bits of their
 *   doubles (`open_bits` … `volume_bits`, NaN volume where the source has
 *   none; close-only quotes store their value as open = high = low = close),
 *   with `open` … `volume` Float64 ALIAS columns that read them. Bits, not
 *   Float64 text: 18.16 parses float text inexactly (1.8094 becomes
 *   1.8094000000000001), and bars must equal DuckDB's bit for bit.
 *   MergeTree, `ORDER BY (source, symbol, t)`, `PARTITION BY` month. On a
 *   cluster `rows_local` is that table on every shard and `rows` a
 *   Distributed table over them, sharded by `cityHash64(symbol)` (soukan
 *   writes each symbol's rows straight to its shard's `rows_local`).
 * - `imports` — the commit marker: one row per committed import. Rows whose
 *   `import_id` is not here are invisible to readers, and removed by the next import.
 * - `import_series` — per import and (source, symbol): kind, frequency,
 *   step, rows added, time range; `soukan list` sums the committed ones.
 * - `removals` — `soukan remove`: rows of (source, symbol) from imports up
 *   to `through` are hidden at once (and deleted by a mutation later).
 * - `rows_q` — the quarter-hour rollup of the rows, per import (chRollup.ts;
 *   `rows_q_local` on each shard of a cluster). A store made before it has
 *   it filled from its rows by its next import; until then bars are built
 *   from the rows.
 *
 * The metadata tables live on the server soukan talks to (not sharded):
 * readers ask it which imports are visible, then name them in each query.
 */
import type { ChClient } from './chClient.js';
import { CH_ROLLUP_COLUMNS, createChRollup } from './chRollup.js';

/**
 * Version of the layout below.
 *
 * @example CH_SCHEMA_VERSION // 1
 */
export const CH_SCHEMA_VERSION = 1;

const PRICE = ['open', 'high', 'low', 'close', 'volume'] as const;

const ROWS_COLUMNS: readonly (readonly [string, string])[] = [
  ['source', 'String'],
  ['symbol', 'String'],
  ['t', 'Int64'],
  ['import_id', 'UInt64'],
  ...PRICE.map((p): [string, string] => [`${p}_bits`, 'UInt64']),
  ...PRICE.map((p): [string, string] => [p, 'Float64']),
];

const META: Record<string, readonly (readonly [string, string])[]> = {
  imports: [
    ['import_id', 'UInt64'],
    ['started', 'Int64'],
    ['finished', 'Int64'],
    ['files', 'String'],
    ['summary', 'String'],
  ],
  import_series: [
    ['import_id', 'UInt64'],
    ['source', 'String'],
    ['symbol', 'String'],
    ['kind', 'String'],
    ['frequency', 'String'],
    ['step_ms', 'Int64'],
    ['rows', 'UInt64'],
    ['first', 'Int64'],
    ['last', 'Int64'],
  ],
  removals: [
    ['source', 'String'],
    ['symbol', 'String'],
    ['through', 'UInt64'],
    ['at', 'Int64'],
  ],
};

const META_ORDER: Record<string, string> = { imports: 'import_id', import_series: '(import_id, source, symbol)', removals: '(source, symbol)' };

function rowsBody(): string {
  const cols = [
    'source String',
    'symbol String',
    't Int64',
    'import_id UInt64',
    ...PRICE.map((p) => `${p}_bits UInt64`),
    ...PRICE.map((p) => `${p} Float64 ALIAS reinterpretAsFloat64(reinterpretAsString(${p}_bits))`),
  ];
  return `(${cols.join(', ')})`;
}

/** The table a store's rows are written to on each shard. */
export function localRows(ch: ChClient): string {
  return ch.location.cluster ? 'rows_local' : 'rows';
}

function expected(ch: ChClient): Map<string, readonly (readonly [string, string])[]> {
  const m = new Map<string, readonly (readonly [string, string])[]>(Object.entries(META));
  m.set('rows', ROWS_COLUMNS);
  m.set('rows_q', CH_ROLLUP_COLUMNS);
  if (ch.location.cluster) {
    m.set('rows_local', ROWS_COLUMNS);
    m.set('rows_q_local', CH_ROLLUP_COLUMNS);
  }
  return m;
}

/**
 * Which of the store's tables exist on a server, and the first one whose
 * columns are not soukan's (a table of the same name made by something else).
 */
async function inspect(ch: ChClient, at = ch.location.endpoint, tables = [...expected(ch).keys()]): Promise<{ present: Set<string>; wrong?: string }> {
  const want = expected(ch);
  const rows = await ch.rows(
    `SELECT table, name, type FROM system.columns WHERE database = '${ch.db}' AND table IN (${tables.map((t) => `'${t}'`).join(', ')}) ORDER BY table`,
    at,
  );
  const got = new Map<string, [string, string][]>();
  for (const [table, name, type] of rows) {
    if (!got.has(table!)) got.set(table!, []);
    got.get(table!)!.push([name!, type!]);
  }
  for (const [table, cols] of got) {
    const need = want.get(table)!;
    const same = cols.length === need.length && need.every(([n, t]) => cols.some(([cn, ct]) => cn === n && ct === t));
    if (!same) {
      return {
        present: new Set(got.keys()),
        wrong: `table ${ch.db}.${table} has columns (${cols.map(([n, t]) => `${n} ${t}`).join(', ')}), not soukan's (${need.map(([n, t]) => `${n} ${t}`).join(', ')}); it was made by something else: use another database`,
      };
    }
  }
  return { present: new Set(got.keys()) };
}

/**
 * Checks the store's tables and, when `create`, creates the missing ones:
 * the data table on every shard (and the Distributed table over them on a
 * cluster), the metadata tables on the main server. Nothing is created
 * before every existing table has been checked.
 *
 * @returns false when the store has no tables yet (and `create` was not asked).
 * @throws InputError for a table of one of these names with other columns.
 * @example await ensureChSchema(ch, true) // true
 */
export async function ensureChSchema(ch: ChClient, create: boolean): Promise<boolean> {
  const main = await inspect(ch);
  if (main.wrong) throw ch.fail(ch.location.endpoint, main.wrong);
  // Readers go through the main server only; writers check every shard before creating anything.
  const shardChecks = ch.location.cluster && create ? await Promise.all(ch.location.shards.map((s) => inspect(ch, s, ['rows_local', 'rows_q_local']))) : [];
  shardChecks.forEach((r, i) => {
    if (r.wrong) throw ch.fail(ch.location.shards[i]!, r.wrong);
  });
  const all = [...expected(ch).keys()];
  if (!create) return ['rows', ...Object.keys(META)].every((t) => main.present.has(t));
  if (all.every((t) => main.present.has(t)) && shardChecks.every((r) => r.present.has('rows_local') && r.present.has('rows_q_local'))) return true;
  const hadRows = main.present.has('rows');
  const engine = `ENGINE = MergeTree PARTITION BY toYYYYMM(toDateTime(intDiv(t, 1000))) ORDER BY (source, symbol, t)`;
  if (ch.location.cluster) {
    for (const shard of ch.location.shards) await ch.command(`CREATE TABLE IF NOT EXISTS ${ch.db}.rows_local ${rowsBody()} ${engine}`, shard);
    await ch.command(`CREATE TABLE IF NOT EXISTS ${ch.db}.rows ${rowsBody()} ENGINE = Distributed(${ch.location.cluster}, ${ch.db}, rows_local, cityHash64(symbol))`);
  } else {
    await ch.command(`CREATE TABLE IF NOT EXISTS ${ch.db}.rows ${rowsBody()} ${engine}`);
  }
  for (const [table, cols] of Object.entries(META)) {
    await ch.command(`CREATE TABLE IF NOT EXISTS ${ch.db}.${table} (${cols.map(([n, t]) => `${n} ${t}`).join(', ')}) ENGINE = MergeTree ORDER BY ${META_ORDER[table]}`);
  }
  if (!main.present.has('rows_q')) await createChRollup(ch, hadRows);
  return true;
}
