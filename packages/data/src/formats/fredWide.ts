/**
 * FRED daily rates packaged as one wide CSV (datasets/exchange-rates
 * `daily.csv`): `Date` (or `Data`, sic) then one column per country, every
 * column units of currency per 1 USD, empty = missing.
 */
import { InputError } from '../errors.js';
import { isBlank, parseIsoDay, splitLine } from './fields.js';
import { VEB_NOTE } from './h10.js';
import { noRows, Problems, settleWide, shortName, type FormatSpec, type ParseContext, type Parser } from './parser.js';
import { WideRows } from './wideRows.js';

/**
 * Country (or area) column names → ISO 4217 code of the currency FRED quotes
 * for them. Legacy euro-area currencies keep their own codes (their columns
 * are empty after 1998 in the FRED packaging). Matched case-insensitively.
 *
 * @example FRED_COUNTRY_CURRENCY['United Kingdom'] // 'GBP'
 */
export const FRED_COUNTRY_CURRENCY: Readonly<Record<string, string>> = {
  Australia: 'AUD',
  Austria: 'ATS',
  Belgium: 'BEF',
  Brazil: 'BRL',
  Canada: 'CAD',
  China: 'CNY',
  Denmark: 'DKK',
  Euro: 'EUR',
  'Euro Area': 'EUR',
  Finland: 'FIM',
  France: 'FRF',
  Germany: 'DEM',
  Greece: 'GRD',
  'Hong Kong': 'HKD',
  India: 'INR',
  Ireland: 'IEP',
  Italy: 'ITL',
  Japan: 'JPY',
  Malaysia: 'MYR',
  Mexico: 'MXN',
  Netherlands: 'NLG',
  'New Zealand': 'NZD',
  Norway: 'NOK',
  Portugal: 'PTE',
  Singapore: 'SGD',
  'South Africa': 'ZAR',
  'South Korea': 'KRW',
  Spain: 'ESP',
  'Sri Lanka': 'LKR',
  Sweden: 'SEK',
  Switzerland: 'CHF',
  Taiwan: 'TWD',
  Thailand: 'THB',
  'United Kingdom': 'GBP',
  Venezuela: 'VEB',
};

const BY_LOWER = new Map(Object.entries(FRED_COUNTRY_CURRENCY).map(([k, v]) => [k.toLowerCase(), v]));

function isTimeHeader(h: string): boolean {
  const l = h.trim().toLowerCase();
  return l === 'date' || l === 'data';
}

function sniff(lines: readonly string[]): string | null {
  const h = splitLine(lines[0]!, ',');
  if (!h || !isTimeHeader(h[0]!)) return 'first header is not Date (or Data)';
  if (!h.slice(1).some((c) => BY_LOWER.has(c.trim().toLowerCase()))) return 'no country-name columns (e.g. Euro, Japan)';
  return null;
}

function parser(ctx: ParseContext): Parser {
  const problems = new Problems(ctx);
  let names: string[] | undefined;
  let codes: string[] = [];
  let rows: WideRows | undefined;
  return {
    line(s, a, b, lineNo) {
      if (isBlank(s, a, b)) return;
      if (!names) {
        const h = splitLine(s.slice(a, b), ',');
        if (!h || !isTimeHeader(h[0]!)) throw new InputError('FRED header must start with Date', { file: ctx.file, line: lineNo, text: s.slice(a, b) });
        names = h.slice(1).map((x) => x.trim());
        codes = names.map((c) => {
          const code = BY_LOWER.get(c.toLowerCase());
          if (!code) throw new InputError('unknown country column (add it to FRED_COUNTRY_CURRENCY)', { file: ctx.file, line: lineNo, field: c, text: c });
          return code;
        });
        const dup = codes.find((c, i) => codes.indexOf(c) !== i);
        if (dup) throw new InputError(`two columns for USD/${dup}`, { file: ctx.file, line: lineNo, field: names[codes.lastIndexOf(dup)] });
        rows = new WideRows(ctx, problems, {
          width: names.length + 1,
          delimiter: ',',
          trailingEmpty: false,
          fields: names.map((_, j) => j + 1),
          labels: names,
          capacity: 16384,
        });
        return;
      }
      if (!rows!.split(s, a, b, lineNo)) return;
      const t = rows!.day(s, lineNo, parseIsoDay, 'Date');
      if (!Number.isNaN(t)) rows!.add(s, t, lineNo);
    },
    end() {
      if (!names) noRows(ctx, 'empty file');
      if (rows!.table.n === 0) noRows(ctx, 'header only');
      const notes = [`${shortName(ctx.file)}: every column read as units per 1 USD (USD/XXX), Euro and United Kingdom included`];
      const parts = settleWide(
        ctx,
        rows!.table,
        codes.map((c) => `USD/${c}`),
        names,
        notes,
      );
      if (parts.some((p) => p.symbol === 'USD/VEB')) notes.push(VEB_NOTE);
      return { parts, frequency: 'daily', notes };
    },
  };
}

/**
 * FRED wide CSV with country columns: one `USD/XXX` close series per non-empty column.
 *
 * @example fredWideFormat.sniff(['Data,Australia,Euro'], {}) // null
 */
export const fredWideFormat: FormatSpec = { sniff, parser };
