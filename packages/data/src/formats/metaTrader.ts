/**
 * MetaTrader history exports.
 *
 * - MT4 History Center: `2017.01.02,17:00,1.05155,1.05165,1.05155,1.05165,12`,
 *   no header, volume = tick count.
 * - MT5 bars: header `<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>`
 *   (tab-separated; `<TIME>` absent in daily exports), dates `2017.01.02`,
 *   times `17:00:00`; volume = `<TICKVOL>` (FX `<VOL>` is usually 0).
 *
 * Times are the broker's server time, whose zone the file does not state:
 * read as UTC unless `tz` is given, and a note says which was used. Files in
 * which every bar is at 00:00 are daily bars, stamped 00:00 UTC of their date.
 */
import { InputError } from '../errors.js';
import { WallClock } from './clock.js';
import { civilMs, digitsAt, Fields, isBlank, parseDecimal, splitLine } from './fields.js';
import {
  barProblem,
  noRows,
  priceProblem,
  Problems,
  refuseDuplicateColumns,
  resolveTimes,
  settleLong,
  shortName,
  symbolFromNames,
  type FormatSpec,
  type ParseContext,
  type Parser,
} from './parser.js';
import { Table } from './table.js';

const NUM = '[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?';
const MT4_ROW = new RegExp(`^\\d{4}\\.\\d{2}\\.\\d{2},\\d{2}:\\d{2},${NUM},${NUM},${NUM},${NUM},${NUM}$`);

/** `YYYY.MM.DD` at `s[a, b)` → ms, or NaN. */
function dotDate(s: string, a: number, b: number): number {
  if (b - a !== 10 || s.charCodeAt(a + 4) !== 46 || s.charCodeAt(a + 7) !== 46) return NaN;
  const y = digitsAt(s, a, 4);
  const m = digitsAt(s, a + 5, 2);
  const d = digitsAt(s, a + 8, 2);
  return (y | m | d) < 0 ? NaN : civilMs(y, m, d);
}

/** `HH:MM` or `HH:MM:SS` at `s[a, b)` → ms since midnight, or NaN. */
function clockTime(s: string, a: number, b: number): number {
  const len = b - a;
  if ((len !== 5 && len !== 8) || s.charCodeAt(a + 2) !== 58) return NaN;
  const h = digitsAt(s, a, 2);
  const m = digitsAt(s, a + 3, 2);
  let sec = 0;
  if (len === 8) {
    if (s.charCodeAt(a + 5) !== 58) return NaN;
    sec = digitsAt(s, a + 6, 2);
  }
  if ((h | m | sec) < 0 || h > 23 || m > 59 || sec > 59) return NaN;
  return h * 3_600_000 + m * 60_000 + sec * 1000;
}

function zoneNote(ctx: ParseContext, clock: WallClock, frequency: 'daily' | 'intraday'): string {
  const where = shortName(ctx.file);
  if (frequency === 'daily') return `${where}: daily bars, stamped 00:00 UTC of their date`;
  return ctx.options.tz === undefined
    ? `${where}: broker server time read as UTC (pass tz if the server runs on another clock)`
    : `${where}: broker server time read as ${clock.tz} and converted to UTC`;
}

/** Column positions of one MetaTrader layout. */
interface Layout {
  readonly delim: string;
  readonly width: number;
  readonly date: number;
  readonly time: number;
  readonly ohlc: readonly [number, number, number, number];
  readonly volume: number;
  readonly names: readonly string[];
}

function barParser(ctx: ParseContext, what: string, fixed: Layout | undefined, fromHeader?: (header: string, lineNo: number) => Layout): Parser {
  const symbolNotes: string[] = [];
  const symbol = symbolFromNames(ctx, what, symbolNotes);
  const clock = new WallClock(ctx.options.tz ?? 'UTC');
  const f = new Fields(32);
  const problems = new Problems(ctx);
  let layout = fixed;
  let table = fixed ? new Table(fixed.volume < 0 ? 4 : 5, 1 << 14) : undefined;
  let lines = 0;
  const v = new Float64Array(5);
  return {
    line(s, a, b, lineNo) {
      if (a === b || isBlank(s, a, b)) return;
      lines++;
      if (!layout) {
        layout = fromHeader!(s.slice(a, b), lineNo);
        table = new Table(layout.volume < 0 ? 4 : 5, 1 << 14);
        return;
      }
      const L = layout;
      const n = f.split(s, a, b, L.delim);
      if (n !== L.width) {
        problems.bad(n < 0 ? f.problem : `expected ${L.width} fields, found ${n}`, lineNo, undefined, s.slice(a, b));
        return;
      }
      const day = dotDate(s, f.start[L.date]!, f.end[L.date]!);
      if (Number.isNaN(day)) {
        problems.bad('not a date (expected YYYY.MM.DD)', lineNo, L.names[L.date], f.text(s, L.date));
        return;
      }
      let tod = 0;
      if (L.time >= 0) {
        tod = clockTime(s, f.start[L.time]!, f.end[L.time]!);
        if (Number.isNaN(tod)) {
          problems.bad('not a time (expected HH:MM or HH:MM:SS)', lineNo, L.names[L.time], f.text(s, L.time));
          return;
        }
      }
      for (let k = 0; k < 4; k++) {
        const j = L.ohlc[k]!;
        const x = parseDecimal(s, f.start[j]!, f.end[j]!);
        const why = priceProblem(x);
        if (why) {
          problems.bad(why, lineNo, L.names[j], f.text(s, j));
          return;
        }
        v[k] = x;
      }
      v[4] = 0;
      if (L.volume >= 0) {
        v[4] = parseDecimal(s, f.start[L.volume]!, f.end[L.volume]!);
        if (Number.isNaN(v[4])) {
          problems.bad('not a number', lineNo, L.names[L.volume], f.text(s, L.volume));
          return;
        }
      }
      const bad = barProblem(v[0]!, v[1]!, v[2]!, v[3]!, v[4]!);
      if (bad) {
        const j = bad[1] === 'open' ? L.ohlc[0] : bad[1] === 'high' ? L.ohlc[1] : bad[1] === 'close' ? L.ohlc[3] : L.volume;
        problems.bad(bad[0], lineNo, L.names[j], s.slice(a, b));
        return;
      }
      const t = table!;
      const i = t.add(day + tod, lineNo, ctx.fileIndex);
      for (let k = 0; k < t.cols.length; k++) t.cols[k]![i] = v[k]!;
    },
    end() {
      if (lines === 0) noRows(ctx, 'empty file');
      if (!table || table.n === 0) {
        if (lines === 1 && !fixed) noRows(ctx, 'header only');
        throw new InputError(`no valid rows (${problems.count} skipped)`, { file: ctx.file });
      }
      const timeField = layout ? layout.names[layout.time >= 0 ? layout.time : layout.date]! : 'time';
      const r = resolveTimes(problems, [table], false, clock, timeField);
      const notes = [...symbolNotes, zoneNote(ctx, clock, r.frequency)];
      const parts = settleLong(ctx, new Map([[symbol, r.tables[0]!]]), table.cols.length === 5 ? 'ohlcv' : 'ohlc', notes);
      return { parts, frequency: r.frequency, notes };
    },
  };
}

const MT4_LAYOUT: Layout = {
  delim: ',',
  width: 7,
  date: 0,
  time: 1,
  ohlc: [2, 3, 4, 5],
  volume: 6,
  names: ['date', 'time', 'open', 'high', 'low', 'close', 'volume'],
};

/**
 * MT4 History Center CSV export.
 *
 * @example mt4Format.sniff(['2017.01.02,17:00,1.05155,1.05165,1.05155,1.05165,12'], {}) // null
 */
export const mt4Format: FormatSpec = {
  sniff: (lines) => (MT4_ROW.test(lines[0]!.trim()) ? null : 'first line is not YYYY.MM.DD,HH:MM,open,high,low,close,volume'),
  parser: (ctx) => barParser(ctx, 'MT4', MT4_LAYOUT),
};

function mt5Delimiter(header: string): string {
  return header.includes('\t') ? '\t' : header.includes(';') ? ';' : ',';
}

function mt5Layout(ctx: ParseContext, header: string, lineNo: number): Layout {
  const delim = mt5Delimiter(header);
  const names = (splitLine(header, delim) ?? []).map((x) => x.trim().toUpperCase());
  refuseDuplicateColumns(ctx, lineNo, names);
  const at = (n: string): number => names.indexOf(n);
  const need = ['<DATE>', '<OPEN>', '<HIGH>', '<LOW>', '<CLOSE>'];
  const missing = need.filter((n) => at(n) < 0);
  if (missing.length) throw new InputError(`MT5 header lacks ${missing.join(', ')}`, { file: ctx.file, line: lineNo, text: header });
  const volume = at('<TICKVOL>') >= 0 ? at('<TICKVOL>') : at('<VOL>');
  return {
    delim,
    width: names.length,
    date: at('<DATE>'),
    time: at('<TIME>'),
    ohlc: [at('<OPEN>'), at('<HIGH>'), at('<LOW>'), at('<CLOSE>')],
    volume,
    names,
  };
}

/**
 * MT5 bar export with a `<DATE>…` header.
 *
 * @example mt5Format.sniff(['<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>'], {}) // null
 */
export const mt5Format: FormatSpec = {
  sniff: (lines) => {
    const h = lines[0]!.trim().toUpperCase();
    if (!h.startsWith('<DATE>')) return 'first line is not a <DATE>… header';
    return ['<OPEN>', '<HIGH>', '<LOW>', '<CLOSE>'].every((n) => h.includes(n)) ? null : 'header lacks <OPEN>/<HIGH>/<LOW>/<CLOSE>';
  },
  parser: (ctx) => barParser(ctx, 'MT5', undefined, (header, lineNo) => mt5Layout(ctx, header, lineNo)),
};
