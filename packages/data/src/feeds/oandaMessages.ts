import { parseSymbol } from '@soukan/core';
import type { Quote } from './types.js';

/**
 * OANDA's instrument name of a pair: `EUR/USD` → `EUR_USD`.
 *
 * @example oandaInstrument('eurusd') // 'EUR_USD'
 */
export function oandaInstrument(symbol: string): string {
  const i = parseSymbol(symbol);
  return `${i.base}_${i.quote}`;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/**
 * UTC ms of an OANDA time: RFC 3339 with up to nine fractional digits
 * (`2019-02-04T10:00:00.123456789Z`, truncated to the millisecond) or the
 * UNIX form (`1549274400.123456789`, seconds). NaN for anything else.
 *
 * @example oandaTime('2019-02-04T10:00:00.123456789Z') // Date.UTC(2019, 1, 4, 10, 0, 0, 123)
 */
export function oandaTime(s: unknown): number {
  if (typeof s !== 'string') return NaN;
  const m = RFC3339.exec(s);
  if (m) {
    const ms = m[7] ? Number(m[7].padEnd(9, '0').slice(0, 3)) : 0;
    const t = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!, ms);
    return new Date(t).getUTCDate() === +m[3]! ? t : NaN;
  }
  if (/^\d+(\.\d{1,9})?$/.test(s)) {
    const [sec, frac = ''] = s.split('.');
    return Number(sec) * 1000 + Number(frac.padEnd(9, '0').slice(0, 3));
  }
  return NaN;
}

/** A decoded stream line. */
export type OandaMessage =
  | { readonly kind: 'price'; readonly quote: Quote; readonly instrument: string }
  | { readonly kind: 'heartbeat'; readonly time: number }
  | { readonly kind: 'malformed'; readonly why: string }
  | { readonly kind: 'unknown-instrument'; readonly instrument: string };

/**
 * Decodes one line of OANDA's v20 pricing stream
 * (`GET /v3/accounts/{id}/pricing/stream`): `{"type":"PRICE","instrument":"EUR_USD","time":"…","bids":[{"price":"1.14512","liquidity":…}],"asks":[…],…}`
 * — the best bid and ask are the first buckets, prices are strings — or
 * `{"type":"HEARTBEAT","time":"…"}`. Bad prices come back as a quote with
 * NaN (the gate counts them); anything that is not such an object is
 * `malformed` with the reason.
 *
 * @example parseOandaLine('{"type":"HEARTBEAT","time":"2019-02-04T10:00:05.000000000Z"}') // { kind: 'heartbeat', time: Date.UTC(2019, 1, 4, 10, 0, 5) }
 */
export function parseOandaLine(line: string): OandaMessage {
  let m: unknown;
  try {
    m = JSON.parse(line);
  } catch {
    return { kind: 'malformed', why: `not JSON: ${JSON.stringify(line.slice(0, 80))}` };
  }
  if (typeof m !== 'object' || m === null) return { kind: 'malformed', why: `not an object: ${line.slice(0, 80)}` };
  const o = m as Record<string, unknown>;
  if (o.type === 'HEARTBEAT') return { kind: 'heartbeat', time: oandaTime(o.time) };
  if (o.type !== 'PRICE') return { kind: 'malformed', why: `unknown message type ${JSON.stringify(o.type)}` };
  const inst = o.instrument;
  if (typeof inst !== 'string') return { kind: 'malformed', why: 'PRICE without instrument' };
  let symbol: string;
  try {
    const i = parseSymbol(inst);
    symbol = `${i.base}/${i.quote}`;
  } catch {
    return { kind: 'unknown-instrument', instrument: inst };
  }
  const time = oandaTime(o.time);
  if (Number.isNaN(time)) return { kind: 'malformed', why: `${inst}: time ${JSON.stringify(o.time)} is not RFC 3339` };
  const best = (side: unknown): number => {
    const b = Array.isArray(side) ? (side[0] as { price?: unknown } | undefined) : undefined;
    return typeof b?.price === 'string' && /^\d+(\.\d+)?$/.test(b.price) ? Number(b.price) : NaN;
  };
  return { kind: 'price', instrument: inst, quote: { symbol, time, bid: best(o.bids), ask: best(o.asks) } };
}

/** One candle of OANDA's `GET /v3/instruments/{instrument}/candles?price=BA`. */
export interface OandaCandle {
  readonly time: number;
  readonly complete: boolean;
  readonly bidClose: number;
  readonly askClose: number;
}

/**
 * Decodes a candles response body (`{"instrument":…,"granularity":"S5","candles":[{"complete":true,"volume":…,"time":"…","bid":{"o":…,"h":…,"l":…,"c":"1.14512"},"ask":{…}}]}`).
 *
 * @throws Error naming what is missing when the body is not such an object.
 * @example parseOandaCandles(body)[0].bidClose // 1.14512
 */
export function parseOandaCandles(body: string): OandaCandle[] {
  const o = JSON.parse(body) as { candles?: unknown };
  if (!Array.isArray(o.candles)) throw new Error('candles response without a candles array');
  return o.candles.map((c: { time?: unknown; complete?: unknown; bid?: { c?: unknown }; ask?: { c?: unknown } }) => ({
    time: oandaTime(c.time),
    complete: c.complete === true,
    bidClose: typeof c.bid?.c === 'string' ? Number(c.bid.c) : NaN,
    askClose: typeof c.ask?.c === 'string' ? Number(c.ask.c) : NaN,
  }));
}
