import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A stand-in for the live endpoints of `soukan serve --live` that emits
// events of the live API contract (docs/live.md) on demand and can drop its
// streams, in front of a real `soukan serve` it forwards every other request
// to. The dashboard's reconnect handling is tested against it: the real
// server cannot be made to drop a connection at a chosen moment.

const SYMBOLS = ['EUR/USD', 'GBP/USD', 'USD/JPY', 'AUD/USD'];

export interface LiveStub {
  readonly url: string;
  /** Closes every open event stream (the page should reconnect). */
  drop(): void;
  /** Sends a matrix event whose pair 0 moves by `delta`; resolves with its time. */
  matrix(delta: number): string;
  /** Sends an alert of the contract's shape; resolves with it. */
  alert(): Record<string, unknown>;
  /** Open event streams. */
  streams(): number;
  /** `?session=` of every stream request, in order. */
  readonly sessions: string[];
  close(): Promise<void>;
}

/** A live stub forwarding non-live requests to `upstream` (a running `soukan serve`). */
export async function liveStub(upstream: string): Promise<LiveStub> {
  const clients = new Set<ServerResponse>();
  const sessions: string[] = [];
  const k = SYMBOLS.length;
  const rolling = Array.from({ length: (k * (k - 1)) / 2 }, (_, i) => 0.6 - i * 0.2);
  let minute = Date.UTC(2017, 2, 15, 18, 0);
  let reconnects = 0;
  const status = () => ({ feed: 'push', state: 'live', lastTickTime: new Date(minute).toISOString(), lagMs: 40, reconnects, ticks: 1000, dropped: { duplicate: 0, outOfOrder: 0, invalid: 0, unknown: 0 }, speed: null });
  const matrixEvent = (changed: number[], session = 'all') => ({ time: new Date(minute).toISOString(), timeframe: 'M1', window: 60, session, symbols: SYMBOLS, rolling: [...rolling], ewm: rolling.map((r) => r * 0.9), vol: SYMBOLS.map((_, i) => 0.0002 * (i + 1)), close: [1.06, 1.23, 114.5, 0.76], changed });
  const send = (res: ServerResponse, event: string, data: unknown): void => void res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  const snapshot = (session: string) => ({ feed: status(), matrix: matrixEvent([], session), strength: { time: new Date(minute).toISOString(), currencies: ['EUR', 'GBP', 'USD', 'JPY', 'AUD'], scores: [100.1, 99.9, 100.3, 99.6, 100.0] }, alerts: [] });

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/api/live/state') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      return void res.end(JSON.stringify(snapshot('all')));
    }
    if (u.pathname === '/api/live/events') {
      const session = u.searchParams.get('session') ?? 'all';
      sessions.push(session);
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write('retry: 500\n\n');
      send(res, 'snapshot', snapshot(session));
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    const fwd = request(new URL(req.url ?? '/', upstream), { method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    fwd.on('error', () => res.destroy());
    req.pipe(fwd);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  const timer = setInterval(() => {
    for (const c of clients) send(c, 'status', status());
  }, 250);
  return {
    url: `http://127.0.0.1:${port}/`,
    sessions,
    streams: () => clients.size,
    drop: () => {
      reconnects++;
      for (const c of clients) c.destroy();
      clients.clear();
    },
    matrix: (delta) => {
      minute += 60_000;
      rolling[0] = Math.max(-1, Math.min(1, rolling[0]! + delta));
      const ev = matrixEvent([0]);
      for (const c of clients) send(c, 'matrix', ev);
      return ev.time;
    },
    alert: () => {
      const a = { ruleId: 'stub-band', kind: 'breakdown-band', time: new Date(minute).toISOString(), subject: 'EUR/USD~GBP/USD', message: 'EUR/USD~GBP/USD rolling correlation left its band', evidence: { rho: rolling[0]!, mean: 0.6, sd: 0.05, k: 3, window: 60 } };
      for (const c of clients) send(c, 'alert', a);
      return a;
    },
    close: async () => {
      clearInterval(timer);
      for (const c of clients) c.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
