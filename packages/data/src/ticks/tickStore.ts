import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseSymbol, pipSize, TIMEFRAME_MINUTES, type Bars, type Timeframe } from '@soukan/core';
import { InputError } from '../errors.js';
import { Db, type AppendKind, type TableAppender } from '../store/duck.js';
import { storePath } from '../store/storePath.js';
import { parseStoreLocation } from '../store/storeLocation.js';
import { ensureTickSchema, hasTickSchema } from './tickSchema.js';
import type { TickBatch, TickSide } from './types.js';

/** One stored tick series. */
export interface StoredTickSeries {
  readonly id: number;
  readonly source: string;
  readonly symbol: string;
  readonly rows: number;
  /** First and last tick time (UTC epoch ms); NaN when empty. */
  readonly first: number;
  readonly last: number;
}

/** What a tick import did. */
export interface TickImportSummary {
  /** Ticks written. */
  readonly added: number;
  /** Stored ticks removed because the import covered their time span (a re-import replaces, never doubles). */
  readonly replaced: number;
  readonly batches: number;
  readonly series: readonly StoredTickSeries[];
  readonly elapsedMs: number;
}

/** Which ticks to read or aggregate. */
export interface TickQuery {
  /** Source (default: the only source that has the symbol; an error when several do). */
  readonly source?: string;
  /** From this instant (UTC ms, inclusive). */
  readonly from?: number;
  /** Before this instant (UTC ms, exclusive). */
  readonly to?: number;
}

/** Ticks as columns. */
export interface TickRows {
  readonly symbol: string;
  readonly source: string;
  readonly time: Float64Array;
  readonly bid: Float64Array;
  readonly ask: Float64Array;
  /** NaN where the source has no volume. */
  readonly bidVolume: Float64Array;
  readonly askVolume: Float64Array;
}

/**
 * Spread statistics per bar (`ask − bid`, in price units; `pip` converts).
 * Quantiles are linear interpolation between order statistics (numpy's and
 * pandas' default, DuckDB `quantile_cont`).
 */
export interface SpreadStats {
  readonly symbol: string;
  readonly source: string;
  readonly timeframe: Timeframe;
  /** Pip size of the symbol (core's table). */
  readonly pip: number;
  /** Bar opening times (UTC ms). */
  readonly time: Float64Array;
  /** Ticks in the bar. */
  readonly ticks: Float64Array;
  readonly mean: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly median: Float64Array;
  readonly p95: Float64Array;
}

/** The `ticks` table's columns for the appender (NaN volumes stored as NULL). */
const TICK_COLUMNS: readonly AppendKind[] = ['i32', 'i64', 'i64', 'f64', 'f64', 'f64?', 'f64?'];

/**
 * DuckDB's memory limit while a tick import runs. An import is one
 * transaction, and DuckDB keeps a transaction's new rows in memory up to
 * its limit (by default 80 % of the machine's RAM) before it spills them to
 * `<store>.tmp`: capped, a month of ticks imports in the same memory as a
 * day (docs/ticks.md, "Memory").
 *
 * @example TICK_IMPORT_MEMORY // '64MB'
 */
export const TICK_IMPORT_MEMORY = '64MB';

/** Timeframes tick bars are built for: fixed steps on the UTC clock. */
const TICK_TIMEFRAMES: readonly Timeframe[] = ['M1', 'M5', 'M15', 'M30', 'H1'];

function stepOf(timeframe: Timeframe): number {
  if (!TICK_TIMEFRAMES.includes(timeframe)) throw new InputError(`tick bars are built for ${TICK_TIMEFRAMES.join(', ')}; not ${timeframe} (build H1 bars, then resample)`, { field: 'timeframe', text: timeframe });
  return TIMEFRAME_MINUTES[timeframe] * 60_000;
}

function canonical(symbol: string): string {
  try {
    return parseSymbol(symbol).symbol;
  } catch (e) {
    throw new InputError((e as Error).message, { field: 'symbol', text: symbol });
  }
}

/** Closes an appender whose rows are being rolled back (its own error, if any, is not the one to report). */
function closeQuietly(app: TableAppender | undefined): void {
  try {
    app?.close();
  } catch {
    /* the transaction is rolled back next */
  }
}

function range(id: number, o: TickQuery): string {
  let w = `series_id = ${id}`;
  if (o.from !== undefined) w += ` AND t >= ${Math.ceil(o.from)}`;
  if (o.to !== undefined) w += ` AND t < ${Math.ceil(o.to)}`;
  return w;
}

/**
 * Ticks in the store: a kind of data beside bars, in its own tables
 * ({@link TICK_DDL}) of the same DuckDB file. Imports are one transaction
 * each, streamed batch by batch (memory is one batch), and replace stored
 * ticks in the time span each batch covers (a Dukascopy hour file covers its
 * hour), so importing the same files twice stores them once. Feeds append
 * with {@link TickStore.append}. Bid, ask and mid bars and spread statistics
 * are aggregated in DuckDB.
 *
 * @example
 * const ticks = await TickStore.open('/tmp/s.duckdb');
 * (await ticks.import(readTicks(['dukascopy_ticks']))).added // 266219
 * (await ticks.bars('EUR/USD', { timeframe: 'M1', side: 'mid' })).time.length // 2880
 */
export class TickStore {
  private constructor(
    readonly path: string,
    private readonly db: Db | undefined,
    private readonly owned: boolean,
    readonly readOnly: boolean,
  ) {}

  /**
   * Opens the store file at `path` (default: the store's default path) for
   * ticks, creating the tick tables when writable.
   *
   * @throws InputError as the store's open (file locked by another process, not DuckDB).
   * @example (await TickStore.open('/tmp/none.duckdb', { readOnly: true })).list() // []
   */
  static async open(path: string = storePath(), options: { readOnly?: boolean } = {}): Promise<TickStore> {
    const location = parseStoreLocation(path);
    if (location.kind === 'clickhouse') throw new InputError(`store ${location.shown}: ticks are kept in a DuckDB store only; pass --store with a DuckDB file for tick data`);
    const readOnly = options.readOnly ?? false;
    if (readOnly && !existsSync(path)) return new TickStore(path, undefined, false, true);
    if (!readOnly) mkdirSync(dirname(path), { recursive: true });
    const db = await Db.open(path, { readOnly });
    try {
      if (!readOnly) await ensureTickSchema(db);
      else if (!(await hasTickSchema(db))) {
        db.close();
        return new TickStore(path, undefined, false, true);
      }
      return new TickStore(path, db, true, readOnly);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  /**
   * Ticks over a database another object opened (the same connection: one
   * process may hold a DuckDB file once).
   *
   * @example const ticks = await TickStore.on(db, path)
   */
  static async on(db: Db, path: string, options: { readOnly?: boolean } = {}): Promise<TickStore> {
    if (!options.readOnly) await ensureTickSchema(db);
    else if (!(await hasTickSchema(db))) return new TickStore(path, undefined, false, true);
    return new TickStore(path, db, false, options.readOnly ?? false);
  }

  /**
   * The open database, for tables kept beside the ticks (the alert log);
   * undefined for a read-only store without tick tables.
   */
  get database(): Db | undefined {
    return this.db;
  }

  /** Closes the database when this object opened it (and the live writer's connection always). */
  async close(): Promise<void> {
    const w = this.writer;
    this.writer = undefined;
    if (w) (await w).close();
    if (this.owned) this.db?.close();
  }

  /**
   * The connection live appends use: their own, because the database's
   * connection also serves queries that may run meanwhile (the alert log,
   * state requests), and an appender flushing on a connection ends the query
   * running on it.
   */
  private writer: Promise<Db> | undefined;

  private writable(): Db {
    if (this.readOnly || !this.db) throw new InputError(`store ${this.path} is open read-only`);
    return this.db;
  }

  /**
   * Every stored tick series, by source then symbol.
   *
   * @example (await ticks.list())[0] // { source: 'Dukascopy', symbol: 'EUR/USD', rows: 266219, … }
   */
  async list(): Promise<StoredTickSeries[]> {
    if (!this.db) return [];
    const rows = await this.db.rows(`SELECT id, source, symbol, rows, first_t, last_t FROM tick_series ORDER BY source, symbol`);
    return rows.map((r) => ({
      id: r.id as number,
      source: r.source as string,
      symbol: r.symbol as string,
      rows: r.rows as number,
      first: (r.first_t as number | null) ?? Number.NaN,
      last: (r.last_t as number | null) ?? Number.NaN,
    }));
  }

  /** The series id of (source, symbol), created when missing. */
  async seriesId(source: string, symbol: string): Promise<number> {
    const db = this.writable();
    const sym = canonical(symbol);
    const got = await db.rows(`SELECT id FROM tick_series WHERE source = $s AND symbol = $y`, { s: source, y: sym });
    if (got[0]) return got[0].id as number;
    const id = Number((await db.rows(`SELECT coalesce(max(id), 0) + 1 AS n FROM tick_series`))[0]!.n);
    await db.run(`INSERT INTO tick_series (id, source, symbol) VALUES (${id}, $s, $y)`, { s: source, y: sym });
    return id;
  }

  /** Next `seq` to hand out; read once (this process is the only writer: DuckDB's file lock). */
  private seq: number | undefined;
  private async nextSeq(db: Db, n: number): Promise<number> {
    this.seq ??= Number((await db.rows(`SELECT coalesce(max(seq), 0) + 1 AS n FROM ticks`))[0]!.n);
    const s = this.seq;
    this.seq += n;
    return s;
  }

  /** Appends a batch's rows through DuckDB's appender (flushed by the caller, inside its transaction). */
  private insert(app: TableAppender, id: number, b: TickBatch, seq0: number): void {
    if (b.n === 0) return;
    const seq = new Float64Array(b.n);
    for (let i = 0; i < b.n; i++) seq[i] = seq0 + i;
    app.append([id, b.time, seq, b.bid, b.ask, b.bidVolume, b.askVolume], b.n);
  }

  private async recount(db: Db, ids: Iterable<number>): Promise<void> {
    for (const id of ids) {
      await db.run(
        `UPDATE tick_series SET rows = c.n, first_t = c.a, last_t = c.b FROM (SELECT count(*) AS n, min(t) AS a, max(t) AS b FROM ticks WHERE series_id = ${id}) c WHERE id = ${id}`,
      );
    }
  }

  /**
   * Imports batches of ticks in one transaction. Each batch replaces the
   * ticks stored before this import in its span (`batch.span`, else first to
   * last tick) for its source and symbol. An error or abort leaves the store
   * as it was.
   *
   * @throws InputError from the reader (nothing is written); ticks out of time order within a batch.
   * @example (await ticks.import(readTicks(['EURUSD']))).replaced // 0 the first time, 266219 the second
   */
  async import(batches: AsyncIterable<TickBatch> | Iterable<TickBatch>, options: { signal?: AbortSignal } = {}): Promise<TickImportSummary> {
    const t0 = performance.now();
    const db = this.writable();
    let added = 0;
    let replaced = 0;
    let count = 0;
    const touched = new Set<number>();
    const ids = new Map<string, number>();
    await db.run(`SET memory_limit = '${TICK_IMPORT_MEMORY}'`);
    await db.run('BEGIN TRANSACTION');
    let app: TableAppender | undefined;
    try {
      const start = await this.nextSeq(db, 0);
      app = db.appender('ticks', TICK_COLUMNS);
      for await (const b of batches) {
        options.signal?.throwIfAborted();
        count++;
        for (let i = 1; i < b.n; i++) {
          if (!(b.time[i]! >= b.time[i - 1]!)) throw new InputError(`tick ${i + 1} is earlier than tick ${i}`, { file: b.origin });
        }
        const key = `${b.source}\u0000${b.symbol}`;
        let id = ids.get(key);
        if (id === undefined) {
          id = await this.seriesId(b.source, b.symbol);
          ids.set(key, id);
        }
        touched.add(id);
        const from = b.span ? b.span[0] : b.time[0]!;
        const to = b.span ? b.span[1] : b.time[b.n - 1]! + 1;
        if (b.n > 0 || b.span) {
          const old = `series_id = ${id} AND t >= ${from} AND t < ${to} AND seq < ${start}`;
          const gone = (await db.rows(`SELECT count(*) AS n FROM ticks WHERE ${old}`))[0]!.n as number;
          if (gone > 0) await db.run(`DELETE FROM ticks WHERE ${old}`);
          replaced += gone;
        }
        this.insert(app, id, b, await this.nextSeq(db, b.n));
        // Flushed per batch: DuckDB's appender otherwise keeps a copy of every row until the end of the import.
        app.flush();
        added += b.n;
      }
      app.close();
      app = undefined;
      await this.recount(db, touched);
      await db.run('COMMIT');
    } catch (e) {
      closeQuietly(app);
      await db.run('ROLLBACK');
      this.seq = undefined;
      throw e;
    } finally {
      await db.run('RESET memory_limit');
    }
    const series = (await this.list()).filter((s) => touched.has(s.id));
    return { added, replaced, batches: count, series, elapsedMs: performance.now() - t0 };
  }

  /**
   * Appends live ticks to a series (one transaction). The caller has
   * checked order and duplicates (the feeds do); nothing is replaced.
   *
   * @example await ticks.append(id, batch)
   */
  async append(id: number, b: TickBatch): Promise<void> {
    await this.appendAll([{ id, batch: b }]);
  }

  /**
   * Appends live ticks to several series in one transaction: a commit
   * costs far more than the rows (≈ 0.2 s here), so a recorder holding
   * eight symbols' ticks writes them together.
   *
   * @example await ticks.appendAll([{ id: 1, batch: eurusd }, { id: 2, batch: usdjpy }])
   */
  async appendAll(items: readonly { readonly id: number; readonly batch: TickBatch }[]): Promise<void> {
    const todo = items.filter((x) => x.batch.n > 0);
    if (todo.length === 0) return;
    const main = this.writable();
    const db = await (this.writer ??= main.connect());
    await db.run('BEGIN TRANSACTION');
    let app: TableAppender | undefined;
    try {
      app = db.appender('ticks', TICK_COLUMNS);
      for (const { id, batch: b } of todo) this.insert(app, id, b, await this.nextSeq(db, b.n));
      app.close();
      app = undefined;
      for (const { id, batch: b } of todo) {
        await db.run(
          `UPDATE tick_series SET rows = rows + ${b.n}, first_t = coalesce(least(first_t, ${b.time[0]!}), ${b.time[0]!}), last_t = coalesce(greatest(last_t, ${b.time[b.n - 1]!}), ${b.time[b.n - 1]!}) WHERE id = ${id}`,
        );
      }
      await db.run('COMMIT');
    } catch (e) {
      closeQuietly(app);
      await db.run('ROLLBACK');
      this.seq = undefined;
      throw e;
    }
  }

  /**
   * Removes every tick of a source (a replay starts its recorded series
   * afresh, so replaying the same history again stores it once).
   *
   * @returns the ticks removed.
   * @example await ticks.clear('replay') // 372418
   */
  async clear(source: string): Promise<number> {
    const db = this.writable();
    const ids = (await db.rows(`SELECT id FROM tick_series WHERE source = $s`, { s: source })).map((r) => r.id as number);
    if (ids.length === 0) return 0;
    const list = ids.join(',');
    const n = (await db.rows(`SELECT count(*) AS n FROM ticks WHERE series_id IN (${list})`))[0]!.n as number;
    await db.run('BEGIN TRANSACTION');
    try {
      await db.run(`DELETE FROM ticks WHERE series_id IN (${list})`);
      await db.run(`UPDATE tick_series SET rows = 0, first_t = NULL, last_t = NULL WHERE id IN (${list})`);
      await db.run('COMMIT');
    } catch (e) {
      await db.run('ROLLBACK');
      throw e;
    }
    return n;
  }

  private async find(symbol: string, source: string | undefined): Promise<StoredTickSeries> {
    const sym = canonical(symbol);
    const all = await this.list();
    const hit = all.filter((s) => s.symbol === sym && (source === undefined || s.source === source));
    if (hit.length === 1) return hit[0]!;
    if (hit.length > 1) throw new InputError(`${sym} has ticks from ${hit.map((s) => s.source).join(', ')}; pass source`, { field: 'source' });
    const have = all.map((s) => `${s.symbol} (${s.source})`);
    throw new InputError(`no ticks of ${sym}${source ? ` from ${source}` : ''} in store ${this.path}; stored: ${have.join(', ') || '(none)'}`, { field: 'symbol', text: symbol });
  }

  /**
   * The stored ticks of a symbol in time order (ticks sharing a millisecond in arrival order).
   *
   * @throws InputError for a symbol without ticks, or stored from several sources without `source`.
   * @example (await ticks.ticks('EUR/USD', { from: Date.UTC(2019, 1, 4, 10), to: Date.UTC(2019, 1, 4, 11) })).time.length
   */
  async ticks(symbol: string, query: TickQuery = {}): Promise<TickRows> {
    const s = await this.find(symbol, query.source);
    const { columns } = await this.db!.columns(
      `SELECT t::DOUBLE, bid, ask, coalesce(bid_volume, 'NaN'::DOUBLE), coalesce(ask_volume, 'NaN'::DOUBLE) FROM ticks WHERE ${range(s.id, query)} ORDER BY t, seq`,
      { stream: true },
    );
    const [time, bid, ask, bidVolume, askVolume] = columns as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    return { symbol: s.symbol, source: s.source, time, bid, ask, bidVolume, askVolume };
  }

  /**
   * OHLC bars of bid, ask or mid (`(bid + ask) / 2` per tick) prices:
   * buckets of the timeframe on the UTC clock, stamped at their opening
   * instant; open/close are the first/last tick (ties in time by arrival);
   * `volume` is the number of ticks. Buckets without ticks give no bar.
   *
   * @throws InputError as {@link ticks}, or for a timeframe coarser than H1.
   * @example (await ticks.bars('EUR/USD', { timeframe: 'M1', side: 'bid' })).close[0]
   */
  async bars(symbol: string, options: TickQuery & { timeframe: Timeframe; side?: TickSide }): Promise<Bars> {
    const step = stepOf(options.timeframe);
    const s = await this.find(symbol, options.source);
    const side = options.side ?? 'bid';
    const p = side === 'mid' ? '(bid + ask) / 2' : side;
    const { columns } = await this.db!.columns(
      `SELECT (t // ${step} * ${step})::DOUBLE AS b, first(${p} ORDER BY t, seq), max(${p}), min(${p}), last(${p} ORDER BY t, seq), count(*)::DOUBLE
       FROM ticks WHERE ${range(s.id, options)} GROUP BY b ORDER BY b`,
    );
    const [time, open, high, low, close, volume] = columns as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    return { symbol: `${s.symbol}`, time, open, high, low, close, volume };
  }

  /**
   * Spread (`ask − bid`) statistics per bar of the timeframe: ticks, mean,
   * min, max, median and 95th percentile, in price units.
   *
   * @throws InputError as {@link bars}.
   * @example (await ticks.spread('EUR/USD', { timeframe: 'H1' })).mean[10] / 0.0001 // mean spread in pips, 10:00 UTC
   */
  async spread(symbol: string, options: TickQuery & { timeframe: Timeframe }): Promise<SpreadStats> {
    const step = stepOf(options.timeframe);
    const s = await this.find(symbol, options.source);
    const { columns } = await this.db!.columns(
      `SELECT (t // ${step} * ${step})::DOUBLE AS b, count(*)::DOUBLE, avg(ask - bid), min(ask - bid), max(ask - bid), quantile_cont(ask - bid, 0.5), quantile_cont(ask - bid, 0.95)
       FROM ticks WHERE ${range(s.id, options)} GROUP BY b ORDER BY b`,
    );
    const [time, ticks, mean, min, max, median, p95] = columns as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    return { symbol: s.symbol, source: s.source, timeframe: options.timeframe, pip: pipSize(s.symbol), time, ticks, mean, min, max, median, p95 };
  }
}
