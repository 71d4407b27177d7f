/**
 * Generic wide CSV: `time,<SYM1>,<SYM2>,…`, one close column per currency
 * pair (headers in any spelling `parseSymbol` accepts), empty / `NA` / `N/A`
 * / `ND` / `null` / `.` = missing.
 */
import { InputError } from '../errors.js';
import { WallClock } from './clock.js';
import { csvLayout, TimeColumn, type CsvLayout } from './csvLayout.js';
import { isBlank } from './fields.js';
import { noRows, Problems, refuseDuplicateColumns, resolveTimes, settleWide, type FormatSpec, type ParseContext, type Parser } from './parser.js';
import { WideRows } from './wideRows.js';
import type { ReadOptions } from './types.js';

function sniff(lines: readonly string[], options: ReadOptions): string | null {
  const l = csvLayout(lines[0]!, options);
  if (typeof l === 'string') return l;
  return l.kind === 'wide' ? null : 'has a symbol column';
}

function parser(ctx: ParseContext): Parser {
  const problems = new Problems(ctx);
  const clock = new WallClock(ctx.options.tz ?? 'UTC');
  let L: CsvLayout | undefined;
  let times: TimeColumn | undefined;
  let rows: WideRows | undefined;
  let lines = 0;
  return {
    line(s, a, b, lineNo) {
      if (a === b || (L && isBlank(s, a, b, L.delimiter))) return;
      lines++;
      if (!L) {
        const l = csvLayout(s.slice(a, b), ctx.options);
        if (typeof l === 'string' || l.kind !== 'wide') {
          throw new InputError(`not a wide CSV header: ${typeof l === 'string' ? l : 'it has a symbol column'}`, { file: ctx.file, line: lineNo, text: s.slice(a, b) });
        }
        refuseDuplicateColumns(ctx, lineNo, l.names);
        L = l;
        times = new TimeColumn(ctx, l, problems);
        rows = new WideRows(ctx, problems, {
          width: l.names.length,
          delimiter: l.delimiter,
          trailingEmpty: true,
          fields: l.columns.map((c) => c.index),
          labels: l.columns.map((c) => l.names[c.index]!),
          capacity: 4096,
        });
        return;
      }
      if (!rows!.split(s, a, b, lineNo)) return;
      const t = times!.read(s, rows!.f, lineNo);
      if (!Number.isNaN(t)) rows!.add(s, t, lineNo);
    },
    end() {
      if (lines === 0) noRows(ctx, 'empty file');
      if (lines === 1) noRows(ctx, 'header only');
      if (rows!.table.n === 0) throw new InputError(`no valid rows (${problems.count} skipped)`, { file: ctx.file });
      const r = resolveTimes(problems, [rows!.table], times!.absolute === true, clock, times!.field);
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
export const csvWideFormat: FormatSpec = { sniff, parser };
