import { NEW_YORK_CLOSE, type FxDayConvention, type PriceSeries, type Timeframe } from '@soukan/core';
import { InputError } from '../../errors.js';
import type { ImportOptions, ImportSummary } from '../../import/types.js';
import { frameMomentsOfColumns, type FrameMoments, type MomentsRequest } from '../../query/frameMoments.js';
import { FRAME_MOMENTS_COLUMNS, frameMomentsSql } from '../../query/frameMomentsSql.js';
import { catalogOf, resolveSymbol, timeframeProblem, type Resolved } from '../resolve.js';
import { Store, type StoreOpenOptions } from '../store.js';
import type { ClickHouseLocation } from '../storeLocation.js';
import type { StoreBarsOptions, StoredSeries, StoreFingerprint } from '../types.js';
import { chBarsSql, type ChLeg } from './chBarsSql.js';
import { ChClient, sqlText } from './chClient.js';
import { importIntoClickHouse } from './chImport.js';
import { chRollupApplies, chRollupQuartersSql, chRollupReady, localRollup } from './chRollup.js';
import { ensureChSchema, localRows } from './chSchema.js';

/**
 * soukan's store in a ClickHouse database — one server, or a cluster
 * through one of its servers — with every method of {@link Store}, so every
 * command runs unchanged against it (`--store clickhouse://…`). Bars are
 * built in ClickHouse SQL (chBarsSql.ts) and equal the DuckDB store's bit
 * for bit; imports are atomic for readers through a commit marker (see
 * {@link importIntoClickHouse}); the tables are described in chSchema.ts.
 *
 * @example
 * const store = await Store.open('clickhouse://127.0.0.1:8123/fx');
 * await store.importFiles(['HISTDATA_COM_ASCII_EURUSD_M1_2017.zip']);
 * (await store.bars('EUR/USD', { timeframe: 'H1' })).bars.time.length // 6207
 */
export class ClickHouseStore extends Store {
  /** Visible imports per series id of the last {@link ClickHouseStore.list}. */
  private legs = new Map<number, { source: string; symbol: string; imports: number[] }>();

  private constructor(
    private readonly ch: ChClient,
    readOnly: boolean,
    /** False when the database has no soukan tables yet (it reads as empty; an import creates them). */
    private hasTables: boolean,
    /** Whether bars of 15 minutes and coarser can come from the quarter-hour rollup (chRollup.ts). */
    private hasRollup: boolean,
  ) {
    super(ch.location.shown, readOnly, undefined);
  }

  /**
   * Opens a ClickHouse store: connects, and checks the database and its
   * tables. Nothing is created here: an import creates what is missing.
   *
   * @throws InputError naming host, database and the problem (see {@link ChClient.connect} and `ensureChSchema`).
   * @example (await ClickHouseStore.openAt(location, { readOnly: true })).list() // []
   */
  static async openAt(location: ClickHouseLocation, options: StoreOpenOptions = {}): Promise<ClickHouseStore> {
    const readOnly = options.readOnly ?? false;
    const ch = await ChClient.connect(location, { allowMissing: !readOnly });
    try {
      const hasTables = ch.databaseExists && (await ensureChSchema(ch, false));
      return new ClickHouseStore(ch, readOnly, hasTables, hasTables && (await chRollupReady(ch)));
    } catch (e) {
      await ch.close();
      throw e;
    }
  }

  /** The server's version (e.g. [18, 16, 1]). */
  get serverVersion(): readonly number[] {
    return this.ch.version;
  }

  override async close(): Promise<void> {
    await this.ch.close();
  }

  protected override checkWritable(): void {
    if (this.readOnly) throw this.ch.fail(this.ch.location.endpoint, 'the store is open read-only');
  }

  override async importFiles(paths: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
    this.checkWritable();
    if (!this.ch.databaseExists) await this.ch.createDatabase();
    // Also gives a store made before the rollup its rollup.
    this.hasTables = await ensureChSchema(this.ch, true);
    this.hasRollup = true;
    const list = await this.list();
    const visible = new Map([...this.legs.values()].map((l) => [`${l.source}\u0000${l.symbol}`, l.imports]));
    return importIntoClickHouse({ ch: this.ch, list, visible }, paths, options);
  }

  /**
   * Every stored (source, symbol): the committed imports' series entries,
   * less removed ones, summed. Ids number the series of this listing.
   *
   * @example (await store.list())[0] // { source: 'HistData', symbol: 'EUR/USD', kind: 'bars', stepMs: 60000, rows: 371635, … }
   */
  override async list(): Promise<StoredSeries[]> {
    if (!this.hasTables) return [];
    const db = this.ch.db;
    const [series, removals] = await Promise.all([
      this.ch.rows(`SELECT import_id, source, symbol, kind, frequency, step_ms, rows, first, last FROM ${db}.import_series WHERE import_id IN (SELECT import_id FROM ${db}.imports) ORDER BY import_id`),
      this.ch.rows(`SELECT source, symbol, max(through) FROM ${db}.removals GROUP BY source, symbol`),
    ]);
    const through = new Map(removals.map(([source, symbol, t]) => [`${source}\u0000${symbol}`, Number(t)]));
    const by = new Map<string, { s: Omit<StoredSeries, 'id'> & { stepMs: number | null; rows: number; first: number; last: number }; imports: number[] }>();
    for (const [id, source, symbol, kind, frequency, step, rows, first, last] of series) {
      const key = `${source}\u0000${symbol}`;
      const importId = Number(id);
      if (importId <= (through.get(key) ?? -1)) continue;
      const stepMs = Number(step) < 0 ? null : Number(step);
      const e = by.get(key);
      if (!e) {
        by.set(key, {
          s: { source: source!, symbol: symbol!, kind: kind as StoredSeries['kind'], frequency: frequency as StoredSeries['frequency'], stepMs, rows: Number(rows), first: Number(first), last: Number(last) },
          imports: [importId],
        });
        continue;
      }
      e.imports.push(importId);
      e.s.rows += Number(rows);
      e.s.first = Math.min(e.s.first, Number(first));
      e.s.last = Math.max(e.s.last, Number(last));
      if (stepMs !== null && (e.s.stepMs === null || stepMs > e.s.stepMs)) e.s.stepMs = stepMs;
    }
    const sorted = [...by.values()].sort((a, b) => (a.s.source < b.s.source ? -1 : a.s.source > b.s.source ? 1 : a.s.symbol < b.s.symbol ? -1 : a.s.symbol > b.s.symbol ? 1 : 0));
    this.legs = new Map(sorted.map((e, i) => [i + 1, { source: e.s.source, symbol: e.s.symbol, imports: e.imports }]));
    return sorted.map((e, i) => ({ id: i + 1, ...e.s }));
  }

  private leg(s: StoredSeries, invert: boolean): ChLeg {
    const l = this.legs.get(s.id);
    if (!l || l.source !== s.source || l.symbol !== s.symbol) throw new Error(`ClickHouseStore: series ${s.id} is not from the last listing`);
    return { source: l.source, symbol: l.symbol, imports: l.imports, invert };
  }

  protected override async barColumns(r: Resolved, timeframe: Timeframe | undefined, convention: FxDayConvention, options: StoreBarsOptions): Promise<{ n: number; columns: Float64Array[] }> {
    const legs = r.series.map((s, i) => this.leg(s, r.legs[i]!.invert));
    const quarters = this.quartersOf(r, legs, timeframe, options.from, options.to);
    return this.ch.columns(chBarsSql(this.ch.db, legs, { timeframe, convention, from: options.from, to: options.to, version: this.ch.version, quarters }), 7);
  }

  /** The rollup's quarters of a route, where they can stand for its rows (one stored bar series, 15 minutes or coarser). */
  private quartersOf(r: Resolved, legs: readonly ChLeg[], timeframe: Timeframe | undefined, from?: number, to?: number): string | undefined {
    const one = legs.length === 1 && r.legs[0]!.kind === 'bars';
    return this.hasRollup && one && chRollupApplies(timeframe, from, to) ? chRollupQuartersSql(this.ch.db, legs[0]!, from, to) : undefined;
  }

  /**
   * Closes of pairs at a timeframe, built in ClickHouse (the bars' closes).
   *
   * @example (await store.closes('HistData', ['EUR/GBP'], 'H1'))[0].time.length // hours with a common minute
   */
  override async closes(source: string, symbols: readonly string[], timeframe: Timeframe): Promise<PriceSeries[]> {
    const catalog = catalogOf(await this.list());
    const out: PriceSeries[] = [];
    for (const text of symbols) {
      const { resolved } = resolveSymbol(catalog, text, source, timeframe, this.path);
      const { bars } = await this.build(resolved, { timeframe });
      out.push({ symbol: resolved.route.target.symbol, time: bars.time, close: bars.close });
    }
    return out;
  }

  /**
   * Sufficient statistics of a correlation frame (see {@link Store.moments}),
   * computed in ClickHouse from the closes it builds (chBarsSql.ts): on a
   * cluster each shard reduces its symbols' rows to bars, and only the
   * bars of the k series, then one row per pair, travel. `null` when a
   * route is not of stored bars.
   *
   * @example (await store.moments('HistData', { symbols: ['EUR/USD', 'GBP/USD'], timeframe: 'H1', align: 'inner', on: 'returns', returns: 'log', window: { kind: 'range' } }))?.rows
   */
  override async moments(source: string, request: MomentsRequest): Promise<FrameMoments | null> {
    const catalog = catalogOf(await this.list());
    const parts: string[] = [];
    for (const text of request.symbols) {
      const { resolved: r } = resolveSymbol(catalog, text, source, request.timeframe, this.path);
      for (const s of r.series) {
        const why = timeframeProblem(s, request.timeframe);
        if (why) throw new InputError(why);
      }
      if (!r.legs.every((l) => l.kind === 'bars')) return null;
      const legs = r.series.map((s, i) => this.leg(s, r.legs[i]!.invert));
      const quarters = this.quartersOf(r, legs, request.timeframe);
      const bars = chBarsSql(this.ch.db, legs, { timeframe: request.timeframe, convention: NEW_YORK_CLOSE, version: this.ch.version, quarters });
      parts.push(`SELECT toFloat64(${parts.length}) AS i, time, close FROM (${bars}) WHERE NOT isNaN(time)`);
    }
    const spec = { k: parts.length, align: request.align, on: request.on, returns: request.returns, window: request.window };
    const { columns } = await this.ch.columns(frameMomentsSql(`(${parts.join(' UNION ALL ')})`, spec, 'clickhouse'), FRAME_MOMENTS_COLUMNS.length);
    return frameMomentsOfColumns(columns, parts.length);
  }

  /**
   * Hides the series at once (a `removals` entry covering every import so
   * far), then asks each shard to delete their rows (a mutation, which
   * ClickHouse runs in the background).
   */
  override async remove(symbol: string, options: { source?: string } = {}): Promise<StoredSeries[]> {
    if (!this.ch.databaseExists) throw this.ch.missingDatabase();
    return super.remove(symbol, options);
  }

  protected override async deleteSeries(hit: readonly StoredSeries[]): Promise<void> {
    const db = this.ch.db;
    const now = Date.now();
    const entries = hit.map((s) => ({ s, through: Math.max(...this.leg(s, false).imports) }));
    await this.ch.insert('removals', entries.map(({ s, through }) => `${s.source}\t${s.symbol}\t${through}\t${now}\n`).join(''));
    for (const { s, through } of entries) {
      const where = `source = ${sqlText(s.source)} AND symbol = ${sqlText(s.symbol)} AND import_id <= ${through}`;
      for (const shard of this.ch.location.shards) {
        await this.ch.command(`ALTER TABLE ${db}.${localRows(this.ch)} DELETE WHERE ${where}`, shard);
        if (this.hasRollup) await this.ch.command(`ALTER TABLE ${db}.${localRollup(this.ch)} DELETE WHERE ${where}`, shard);
      }
    }
  }

  /**
   * Checks each series' counters against its visible rows.
   *
   * @example await store.check() // []
   */
  override async check(): Promise<string[]> {
    const problems: string[] = [];
    for (const s of await this.list()) {
      const l = this.leg(s, false);
      const [c] = await this.ch.rows(
        `SELECT count(), min(t), max(t) FROM ${this.ch.db}.rows WHERE source = ${sqlText(s.source)} AND symbol = ${sqlText(s.symbol)} AND import_id IN (${l.imports.join(', ')})`,
      );
      if (Number(c![0]) !== s.rows || Number(c![1]) !== s.first || Number(c![2]) !== s.last) {
        problems.push(`${s.symbol} (${s.source}): counters say ${s.rows} rows ${s.first}…${s.last}, the table has ${c![0]} rows ${c![1]}…${c![2]}`);
      }
    }
    return problems;
  }

  /**
   * Row counts and an order-independent hash of the visible rows: equal fingerprints mean equal contents.
   *
   * @example (await store.fingerprint()).bars.rows // 2958833 after the eight 2017 zips
   */
  override async fingerprint(): Promise<StoreFingerprint> {
    const list = await this.list();
    if (list.length === 0) return { series: 0, bars: { rows: 0, hash: '0' }, rollup: { rows: 0, hash: '0' }, quotes: { rows: 0, hash: '0' }, imports: 0 };
    const part = async (kind: StoredSeries['kind']): Promise<{ rows: number; hash: string }> => {
      const of = list.filter((s) => s.kind === kind);
      if (of.length === 0) return { rows: 0, hash: '0' };
      const where = of.map((s) => `(source = ${sqlText(s.source)} AND symbol = ${sqlText(s.symbol)} AND import_id IN (${this.leg(s, false).imports.join(', ')}))`).join(' OR ');
      const [r] = await this.ch.rows(
        `SELECT count(), sum(cityHash64(source, symbol, t, open_bits, high_bits, low_bits, close_bits, volume_bits)) FROM ${this.ch.db}.rows WHERE ${where}`,
      );
      return { rows: Number(r![0]), hash: r![1]! };
    };
    const [imports] = await this.ch.rows(`SELECT count() FROM ${this.ch.db}.imports`);
    return { series: list.length, bars: await part('bars'), rollup: { rows: 0, hash: '0' }, quotes: await part('quotes'), imports: Number(imports![0]) };
  }
}
