import type { PriceSeries } from '@soukan/core';
import type { SkipLog } from '../errors.js';
import type { ReadLimits } from './limits.js';
import type { InputFormat } from '@soukan/requests';

/**
 * A file format's name: one of the request specs' `INPUT_FORMATS`, each with
 * its reader in the registry (`FORMAT_NAMES`).
 *
 * @example const f: FormatName = 'histdata';
 */
export type FormatName = InputFormat;

/** What one or more files of one format hold, validated and sorted. */
export interface Dataset {
  /** `'ECB' | 'FRB H.10' | 'FRED' | 'HistData' | 'MT4' | 'MT5' | 'CSV'`. */
  readonly source: string;
  readonly format: FormatName;
  /** The paths read, as given. */
  readonly files: readonly string[];
  /** `daily` when every observation is a date (stamped 00:00 UTC), else `intraday`. */
  readonly frequency: 'daily' | 'intraday';
  /**
   * What the source quotes, one series per instrument with canonical symbols,
   * times ascending and strictly increasing. A missing value is an omitted
   * row of that series, never a filled one.
   */
  readonly series: readonly PriceSeries[];
  /** Rows (or, in wide files, cells) skipped under `skipBadRows`. */
  readonly skipped: SkipLog;
  /** Things the caller should know: sorting, dropped duplicates, time-zone assumptions, quirks. */
  readonly notes: readonly string[];
}

/**
 * Options shared by every reader; each reader ignores what does not apply to
 * it. The {@link ReadLimits} (`maxBytes`, `maxLineLength`) bound every read.
 */
export interface ReadOptions extends ReadLimits {
  /** Skip auto-detection and read as this format. */
  format?: FormatName;
  /** Skip malformed rows and invalid prices into {@link Dataset.skipped} instead of throwing. */
  skipBadRows?: boolean;
  /**
   * IANA zone of wall-clock times in the file. Defaults: `America/New_York`
   * for HistData, `UTC` for MetaTrader and generic CSV. Daily files ignore it.
   */
  tz?: string;
  /** Generic CSV: name of the time column (case-insensitive). */
  timeColumn?: string;
  /**
   * Generic CSV: how times are written, e.g. `YYYY-MM-DD`, `YYYY-MM-DD HH:mm[:ss]`,
   * `ISO`, `YYYY.MM.DD HH:mm`, `YYYYMMDD HHmmss`, `DD/MM/YYYY`, `MM/DD/YYYY`,
   * `epoch-s`, `epoch-ms`. Tokens: `YYYY MM M DD D HH H mm ss SSS Z`, `[...]` optional.
   */
  dateFormat?: string;
  /** Generic CSV: field delimiter (`,`, `;`, `\t` or `tab`); detected from the header when absent. */
  delimiter?: string;
  /** Symbol of a single-instrument file (HistData, MetaTrader) whose name does not say it. */
  symbol?: string;
}
