import type { PriceSeries, Timeframe } from '@soukan/core';
import type { DataAbout } from '../analytics/correlationJson.js';
import type { ReadOptions } from '../formats/types.js';
import type { MarketNeed } from '../query/needData.js';
import type { QueryMarketData } from '../query/queryMarket.js';
import type { EcbRefresh } from './ecbFile.js';

/**
 * The quoted series of one source at one data version: what a computation
 * builds its `Market` from. `id` changes whenever the data does, so results
 * cached under it never go stale.
 *
 * @example (await data.snapshot('ECB')).id // 'ECB@3'
 */
export interface MarketSnapshot {
  /** Changes whenever the market's content does (data fetched on demand included). */
  readonly id: string;
  /** The data version results are cached under (default `id`): fetching more of the same data does not change it. */
  readonly dataId?: string;
  readonly source: string;
  /** For messages: "the ECB data". */
  readonly label: string;
  readonly frequency: 'daily' | 'intraday';
  readonly series: readonly PriceSeries[];
  readonly about: DataAbout;
  /** For data read through a store's query layer: the catalogue and the closes fetched so far (`series` then holds the stored rows fetched). */
  readonly query?: QueryMarketData;
}

/**
 * One stored series, as `GET /api/list` shows it.
 *
 * @example (await data.list())[0] // { source: 'ECB', symbol: 'EUR/AUD', kind: 'quotes', frequency: 'daily', rows: 6983, first: 915408000000, last: … }
 */
export interface SeriesSummary {
  readonly source: string;
  readonly symbol: string;
  /** OHLC bars, or one value per time (fixings). */
  readonly kind: 'bars' | 'quotes';
  readonly frequency: 'daily' | 'intraday';
  readonly rows: number;
  /** First and last time, UTC epoch ms (NaN when empty). */
  readonly first: number;
  readonly last: number;
}

/**
 * Bars (or fixings) of one symbol.
 *
 * @example (await data.bars('EUR/USD', { timeframe: 'H1' })).series.time.length // 6207 (HistData 2017)
 */
export interface BarsResult {
  readonly series: PriceSeries;
  readonly source: string;
  readonly timeframe?: Timeframe;
  readonly notes: readonly string[];
}

/**
 * Where an import job is (what `GET /api/import/{id}` shows while it runs).
 *
 * @example { phase: 'reading', rows: 120000, fraction: 0.3 }
 */
export interface ImportJobProgress {
  readonly phase: 'receiving' | 'reading' | 'writing' | 'committing' | 'done';
  readonly bytes?: number;
  readonly totalBytes?: number;
  /** Lines (rows) read so far. */
  readonly rows?: number;
  /** Share of the input read, 0…1, when known. */
  readonly fraction?: number;
}

/**
 * What an import did.
 *
 * @example (await data.importFiles(['eurofxref-hist.zip'])).added // 217555 the first time, 0 again
 */
export interface ImportOutcome {
  readonly source: string;
  readonly files: readonly string[];
  readonly series: readonly { readonly symbol: string; readonly rows: number; readonly first: number; readonly last: number }[];
  /** Rows new to the data (re-importing the same file adds none). */
  readonly added: number;
  readonly skipped: number;
  readonly notes: readonly string[];
}

/**
 * Options of an import: the readers' options plus progress and cancellation.
 *
 * @example await data.importFiles([tmp], { names: ['rates.csv'], signal: AbortSignal.timeout(60_000) })
 */
export interface ImportRequest extends ReadOptions {
  readonly onProgress?: (p: ImportJobProgress) => void;
  readonly signal?: AbortSignal;
  /** Display names of the files (uploads are read from a temporary path). */
  readonly names?: readonly string[];
}

/**
 * Where a server's market data lives: files read into memory
 * (`MemoryProvider`) or a store (`StoreProvider`). Everything the
 * routes need and nothing more; what goes wrong is an `InputError` with a
 * code, which the server words in HTTP.
 *
 * @example const data: DataProvider = new StoreProvider(storePath()); await data.isEmpty() // false once something is imported
 */
export interface DataProvider {
  /** `files` (read into memory) or `store`. */
  readonly kind: 'files' | 'store';
  /** For the Data view: where the data is kept. */
  readonly location: string;
  /** The store file, when the data lives in one (the page words `location` itself from it). */
  readonly path?: string;
  /** Increments on every change. */
  version(): number;
  list(): Promise<SeriesSummary[]>;
  /** The market of one source (default: the ECB when present, else the source with most series). */
  snapshot(source?: string): Promise<MarketSnapshot>;
  bars(symbol: string, o: { source?: string; timeframe?: Timeframe; from?: number; to?: number }): Promise<BarsResult>;
  /** Imports files atomically: on any error nothing changes. */
  importFiles(paths: readonly string[], o?: ImportRequest): Promise<ImportOutcome>;
  /** Downloads (or re-downloads) the ECB history and imports it. */
  refreshEcb(o?: EcbRefresh): Promise<ImportOutcome>;
  /**
   * The snapshot with what a computation asked for (`NeedData`) fetched from
   * the store; absent for data held in memory.
   */
  fulfil?(snapshot: MarketSnapshot, need: MarketNeed): Promise<MarketSnapshot>;
  /** True when there is nothing to show yet (first run). */
  isEmpty(): Promise<boolean>;
  close(): Promise<void>;
}
