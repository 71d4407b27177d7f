/**
 * Federal Reserve Board H.10 rates as written by the Data Download Program:
 * labelled header rows (`Series Description`, `Unit:`, `Multiplier:`,
 * `Currency:`, `Unique Identifier:`, `Time Period`), then `YYYY-MM-DD,<values>`
 * with `ND` for no data.
 *
 * The quoting direction comes from each series id: `RXI$US_…` series are USD
 * per unit of the currency (`EUR/USD`), `RXI_…` series are units per USD
 * (`USD/JPY`). Other series (the dollar indexes) are skipped with a note.
 */
import { InputError } from '../errors.js';
import { isBlank, parseDecimal, parseIsoDay, splitLine } from './fields.js';
import { noRows, Problems, settleWide, shortName, type FormatSpec, type ParseContext, type Parser } from './parser.js';
import { WideRows } from './wideRows.js';

const CODE = /^[A-Z]{3}$/;

/** Note attached whenever the Venezuelan bolívar is read (H.10 and FRED). */
export const VEB_NOTE = 'VEB is the redenominated Venezuelan bolívar as the Fed publishes it; its values are not meaningful for analytics';

function label(field: string): string {
  return field.trim().replace(/:$/, '').trim().toLowerCase();
}

function sniff(lines: readonly string[]): string | null {
  const first = splitLine(lines[0]!, ',');
  if (!first || label(first[0]!) !== 'series description') return 'first line is not a "Series Description" row';
  if (!lines.some((l) => label(splitLine(l, ',')?.[0] ?? '') === 'time period')) return 'no "Time Period" row in the first lines';
  return null;
}

interface Column {
  /** Index of the field in a data row. */
  readonly field: number;
  readonly id: string;
  readonly symbol: string;
  readonly multiplier: number;
}

function parser(ctx: ParseContext): Parser {
  const problems = new Problems(ctx);
  const header = new Map<string, { fields: string[]; line: number }>();
  const notes: string[] = [];
  let cols: Column[] | undefined;
  let rows: WideRows | undefined;

  function columns(ids: string[], lineNo: number): Column[] {
    const cur = header.get('currency');
    if (!cur) throw new InputError('no "Currency:" row before "Time Period"', { file: ctx.file, line: lineNo });
    const mult = header.get('multiplier');
    const out: Column[] = [];
    const skipped: string[] = [];
    const seen = new Map<string, string>();
    ids.forEach((id, j) => {
      const code = (cur.fields[j + 1] ?? '').trim();
      let symbol: string;
      if (id.includes('RXI$US')) symbol = `${code}/USD`;
      else if (id.includes('RXI_')) symbol = `USD/${code}`;
      else {
        skipped.push(id);
        return;
      }
      if (!CODE.test(code) || code === 'USD') throw new InputError('not a currency code', { file: ctx.file, line: cur.line, field: id, text: code });
      const prior = seen.get(symbol);
      if (prior) throw new InputError(`two columns for ${symbol} (also ${prior})`, { file: ctx.file, line: lineNo, field: id, text: id });
      seen.set(symbol, id);
      const mText = mult?.fields[j + 1]?.trim() ?? '1';
      const m = parseDecimal(mText, 0, mText.length);
      if (!(m > 0 && m < Infinity)) throw new InputError('bad multiplier', { file: ctx.file, line: mult?.line, field: id, text: mText });
      out.push({ field: j + 1, id, symbol, multiplier: m });
    });
    if (skipped.length) notes.push(`${shortName(ctx.file)}: skipped ${skipped.length} series that are not exchange rates: ${skipped.join(', ')}`);
    const inverse = out.filter((c) => c.symbol.endsWith('/USD')).map((c) => c.symbol.slice(0, 3));
    if (inverse.length) notes.push(`${shortName(ctx.file)}: RXI$US series read as XXX/USD (${inverse.join(', ')}); the others as USD/XXX`);
    if (out.some((c) => c.symbol.includes('VEB'))) notes.push(VEB_NOTE);
    if (out.some((c) => c.multiplier !== 1)) notes.push(`${shortName(ctx.file)}: values scaled by their Multiplier row`);
    return out;
  }

  return {
    line(s, a, b, lineNo) {
      if (isBlank(s, a, b)) return;
      if (!cols) {
        const fields = splitLine(s.slice(a, b), ',');
        if (!fields) throw new InputError('broken quoting in header row', { file: ctx.file, line: lineNo, text: s.slice(a, b) });
        const l = label(fields[0]!);
        if (/^\d{4}-\d{2}-\d{2}$/.test(l)) throw new InputError('data before the "Time Period" header row', { file: ctx.file, line: lineNo, text: s.slice(a, b) });
        header.set(l, { fields, line: lineNo });
        if (l === 'time period') {
          const ids = fields.slice(1).map((x) => x.trim());
          cols = columns(ids, lineNo);
          rows = new WideRows(ctx, problems, {
            width: ids.length + 1,
            delimiter: ',',
            trailingEmpty: false,
            fields: cols.map((c) => c.field),
            labels: cols.map((c) => c.id),
            missing: 'ND',
            scale: cols.map((c) => c.multiplier),
            capacity: 8192,
          });
        }
        return;
      }
      if (!rows!.split(s, a, b, lineNo)) return;
      const t = rows!.day(s, lineNo, parseIsoDay, 'Time Period');
      if (!Number.isNaN(t)) rows!.add(s, t, lineNo);
    },
    end() {
      if (header.size === 0) noRows(ctx, 'empty file');
      if (!cols) throw new InputError('no "Time Period" header row', { file: ctx.file });
      if (rows!.table.n === 0) noRows(ctx, 'header only');
      const parts = settleWide(
        ctx,
        rows!.table,
        cols.map((c) => c.symbol),
        cols.map((c) => c.id),
        notes,
      );
      return { parts, frequency: 'daily', notes };
    },
  };
}

/**
 * FRB H.10 Data Download Program CSV: `XXX/USD` for RXI$US series, `USD/XXX` for RXI_ series.
 *
 * @example h10Format.sniff(['"Series Description","Euro"', '"Time Period","RXI$US_N.B.EU"'], {}) // null
 */
export const h10Format: FormatSpec = { sniff, parser };
