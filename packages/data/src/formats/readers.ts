/**
 * One reader per format: {@link readDataset} with the format fixed (no
 * sniffing), so a file that does not fit fails on its first bad line.
 */
import { readDataset } from './readDataset.js';
import type { Dataset, ReadOptions } from './types.js';

type Paths = string | readonly string[];
type Opts = Omit<ReadOptions, 'format'>;

/**
 * ECB euro reference rates (`eurofxref-hist.csv` / `.zip`): one close series
 * `EUR/XXX` per currency column (units per 1 EUR), `N/A` rows omitted,
 * oldest first.
 *
 * @throws InputError as {@link readDataset}.
 * @example (await readEcb('eurofxref-hist.zip')).series[0].symbol // 'EUR/USD'
 */
export function readEcb(paths: Paths, options: Opts = {}): Promise<Dataset> {
  return readDataset(paths, { ...options, format: 'ecb' });
}

/**
 * Federal Reserve H.10 Data Download Program CSV: `XXX/USD` for `RXI$US`
 * series (USD per unit), `USD/XXX` for `RXI_` series, `ND` omitted; a note
 * flags VEB.
 *
 * @throws InputError as {@link readDataset}, or when the `Currency:` row is missing.
 * @example (await readH10('frb_h10_daily.csv')).series[0].symbol // 'AUD/USD'
 */
export function readH10(paths: Paths, options: Opts = {}): Promise<Dataset> {
  return readDataset(paths, { ...options, format: 'h10' });
}

/**
 * FRED wide CSV with country-name columns: one `USD/XXX` close series per
 * column (every column is units per 1 USD), empty cells omitted, all-empty
 * columns dropped with a note.
 *
 * @throws InputError as {@link readDataset}, or for a country missing from `FRED_COUNTRY_CURRENCY`.
 * @example (await readFredWide('fred_daily_wide_1971-2017.csv.gz')).series.find((s) => s.symbol === 'USD/EUR')
 */
export function readFredWide(paths: Paths, options: Opts = {}): Promise<Dataset> {
  return readDataset(paths, { ...options, format: 'fred-wide' });
}

/**
 * HistData generic ASCII M1 bars (`DAT_ASCII_EURUSD_M1_2017.csv` or the
 * `HISTDATA_COM_ASCII_…zip`): open/high/low/close/volume, New York wall clock
 * converted to UTC (`tz` overrides), symbol from the file name or `symbol`.
 *
 * @throws InputError as {@link readDataset}, or when the symbol cannot be told.
 * @example (await readHistData('HISTDATA_COM_ASCII_EURUSD_M1_2017.zip')).series[0].time[0] // Date.UTC(2017, 0, 2, 7, 0)
 */
export function readHistData(paths: Paths, options: Opts = {}): Promise<Dataset> {
  return readDataset(paths, { ...options, format: 'histdata' });
}

/**
 * MetaTrader 4 History Center CSV (`EURUSD1.csv`): bars in broker server
 * time, read as UTC unless `tz` is given; symbol from the file name or `symbol`.
 *
 * @throws InputError as {@link readDataset}.
 * @example (await readMt4('EURUSD1.csv', { tz: 'Europe/Athens' })).frequency // 'intraday'
 */
export function readMt4(paths: Paths, options: Opts = {}): Promise<Dataset> {
  return readDataset(paths, { ...options, format: 'mt4' });
}

/**
 * MetaTrader 5 bar export (`EURUSD_M1_201701020000_201701062359.csv`,
 * `<DATE>\t<TIME>\t<OPEN>…`): bars in broker server time, read as UTC unless
 * `tz` is given; volume from `<TICKVOL>`.
 *
 * @throws InputError as {@link readDataset}, or when the header lacks a price column.
 * @example (await readMt5('USDJPY_M1_201703100000_201703132359.csv')).series[0].symbol // 'USD/JPY'
 */
export function readMt5(paths: Paths, options: Opts = {}): Promise<Dataset> {
  return readDataset(paths, { ...options, format: 'mt5' });
}

/**
 * Generic long CSV: `time,symbol,value` or `time,symbol,open,high,low,close[,volume]`
 * (delimiter, time format and daily/intraday detected; `timeColumn`,
 * `dateFormat`, `tz`, `delimiter` override).
 *
 * @throws InputError as {@link readDataset}; for day/month-ambiguous dates without `dateFormat`.
 * @example (await readCsvLong('prices.csv')).series.map((s) => s.symbol) // ['EUR/USD', 'USD/JPY']
 */
export function readCsvLong(paths: Paths, options: Opts = {}): Promise<Dataset> {
  return readDataset(paths, { ...options, format: 'csv-long' });
}

/**
 * Generic wide CSV: `time,<SYM1>,<SYM2>,…` with pair headers in any spelling
 * `parseSymbol` accepts; missing cells omitted per series.
 *
 * @throws InputError as {@link readDataset}; for a header that is not a currency pair.
 * @example (await readCsvWide('closes.csv', { dateFormat: 'DD/MM/YYYY' })).frequency // 'daily'
 */
export function readCsvWide(paths: Paths, options: Opts = {}): Promise<Dataset> {
  return readDataset(paths, { ...options, format: 'csv-wide' });
}
