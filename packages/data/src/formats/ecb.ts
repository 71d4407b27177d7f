/**
 * ECB euro foreign exchange reference rates (`eurofxref-hist.csv`, also the
 * one-day `eurofxref.csv` whose dates read `13 April 2026`): `Date,USD,JPY,…,`
 * newest first, a trailing comma on every line, `N/A` for missing, units of
 * each currency per 1 EUR.
 */
import { InputError } from '../errors.js';
import { civilMs, isBlank, parseIsoDay, splitLine } from './fields.js';
import { noRows, Problems, refuseDuplicateColumns, settleWide, type FormatSpec, type ParseContext, type Parser } from './parser.js';
import { WideRows } from './wideRows.js';

const CODE = /^[A-Z]{3}$/;
const DAY = /^(?:\d{4}-\d{2}-\d{2}|\d{1,2} [A-Za-z]+ \d{4})$/;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** `YYYY-MM-DD`, or the one-day file's `13 April 2026`, → 00:00 UTC ms; `NaN` otherwise. */
function ecbDay(s: string, a: number, b: number): number {
  const t = parseIsoDay(s, a, b);
  if (!Number.isNaN(t)) return t;
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(s.slice(a, b));
  const mo = m ? MONTHS.indexOf(m[2]!.toLowerCase()) + 1 : 0;
  return mo > 0 ? civilMs(Number(m![3]), mo, Number(m![1])) : NaN;
}

/** Header fields without a trailing empty one. */
function headerFields(line: string): string[] | null {
  const f = splitLine(line, ',');
  if (!f) return null;
  if (f.length > 1 && f[f.length - 1] === '') f.pop();
  return f;
}

function sniff(lines: readonly string[]): string | null {
  const h = headerFields(lines[0]!);
  if (!h || h[0]!.toLowerCase() !== 'date' || h.length < 2) return 'header is not Date followed by currency codes';
  const bad = h.slice(1).find((c) => !CODE.test(c));
  if (bad !== undefined) return `header field ${JSON.stringify(bad)} is not a currency code`;
  if (lines.length > 1 && !DAY.test(splitLine(lines[1]!, ',')?.[0] ?? '')) return 'second line does not start with a YYYY-MM-DD date';
  return null;
}

function parser(ctx: ParseContext): Parser {
  const problems = new Problems(ctx);
  let codes: string[] | undefined;
  let rows: WideRows | undefined;
  return {
    line(s, a, b, lineNo) {
      if (isBlank(s, a, b)) return;
      if (!codes) {
        const h = headerFields(s.slice(a, b));
        if (!h || h[0]!.toLowerCase() !== 'date' || h.length < 2) {
          throw new InputError('ECB header must be Date followed by currency codes', { file: ctx.file, line: lineNo, text: s.slice(a, b) });
        }
        h.slice(1).forEach((c) => {
          if (!CODE.test(c) || c === 'EUR') throw new InputError('not a currency code', { file: ctx.file, line: lineNo, field: c, text: c });
        });
        refuseDuplicateColumns(ctx, lineNo, h);
        codes = h.slice(1);
        rows = new WideRows(ctx, problems, {
          width: codes.length + 1,
          delimiter: ',',
          trailingEmpty: true,
          fields: codes.map((_, j) => j + 1),
          labels: codes,
          missing: 'N/A',
          capacity: 8192,
        });
        return;
      }
      if (!rows!.split(s, a, b, lineNo)) return;
      const t = rows!.day(s, lineNo, ecbDay, 'Date');
      if (!Number.isNaN(t)) rows!.add(s, t, lineNo);
    },
    end() {
      if (!codes) noRows(ctx, 'empty file');
      if (rows!.table.n === 0) noRows(ctx, 'header only');
      const notes: string[] = [];
      const parts = settleWide(
        ctx,
        rows!.table,
        codes.map((c) => `EUR/${c}`),
        codes,
        notes,
        true,
      );
      return { parts, frequency: 'daily', notes };
    },
  };
}

/**
 * ECB reference rates: one `EUR/XXX` close series per currency column.
 *
 * @example ecbFormat.sniff(['Date,USD,JPY,', '2026-04-13,1.1684,186.75,'], {}) // null (it is ECB)
 */
export const ecbFormat: FormatSpec = { sniff, parser };
