/**
 * The file formats: for each name of the request specs' `INPUT_FORMATS`
 * (which also sets the order detection tries them in, so a format recognised
 * by a distinctive header comes before the generic CSV layouts that accept
 * almost anything), the publisher or tool it reports as `Dataset.source`, and
 * its reader. The compiler holds the two to the same names.
 *
 * A new format is one file exporting a {@link FormatSpec} (how to sniff it
 * from the first lines, and a line parser), its name in `INPUT_FORMATS` and
 * one entry here; the CLI's `--input`, the API's `format` parameter,
 * detection, `readDataset` and the importer all follow.
 */
import { INPUT_FORMATS, type InputFormat } from '@soukan/requests';
import { InputError } from '../errors.js';
import { csvLongFormat } from './csvLong.js';
import { csvWideFormat } from './csvWide.js';
import { ecbFormat } from './ecb.js';
import { fredWideFormat } from './fredWide.js';
import { h10Format } from './h10.js';
import { histDataFormat } from './histData.js';
import { mt4Format, mt5Format } from './metaTrader.js';
import type { FormatSpec } from './parser.js';
import type { FormatName } from './types.js';

const REGISTRY = {
  /** ECB euro reference rates (`eurofxref-hist.csv`), units per 1 EUR. */
  ecb: { source: 'ECB', spec: ecbFormat },
  /** Federal Reserve H.10 Data Download Program CSV. */
  h10: { source: 'FRB H.10', spec: h10Format },
  /** FRED rates in one wide CSV with country-name columns, units per 1 USD. */
  'fred-wide': { source: 'FRED', spec: fredWideFormat },
  /** HistData.com generic ASCII 1-minute bars (New York local time). */
  histdata: { source: 'HistData', spec: histDataFormat },
  /** MetaTrader 4 History Center export (`2017.01.02,17:00,o,h,l,c,v`). */
  mt4: { source: 'MT4', spec: mt4Format },
  /** MetaTrader 5 bar export (`<DATE>\t<TIME>\t<OPEN>…` header). */
  mt5: { source: 'MT5', spec: mt5Format },
  /** Generic `time,symbol,value` or `time,symbol,open,high,low,close[,volume]`. */
  'csv-long': { source: 'CSV', spec: csvLongFormat },
  /** Generic `time,<SYM1>,<SYM2>,…`. */
  'csv-wide': { source: 'CSV', spec: csvWideFormat },
} as const satisfies Record<InputFormat, { readonly source: string; readonly spec: FormatSpec }>;


/**
 * The file layouts the readers understand, in the order auto-detection tries
 * them: the request specs' `INPUT_FORMATS` (what `--input` and the API's
 * `format` accept), each with its entry above.
 *
 * @example FORMAT_NAMES.includes('mt5') // true
 */
export const FORMAT_NAMES: readonly FormatName[] = INPUT_FORMATS;

/**
 * Publisher or tool behind each format, as reported in `Dataset.source`.
 *
 * @example FORMAT_SOURCE.h10 // 'FRB H.10'
 */
export const FORMAT_SOURCE: Readonly<Record<FormatName, string>> = Object.fromEntries(FORMAT_NAMES.map((n) => [n, REGISTRY[n].source])) as Record<FormatName, string>;

/**
 * The reader of a format by name.
 *
 * @throws InputError (field `format`) for a name not in {@link FORMAT_NAMES}.
 * @example formatSpec('ecb').sniff(['Date,USD,'], {}) // null
 */
export function formatSpec(name: string): FormatSpec {
  if (!Object.hasOwn(REGISTRY, name)) throw new InputError(`unknown format; known: ${FORMAT_NAMES.join(', ')}`, { field: 'format', text: name });
  return REGISTRY[name as FormatName].spec;
}
