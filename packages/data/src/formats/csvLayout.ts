/**
 * Generic CSV: delimiter and column roles from the header, and the time
 * column reader shared by the long and wide layouts.
 */
import { InputError } from '../errors.js';
import type { WallClock } from './clock.js';
import { splitLine, type Fields } from './fields.js';
import { shortName, trySymbol, type ParseContext, type Problems } from './parser.js';
import { compileTimeFormat, guessTimeFormat, type TimeFormat, type TimeOut } from './timeFormat.js';
import type { ReadOptions } from './types.js';

/** Column roles of a generic CSV header. */
export interface CsvLayout {
  readonly delimiter: string;
  /** Header names as written. */
  readonly names: readonly string[];
  readonly time: number;
  /** A separate time-of-day column joined to `time` (`date,time,…`), or −1. */
  readonly timeOfDay: number;
  readonly kind: 'long' | 'wide';
  /** Long: symbol column. */
  readonly symbol: number;
  /** Long: the single value column, or −1 when bars. */
  readonly value: number;
  /** Long bars: open, high, low, close columns. */
  readonly ohlc: readonly number[] | null;
  /** Long bars: volume column or −1. */
  readonly volume: number;
  /** Wide: value columns and their symbols. */
  readonly columns: readonly { readonly index: number; readonly symbol: string }[];
  /** Columns nobody reads. */
  readonly ignored: readonly string[];
}

const TIME_NAMES = ['time', 'date', 'timestamp', 'datetime', 'date_time', 'date time'];
const SYMBOL_NAMES = ['symbol', 'pair', 'instrument', 'ticker', 'currency_pair', 'ccypair'];
const VALUE_NAMES = ['value', 'close', 'price', 'rate', 'mid', 'last'];
const VOLUME_NAMES = ['volume', 'vol', 'tickvol', 'tick_volume'];

/**
 * The `delimiter` option, or the most frequent of `,` `;` tab in the header (`,` on a tie).
 *
 * @throws InputError when the option is longer than one character (other than `tab`).
 * @example csvDelimiter('time;EURUSD', {}) // ';'
 */
export function csvDelimiter(header: string, options: ReadOptions): string {
  const d = options.delimiter;
  if (d !== undefined) {
    if (d === 'tab' || d === '\\t') return '\t';
    if (d.length !== 1) throw new InputError('delimiter must be one character (or "tab")', { field: 'delimiter', text: d });
    return d;
  }
  let best = ',';
  let most = 0;
  for (const c of [',', ';', '\t']) {
    const k = header.split(c).length - 1;
    if (k > most) {
      best = c;
      most = k;
    }
  }
  return best;
}

/**
 * Reads the header of a generic CSV. Long when a column is named
 * symbol/pair/instrument/ticker (values in value/close/price/rate/mid/last,
 * or bars in open/high/low/close[/volume]); wide when every other column is
 * a currency pair. Names are matched case-insensitively.
 *
 * @returns the layout, or why the header does not fit either.
 * @example (csvLayout('Date,Symbol,Close', {}) as CsvLayout).kind // 'long'
 */
export function csvLayout(header: string, options: ReadOptions): CsvLayout | string {
  let delimiter: string;
  try {
    delimiter = csvDelimiter(header, options);
  } catch (e) {
    return (e as Error).message;
  }
  const raw = splitLine(header, delimiter);
  if (!raw) return 'header has broken quoting';
  const names = raw.map((x) => x.trim());
  if (names.length > 1 && names[names.length - 1] === '') names.pop();
  const lower = names.map((x) => x.toLowerCase());
  let time: number;
  let timeOfDay = -1;
  if (options.timeColumn !== undefined) {
    time = lower.indexOf(options.timeColumn.trim().toLowerCase());
    if (time < 0) return `no column named ${JSON.stringify(options.timeColumn)}`;
  } else {
    time = lower.findIndex((n) => TIME_NAMES.includes(n));
    if (time < 0) return 'no time column (date, time, timestamp or datetime; or pass timeColumn)';
    if (lower[time] === 'date') timeOfDay = lower.indexOf('time');
  }
  if (names.length < 2) return 'only one column';
  const used = new Set([time, timeOfDay]);
  const find = (set: readonly string[]): number => lower.findIndex((n, i) => !used.has(i) && set.includes(n));
  const symbol = find(SYMBOL_NAMES);
  if (symbol >= 0) {
    used.add(symbol);
    const ohlc = ['open', 'high', 'low', 'close'].map((n) => lower.indexOf(n));
    let value = -1;
    let volume = -1;
    let bars: number[] | null = null;
    if (ohlc.every((i) => i >= 0)) {
      bars = ohlc;
      ohlc.forEach((i) => used.add(i));
      volume = find(VOLUME_NAMES);
      used.add(volume);
    } else {
      value = find(VALUE_NAMES);
      if (value < 0) return `symbol column ${JSON.stringify(names[symbol])} but no value (${VALUE_NAMES.join('/')}) or open/high/low/close columns`;
      used.add(value);
    }
    const ignored = names.filter((_, i) => !used.has(i));
    return { delimiter, names, time, timeOfDay, kind: 'long', symbol, value, ohlc: bars, volume, columns: [], ignored };
  }
  const columns: { index: number; symbol: string }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < names.length; i++) {
    if (used.has(i)) continue;
    const s = trySymbol(names[i]!);
    if (!s) return `column ${JSON.stringify(names[i])} is not a currency pair (and no symbol column)`;
    if (seen.has(s)) return `two columns for ${s}`;
    seen.add(s);
    columns.push({ index: i, symbol: s });
  }
  return { delimiter, names, time, timeOfDay, kind: 'wide', symbol: -1, value: -1, ohlc: null, volume: -1, columns, ignored: [] };
}

function bareDate(timedLine: number): string {
  return `date with no time of day where line ${timedLine} has one; write the time, or pass dateFormat (e.g. 'YYYY-MM-DD[ HH:mm]') to read it as 00:00`;
}

/**
 * Reads the time column(s) of a generic CSV row: `dateFormat` when given,
 * else the format guessed from the first row; the first row also decides
 * whether times carry an offset, and later rows must agree.
 *
 * @throws InputError (constructor) for a bad `dateFormat`; (read) when no format can be guessed.
 * @example new TimeColumn(ctx, layout, problems).read(line, fields, 2) // wall-clock ms, or NaN after a skipped row
 */
export class TimeColumn {
  private format: TimeFormat | undefined;
  /** Whether times carry their own offset (epoch, `Z`, `+09:00`); fixed by the first row. */
  absolute: boolean | undefined;
  private readonly out: TimeOut = { ms: 0, absolute: false, timed: false };
  readonly field: string;
  /** First row with a bare date, and first with a time of day: a file with both is refused unless `dateFormat` says so. */
  private bare: { line: number; text: string } | undefined;
  private timed: number | undefined;

  constructor(
    private readonly ctx: ParseContext,
    private readonly layout: CsvLayout,
    private readonly problems: Problems,
  ) {
    if (ctx.options.dateFormat !== undefined) this.format = compileTimeFormat(ctx.options.dateFormat);
    this.field = layout.names[layout.time]!;
  }

  /** Time of the row (wall clock or, when {@link absolute}, UTC), or `NaN` after reporting a bad row. */
  read(s: string, f: Fields, lineNo: number): number {
    const L = this.layout;
    let text = s;
    let a = f.start[L.time]!;
    let b = f.end[L.time]!;
    if (L.timeOfDay >= 0) {
      text = `${f.text(s, L.time)} ${f.text(s, L.timeOfDay)}`;
      a = 0;
      b = text.length;
    }
    if (!this.format) {
      const g = guessTimeFormat(text.slice(a, b));
      if (typeof g === 'string') throw new InputError(g, { file: this.ctx.file, line: lineNo, field: this.field, text: text.slice(a, b) });
      this.format = g;
    }
    if (!this.format.parse(text, a, b, this.out)) {
      this.problems.bad(`not a time (expected ${this.format.name})`, lineNo, this.field, text.slice(a, b));
      return NaN;
    }
    if (this.absolute === undefined) this.absolute = this.out.absolute;
    else if (this.absolute !== this.out.absolute) {
      this.problems.bad(this.absolute ? 'no time-zone offset (earlier rows have one)' : 'time-zone offset where earlier rows have none', lineNo, this.field, text.slice(a, b));
      return NaN;
    }
    // A bare date among intraday times is not silently 00:00: refused unless the caller's dateFormat makes the time optional.
    if (this.ctx.options.dateFormat === undefined) {
      if (this.out.timed) {
        this.timed ??= lineNo;
        if (this.bare) throw new InputError(bareDate(lineNo), { file: this.ctx.file, line: this.bare.line, field: this.field, text: this.bare.text });
      } else if (this.timed !== undefined) {
        this.problems.bad(bareDate(this.timed), lineNo, this.field, text.slice(a, b));
        return NaN;
      } else this.bare ??= { line: lineNo, text: text.slice(a, b) };
    }
    return this.out.ms;
  }

  /** Note on how times were read, or `undefined`. */
  note(clock: WallClock, frequency: 'daily' | 'intraday'): string | undefined {
    if (frequency === 'daily' || this.absolute) return undefined;
    const where = shortName(this.ctx.file);
    return this.ctx.options.tz === undefined ? `${where}: wall-clock times read as UTC (pass tz if they are local)` : `${where}: times read as ${clock.tz} and converted to UTC`;
  }
}
