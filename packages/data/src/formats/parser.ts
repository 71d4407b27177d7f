/**
 * What every format module provides, and the shared machinery they use:
 * reporting a bad row (throw or skip), checking prices, and settling the
 * rows of one file into per-symbol parts.
 */
import { basename } from 'node:path';
import { parseSymbol } from '@soukan/core';
import { InputError, type SkipLog } from '../errors.js';
import type { WallClock } from './clock.js';
import { DAY_MS } from '@soukan/core';
import { showTime, type Fields } from './fields.js';
import { settle, splitColumns, type Shape, type Table } from './table.js';
import type { ReadOptions } from './types.js';

/** Everything a parser knows about the file it reads. */
export interface ParseContext {
  /** Display name for errors (`path` or `path:member`). */
  readonly file: string;
  /** Index of this file in the dataset (rows remember it). */
  readonly fileIndex: number;
  /** Base names that may carry a symbol (zip member first, then the file). */
  readonly names: readonly string[];
  readonly options: ReadOptions;
  readonly skipped: SkipLog;
  /** Decompressed bytes, when known, to pre-size tables. */
  readonly sizeHint?: number;
}

/** One symbol's rows from one file, settled (sorted, de-duplicated). */
export interface Part {
  readonly symbol: string;
  readonly shape: Shape;
  readonly table: Table;
}

/** What a parser returns at the end of its file. */
export interface FileResult {
  readonly parts: Part[];
  readonly frequency: 'daily' | 'intraday';
  readonly notes: string[];
}

/** Line consumer for one file. */
export interface Parser {
  /** One physical line, `s[start, end)`, 1-based `lineNo`. */
  line(s: string, start: number, end: number, lineNo: number): void;
  /** End of input. @throws InputError (e.g. header only). */
  end(): FileResult;
}

/** A format: how to recognise it from its first lines, and how to read it (named in `registry.ts`). */
export interface FormatSpec {
  /** `null` when `lines` (the first non-blank lines: at most 12, within the sniffing budget) look like this format, else why not. */
  sniff(lines: readonly string[], options: ReadOptions): string | null;
  parser(ctx: ParseContext): Parser;
}

/**
 * Reports row problems: throws, or under `skipBadRows` logs to the dataset's
 * SkipLog and returns so that the caller drops the row (or the cell).
 *
 * @example new Problems(ctx).bad('not a number', 12, 'USD', '1.2x') // throws InputError "file, line 12, field USD: not a number: \"1.2x\""
 */
export class Problems {
  /** Rows (or cells) skipped in this file. */
  count = 0;
  constructor(private readonly ctx: ParseContext) {}

  /** Throws, or logs and returns under `skipBadRows`. @throws InputError unless `skipBadRows`. */
  bad(reason: string, line: number, field?: string, text?: string): void {
    if (!this.ctx.options.skipBadRows) throw new InputError(reason, { file: this.ctx.file, line, field, text });
    this.count++;
    this.ctx.skipped.add({ file: this.ctx.file, line, field, text: text === undefined ? undefined : text.length > 80 ? `${text.slice(0, 77)}...` : text, reason });
  }
}

/**
 * Splits data row `s[a, b)` into `f` and checks that it has `width` fields
 * (with `trailingEmpty`, one more empty field, from a trailing delimiter, is
 * accepted and ignored).
 *
 * @returns `false` after reporting broken quoting or a wrong field count.
 * @throws InputError for those, unless `skipBadRows`.
 * @example splitRow(f, problems, '2017-01-02,1.05,', 0, 16, 2, ',', 2, true) // true
 */
export function splitRow(f: Fields, problems: Problems, s: string, a: number, b: number, lineNo: number, delimiter: string, width: number, trailingEmpty: boolean): boolean {
  let n = f.split(s, a, b, delimiter);
  if (trailingEmpty && n === width + 1 && f.empty(width)) n--;
  if (n !== width) {
    problems.bad(n < 0 ? f.problem : `expected ${width} fields, found ${n}`, lineNo, undefined, s.slice(a, b));
    return false;
  }
  return true;
}

/**
 * Refuses a header that names one column twice (compared trimmed and
 * case-insensitively): which of the two a reader would take is a guess,
 * and a wide reader would store both under one symbol.
 *
 * @throws InputError naming the file, the header line, the repeated name and both column numbers.
 * @example refuseDuplicateColumns(ctx, 1, ['Date', 'USD', 'usd']) // throws "…, line 1, field usd: duplicate column name (columns 2 and 3)"
 */
export function refuseDuplicateColumns(ctx: ParseContext, lineNo: number, names: readonly string[]): void {
  const seen = new Map<string, number>();
  names.forEach((n, i) => {
    const key = n.trim().toLowerCase();
    const prior = seen.get(key);
    if (prior !== undefined && key !== '') throw new InputError(`duplicate column name (columns ${prior + 1} and ${i + 1})`, { file: ctx.file, line: lineNo, field: n, text: n });
    seen.set(key, i);
  });
}

/**
 * Checks the consistency of one bar whose prices already passed
 * {@link priceProblem}: `low ≤ high`, `low ≤ open, close ≤ high`, volume ≥ 0
 * and finite (`NaN` volume = missing, accepted; `1e400` parses to Infinity
 * and is refused).
 *
 * @returns `null`, or `[reason, field]`.
 * @example barProblem(1.05, 1.0, 1.1, 1.05, 0) // ['high < low', 'high']
 */
export function barProblem(o: number, h: number, l: number, c: number, v: number): [string, string] | null {
  if (h < l) return ['high < low', 'high'];
  if (o < l || o > h) return ['open outside [low, high]', 'open'];
  if (c < l || c > h) return ['close outside [low, high]', 'close'];
  if (v < 0) return ['volume < 0', 'volume'];
  if (v === Infinity) return ['not a finite number', 'volume'];
  return null;
}

/**
 * Why a parsed price is unusable, or `null`. `NaN` means the text was not a number.
 *
 * @example priceProblem(0) // 'price must be > 0'
 */
export function priceProblem(x: number): string | null {
  if (Number.isNaN(x)) return 'not a number';
  if (x === Infinity || x === -Infinity) return 'not a finite number';
  if (!(x > 0)) return 'price must be > 0';
  return null;
}

/**
 * Canonical symbol of `text` (via `parseSymbol`), or `undefined`.
 *
 * @example trySymbol('usd_jpy') // 'USD/JPY'
 */
export function trySymbol(text: string): string | undefined {
  try {
    return parseSymbol(text).symbol;
  } catch {
    return undefined;
  }
}

/**
 * Symbol of a single-instrument file: `options.symbol`, else a six-letter
 * upper-case pair at the start of a name (`EURUSD1.csv`, `EURUSD_M1_….csv`)
 * or after `ASCII_` (`DAT_ASCII_EURUSD_M1_2017.csv`).
 *
 * When the name decides, `notes` gets a line saying so: six capitals are
 * not always a pair (`EXPORT.csv`).
 *
 * @throws InputError when neither says, or `options.symbol` is not a pair.
 * @example symbolFromNames({ ...ctx, names: ['DAT_ASCII_EURUSD_M1_2017.csv'] }, 'HistData', []) // 'EUR/USD'
 */
export function symbolFromNames(ctx: ParseContext, what: string, notes: string[]): string {
  const opt = ctx.options.symbol;
  if (opt !== undefined) {
    const s = trySymbol(opt);
    if (!s) throw new InputError('not a currency pair', { field: 'symbol', text: opt });
    return s;
  }
  for (const n of ctx.names) {
    const m = /(?:^|ASCII_)([A-Z]{6})(?![A-Z])/.exec(n);
    const s = m ? trySymbol(m[1]!) : undefined;
    if (s) {
      notes.push(`${shortName(ctx.file)}: symbol ${s} from the name ${n} (pass symbol to override)`);
      return s;
    }
  }
  throw new InputError(`cannot tell the symbol of a ${what} file from its name; pass symbol (e.g. EURUSD)`, { file: ctx.file });
}

/**
 * Short name of a file for notes.
 *
 * @example shortName('/data/x.zip:DAT.csv') // 'x.zip:DAT.csv'
 */
export function shortName(file: string): string {
  return basename(file);
}

function orderNotes(where: string, outOfOrder: number, duplicates: number, notes: string[]): void {
  if (outOfOrder > 0) notes.push(`${where}: sorted ${outOfOrder} out-of-order row${outOfOrder === 1 ? '' : 's'}`);
  if (duplicates > 0) notes.push(`${where}: dropped ${duplicates} exact duplicate row${duplicates === 1 ? '' : 's'}`);
}

/**
 * Settles (sorts, de-duplicates, checks conflicts of) per-symbol tables of a
 * long file, adding a note per symbol that needed it. Empty tables are left out.
 *
 * @throws InputError for one time with two different rows.
 */
export function settleLong(ctx: ParseContext, tables: Map<string, Table>, shape: Shape, notes: string[]): Part[] {
  const parts: Part[] = [];
  const files = filesFor(ctx);
  for (const [symbol, t] of tables) {
    if (t.n === 0) continue;
    const r = settle(t, files);
    orderNotes(`${shortName(ctx.file)} ${symbol}`, r.outOfOrder, r.duplicates, notes);
    parts.push({ symbol, shape, table: r.table });
  }
  return parts;
}

/**
 * Settles a wide file at row level (sorting, duplicate rows), then splits it
 * into one close-only part per column. Columns without a single value are
 * dropped with a note.
 *
 * @throws InputError for one time with two different rows.
 */
export function settleWide(ctx: ParseContext, t: Table, symbols: readonly string[], labels: readonly string[], notes: string[], descending = false): Part[] {
  const r = settle(t, filesFor(ctx), descending);
  orderNotes(shortName(ctx.file), r.outOfOrder, r.duplicates, notes);
  const cols = splitColumns(r.table);
  const parts: Part[] = [];
  const empty: string[] = [];
  cols.forEach((c, j) => {
    if (c.n === 0) empty.push(labels[j]!);
    else parts.push({ symbol: symbols[j]!, shape: 'close', table: c });
  });
  if (empty.length > 0) notes.push(`${shortName(ctx.file)}: dropped ${empty.length} column${empty.length === 1 ? '' : 's'} without values: ${empty.join(', ')}`);
  return parts;
}

function filesFor(ctx: ParseContext): string[] {
  const files: string[] = [];
  files[ctx.fileIndex] = ctx.file;
  return files;
}

/**
 * Turns wall-clock times into UTC in place, unless every time is a midnight
 * (then the rows are daily observations stamped 00:00 UTC of their date and
 * the zone is irrelevant). `absolute` tables already hold UTC instants.
 * Rows whose wall-clock time falls in a DST gap are bad rows.
 *
 * @throws InputError for a DST-gap time, unless `skipBadRows`.
 * @example resolveTimes(problems, [t], false, new WallClock('UTC'), 'time').frequency // 'intraday' when any time is not 00:00
 */
export function resolveTimes(
  problems: Problems,
  tables: readonly Table[],
  absolute: boolean,
  clock: WallClock,
  timeField: string,
): { tables: Table[]; frequency: 'daily' | 'intraday' } {
  let daily = true;
  for (const t of tables) {
    for (let i = 0; i < t.n && daily; i++) if (t.time[i]! % DAY_MS !== 0) daily = false;
  }
  if (daily || absolute) return { tables: [...tables], frequency: daily ? 'daily' : 'intraday' };
  const tz = clock.tz;
  const out = tables.map((t) => {
    let gaps: number[] | undefined;
    for (let i = 0; i < t.n; i++) {
      const u = clock.toUtc(t.time[i]!);
      if (Number.isNaN(u)) {
        problems.bad(`time does not exist in ${tz} (skipped by a DST change)`, t.line[i]!, timeField, showTime(t.time[i]!).replace('Z', ''));
        (gaps ??= []).push(i);
      } else t.time[i] = u;
    }
    if (!gaps) return t;
    const drop = new Set(gaps);
    const keep: number[] = [];
    for (let i = 0; i < t.n; i++) if (!drop.has(i)) keep.push(i);
    return t.pick(keep);
  });
  return { tables: out, frequency: 'intraday' };
}

/**
 * Throws the "no data rows" error.
 *
 * @throws InputError always.
 */
export function noRows(ctx: ParseContext, what: string): never {
  throw new InputError(`no data rows (${what})`, { file: ctx.file });
}
