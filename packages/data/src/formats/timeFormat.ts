/**
 * Time-column formats of generic CSV files: a small pattern language
 * (`YYYY-MM-DD HH:mm[:ss]`), ISO 8601 and epoch seconds/milliseconds, matched
 * char by char (no regex per row).
 */
import { InputError } from '../errors.js';
import { civilMs, parseDecimal } from './fields.js';

/** Result slot of a parse, reused across rows (no allocation per row). */
export interface TimeOut {
  /** Wall-clock ms written as UTC, or the UTC instant when `absolute`. */
  ms: number;
  /** True when the text fixed the instant itself (epoch, `Z`, `+09:00`). */
  absolute: boolean;
  /** True when the text had a time of day (or is an instant); false for a bare date. */
  timed: boolean;
}

/** A compiled time format. */
export interface TimeFormat {
  /** The pattern as written (or `ISO`, `epoch-s`, `epoch-ms`). */
  readonly name: string;
  /** Parses `s[a, b)` into `out`; false when the text does not match. */
  parse(s: string, a: number, b: number, out: TimeOut): boolean;
}

type Slot = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7; // Y M D h m s ms off(min)
type Tok =
  | { k: 'lit'; c: number }
  | { k: 'num'; slot: Slot; min: number; max: number }
  | { k: 'frac' }
  | { k: 'zone' }
  | { k: 'opt'; toks: Tok[] };

const NUM_TOKENS: ReadonlyArray<[string, Slot, number, number]> = [
  ['YYYY', 0, 4, 4],
  ['MM', 1, 2, 2],
  ['DD', 2, 2, 2],
  ['HH', 3, 2, 2],
  ['mm', 4, 2, 2],
  ['ss', 5, 2, 2],
  ['M', 1, 1, 2],
  ['D', 2, 1, 2],
  ['H', 3, 1, 2],
];

function tokenize(p: string, i: { at: number }, nested: boolean): Tok[] {
  const toks: Tok[] = [];
  while (i.at < p.length) {
    const ch = p[i.at]!;
    if (ch === '[') {
      i.at++;
      const inner = tokenize(p, i, true);
      if (p[i.at] !== ']') throw new Error('unclosed [');
      i.at++;
      toks.push({ k: 'opt', toks: inner });
      continue;
    }
    if (ch === ']') {
      if (!nested) throw new Error('unmatched ]');
      return toks;
    }
    if (p.startsWith('SSS', i.at)) {
      toks.push({ k: 'frac' });
      i.at += 3;
      continue;
    }
    if (ch === 'Z') {
      toks.push({ k: 'zone' });
      i.at++;
      continue;
    }
    const num = NUM_TOKENS.find(([t]) => p.startsWith(t, i.at));
    if (num) {
      toks.push({ k: 'num', slot: num[1], min: num[2], max: num[3] });
      i.at += num[0].length;
      continue;
    }
    if (/[A-Za-z]/.test(ch) && ch !== 'T') throw new Error(`unknown token ${JSON.stringify(ch)}`);
    toks.push({ k: 'lit', c: ch.charCodeAt(0) });
    i.at++;
  }
  if (nested) throw new Error('unclosed [');
  return toks;
}

const T = 84;
const SPACE = 32;

function match(toks: readonly Tok[], s: string, i: number, b: number, v: Float64Array): number {
  for (const t of toks) {
    if (t.k === 'lit') {
      const c = s.charCodeAt(i);
      // `T` and a space separate date and time interchangeably.
      const ok = c === t.c || ((t.c === T || t.c === SPACE) && (c === T || c === SPACE));
      if (i >= b || !ok) return -1;
      i++;
    } else if (t.k === 'num') {
      let n = 0;
      let x = 0;
      while (n < t.max && i < b) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        x = x * 10 + d;
        n++;
        i++;
      }
      if (n < t.min) return -1;
      v[t.slot] = x;
    } else if (t.k === 'frac') {
      let n = 0;
      let x = 0;
      while (i < b) {
        const d = s.charCodeAt(i) - 48;
        if (d < 0 || d > 9) break;
        if (n < 3) x = x * 10 + d;
        n++;
        i++;
      }
      if (n === 0) return -1;
      for (let k = n; k < 3; k++) x *= 10;
      v[6] = x;
    } else if (t.k === 'zone') {
      if (i >= b) return -1;
      const c = s.charCodeAt(i);
      if (c === 90 || c === 122) {
        v[7] = 0;
        i++;
        continue;
      }
      if (c !== 43 && c !== 45) return -1;
      const sign = c === 45 ? -1 : 1;
      i++;
      const hh = two(s, i, b);
      if (hh < 0) return -1;
      i += 2;
      if (i < b && s.charCodeAt(i) === 58) i++;
      let mm = 0;
      if (i < b) {
        mm = two(s, i, b);
        if (mm < 0) return -1;
        i += 2;
      }
      if (hh > 23 || mm > 59) return -1;
      v[7] = sign * (hh * 60 + mm);
    } else {
      // Locals, not a copy of `v`: this runs once per optional group per row.
      const v0 = v[0]!, v1 = v[1]!, v2 = v[2]!, v3 = v[3]!, v4 = v[4]!, v5 = v[5]!, v6 = v[6]!, v7 = v[7]!;
      const j = match(t.toks, s, i, b, v);
      if (j >= 0) i = j;
      else {
        v[0] = v0;
        v[1] = v1;
        v[2] = v2;
        v[3] = v3;
        v[4] = v4;
        v[5] = v5;
        v[6] = v6;
        v[7] = v7;
      }
    }
  }
  return i;
}

function two(s: string, i: number, b: number): number {
  if (i + 2 > b) return -1;
  const a = s.charCodeAt(i) - 48;
  const c = s.charCodeAt(i + 1) - 48;
  return a < 0 || a > 9 || c < 0 || c > 9 ? -1 : a * 10 + c;
}

function patternFormat(name: string, toks: Tok[]): TimeFormat {
  const v = new Float64Array(8);
  return {
    name,
    parse(s, a, b, out) {
      v.fill(0);
      v[3] = -1; // no hour matched: a bare date
      v[7] = NaN;
      if (match(toks, s, a, b, v) !== b) return false;
      out.timed = v[3]! >= 0;
      if (!out.timed) v[3] = 0;
      const wall = civilMs(v[0]!, v[1]!, v[2]!, v[3]!, v[4]!, v[5]!, v[6]!);
      if (Number.isNaN(wall)) return false;
      const off = v[7]!;
      out.absolute = !Number.isNaN(off);
      out.ms = out.absolute ? wall - off * 60_000 : wall;
      return true;
    },
  };
}

function epochFormat(name: 'epoch-s' | 'epoch-ms'): TimeFormat {
  const scale = name === 'epoch-s' ? 1000 : 1;
  return {
    name,
    parse(s, a, b, out) {
      const x = parseDecimal(s, a, b);
      if (!Number.isFinite(x)) return false;
      out.ms = Math.round(x * scale);
      out.absolute = true;
      out.timed = true;
      return true;
    },
  };
}

const ISO = 'YYYY-MM-DD[THH:mm[:ss[.SSS]]][Z]';

/**
 * Compiles a `dateFormat` option. Tokens: `YYYY`, `MM`/`M`, `DD`/`D`,
 * `HH`/`H`, `mm`, `ss`, `SSS` (fraction), `Z` (`Z`, `±HH:mm`, `±HHmm`, `±HH`);
 * `[...]` is optional; other characters are literal (`T` and a space match
 * each other). Keywords: `ISO`, `epoch-s`, `epoch-ms`.
 *
 * @throws InputError when the pattern cannot be compiled or has no year, month and day.
 * @example compileTimeFormat('DD/MM/YYYY').name // 'DD/MM/YYYY'
 */
export function compileTimeFormat(pattern: string): TimeFormat {
  const p = pattern.trim();
  if (p === 'epoch-s' || p === 'epoch-ms') return epochFormat(p);
  const src = p.toUpperCase() === 'ISO' ? ISO : p;
  let toks: Tok[];
  try {
    toks = tokenize(src, { at: 0 }, false);
  } catch (e) {
    throw new InputError(`bad dateFormat: ${(e as Error).message}`, { field: 'dateFormat', text: pattern });
  }
  const slots = new Set<number>();
  const walk = (ts: Tok[]): void => ts.forEach((t) => (t.k === 'num' ? slots.add(t.slot) : t.k === 'opt' ? walk(t.toks) : undefined));
  walk(toks);
  if (!slots.has(0) || !slots.has(1) || !slots.has(2)) {
    throw new InputError('bad dateFormat: needs YYYY, MM and DD (or epoch-s / epoch-ms)', { field: 'dateFormat', text: pattern });
  }
  return patternFormat(p.toUpperCase() === 'ISO' ? 'ISO' : p, toks);
}

/**
 * Guesses the format of a time column from one value. Recognises epoch
 * seconds (9–10 digits) and milliseconds (12–13), ISO `YYYY-MM-DD[THH:mm[:ss[.SSS]]][Z]`,
 * `YYYY.MM.DD[ HH:mm[:ss]]`, `YYYY/MM/DD[ HH:mm[:ss]]`, `YYYYMMDD[ HHmmss]`.
 * Day-first or month-first slash dates are ambiguous and never guessed.
 *
 * @returns the format, or a string saying why none fits.
 * @example (guessTimeFormat('2017-01-02 17:00') as TimeFormat).name // 'ISO'
 */
export function guessTimeFormat(text: string): TimeFormat | string {
  const t = text.trim();
  let f: TimeFormat | undefined;
  if (/^\d{9,10}(\.\d+)?$/.test(t)) f = epochFormat('epoch-s');
  else if (/^\d{12,13}$/.test(t)) f = epochFormat('epoch-ms');
  else if (/^\d{4}-\d{2}-\d{2}/.test(t)) f = compileTimeFormat('ISO');
  else if (/^\d{4}\.\d{2}\.\d{2}/.test(t)) f = compileTimeFormat('YYYY.MM.DD[ HH:mm[:ss]]');
  else if (/^\d{4}\/\d{2}\/\d{2}/.test(t)) f = compileTimeFormat('YYYY/MM/DD[ HH:mm[:ss]]');
  else if (/^\d{8}( \d{6})?$/.test(t)) f = compileTimeFormat('YYYYMMDD[ HHmmss]');
  else if (/^\d{8} \d{2}:\d{2}/.test(t)) f = compileTimeFormat('YYYYMMDD[ HH:mm[:ss]]');
  else if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}/.test(t)) {
    return "ambiguous day/month order; pass dateFormat, e.g. 'DD/MM/YYYY' or 'MM/DD/YYYY'";
  } else return 'unrecognised time; pass dateFormat (e.g. YYYY-MM-DD HH:mm, DD/MM/YYYY, epoch-s)';
  const out: TimeOut = { ms: 0, absolute: false, timed: false };
  return f.parse(t, 0, t.length, out) ? f : `not a valid time for ${f.name}; pass dateFormat`;
}
