/**
 * HistData.com "Generic ASCII" 1-minute bars:
 * `YYYYMMDD HHMMSS;open;high;low;close;volume`, no header, stamped at the
 * bar's opening minute in New York local time (EST/EDT — see the shared data
 * README: the 2017 files follow US daylight time despite HistData's "EST
 * without DST" wording).
 */
import { InputError } from '../errors.js';
import { WallClock } from './clock.js';
import { civilMs, DecimalScanner, digitsAt, Fields, parseDecimal } from './fields.js';
import { barProblem, noRows, priceProblem, Problems, settleLong, shortName, symbolFromNames, type FormatSpec, type ParseContext, type Parser } from './parser.js';
import { Table } from './table.js';

/**
 * Zone of HistData timestamps unless `tz` says otherwise (the 2017 files
 * follow US daylight time; see the shared data README).
 *
 * @example HISTDATA_TZ // 'America/New_York'
 */
export const HISTDATA_TZ = 'America/New_York';

const ROW = /^\d{8} \d{6};[^;]+;[^;]+;[^;]+;[^;]+;[^;]+$/;
const NAMES = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

function sniff(lines: readonly string[]): string | null {
  return ROW.test(lines[0]!.trim()) ? null : 'first line is not YYYYMMDD HHMMSS;open;high;low;close;volume';
}

function parser(ctx: ParseContext): Parser {
  const symbolNotes: string[] = [];
  const symbol = symbolFromNames(ctx, 'HistData', symbolNotes);
  const tz = ctx.options.tz ?? HISTDATA_TZ;
  const clock = new WallClock(tz);
  const f = new Fields(8);
  const problems = new Problems(ctx);
  // HistData lines are 54+ bytes; a close guess saves the doubling copies.
  const table = new Table(5, Math.max(1024, Math.ceil((ctx.sizeHint ?? 0) / 52)));
  const v = new Float64Array(5);
  let lines = 0;

  const num = new DecimalScanner();
  let lastYmd = -1;
  let lastDay = NaN;

  /** The common case in one pass (no field offsets); false sends the line to the checking path. */
  function fast(s: string, a: number, b: number, lineNo: number): boolean {
    if (b - a < 26 || s.charCodeAt(a + 8) !== 32 || s.charCodeAt(a + 15) !== 59) return false;
    const ymd = digitsAt(s, a, 8);
    const hms = digitsAt(s, a + 9, 6);
    if (ymd < 0 || hms < 0) return false;
    if (ymd !== lastYmd) {
      lastDay = civilMs(Math.floor(ymd / 10000), Math.floor(ymd / 100) % 100, ymd % 100);
      lastYmd = ymd;
    }
    const h = Math.floor(hms / 10000);
    const mi = Math.floor(hms / 100) % 100;
    const se = hms % 100;
    if (Number.isNaN(lastDay) || h > 23 || mi > 59 || se > 59) return false;
    const t = clock.toUtc(lastDay + h * 3_600_000 + mi * 60_000 + se * 1000);
    if (Number.isNaN(t)) return false;
    const o = num.next(s, a + 16, b, 59);
    if (num.end >= b) return false;
    const hi = num.next(s, num.end + 1, b, 59);
    if (num.end >= b) return false;
    const lo = num.next(s, num.end + 1, b, 59);
    if (num.end >= b) return false;
    const c = num.next(s, num.end + 1, b, 59);
    if (num.end >= b) return false;
    const vol = num.next(s, num.end + 1, b, 59);
    if (num.end !== b) return false;
    // NaN fails every comparison, so one test also covers parse failures.
    if (!(o > 0 && hi >= lo && lo > 0 && o >= lo && o <= hi && c >= lo && c <= hi && vol >= 0 && vol < Infinity && hi < Infinity)) return false;
    const i = table.add(t, lineNo, ctx.fileIndex);
    const cols = table.cols;
    cols[0]![i] = o;
    cols[1]![i] = hi;
    cols[2]![i] = lo;
    cols[3]![i] = c;
    cols[4]![i] = vol;
    return true;
  }

  return {
    line(s, a, b, lineNo) {
      if (a === b) return;
      lines++;
      if (fast(s, a, b, lineNo)) return;
      const n = f.split(s, a, b, ';');
      if (n !== 6) {
        problems.bad(n < 0 ? f.problem : `expected 6 fields, found ${n}`, lineNo, undefined, s.slice(a, b));
        return;
      }
      const ta = f.start[0]!;
      let local = NaN;
      if (f.end[0]! - ta === 15 && s.charCodeAt(ta + 8) === 32) {
        const y = digitsAt(s, ta, 4);
        const mo = digitsAt(s, ta + 4, 2);
        const d = digitsAt(s, ta + 6, 2);
        const h = digitsAt(s, ta + 9, 2);
        const mi = digitsAt(s, ta + 11, 2);
        const se = digitsAt(s, ta + 13, 2);
        if ((y | mo | d | h | mi | se) >= 0) local = civilMs(y, mo, d, h, mi, se);
      }
      if (Number.isNaN(local)) {
        problems.bad('not a time (expected YYYYMMDD HHMMSS)', lineNo, 'time', f.text(s, 0));
        return;
      }
      const t = clock.toUtc(local);
      if (Number.isNaN(t)) {
        problems.bad(`time does not exist in ${tz} (skipped by a DST change)`, lineNo, 'time', f.text(s, 0));
        return;
      }
      for (let k = 1; k <= 5; k++) {
        const x = parseDecimal(s, f.start[k]!, f.end[k]!);
        const why = k === 5 ? (Number.isNaN(x) ? 'not a number' : null) : priceProblem(x);
        if (why) {
          problems.bad(why, lineNo, NAMES[k], f.text(s, k));
          return;
        }
        v[k - 1] = x;
      }
      const bad = barProblem(v[0]!, v[1]!, v[2]!, v[3]!, v[4]!);
      if (bad) {
        problems.bad(bad[0], lineNo, bad[1], s.slice(a, b));
        return;
      }
      const i = table.add(t, lineNo, ctx.fileIndex);
      const c = table.cols;
      c[0]![i] = v[0]!;
      c[1]![i] = v[1]!;
      c[2]![i] = v[2]!;
      c[3]![i] = v[3]!;
      c[4]![i] = v[4]!;
    },
    end() {
      if (lines === 0) noRows(ctx, 'empty file');
      if (table.n === 0) throw new InputError(`no valid rows (${problems.count} skipped)`, { file: ctx.file });
      const notes = [
        ...symbolNotes,
        tz === HISTDATA_TZ
          ? `${shortName(ctx.file)}: times read as New York wall clock (EST/EDT) and converted to UTC`
          : `${shortName(ctx.file)}: times read as ${tz} wall clock and converted to UTC`,
      ];
      const parts = settleLong(ctx, new Map([[symbol, table]]), 'ohlcv', notes);
      return { parts, frequency: 'intraday', notes };
    },
  };
}

/**
 * HistData generic ASCII M1 bars: one `ohlcv` series, symbol from the file or zip member name.
 *
 * @example histDataFormat.sniff(['20170102 020000;1.051550;1.051970;1.051550;1.051900;0'], {}) // null
 */
export const histDataFormat: FormatSpec = { sniff, parser };
