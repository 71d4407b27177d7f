/**
 * Allocation-free field scanning for the hot loops: fields are offsets into
 * the line's string, numbers are parsed from char codes.
 */
import { DAY_MS } from '@soukan/core';

/**
 * Field offsets of the current line, reused across lines (no per-line array
 * or string is allocated).
 *
 * @example const f = new Fields(); f.split('a,"b,c"', 0, 7, ','); f.text('a,"b,c"', 1) // 'b,c'
 */
export class Fields {
  /** Start offsets (inclusive) of each field's content, quotes excluded. */
  readonly start: Int32Array;
  /** End offsets (exclusive). */
  readonly end: Int32Array;
  /** 1 when the field was quoted and contains an escaped `""`. */
  readonly escaped: Uint8Array;
  count = 0;
  /** Why the last split failed (`count === -1`). */
  problem = '';

  constructor(readonly capacity = 1024) {
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.escaped = new Uint8Array(capacity);
  }

  /**
   * Splits `s[a, b)` at `delim` (a one-character string). Double-quoted
   * fields may contain the delimiter and `""`; spaces around unquoted fields
   * are trimmed unless the delimiter is a space or tab. Returns the field
   * count, or −1 with {@link problem} set.
   */
  split(s: string, a: number, b: number, delim: string): number {
    const d = delim.charCodeAt(0);
    const trim = d !== 32 && d !== 9;
    let n = 0;
    let i = a;
    for (;;) {
      if (n === this.capacity) return this.fail(`more than ${this.capacity} fields`);
      if (trim) while (i < b && s.charCodeAt(i) === 32) i++;
      if (i < b && s.charCodeAt(i) === 34) {
        let j = i + 1;
        let esc = 0;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q < 0 || q >= b) return this.fail('unterminated quoted field');
          if (q + 1 < b && s.charCodeAt(q + 1) === 34) {
            esc = 1;
            j = q + 2;
            continue;
          }
          this.start[n] = i + 1;
          this.end[n] = q;
          this.escaped[n] = esc;
          n++;
          i = q + 1;
          break;
        }
        if (trim) while (i < b && s.charCodeAt(i) === 32) i++;
        if (i >= b) break;
        if (s.charCodeAt(i) !== d) return this.fail('text after a closing quote');
        i++;
        continue;
      }
      let j = s.indexOf(delim, i);
      const last = j < 0 || j >= b;
      if (last) j = b;
      let e = j;
      if (trim) while (e > i && s.charCodeAt(e - 1) === 32) e--;
      this.start[n] = i;
      this.end[n] = e;
      this.escaped[n] = 0;
      n++;
      if (last) break;
      i = j + 1;
    }
    this.count = n;
    return n;
  }

  /** Text of field `k` (quotes removed, `""` unescaped). */
  text(s: string, k: number): string {
    const t = s.slice(this.start[k], this.end[k]);
    return this.escaped[k] ? t.replace(/""/g, '"') : t;
  }

  /** True when field `k` is empty. */
  empty(k: number): boolean {
    return this.end[k]! <= this.start[k]!;
  }

  /** True when field `k` equals `t` exactly. */
  is(s: string, k: number, t: string): boolean {
    return this.end[k]! - this.start[k]! === t.length && s.startsWith(t, this.start[k]);
  }

  private fail(why: string): number {
    this.problem = why;
    this.count = -1;
    return -1;
  }
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses a plain decimal number in `s[a, b)` (`1.05155`, `-3`, `.5`, `2e-4`);
 * `NaN` for anything else (`1.2x`, `0x10`, `Infinity`, empty). Up to 15
 * significant digits the value is `m / 10^k` with both operands exact, which
 * IEEE division rounds correctly; longer inputs go through `Number`.
 *
 * @example parseDecimal('1.051550', 0, 8) // 1.05155
 */
export function parseDecimal(s: string, a: number, b: number): number {
  let i = a;
  let neg = false;
  let c = s.charCodeAt(i);
  if (c === 45 || c === 43) {
    neg = c === 45;
    i++;
  }
  let m = 0;
  let sig = 0;
  let frac = 0;
  let digits = 0;
  let dot = false;
  for (; i < b; i++) {
    c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (m !== 0 || c !== 48) sig++;
      m = m * 10 + (c - 48);
      if (dot) frac++;
    } else if (c === 46 && !dot) {
      dot = true;
    } else {
      break;
    }
  }
  if (i !== b || digits === 0 || sig > 15 || frac > 22) return slowDecimal(s, a, b);
  const v = frac === 0 ? m : m / POW10[frac]!;
  return neg ? -v : v;
}

function slowDecimal(s: string, a: number, b: number): number {
  const t = s.slice(a, b);
  return DECIMAL.test(t) ? Number(t) : NaN;
}

/**
 * Value of `n` decimal digits at `s[a]`, or −1 when one is not a digit.
 *
 * @example digitsAt('20170102', 4, 2) // 1
 */
export function digitsAt(s: string, a: number, n: number): number {
  let v = 0;
  for (let i = a; i < a + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant,
 * "chrono-compatible low-level date algorithms", days_from_civil).
 *
 * @example daysFromCivil(2017, 1, 2) // 17168
 */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Days in month `m` (1–12) of year `y` (Gregorian leap years).
 *
 * @example daysInMonth(2016, 2) // 29
 */
export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/**
 * Epoch ms (as UTC) of a wall-clock date-time, or `NaN` when any part is out
 * of range (month 13, 31 April, hour 24…) or the year is before 1000.
 *
 * @example civilMs(2017, 1, 2, 17) // Date.UTC(2017, 0, 2, 17)
 */
export function civilMs(y: number, mo: number, d: number, h = 0, mi = 0, sec = 0, ms = 0): number {
  if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return NaN;
  if (h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) return NaN;
  return daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
}

/**
 * `YYYY-MM-DD` at `s[a, b)` (exactly 10 chars, `-` separators) → 00:00 UTC ms, or `NaN`.
 *
 * @example parseIsoDay('2017-02-30', 0, 10) // NaN
 */
export function parseIsoDay(s: string, a: number, b: number): number {
  if (b - a !== 10 || s.charCodeAt(a + 4) !== 45 || s.charCodeAt(a + 7) !== 45) return NaN;
  const y = digitsAt(s, a, 4);
  const m = digitsAt(s, a + 5, 2);
  const d = digitsAt(s, a + 8, 2);
  if (y < 0 || m < 0 || d < 0) return NaN;
  return civilMs(y, m, d);
}

/**
 * `YYYY-MM-DDTHH:mmZ` (or the date alone at midnight) for messages.
 *
 * @example showTime(Date.UTC(2017, 0, 2, 7)) // '2017-01-02T07:00Z'
 */
export function showTime(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const iso = new Date(ms).toISOString();
  if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
  return iso.endsWith(':00.000Z') ? `${iso.slice(0, 16)}Z` : iso;
}

const shared = new Fields();

/**
 * Fields of one line as strings (headers and sniffing; not for hot loops).
 * `null` when the quoting is broken.
 *
 * @example splitLine('"Currency:","AUD"', ',') // ['Currency:', 'AUD']
 */
export function splitLine(line: string, delim: string): string[] | null {
  const n = shared.split(line, 0, line.length, delim);
  if (n < 0) return null;
  const out: string[] = [];
  for (let k = 0; k < n; k++) out.push(shared.text(line, k));
  return out;
}

/**
 * True when `s[a, b)` holds only spaces, tabs and the delimiter (a blank row).
 *
 * @example isBlank(',,, ', 0, 4) // true
 */
export function isBlank(s: string, a: number, b: number, delim = ','): boolean {
  const d = delim.charCodeAt(0);
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== d) return false;
  }
  return true;
}

const MISSING = new Set(['', 'NA', 'N/A', '#N/A', 'ND', 'null', 'NULL', '.']);

/**
 * True when `s[a, b)` is a missing-value marker: empty, `NA`, `N/A`, `#N/A`,
 * `ND`, `null`, `.`. (`NaN` is not: a literal NaN price is an error.)
 *
 * @example isMissing('N/A', 0, 3) // true
 */
export function isMissing(s: string, a: number, b: number): boolean {
  return b - a <= 4 && MISSING.has(s.slice(a, b));
}

/**
 * Fast path for fixed layouts: {@link DecimalScanner.next} parses a plain
 * decimal (`[-]digits[.digits]`, ≤ 15 significant digits) from `s[i]` up to
 * the next `delim` char code or `b` and leaves the stop position in
 * {@link DecimalScanner.end}; `NaN` for anything else (the caller then takes
 * its slow, error-reporting path).
 *
 * @example const d = new DecimalScanner(); d.next('1.05155;1.1', 0, 11, 59); d.end // 7
 */
export class DecimalScanner {
  /** Index of the delimiter (or `b`) where the last number ended. */
  end = 0;

  next(s: string, i: number, b: number, delim: number): number {
    let neg = false;
    if (s.charCodeAt(i) === 45) {
      neg = true;
      i++;
    }
    let m = 0;
    let sig = 0;
    let frac = -1;
    let digits = 0;
    for (; i < b; i++) {
      const c = s.charCodeAt(i);
      if (c >= 48 && c <= 57) {
        digits++;
        if (m !== 0 || c !== 48) sig++;
        m = m * 10 + (c - 48);
        if (frac >= 0) frac++;
      } else if (c === 46 && frac < 0) {
        frac = 0;
      } else if (c === delim) {
        break;
      } else {
        return NaN;
      }
    }
    this.end = i;
    if (digits === 0 || sig > 15 || frac > 22) return NaN;
    const v = frac <= 0 ? m : m / POW10[frac]!;
    return neg ? -v : v;
  }
}
