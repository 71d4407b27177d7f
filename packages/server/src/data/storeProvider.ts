import { statSync } from 'node:fs';
import type { Timeframe } from '@soukan/core';
import { attributionOf, describeProblem, InputError, Store, type ImportSummary } from '@soukan/data';
import { HttpError } from '../http/httpError.js';
import { Mutex } from './mutex.js';
import { ecbFile, type EcbRefresh } from './ecbFile.js';
import { renamed } from './renamed.js';
import type { BarsResult, DataProvider, ImportOutcome, ImportRequest, MarketSnapshot, SeriesSummary } from './types.js';

/** Opens the store; another process writing it is a 503 with Retry-After (it is temporary), not a 400. */
async function open(path: string, readOnly: boolean): Promise<Store> {
  try {
    return await Store.open(path, { readOnly });
  } catch (e) {
    if (e instanceof InputError && /in use by another process/.test(e.message)) {
      throw new HttpError(503, 'store-busy', e.message, { retryAfter: 2 }, { 'Retry-After': '2' });
    }
    throw e;
  }
}

/**
 * Market data in soukan's DuckDB store (what the CLI reads without --data).
 * The store is opened for each operation and closed after it — read-only to
 * read, writable only while an import runs — so other soukan processes can
 * use it between operations; operations in this process take turns. Markets
 * are loaded once per data version and kept in memory. A change made by
 * another process (`soukan import`) is noticed from the file's modification
 * time.
 */
export class StoreProvider implements DataProvider {
  readonly kind = 'store' as const;
  private readonly lock = new Mutex();
  private readonly snapshots = new Map<string, Promise<MarketSnapshot>>();
  private listCache: Promise<SeriesSummary[]> | undefined;
  private v = 1;
  private stamp = '';
  private checked = 0;

  constructor(readonly path: string) {
    this.stamp = this.fileStamp();
  }

  get location(): string {
    return `DuckDB store ${this.path}`;
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
    return `${part(this.path)}|${part(`${this.path}.wal`)}`;
  }

  private changed(): void {
    this.v++;
    this.snapshots.clear();
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
      const store = await open(this.path, true);
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
      p = this.read(async (s) => {
        const m = await s.market({ source });
        const series = [...m.bySymbol.values()];
        return {
          id: `${m.source}@${v}`,
          source: m.source,
          label: m.label,
          frequency: m.frequency,
          series,
          about: { description: `${m.source} ${m.frequency} data (${series.length} quoted series, from the store)`, attribution: attributionOf(m.source) },
        };
      });
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
    return p;
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
        store = await open(this.path, false);
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
