import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { PriceSeries, Timeframe } from '@soukan/core';
import { describeProblem, InputError } from '../errors.js';
import type { ImportSummary } from '../import/types.js';
import { momentsKey } from '../query/frameMoments.js';
import type { MarketNeed } from '../query/needData.js';
import type { QueryMarketData } from '../query/queryMarket.js';
import { marketData } from '../query/storeQuery.js';
import { attributionOf } from '../store/attribution.js';
import { Store } from '../store/store.js';
import { parseStoreLocation } from '../store/storeLocation.js';
import { Mutex } from './mutex.js';
import { ecbFile, type EcbRefresh } from './ecbFile.js';
import { renamed } from './renamed.js';
import type { BarsResult, DataProvider, ImportOutcome, ImportRequest, MarketSnapshot, SeriesSummary } from './types.js';

/**
 * Opens the store; another process writing it is `store-busy` with the
 * seconds to wait (it is temporary: the server answers 503 with
 * Retry-After), not a mistake in the request. Messages name the store by its
 * file name: which folder it is in, and which process holds it, stay on this
 * machine.
 */
async function open(path: string, readOnly: boolean): Promise<Store> {
  try {
    return await Store.open(path, { readOnly });
  } catch (e) {
    if (e instanceof InputError && /in use by another process/.test(e.message)) {
      throw new InputError('the store is in use by another process (an import or another soukan command); try again shortly', { code: 'store-busy', params: { retryAfter: 2 } });
    }
    if (e instanceof InputError) throw new InputError(e.message.split(path).join(basename(path)), { code: e.code, params: e.params });
    throw e;
  }
}

/**
 * Market data in soukan's DuckDB store (what the CLI reads without --data).
 * The store is opened for each operation and closed after it — read-only to
 * read, writable only while an import runs — so other soukan processes can
 * use it between operations; operations in this process take turns. A
 * snapshot holds a source's catalogue and what computations have asked of
 * it so far (closes built in the store, stored rows where an algorithm
 * needs them: see `QueryMarket`), kept per data version and grown on demand
 * ({@link StoreProvider.fulfil}). A change made by another process
 * (`soukan import`) is noticed from the file's modification time.
 *
 * @example (await new StoreProvider('soukan.duckdb').list())[0] // { source: 'ECB', symbol: 'EUR/AUD', kind: 'quotes', frequency: 'daily', rows: 6983, … }
 */
export class StoreProvider implements DataProvider {
  readonly kind = 'store' as const;
  private readonly lock = new Mutex();
  private readonly snapshots = new Map<string, Promise<MarketSnapshot>>();
  /** The fullest snapshot of each source at each data version (by `dataId`). */
  private readonly latest = new Map<string, MarketSnapshot>();
  private listCache: Promise<SeriesSummary[]> | undefined;
  private v = 1;
  private stamp = '';
  private checked = 0;

  /** The store's file name, for the Data view: clients never see where on disk it is. */
  readonly path: string;

  /** @param file the store file (kept to this process), or a ClickHouse location */
  constructor(private readonly file: string) {
    const at = parseStoreLocation(file);
    // A ClickHouse store is named by its database: which servers hold it stays on this machine too.
    this.path = at.kind === 'clickhouse' ? at.database : basename(file);
    this.kindName = at.kind === 'clickhouse' ? 'ClickHouse database' : 'DuckDB store';
    this.stamp = this.fileStamp();
  }

  private readonly kindName: string;

  get location(): string {
    return `${this.kindName} ${this.path}`;
  }

  private fileStamp(): string {
    const part = (p: string): string => {
      try {
        const s = statSync(p);
        return `${s.size}:${s.mtimeMs}`;
      } catch {
        return '-';
      }
    };
    return `${part(this.file)}|${part(`${this.file}.wal`)}`;
  }

  private changed(): void {
    this.v++;
    this.snapshots.clear();
    this.latest.clear();
    this.listCache = undefined;
  }

  /** Bumps the version when the file changed under us (checked at most once a second). */
  version(): number {
    const now = Date.now();
    if (now - this.checked > 1000) {
      this.checked = now;
      const s = this.fileStamp();
      if (s !== this.stamp) {
        this.stamp = s;
        this.changed();
      }
    }
    return this.v;
  }

  private read<T>(f: (s: Store) => Promise<T>): Promise<T> {
    return this.lock.run(async () => {
      const store = await open(this.file, true);
      try {
        return await f(store);
      } finally {
        await store.close();
      }
    });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.list()).length === 0;
  }

  list(): Promise<SeriesSummary[]> {
    this.version();
    this.listCache ??= this.read(async (s) =>
      (await s.list()).map((x) => ({ source: x.source, symbol: x.symbol, kind: x.kind, frequency: x.frequency, rows: x.rows, first: x.first, last: x.last })),
    );
    const p = this.listCache;
    p.catch(() => {
      if (this.listCache === p) this.listCache = undefined;
    });
    return p;
  }

  snapshot(source?: string): Promise<MarketSnapshot> {
    const v = this.version();
    const key = source ?? '';
    let p = this.snapshots.get(key);
    if (!p) {
      p = this.read(async (s) => snapshotOf(marketData(await s.list(), source, this.path), [], v, 0));
      this.snapshots.set(key, p);
      const mine = p;
      p.then(
        (snap) => {
          if (this.v === v) this.snapshots.set(snap.source, mine);
        },
        () => {
          if (this.snapshots.get(key) === mine) this.snapshots.delete(key);
        },
      );
    }
    return p.then((snap) => this.latest.get(snap.dataId!) ?? snap);
  }

  /**
   * The snapshot with what a computation asked for fetched from the store:
   * closes at a timeframe (built in DuckDB) or stored rows. Fetches are kept
   * for later requests at the same data version.
   */
  fulfil(snap: MarketSnapshot, need: MarketNeed): Promise<MarketSnapshot> {
    return this.lock.run(async () => {
      const base = this.latest.get(snap.dataId ?? snap.id) ?? snap;
      const q = base.query!;
      const haveRaw = new Set(base.series.map((s) => s.symbol));
      const raw = (need.raw ?? []).filter((s) => !haveRaw.has(s));
      const c = need.closes;
      const have = new Set(q.closes.filter((x) => x.timeframe === c?.timeframe).flatMap((x) => x.series.map((s) => s.symbol)));
      const closes = c ? c.symbols.filter((s) => !have.has(s)) : [];
      const moments = need.moments && !q.moments?.some((m) => m.key === momentsKey(need.moments!)) ? need.moments : undefined;
      if (raw.length === 0 && closes.length === 0 && !moments) return base;
      const store = await open(this.file, true);
      let next: MarketSnapshot;
      try {
        const more = raw.length ? [...(await store.market({ source: q.source, symbols: raw })).bySymbol.values()] : [];
        const got = closes.length ? [{ timeframe: c!.timeframe, series: await store.closes(q.source, closes, c!.timeframe) }] : [];
        const stats = moments ? [{ key: momentsKey(moments), value: await store.moments(q.source, moments) }] : [];
        next = snapshotOf({ ...q, closes: [...q.closes, ...got], moments: [...(q.moments ?? []), ...stats] }, [...base.series, ...more], this.v, Number(base.id.split('#')[1] ?? 0) + 1);
      } finally {
        await store.close();
      }
      if (next.dataId === (snap.dataId ?? snap.id)) this.latest.set(next.dataId!, next);
      return next;
    });
  }

  async bars(symbol: string, o: { source?: string; timeframe?: Timeframe; from?: number; to?: number }): Promise<BarsResult> {
    return this.read(async (s) => {
      const r = await s.bars(symbol, { source: o.source, timeframe: o.timeframe, from: o.from, to: o.to });
      return { series: r.bars, source: r.source, timeframe: r.timeframe, notes: r.notes };
    });
  }

  importFiles(paths: readonly string[], o: ImportRequest = {}): Promise<ImportOutcome> {
    return this.lock.run(async () => {
      o.onProgress?.({ phase: 'reading', rows: 0, fraction: 0 });
      let summary: ImportSummary;
      let store: Store | undefined;
      try {
        store = await open(this.file, false);
        summary = await store.importFiles(paths, {
          format: o.format,
          skipBadRows: o.skipBadRows,
          tz: o.tz,
          timeColumn: o.timeColumn,
          dateFormat: o.dateFormat,
          delimiter: o.delimiter,
          symbol: o.symbol,
          signal: o.signal,
          onProgress: (p) => o.onProgress?.({ phase: p.phase, rows: p.lines, fraction: p.fraction }),
        });
      } catch (e) {
        throw renamed(e, paths, o.names);
      } finally {
        await store?.close();
        this.stamp = this.fileStamp();
      }
      if (summary.added > 0 || summary.replaced > 0) this.changed();
      o.onProgress?.({ phase: 'done', rows: summary.rows, fraction: 1 });
      return {
        source: summary.files[0]?.source ?? '',
        files: o.names ?? paths,
        series: summary.series.map((x) => ({ symbol: x.symbol, rows: x.stored?.rows ?? x.rows, first: x.stored?.first ?? x.first, last: x.stored?.last ?? x.last })),
        added: summary.added,
        skipped: summary.skipped.count,
        notes: [...summary.notes, ...summary.skipped.first.map((p) => `skipped ${describeProblem(p)}`)],
      };
    });
  }

  async refreshEcb(o: EcbRefresh = {}): Promise<ImportOutcome> {
    return this.importFiles([await ecbFile(o)], { format: 'ecb' });
  }

  async close(): Promise<void> {
    await this.lock.run(async () => {});
  }
}

/** A snapshot of a store's source: its catalogue, the closes and stored rows fetched so far. */
function snapshotOf(data: QueryMarketData, raw: readonly PriceSeries[], v: number, generation: number): MarketSnapshot {
  const dataId = `${data.source}@${v}`;
  return {
    id: `${dataId}#${generation}`,
    dataId,
    source: data.source,
    label: data.label,
    frequency: data.frequency,
    series: raw,
    // Kept per data version: closes fetched once serve every later matrix at their timeframe.
    query: { ...data, raw: [], reusesCloses: true },
    about: { description: `${data.source} ${data.frequency} data (${data.quoted.length} quoted series, from the store)`, attribution: attributionOf(data.source) },
  };
}
