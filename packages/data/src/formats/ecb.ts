/**
 * ECB euro foreign exchange reference rates (`eurofxref-hist.csv`, also the
 * one-day `eurofxref.csv` whose dates read `13 April 2026`): `Date,USD,JPY,…,`
 * newest first, a trailing comma on every line, `N/A` for missing, units of
 * each currency per 1 EUR.
 */
import { InputError } from '../errors.js';
import { civilMs, Fields, isBlank, parseDecimal, parseIsoDay, splitLine } from './fields.js';
import { noRows, priceProblem, Problems, settleWide, type FormatSpec, type ParseContext, type Parser } from './parser.js';
import { Table } from './table.js';

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
  const f = new Fields();
  const problems = new Problems(ctx);
  let codes: string[] | undefined;
  let table: Table | undefined;
  let row = new Float64Array(0);
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
        codes = h.slice(1);
        table = new Table(codes.length, 8192);
        row = new Float64Array(codes.length);
        return;
      }
      const k = codes.length;
      let n = f.split(s, a, b, ',');
      if (n === k + 2 && f.empty(k + 1)) n--;
      if (n !== k + 1) {
        problems.bad(n < 0 ? f.problem : `expected ${k + 1} fields, found ${n}`, lineNo, undefined, s.slice(a, b));
        return;
      }
      const t = ecbDay(s, f.start[0]!, f.end[0]!);
      if (Number.isNaN(t)) {
        problems.bad('not a date (expected YYYY-MM-DD)', lineNo, 'Date', f.text(s, 0));
        return;
      }
      for (let j = 0; j < k; j++) {
        const fa = f.start[j + 1]!;
        const fb = f.end[j + 1]!;
        if (fa === fb || (fb - fa === 3 && s.startsWith('N/A', fa))) {
          row[j] = NaN;
          continue;
        }
        const x = parseDecimal(s, fa, fb);
        const why = priceProblem(x);
        if (why) {
          problems.bad(why, lineNo, codes[j], f.text(s, j + 1));
          row[j] = NaN;
        } else row[j] = x;
      }
      const i = table!.add(t, lineNo, ctx.fileIndex);
      for (let j = 0; j < k; j++) table!.cols[j]![i] = row[j]!;
    },
    end() {
      if (!codes) noRows(ctx, 'empty file');
      if (table!.n === 0) noRows(ctx, 'header only');
      const notes: string[] = [];
      const parts = settleWide(
        ctx,
        table!,
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
export const ecbFormat: FormatSpec = { name: 'ecb', sniff, parser };
