/**
 * A local stand-in for OANDA's v20 streaming and REST hosts, following the
 * documented message formats: `GET /v3/accounts/{id}/pricing/stream`
 * (chunked JSON lines, `{"type":"PRICE",…,"bids":[{"price":"1.14512","liquidity":10000000}],…}`
 * and `{"type":"HEARTBEAT","time":"…"}`, times RFC 3339 with nine fractional
 * digits), `GET /v3/instruments/{instrument}/candles?price=BA&granularity=S5&from&to`,
 * and `401 {"errorMessage":"Insufficient authorization to perform request."}`
 * for a wrong token. It serves real ticks handed to it and can misbehave on
 * cue: drop the connection, stall, or slip in bad lines.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Quote } from '../../src/feeds/types.js';

export interface Script {
  /** First connection: close it after this many PRICE lines (later connections resume after the gap). */
  dropAfter?: number;
  /** Ticks nobody receives while disconnected (skipped on reconnect). */
  gap?: number;
  /** First connection: after this many PRICE lines, send nothing more (no heartbeat either). */
  stallAfter?: number;
  /** Raw lines sent before the PRICE line of that index. */
  inject?: Map<number, string[]>;
  /** A heartbeat after every this many PRICE lines (default 500), and every 50 ms once all are sent. */
  heartbeatEvery?: number;
}

export const TOKEN = 'test-token-0123456789';

export function rfc3339(t: number): string {
  return new Date(t).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

function instrumentOf(symbol: string): string {
  return symbol.replace('/', '_');
}

export function priceLine(q: Quote, digits = 5): string {
  return JSON.stringify({
    type: 'PRICE',
    time: rfc3339(q.time),
    bids: [{ price: q.bid.toFixed(digits), liquidity: 10000000 }],
    asks: [{ price: q.ask.toFixed(digits), liquidity: 10000000 }],
    closeoutBid: q.bid.toFixed(digits),
    closeoutAsk: q.ask.toFixed(digits),
    status: 'tradeable',
    tradeable: true,
    instrument: instrumentOf(q.symbol),
  });
}

export interface FakeOanda {
  readonly url: string;
  readonly connections: number;
  /** Indices of the quotes sent on some connection. */
  readonly sent: Set<number>;
  close(): Promise<void>;
}

/** Starts the server on 127.0.0.1 (port 0) serving `quotes` (time-ordered, one symbol). */
export async function startFakeOanda(quotes: readonly Quote[], script: Script = {}): Promise<FakeOanda> {
  let connections = 0;
  let next = 0;
  const sent = new Set<number>();
  const open = new Set<ServerResponse>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  const hbEvery = script.heartbeatEvery ?? 500;

  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errorMessage: 'Insufficient authorization to perform request.' }));
      return;
    }
    const candles = /^\/v3\/instruments\/([A-Z]+_[A-Z]+)\/candles$/.exec(u.pathname);
    if (candles) {
      const from = Date.parse(u.searchParams.get('from')!);
      const to = Date.parse(u.searchParams.get('to')!);
      const step = 5000;
      const buckets = new Map<number, Quote[]>();
      for (const q of quotes) {
        if (q.time < from || q.time >= to) continue;
        const b = Math.floor(q.time / step) * step;
        if (!buckets.has(b)) buckets.set(b, []);
        buckets.get(b)!.push(q);
      }
      const ohlc = (xs: number[]): Record<string, string> => ({ o: xs[0]!.toFixed(5), h: Math.max(...xs).toFixed(5), l: Math.min(...xs).toFixed(5), c: xs.at(-1)!.toFixed(5) });
      const list = [...buckets].map(([b, qs]) => ({ complete: b + step <= to, volume: qs.length, time: rfc3339(b), bid: ohlc(qs.map((q) => q.bid)), ask: ohlc(qs.map((q) => q.ask)) }));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ instrument: candles[1], granularity: u.searchParams.get('granularity'), candles: list }));
      return;
    }
    if (!/^\/v3\/accounts\/[^/]+\/pricing\/stream$/.test(u.pathname)) {
      res.writeHead(404, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errorMessage: 'not found' }));
      return;
    }
    const conn = ++connections;
    if (conn > 1) next += script.gap ?? 0;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Transfer-Encoding': 'chunked' });
    open.add(res);
    res.on('close', () => open.delete(res));
    let onThis = 0;
    const heartbeat = (): void => void res.write(JSON.stringify({ type: 'HEARTBEAT', time: rfc3339(Date.now()) }) + '\n');
    const pump = (): void => {
      let out = '';
      while (next < quotes.length) {
        if (conn === 1 && script.dropAfter !== undefined && onThis >= script.dropAfter) {
          // Cut the connection once what was written has left (an abrupt close, no end chunk).
          res.write(out, () => res.destroy());
          return;
        }
        if (conn === 1 && script.stallAfter !== undefined && onThis >= script.stallAfter) {
          res.write(out);
          return;
        }
        for (const l of script.inject?.get(next) ?? []) out += l + '\n';
        out += priceLine(quotes[next]!) + '\n';
        sent.add(next);
        next++;
        onThis++;
        if (onThis % hbEvery === 0) out += JSON.stringify({ type: 'HEARTBEAT', time: rfc3339(quotes[next - 1]!.time) }) + '\n';
        if (out.length > 1 << 16) {
          const ok = res.write(out);
          out = '';
          if (!ok) return void res.once('drain', pump);
        }
      }
      res.write(out);
      const t = setInterval(heartbeat, 50);
      timers.add(t);
      res.on('close', () => clearInterval(t));
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get connections() {
      return connections;
    },
    sent,
    async close() {
      for (const t of timers) clearInterval(t);
      for (const r of open) r.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
