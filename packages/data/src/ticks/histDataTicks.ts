import { HISTDATA_TZ } from '../formats/histData.js';
import { civilMs, digitsAt, parseDecimal } from '../formats/fields.js';
import { basename } from 'node:path';
import type { TickLine, TickParser, TickTextFormat } from './readTickText.js';

const HOUR = 3_600_000;
/** A gap this long between ticks is a weekend (or holiday) closure. */
const CLOSURE = 36 * HOUR;

/**
 * HistData.com "Generic ASCII" tick files (`DAT_ASCII_EURUSD_T_201901.csv`,
 * in `HISTDATA_COM_ASCII_EURUSD_T201901.zip`): `YYYYMMDD HHMMSSNNN,bid,ask,volume`,
 * no header; the volume column is always 0 and is read as unknown (NaN).
 *
 * Time zone: read as New York local time (EST/EDT), like HistData's M1
 * files — their site says "EST without DST", but the 2017 M1 files open
 * every Sunday at 17:00 all year, which only a daylight-saving clock does.
 * No HistData tick file was available to check the same way; the reader
 * checks each file instead: the first tick after every ≥ 36 h gap (the
 * weekly open) is reported by its local hour, and a file whose opens fall at
 * 16:00 or 18:00 in part of the year is flagged in a note (pass `tz`, e.g.
 * `Etc/GMT+5` for a fixed UTC−5 clock).
 *
 * @example for await (const b of readTickText('DAT_ASCII_EURUSD_T_201901.csv', HISTDATA_TICKS)) n += b.n
 */
export const HISTDATA_TICKS: TickTextFormat = {
  name: 'HistData tick',
  source: 'HistData',
  tz: HISTDATA_TZ,
  parser(tz: string): TickParser {
    let lastYmd = -1;
    let lastDay = NaN;
    let lastLocal = -Infinity;
    const opens = new Map<number, number>();
    const line: TickLine = (s, a, b, out, clock) => {
      if (b - a < 24 || s.charCodeAt(a + 8) !== 32 || s.charCodeAt(a + 18) !== 44) return 'expected YYYYMMDD HHMMSSNNN,bid,ask,volume';
      const ymd = digitsAt(s, a, 8);
      const hms = digitsAt(s, a + 9, 6);
      const ms = digitsAt(s, a + 15, 3);
      if (ymd < 0 || hms < 0 || ms < 0) return 'expected YYYYMMDD HHMMSSNNN,bid,ask,volume';
      if (ymd !== lastYmd) {
        lastDay = civilMs(Math.floor(ymd / 10000), Math.floor(ymd / 100) % 100, ymd % 100);
        lastYmd = ymd;
      }
      const h = Math.floor(hms / 10000);
      const mi = Math.floor(hms / 100) % 100;
      const se = hms % 100;
      if (Number.isNaN(lastDay) || h > 23 || mi > 59 || se > 59) return 'not a valid date and time';
      const local = lastDay + h * HOUR + mi * 60_000 + se * 1000 + ms;
      const t = clock.toUtc(local);
      if (Number.isNaN(t)) return `local time does not exist in ${clock.tz} (skipped by a daylight-saving change)`;
      const c1 = s.indexOf(',', a + 19);
      const c2 = c1 < 0 ? -1 : s.indexOf(',', c1 + 1);
      if (c1 < 0 || c2 < 0 || c2 >= b) return 'expected 4 fields: time,bid,ask,volume';
      const bid = parseDecimal(s, a + 19, c1);
      const ask = parseDecimal(s, c1 + 1, c2);
      if (!(bid > 0 && bid < Infinity)) return 'bid is not a positive number';
      if (!(ask > 0 && ask < Infinity)) return 'ask is not a positive number';
      if (local - lastLocal >= CLOSURE) opens.set(h, (opens.get(h) ?? 0) + 1);
      lastLocal = local;
      out.push(t, bid, ask, NaN, NaN);
      return true;
    };
    return { line, finish: (file) => weeklyOpenNote(opens, file, tz) };
  },
};

/**
 * The note on where a tick file's weekly opens fall, by local hour: opens at
 * 17h only confirm New York local time; opens at two hours (16h and 17h)
 * mean the file keeps a clock without daylight saving.
 *
 * @example weeklyOpenNote(new Map([[17, 4]]), 'T.csv', 'America/New_York') // 'T.csv: weekly opens (first tick after a ≥ 36 h gap) at 17h 4× local time (America/New_York)'
 */
export function weeklyOpenNote(opens: ReadonlyMap<number, number>, file: string, tz: string): string | undefined {
  if (opens.size === 0) return undefined;
  const parts = [...opens].sort((x, y) => x[0] - y[0]).map(([h, n]) => `${String(h).padStart(2, '0')}h ${n}×`);
  const warn = opens.size > 1 ? ' — at more than one hour: the file may not be in this zone; pass tz' : '';
  return `${basename(file)}: weekly opens (first tick after a ≥ 36 h gap) at ${parts.join(', ')} local time (${tz})${warn}`;
}
