/**
 * Generic long CSV: `time,symbol,value` or `time,symbol,open,high,low,close[,volume]`,
 * any delimiter, any order of columns, rows of several symbols interleaved.
 */
import { InputError } from '../errors.js';
import { WallClock } from './clock.js';
import { csvLayout, TimeColumn, type CsvLayout } from './csvLayout.js';
import { Fields, isBlank, isMissing, parseDecimal } from './fields.js';
import { barProblem, noRows, priceProblem, Problems, refuseDuplicateColumns, resolveTimes, settleLong, shortName, splitRow, trySymbol, type FormatSpec, type ParseContext, type Parser } from './parser.js';
import { Table } from './table.js';
import type { ReadOptions } from './types.js';

function sniff(lines: readonly string[], options: ReadOptions): string | null {
  const l = csvLayout(lines[0]!, options);
  if (typeof l === 'string') return l;
  return l.kind === 'long' ? null : 'no symbol column';
}

function parser(ctx: ParseContext): Parser {
  const f = new Fields();
  const problems = new Problems(ctx);
  const clock = new WallClock(ctx.options.tz ?? 'UTC');
  const tables = new Map<string, Table>();
  let L: CsvLayout | undefined;
  let times: TimeColumn | undefined;
  let width = 0;
  let valueCols: readonly number[] = [];
  let lastRaw = '';
  let lastTable: Table | undefined;
  let omitted = 0;
  let lines = 0;
  const v = new Float64Array(5);

  function tableFor(s: string, a: number, b: number, lineNo: number): Table | undefined {
    if (lastTable && b - a === lastRaw.length && s.startsWith(lastRaw, a)) return lastTable;
    const raw = s.slice(a, b);
    const sym = trySymbol(raw);
    if (!sym) {
      problems.bad('not a currency pair', lineNo, L!.names[L!.symbol], raw);
      return undefined;
    }
    let t = tables.get(sym);
    if (!t) tables.set(sym, (t = new Table(L!.ohlc ? (L!.volume >= 0 ? 5 : 4) : 1, 4096)));
    lastRaw = raw;
    lastTable = t;
    return t;
  }

  return {
    line(s, a, b, lineNo) {
      if (a === b || (L && isBlank(s, a, b, L.delimiter))) return;
      lines++;
      if (!L) {
        const l = csvLayout(s.slice(a, b), ctx.options);
        if (typeof l === 'string' || l.kind !== 'long') {
          throw new InputError(`not a long CSV header: ${typeof l === 'string' ? l : 'no symbol column'}`, { file: ctx.file, line: lineNo, text: s.slice(a, b) });
        }
        refuseDuplicateColumns(ctx, lineNo, l.names);
        L = l;
        width = l.names.length;
        valueCols = l.ohlc ?? [l.value];
        times = new TimeColumn(ctx, l, problems);
        return;
      }
      if (!splitRow(f, problems, s, a, b, lineNo, L.delimiter, width, true)) return;
      const t = times!.read(s, f, lineNo);
      if (Number.isNaN(t)) return;
      const cols = valueCols;
      let missing = 0;
      for (let k = 0; k < cols.length; k++) {
        const j = cols[k]!;
        const x = parseDecimal(s, f.start[j]!, f.end[j]!);
        if (Number.isNaN(x) && isMissing(s, f.start[j]!, f.end[j]!)) {
          missing++;
          continue;
        }
        const why = priceProblem(x);
        if (why) {
          problems.bad(why, lineNo, L.names[j], f.text(s, j));
          return;
        }
        v[k] = x;
      }
      if (missing === cols.length) {
        omitted++;
        return;
      }
      if (missing > 0) {
        problems.bad('missing price in a bar', lineNo, undefined, s.slice(a, b));
        return;
      }
      if (L.ohlc) {
        let vol = NaN;
        if (L.volume >= 0 && !isMissing(s, f.start[L.volume]!, f.end[L.volume]!)) {
          vol = parseDecimal(s, f.start[L.volume]!, f.end[L.volume]!);
          if (Number.isNaN(vol)) {
            problems.bad('not a number', lineNo, L.names[L.volume], f.text(s, L.volume));
            return;
          }
        }
        v[4] = vol;
        const bad = barProblem(v[0]!, v[1]!, v[2]!, v[3]!, vol);
        if (bad) {
          const j = bad[1] === 'open' ? L.ohlc[0]! : bad[1] === 'high' ? L.ohlc[1]! : bad[1] === 'close' ? L.ohlc[3]! : L.volume;
          problems.bad(bad[0], lineNo, L.names[j], s.slice(a, b));
          return;
        }
      }
      const tbl = tableFor(s, f.start[L.symbol]!, f.end[L.symbol]!, lineNo);
      if (!tbl) return;
      const i = tbl.add(t, lineNo, ctx.fileIndex);
      for (let k = 0; k < tbl.cols.length; k++) tbl.cols[k]![i] = v[k]!;
    },
    end() {
      if (lines === 0) noRows(ctx, 'empty file');
      if (lines === 1) noRows(ctx, 'header only');
      if (tables.size === 0) throw new InputError(`no valid rows (${problems.count} skipped, ${omitted} without a value)`, { file: ctx.file });
      const r = resolveTimes(problems, [...tables.values()], times!.absolute === true, clock, times!.field);
      const notes: string[] = [];
      const note = times!.note(clock, r.frequency);
      if (note) notes.push(note);
      if (omitted > 0) notes.push(`${shortName(ctx.file)}: omitted ${omitted} row${omitted === 1 ? '' : 's'} without a value`);
      if (L!.ignored.length > 0) notes.push(`${shortName(ctx.file)}: ignored column${L!.ignored.length === 1 ? '' : 's'} ${L!.ignored.join(', ')}`);
      const settled = new Map([...tables.keys()].map((k, i) => [k, r.tables[i]!]));
      const shape = L!.ohlc ? (L!.volume >= 0 ? 'ohlcv' : 'ohlc') : 'close';
      return { parts: settleLong(ctx, settled, shape, notes), frequency: r.frequency, notes };
    },
  };
}

/**
 * Generic long CSV (one row per symbol and time).
 *
 * @example csvLongFormat.sniff(['time,symbol,value'], {}) // null
 */
export const csvLongFormat: FormatSpec = { sniff, parser };
