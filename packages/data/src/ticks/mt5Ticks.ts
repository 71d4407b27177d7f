import { civilMs, digitsAt, parseDecimal } from '../formats/fields.js';
import type { TickLine, TickParser, TickTextFormat } from './readTickText.js';

const HEADER = /^<DATE>\t<TIME>\t<BID>\t<ASK>/;

/**
 * MetaTrader 5 tick export ("Symbols → Ticks → Export": `EURUSD_201902040000_201902052359.csv`,
 * often UTF-16LE): a header `<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>`,
 * then `2019.02.04\t00:00:00.123\t1.14517\t1.14523\t\t\t6`. MetaTrader leaves
 * BID or ASK empty when it did not change, so the last value is carried
 * forward; lines before both are known, and lines changing neither (trades
 * only, FLAGS 8/16/32), give no tick. Times are the broker's server time,
 * read as UTC unless `tz` says otherwise (as the MT5 bar reader does).
 *
 * @example for await (const b of readTickText('EURUSD_201902040000_201902052359.csv', MT5_TICKS)) n += b.n
 */
export const MT5_TICKS: TickTextFormat = {
  name: 'MetaTrader 5 tick export',
  source: 'MT5',
  tz: 'UTC',
  parser(): TickParser {
    let bid = NaN;
    let ask = NaN;
    let header = false;
    const line: TickLine = (s, a, b, out, clock) => {
      if (!header) {
        if (!HEADER.test(s.slice(a, b))) return 'expected the header <DATE>\t<TIME>\t<BID>\t<ASK>…';
        header = true;
        return false;
      }
      // 2019.02.04\t00:00:00.123\t
      if (b - a < 24 || s.charCodeAt(a + 4) !== 46 || s.charCodeAt(a + 7) !== 46 || s.charCodeAt(a + 10) !== 9 || s.charCodeAt(a + 19) !== 46 || s.charCodeAt(a + 23) !== 9) {
        return 'expected YYYY.MM.DD<TAB>HH:MM:SS.mmm<TAB>bid<TAB>ask…';
      }
      const y = digitsAt(s, a, 4);
      const mo = digitsAt(s, a + 5, 2);
      const d = digitsAt(s, a + 8, 2);
      const h = digitsAt(s, a + 11, 2);
      const mi = digitsAt(s, a + 14, 2);
      const se = digitsAt(s, a + 17, 2);
      const ms = digitsAt(s, a + 20, 3);
      if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59 || ms < 0) return 'not a valid date and time';
      const day = civilMs(y, mo, d);
      if (Number.isNaN(day)) return 'not a valid date';
      const t = clock.toUtc(day + h * 3_600_000 + mi * 60_000 + se * 1000 + ms);
      if (Number.isNaN(t)) return `local time does not exist in ${clock.tz}`;
      const t1 = s.indexOf('\t', a + 24);
      if (t1 < 0 || t1 >= b) return 'expected DATE, TIME, BID, ASK fields';
      let t2 = s.indexOf('\t', t1 + 1);
      if (t2 < 0 || t2 > b) t2 = b;
      let changed = false;
      if (t1 > a + 24) {
        const v = parseDecimal(s, a + 24, t1);
        if (!(v > 0 && v < Infinity)) return 'BID is not a positive number';
        bid = v;
        changed = true;
      }
      if (t2 > t1 + 1) {
        const v = parseDecimal(s, t1 + 1, t2);
        if (!(v > 0 && v < Infinity)) return 'ASK is not a positive number';
        ask = v;
        changed = true;
      }
      if (!changed || Number.isNaN(bid) || Number.isNaN(ask)) return false;
      out.push(t, bid, ask, NaN, NaN);
      return true;
    };
    return { line };
  },
};
