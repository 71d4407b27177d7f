
import { frameReturns, lowerBound, parsePosition, parseSymbol, upperBound, type Frame, type Position } from '@soukan/core';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import { apiName, type ParamLabel } from './paramLabel.js';

/** A position as typed, with the text it came from (for messages). */
export interface GivenPosition extends Position {
  readonly text: string;
}

const AMOUNT_TOKEN = /^[+-]?(\d[\d_,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?[kKmM]?$/;

/**
 * Positions from command-line words: `EUR/USD +100000`, `"USD/CHF -50k"`,
 * `GBP/JPY=20000`. A symbol not followed by an amount is returned with
 * `amount: NaN` (the caller decides whether that is allowed).
 */
export function positionsFromWords(args: readonly string[]): GivenPosition[] {
  const out: GivenPosition[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.trim();
    const next = args[i + 1]?.trim();
    let text = a;
    if (/[\s=:]/.test(a)) text = a;
    else if (next !== undefined && AMOUNT_TOKEN.test(next)) {
      text = `${a} ${next}`;
      i++;
    } else {
      try {
        out.push({ symbol: parseSymbol(a).symbol, amount: Number.NaN, text: a });
      } catch (e) {
        throw new InputError(`position ${JSON.stringify(a)}: ${(e as Error).message}`);
      }
      continue;
    }
    try {
      out.push({ ...parsePosition(text), text });
    } catch (e) {
      throw new InputError(`position ${JSON.stringify(text)}: ${(e as Error).message}`);
    }
  }
  return out;
}

/**
 * Positions from the text of a file: JSON (`[{"symbol": "EUR/USD", "amount":
 * 100000}]` or `{"positions": [...]}`) or CSV/text lines `symbol,amount` (a
 * header line is skipped; `#` starts a comment). `source` names the file in
 * messages.
 */
export function positionsFromText(text: string, source: string, label: ParamLabel = apiName): GivenPosition[] {
  const path = source;
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw new InputError(`${label('positions')} ${path}: not valid JSON (${(e as Error).message})`);
    }
    const list = Array.isArray(data) ? data : (data as { positions?: unknown }).positions;
    if (!Array.isArray(list)) throw new InputError(`${label('positions')} ${path}: expected a JSON array of {"symbol", "amount"} or {"positions": [...]}`);
    return list.map((p: unknown, i) => {
      const o = p as { symbol?: unknown; amount?: unknown };
      const where = `${label('positions')} ${path}: item ${i + 1}`;
      if (typeof o?.symbol !== 'string' || (typeof o.amount !== 'number' && typeof o.amount !== 'string')) throw new InputError(`${where}: expected {"symbol": "EUR/USD", "amount": 100000}`);
      try {
        return { ...parsePosition(`${o.symbol} ${String(o.amount)}`), text: `${o.symbol} ${String(o.amount)}` };
      } catch (e) {
        throw new InputError(`${where}: ${(e as Error).message}`);
      }
    });
  }
  const out: GivenPosition[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const fields = line.split(/[,;\t]/).map((f) => f.trim());
    if (out.length === 0 && fields.length >= 2 && /^(symbol|pair|instrument)$/i.test(fields[0]!)) return; // header
    const t = fields.length >= 2 ? `${fields[0]} ${fields[1]}` : line;
    try {
      out.push({ ...parsePosition(t), text: t });
    } catch (e) {
      throw new InputError(`${(e as Error).message}`, { file: path, line: i + 1, text: raw });
    }
  });
  if (out.length === 0) throw new InputError(`${label('positions')} ${path}: no positions found (expected lines like "EUR/USD,100000")`);
  return out;
}

/** Canonical symbols checked against the data; a pair the data cannot build names the position. */
export function routePositions(market: Market, ps: readonly GivenPosition[]): GivenPosition[] {
  return ps.map((p) => {
    try {
      return { ...p, symbol: market.route(p.symbol).target.symbol };
    } catch (e) {
      throw new InputError(`position ${JSON.stringify(p.text)}: no data for ${p.symbol}: ${(e as Error).message}`);
    }
  });
}

/** Checks an account currency against the data. */
export function checkAccount(market: Market, account: string, label: ParamLabel = apiName): string {
  const a = account.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(a)) throw new InputError(`${label('account')} must be a three-letter currency code such as USD, got ${JSON.stringify(account)}`);
  if (!market.currencies.includes(a)) {
    throw new InputError(`${label('account')} ${a}: unknown account currency for ${market.label}; currencies: ${market.currencies.join(' ')}`);
  }
  return a;
}

/**
 * Latest rate (QUOTE per 1 BASE) at or before `end` of any pair the data can
 * build, with its time. Cached per symbol.
 */
export function makeRates(market: Market, end?: number): { rate: (symbol: string) => number; asOf: (symbol: string) => number } {
  const cache = new Map<string, { v: number; t: number }>();
  const get = (symbol: string): { v: number; t: number } => {
    let c = cache.get(symbol);
    if (!c) {
      const s = market.series(symbol);
      let i = end === undefined ? s.time.length : upperBound(s.time, end);
      while (i > 0 && !(s.close[i - 1]! > 0)) i--;
      c = i > 0 ? { v: s.close[i - 1]!, t: s.time[i - 1]! } : { v: Number.NaN, t: Number.NaN };
      cache.set(symbol, c);
    }
    return c;
  };
  return { rate: (s) => get(s).v, asOf: (s) => get(s).t };
}

/** Account value of one unit of a currency. */
export function unitValue(rate: (symbol: string) => number, currency: string, account: string): number {
  return currency === account ? 1 : rate(`${currency}/${account}`);
}

/**
 * Row-major T×k matrix of daily log returns of symbols (aligned on common
 * dates; intraday data resampled to D1 bars first), the last `window` rows
 * ending at `end`, using prices from `from` on.
 */
export function returnMatrix(
  market: Market,
  symbols: readonly string[],
  window: number | 'all',
  end: number | undefined,
  from?: number,
): { R: Float64Array; T: number; time: Float64Array; frame: Frame } {
  const { frame } = market.frame(symbols, { kind: 'inner' }, market.frequency === 'daily' ? undefined : 'D1');
  // Returns need both prices inside [from, end]: drop prices before `from` first.
  const first = from === undefined ? 0 : lowerBound(frame.time, from);
  const r = frameReturns(first === 0 ? frame : { time: frame.time.subarray(first), symbols: frame.symbols, columns: frame.columns.map((c) => c.subarray(first)) }, 'log');
  const stop = end === undefined ? r.time.length : upperBound(r.time, end);
  const start = window === 'all' ? 0 : Math.max(0, stop - window);
  const T = stop - start;
  const k = symbols.length;
  const R = new Float64Array(T * k);
  for (let t = 0; t < T; t++) for (let j = 0; j < k; j++) R[t * k + j] = r.columns[j]![start + t]!;
  return { R, T, time: r.time.subarray(start, stop), frame };
}

/** Mean of each column of a row-major T×k matrix. */
export function columnMeans(R: Float64Array, T: number, k: number): Float64Array {
  const m = new Float64Array(k);
  for (let t = 0; t < T; t++) for (let j = 0; j < k; j++) m[j] = m[j]! + R[t * k + j]! / T;
  return m;
}

/** Parses `0.95,0.99` (or `95,99` as percent) into confidence levels in (0, 1). */
export function confidenceList(text: string, name = 'confidence'): number[] {
  const parts = text.split(',').map((s) => s.trim());
  return parts.map((p) => {
    let v = Number(p);
    if (p.endsWith('%')) v = Number(p.slice(0, -1)) / 100;
    if (p === '' || !Number.isFinite(v) || !(v > 0 && v < 1)) throw new InputError(`${name} must be confidence levels in (0, 1) such as 0.95,0.99 (or 95%,99%), got ${JSON.stringify(text)}`);
    return v;
  });
}

export { DEFAULT_RISK_WINDOW } from '@soukan/requests';
