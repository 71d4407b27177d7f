// Generates the scale benchmark's data (not real prices; never copied from
// anywhere): one year of 1-minute bars for 100 instruments by default
// (~37 M rows), as one csv-long file per instrument
// (`time,symbol,open,high,low,close,volume`, UTC), the format
// `soukan import` and DuckDB's `read_csv` both read.
//
//   node bench/scale-data.mjs --out DIR [--instruments 100] [--days 365] [--seed 1]
//
// Model: 15 currencies, each with a log value following a random walk driven
// by a common USD factor and its own noise (Gaussian, seeded xoshiro128**);
// a pair's price is exp(v_base − v_quote) × a fixed level, so crosses are
// triangularly consistent and pairs sharing a currency correlate as they do
// in FX. Minutes inside the weekly closure (Friday 17:00 → Sunday 17:00 New
// York) are left out. Prices are rounded to 5 decimals (3 for JPY, HUF quotes).
import { mkdirSync, openSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

const CURRENCIES = ['USD', 'EUR', 'JPY', 'GBP', 'AUD', 'NZD', 'CAD', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'HUF', 'CZK', 'SGD'];
/** Rough units of USD per unit of each currency (so levels look like FX quotes). */
const USD_VALUE = [1, 1.08, 0.0075, 1.27, 0.66, 0.61, 0.74, 1.12, 0.095, 0.094, 0.145, 0.25, 0.0028, 0.044, 0.74];
/** Per-minute volatility of each currency's log value against the factor. */
const SIGMA = [0.00012, 0.00011, 0.00014, 0.00013, 0.00016, 0.00017, 0.00012, 0.00012, 0.00015, 0.00016, 0.00011, 0.00014, 0.00018, 0.00013, 0.00010];
const BETA = [0, 0.9, 0.6, 0.8, 0.7, 0.7, 0.5, 0.8, 0.85, 0.8, 0.9, 0.85, 0.8, 0.85, 0.5];

const MINUTE = 60_000;
const START = Date.UTC(2017, 0, 1);

/** The instruments: the first `n` pairs BASE/QUOTE of CURRENCIES in a fixed order (105 at most). */
export function instruments(n) {
  const out = [];
  for (let gap = 1; gap < CURRENCIES.length; gap++) {
    for (let i = 0; i + gap < CURRENCIES.length; i++) out.push([i + gap, i]);
  }
  if (n > out.length) throw new Error(`scale-data: at most ${out.length} instruments`);
  return out.slice(0, n).map(([b, q]) => ({ b, q, symbol: `${CURRENCIES[b]}/${CURRENCIES[q]}` }));
}

// xoshiro128** (Blackman & Vigna) and Box–Muller: reproducible on every machine.
function rng(seed) {
  let a = 0x9e3779b9 ^ seed;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = 0x6a09e667 ^ (seed * 2654435761);
  const next = () => {
    const r = Math.imul(((Math.imul(b, 5) << 7) | (Math.imul(b, 5) >>> 25)) >>> 0, 9) >>> 0;
    const t = b << 9;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = (d << 11) | (d >>> 21);
    return r / 4294967296;
  };
  for (let i = 0; i < 16; i++) next();
  return () => Math.sqrt(-2 * Math.log(next() || 1e-300)) * Math.cos(2 * Math.PI * next());
}

const nyHour = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', hourCycle: 'h23', weekday: 'short', hour: '2-digit' });
/** Whether the hour starting at `t` (UTC ms) is inside the weekly closure, Friday 17:00 → Sunday 17:00 New York. */
function closed(t) {
  const parts = Object.fromEntries(nyHour.formatToParts(new Date(t)).map((p) => [p.type, p.value]));
  const h = Number(parts.hour);
  return parts.weekday === 'Sat' || (parts.weekday === 'Fri' && h >= 17) || (parts.weekday === 'Sun' && h < 17);
}

const iso = (t) => new Date(t).toISOString().replace('.000Z', 'Z');

export function generate({ out, instruments: n = 100, days = 365, seed = 1 }) {
  mkdirSync(out, { recursive: true });
  const list = instruments(n);
  const normal = rng(seed);
  const v = CURRENCIES.map(() => 0);
  const fds = list.map((s) => {
    const fd = openSync(join(out, `${s.symbol.replace('/', '')}.csv`), 'w');
    writeSync(fd, 'time,symbol,open,high,low,close,volume\n');
    return fd;
  });
  const digits = list.map((s) => (['JPY', 'HUF'].includes(CURRENCIES[s.q]) ? 3 : 5));
  const prev = list.map((s) => USD_VALUE[s.b] / USD_VALUE[s.q]);
  const buffers = list.map(() => []);
  let rows = 0;
  const end = START + days * 1440 * MINUTE;
  for (let hour = START; hour < end; hour += 60 * MINUTE) {
    if (closed(hour)) continue;
    for (let t = hour; t < hour + 60 * MINUTE; t += MINUTE) {
      const f = normal();
      for (let c = 1; c < v.length; c++) v[c] += SIGMA[c] * (BETA[c] * f + Math.sqrt(1 - BETA[c] * BETA[c]) * normal());
      const time = iso(t);
      for (let k = 0; k < list.length; k++) {
        const s = list[k];
        const close = (USD_VALUE[s.b] / USD_VALUE[s.q]) * Math.exp(v[s.b] - v[s.q]);
        const open = prev[k];
        const wiggle = Math.abs(normal()) * 0.00005 * close;
        const p = digits[k];
        const high = Math.max(open, close) + wiggle;
        const low = Math.min(open, close) - wiggle;
        buffers[k].push(`${time},${s.symbol},${open.toFixed(p)},${high.toFixed(p)},${low.toFixed(p)},${close.toFixed(p)},${1 + (rows % 97)}`);
        prev[k] = Number(close.toFixed(p));
        rows++;
      }
    }
    for (let k = 0; k < list.length; k++) {
      writeSync(fds[k], buffers[k].join('\n') + '\n');
      buffers[k] = [];
    }
  }
  fds.forEach((fd) => closeSync(fd));
  return { files: list.map((s) => join(out, `${s.symbol.replace('/', '')}.csv`)), symbols: list.map((s) => s.symbol), rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : def;
  };
  const out = opt('out');
  if (!out) {
    console.error('usage: node bench/scale-data.mjs --out DIR [--instruments 100] [--days 365] [--seed 1]');
    process.exit(2);
  }
  const t0 = Date.now();
  const r = generate({ out, instruments: Number(opt('instruments', 100)), days: Number(opt('days', 365)), seed: Number(opt('seed', 1)) });
  console.error(`scale-data: ${r.rows.toLocaleString('en-US')} rows, ${r.files.length} files in ${out} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
