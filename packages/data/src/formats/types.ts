import type { PriceSeries } from '@soukan/core';
import type { SkipLog } from '../errors.js';

/**
 * The file layouts the readers understand, in the order auto-detection tries
 * them.
 *
 * - `ecb` — ECB euro reference rates (`eurofxref-hist.csv`), units per 1 EUR.
 * - `h10` — Federal Reserve H.10 Data Download Program CSV.
 * - `fred-wide` — FRED rates in one wide CSV with country-name columns, units per 1 USD.
 * - `histdata` — HistData.com generic ASCII 1-minute bars (New York local time).
 * - `mt4` — MetaTrader 4 History Center export (`2017.01.02,17:00,o,h,l,c,v`).
 * - `mt5` — MetaTrader 5 bar export (`<DATE>\t<TIME>\t<OPEN>…` header).
 * - `csv-long` — generic `time,symbol,value` or `time,symbol,open,high,low,close[,volume]`.
 * - `csv-wide` — generic `time,<SYM1>,<SYM2>,…`.
 *
 * @example FORMAT_NAMES.includes('mt5') // true
 */
export const FORMAT_NAMES = ['ecb', 'h10', 'fred-wide', 'histdata', 'mt4', 'mt5', 'csv-long', 'csv-wide'] as const;

/** One of {@link FORMAT_NAMES}. */
export type FormatName = (typeof FORMAT_NAMES)[number];

/**
 * Publisher or tool behind each format, as reported in {@link Dataset.source}.
 *
 * @example FORMAT_SOURCE.h10 // 'FRB H.10'
 */
export const FORMAT_SOURCE: Readonly<Record<FormatName, string>> = {
  ecb: 'ECB',
  h10: 'FRB H.10',
  'fred-wide': 'FRED',
  histdata: 'HistData',
  mt4: 'MT4',
  mt5: 'MT5',
  'csv-long': 'CSV',
  'csv-wide': 'CSV',
};

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

/** Options shared by every reader; each reader ignores what does not apply to it. */
export interface ReadOptions {
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
