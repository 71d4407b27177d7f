/**
 * Generic wide CSV: `time,<SYM1>,<SYM2>,…`, one close column per currency
 * pair (headers in any spelling `parseSymbol` accepts), empty / `NA` / `N/A`
 * / `ND` / `null` / `.` = missing.
 */
import { InputError } from '../errors.js';
import { WallClock } from './clock.js';
import { csvLayout, TimeColumn, type CsvLayout } from './csvLayout.js';
import { Fields, isBlank, isMissing, parseDecimal } from './fields.js';
import { noRows, priceProblem, Problems, resolveTimes, settleWide, type FormatSpec, type ParseContext, type Parser } from './parser.js';
import { Table } from './table.js';
import type { ReadOptions } from './types.js';

function sniff(lines: readonly string[], options: ReadOptions): string | null {
  const l = csvLayout(lines[0]!, options);
  if (typeof l === 'string') return l;
  return l.kind === 'wide' ? null : 'has a symbol column';
}

function parser(ctx: ParseContext): Parser {
  const f = new Fields();
  const problems = new Problems(ctx);
  const clock = new WallClock(ctx.options.tz ?? 'UTC');
  let L: CsvLayout | undefined;
  let times: TimeColumn | undefined;
  let table: Table | undefined;
  let width = 0;
  let lines = 0;
  let row = new Float64Array(0);
  return {
    line(s, a, b, lineNo) {
      if (a === b || (L && isBlank(s, a, b, L.delimiter))) return;
      lines++;
      if (!L) {
        const l = csvLayout(s.slice(a, b), ctx.options);
        if (typeof l === 'string' || l.kind !== 'wide') {
          throw new InputError(`not a wide CSV header: ${typeof l === 'string' ? l : 'it has a symbol column'}`, { file: ctx.file, line: lineNo, text: s.slice(a, b) });
        }
        L = l;
        width = l.names.length;
        times = new TimeColumn(ctx, l, problems);
        table = new Table(l.columns.length, 4096);
        row = new Float64Array(l.columns.length);
        return;
      }
      let n = f.split(s, a, b, L.delimiter);
      if (n === width + 1 && f.empty(width)) n--;
      if (n !== width) {
        problems.bad(n < 0 ? f.problem : `expected ${width} fields, found ${n}`, lineNo, undefined, s.slice(a, b));
        return;
      }
      const t = times!.read(s, f, lineNo);
      if (Number.isNaN(t)) return;
      const cols = L.columns;
      for (let k = 0; k < cols.length; k++) {
        const j = cols[k]!.index;
        const x = parseDecimal(s, f.start[j]!, f.end[j]!);
        if (Number.isNaN(x) && isMissing(s, f.start[j]!, f.end[j]!)) {
          row[k] = NaN;
          continue;
        }
        const why = priceProblem(x);
        if (why) {
          problems.bad(why, lineNo, L.names[j], f.text(s, j));
          row[k] = NaN;
        } else row[k] = x;
      }
      const i = table!.add(t, lineNo, ctx.fileIndex);
      for (let k = 0; k < cols.length; k++) table!.cols[k]![i] = row[k]!;
    },
    end() {
      if (lines === 0) noRows(ctx, 'empty file');
      if (lines === 1) noRows(ctx, 'header only');
      if (table!.n === 0) throw new InputError(`no valid rows (${problems.count} skipped)`, { file: ctx.file });
      const r = resolveTimes(problems, [table!], times!.absolute === true, clock, times!.field);
      const notes: string[] = [];
      const note = times!.note(clock, r.frequency);
      if (note) notes.push(note);
      const parts = settleWide(
        ctx,
        r.tables[0]!,
        L!.columns.map((c) => c.symbol),
        L!.columns.map((c) => L!.names[c.index]!),
        notes,
      );
      return { parts, frequency: r.frequency, notes };
    },
  };
}

/**
 * Generic wide CSV (one column per symbol).
 *
 * @example csvWideFormat.sniff(['date,EURUSD,USDJPY'], {}) // null
 */
export const csvWideFormat: FormatSpec = { name: 'csv-wide', sniff, parser };
