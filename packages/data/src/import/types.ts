import type { SkipLog } from '../errors.js';
import type { FormatName, ReadOptions } from '../formats/types.js';

/** How an import reads its files and treats rows already in the store. */
export interface ImportOptions extends ReadOptions {
  /**
   * Store the series under this source name instead of the format's
   * publisher (`HistData`, `ECB`, `FRB H.10`, `FRED`, `MT4`, `MT5`, `CSV`),
   * e.g. the broker an MT4 export came from.
   */
  readonly source?: string;
  /** Rows whose time is stored with different values take the new values (default: keep the stored ones and report). */
  readonly replace?: boolean;
  /** Stops the import; nothing is written (the transaction is rolled back). */
  readonly signal?: AbortSignal;
  /** Called about every 64 Ki lines and at each phase change. */
  readonly onProgress?: (p: ImportProgress) => void;
}

/** Where an import is. */
export interface ImportProgress {
  /** `reading` files (and writing what was read, overlapped), `writing` the last file, `committing`. */
  readonly phase: 'reading' | 'writing' | 'committing';
  /** Path of the file being read, as given. */
  readonly file: string;
  readonly fileIndex: number;
  readonly files: number;
  /** Lines read so far, all files. */
  readonly lines: number;
  /** Share of the input read, 0…1 (files weighted by their size on disk). */
  readonly fraction: number;
  readonly elapsedMs: number;
}

/** One row that has a stored twin with other values. */
export interface ConflictSample {
  /** UTC epoch ms. */
  readonly time: number;
  /** File and line of the incoming row. */
  readonly file: string;
  readonly line: number;
  /** Stored open, high, low, close, volume (bars) or value (quotes). */
  readonly stored: readonly (number | null)[];
  readonly incoming: readonly (number | null)[];
}

/** What one import did to one (source, symbol). */
export interface ImportedSeries {
  readonly source: string;
  readonly symbol: string;
  /** `bars` (open/high/low/close[/volume]) or `quotes` (one value per time). */
  readonly kind: 'bars' | 'quotes';
  readonly frequency: 'daily' | 'intraday';
  /** Rows read from the files (after the reader dropped in-file exact duplicates). */
  rows: number;
  /** Rows added to the store. */
  added: number;
  /** Rows already stored with the same values (or read twice in this import). */
  duplicates: number;
  /** Rows whose time is stored with other values. */
  conflicts: number;
  /** Conflicts whose stored values were replaced (`replace`). */
  replaced: number;
  /** Rows inside the weekly FX closure (Friday 17:00 to Sunday 17:00 New York): stored, but never part of a bar. */
  weekendRows: number;
  /** Time range of the rows read (UTC epoch ms). */
  first: number;
  last: number;
  /** The first few conflicts. */
  readonly conflictSamples: ConflictSample[];
  /** The series in the store after the import: rows and time range. */
  stored?: { rows: number; first: number; last: number };
}

/** One input file of an import. */
export interface ImportedFile {
  /** As given. */
  readonly path: string;
  /** Display name (`path:member` inside a zip). */
  readonly name: string;
  readonly format: FormatName;
  readonly source: string;
  readonly rows: number;
}

/** The end-of-import report. */
export interface ImportSummary {
  /** Path of the store file. */
  readonly store: string;
  readonly files: readonly ImportedFile[];
  readonly series: readonly ImportedSeries[];
  /** Bad rows skipped under `skipBadRows` (count and first locations). */
  readonly skipped: SkipLog;
  /** What the readers noticed (time zones, sorting, in-file duplicates) and what the import changed. */
  readonly notes: readonly string[];
  /** Totals over `series`. */
  readonly rows: number;
  readonly added: number;
  readonly duplicates: number;
  readonly conflicts: number;
  readonly replaced: number;
  readonly weekendRows: number;
  readonly elapsedMs: number;
}
