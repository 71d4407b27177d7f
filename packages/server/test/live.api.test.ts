// The live API of `soukan serve --live push` on a real server (127.0.0.1,
// port 0): the EUR/USD, USD/JPY and EUR/JPY minute closes of 2017-03-15
// 11:00–13:59 UTC (HistData) are pushed as JSON lines through POST
// /api/ticks, ten minutes per request, while two event streams are read and
// parsed — every matrix event's rolling ρ equals pandas' rolling(60).corr on
// the same minutes (fixtures/livePush.gen.py), for all bars and for the New
// York session (which starts at its 12:00 UTC open); `changed` names every
// cell whose 2-decimal value moved; the move alert fires where a brute-force
// scan says, is sent as an event, stored, and listed by /api/alerts. Bad
// lines are counted, never stored. Writes need the token and refuse other
// sites, over HTTP and the WebSocket; without --live the endpoints say so.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readDataset, TickStore } from '@soukan/data';
import { MemoryProvider } from '@soukan/data';
import { openLive } from '../src/live/openLive.js';
import type { LiveService } from '../src/live/liveService.js';
import { startServer, type RunningServer } from '../src/serve.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';
import { json, testApp } from './helpers.js';

interface Fixture {
  window: number;
  all: Record<string, (number | null)[]>;
  newyork: Record<string, (number | null)[]>;
  move: { pips: number; horizonMs: number; first: { time: number; pips: number; from: number; to: number } };
}
const ref = JSON.parse(readFileSync(fixture('packages/server/test/fixtures/livePush.json'), 'utf8')) as Fixture;

const TOKEN = 'live-test-token-0123456789';
const SYMBOLS = ['EUR/USD', 'USD/JPY', 'EUR/JPY'];
const START = Date.UTC(2017, 2, 15, 11);
const END = Date.UTC(2017, 2, 15, 14);
const dir = mkdtempSync(join(tmpdir(), 'soukan-live-api-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A minimal reader of an event stream, written from the HTML standard's rules (separate from the product's). */
class EventReader {
  readonly events: { event: string; data: unknown }[] = [];
  readonly comments: string[] = [];
  private buf = '';
  private waiters: (() => void)[] = [];
  constructor(readonly res: Response) {
    void (async () => {
      const dec = new TextDecoder();
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          this.buf += dec.decode(chunk, { stream: true });
          let i: number;
          while ((i = this.buf.indexOf('\n\n')) >= 0) {
            const block = this.buf.slice(0, i);
            this.buf = this.buf.slice(i + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) this.comments.push(line);
              else if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length > 0) this.events.push({ event, data: JSON.parse(data.join('\n')) });
          }
          for (const w of this.waiters.splice(0)) w();
        }
      } catch {
        /* the stream was cancelled at the end of the test */
      }
    })();
  }
  /** Resolves when an event satisfying `pred` has arrived. */
  async until(pred: (e: { event: string; data: unknown }) => boolean, what: string): Promise<void> {
    const started = Date.now();
    while (!this.events.some(pred)) {
      if (Date.now() - started > 20_000) throw new Error(`no ${what} within 20 s`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
  of<T>(event: string): T[] {
    return this.events.filter((e) => e.event === event).map((e) => e.data as T);
  }
}

interface MatrixEvent {
  time: string;
  session: string;
  symbols: string[];
  rolling: (number | null)[];
  changed: number[];
  window: number;
}

let server: RunningServer;
let live: LiveService;
let lines: { t: number; line: string }[];
const streams: Record<string, EventReader> = {};
const auth = { Authorization: `Bearer ${TOKEN}` };
const tickStorePath = join(dir, 'live.duckdb');

beforeAll(async () => {
  const ds = await readDataset(['EURUSD', 'USDJPY', 'EURJPY'].map((p) => sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${p}_M1_2017.zip`)));
  lines = [];
  for (const s of ds.series) {
    for (let i = 0; i < s.time.length; i++) {
      const t = s.time[i]!;
      if (t >= START && t < END) lines.push({ t: t + SYMBOLS.indexOf(s.symbol) / 10, line: JSON.stringify({ symbol: s.symbol.replace('/', ''), time: new Date(t).toISOString(), bid: s.close[i], ask: s.close[i] }) });
    }
  }
  lines.sort((a, b) => a.t - b.t);
  const rules = join(dir, 'rules.json');
  writeFileSync(rules, JSON.stringify([{ kind: 'move', id: 'eur-10', symbol: 'EUR/USD', pips: ref.move.pips, horizonMs: ref.move.horizonMs }]));
  live = await openLive({ live: 'push', symbols: SYMBOLS, window: ref.window, rules, tickStore: tickStorePath }, { storePath: join(dir, 'store.duckdb'), log: () => {} });
  server = await startServer({ data: new MemoryProvider(), live, port: 0, workers: 0, warm: false, token: TOKEN, log: () => {} });
  live.start();
  for (const session of ['all', 'newyork', 'tokyo']) {
    const res = await fetch(`${server.url}api/live/events?session=${session}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    streams[session] = new EventReader(res);
  }
  await streams.all!.until((e) => e.event === 'snapshot', 'snapshot');
  // Ten minutes of ticks per request; each time, wait for the bar before the request's last minute.
  for (let m = START; m < END; m += 600_000) {
    const chunk = lines.filter((l) => l.t >= m && l.t < m + 600_000);
    const res = await fetch(`${server.url}api/ticks`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/x-ndjson' }, body: chunk.map((l) => l.line).join('\n') });
    expect(await res.json()).toEqual({ lines: chunk.length, accepted: chunk.length });
    const minutes = [...new Set(lines.filter((l) => l.t < m + 600_000).map((l) => Math.floor(l.t / 60_000) * 60_000))];
    const closed = new Date(minutes.at(-2)!).toISOString();
    await streams.all!.until((e) => e.event === 'matrix' && (e.data as MatrixEvent).time === closed, `matrix event of ${closed}`);
  }
}, 120_000);

afterAll(async () => {
  for (const s of Object.values(streams)) await s.res.body?.cancel().catch(() => undefined);
  await server?.close();
});

const close = (a: number | null, b: number | null): boolean => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-10);

describe('live events (server-sent events of a --live push server)', () => {
  it('opens with a snapshot of the feed, then status events and pings', async () => {
    // Status comes about once a second: wait for one rather than for the clock.
    await streams.all!.until((e) => e.event === 'status', 'a status event');
    const first = streams.all!.events[0]!;
    expect(first.event).toBe('snapshot');
    expect(first.data).toMatchObject({ feed: { feed: 'push', state: 'live', reconnects: 0, speed: null }, matrix: null, strength: null, alerts: [] });
    expect(streams.all!.of('status').length).toBeGreaterThan(0);
  });

  it('every matrix event of all bars equals pandas rolling(60).corr at its minute', () => {
    const ms = streams.all!.of<MatrixEvent>('matrix');
    expect(ms.length).toBeGreaterThanOrEqual(18);
    let compared = 0;
    for (const m of ms) {
      expect(m).toMatchObject({ session: 'all', symbols: SYMBOLS, window: 60, timeframe: 'M1' });
      const want = ref.all[m.time];
      expect(want, m.time).toBeDefined();
      for (let p = 0; p < 3; p++) expect(close(m.rolling[p]!, want![p]!), `${m.time} pair ${p}: ${m.rolling[p]} vs ${want![p]}`).toBe(true);
      if (m.rolling[0] !== null) compared++;
    }
    expect(compared).toBeGreaterThan(5);
  });

  it('the New York session matrix starts at its open (12:00 UTC in March 2017) and equals pandas on the session minutes', () => {
    const ms = streams.newyork!.of<MatrixEvent>('matrix');
    expect(ms.length).toBeGreaterThan(5);
    for (const m of ms) {
      expect(m.session).toBe('newyork');
      expect(Date.parse(m.time)).toBeGreaterThanOrEqual(Date.UTC(2017, 2, 15, 12));
      const want = ref.newyork[m.time]!;
      for (let p = 0; p < 3; p++) expect(close(m.rolling[p]!, want[p]!), `${m.time} pair ${p}`).toBe(true);
    }
    // At 12:30 all bars have a day's ρ while the session has 30 bars: none yet.
    expect(ref.newyork['2017-03-15T12:30:00.000Z']).toEqual([null, null, null]);
    expect(streams.tokyo!.of('matrix')).toEqual([]);
  });

  it('changed names every cell whose 2-decimal value moved since the previous event', () => {
    const ms = streams.all!.of<MatrixEvent>('matrix');
    const r = (v: number | null): number | null => (v === null ? null : Math.round(v * 100));
    let moved = 0;
    for (let i = 1; i < ms.length; i++) {
      for (let p = 0; p < 3; p++) {
        if (r(ms[i]!.rolling[p]!) !== r(ms[i - 1]!.rolling[p]!)) {
          moved++;
          expect(ms[i]!.changed, `${ms[i]!.time} pair ${p}`).toContain(p);
        }
      }
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('the move alert fires where a brute-force scan finds the first 10-pip move in 30 min, is streamed, stored and listed', async () => {
    const first = ref.move.first;
    const alerts = streams.all!.of<{ ruleId: string; kind: string; time: string; evidence: Record<string, number | string> }>('alert');
    expect(alerts[0]).toMatchObject({ ruleId: 'eur-10', kind: 'move', time: new Date(first.time).toISOString() });
    expect(alerts[0]!.evidence.pips as number).toBeCloseTo(first.pips, 9);
    expect(alerts[0]!.evidence).toMatchObject({ from: first.from, to: first.to });
    const listed = await json(fetch(`${server.url}api/alerts?limit=1000`, { headers: auth }));
    expect(listed.body.alerts.at(-1)).toEqual(alerts[0]);
    const state = await json(fetch(`${server.url}api/live/state`, { headers: auth }));
    expect(state.body.alerts.at(-1)).toEqual(alerts[0]);
    expect(state.body.strength.currencies).toEqual(['EUR', 'JPY', 'USD']);
    expect(state.body.feed.ticks).toBe(lines.length);
  });
});

describe('push input: bad lines, auth and other sites', () => {
  it('bad lines are counted by reason in the status, never stored', async () => {
    const last = JSON.parse(lines.at(-1)!.line) as { symbol: string; time: string; bid: number };
    const later = new Date(Date.parse(last.time) + 60_000).toISOString();
    const bad = [
      '{"symbol":"EURUSD","time":',
      JSON.stringify({ symbol: 'GBPUSD', time: later, bid: 1.2, ask: 1.2 }),
      JSON.stringify({ symbol: 'EURUSD', time: later, bid: 0, ask: 1.06 }),
      JSON.stringify({ symbol: 'EURUSD', time: later, bid: 'NaN', ask: 1.06 }),
      lines.at(-1)!.line,
      JSON.stringify({ symbol: last.symbol, time: new Date(Date.parse(last.time) - 3_600_000).toISOString(), bid: 1.06, ask: 1.06 }),
      JSON.stringify({ symbol: 'EURUSD', time: new Date(Date.parse(last.time) + 86_400_000).toISOString(), bid: 1.06, ask: 1.06 }),
    ];
    const res = await fetch(`${server.url}api/ticks`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/x-ndjson' }, body: bad.join('\n') });
    expect(await res.json()).toEqual({ lines: 7, accepted: 0 });
    const state = await json(fetch(`${server.url}api/live/state`, { headers: auth }));
    // malformed + zero + NaN + clock jump = invalid; GBP/USD is not live: unknown.
    expect(state.body.feed.dropped).toEqual({ duplicate: 1, outOfOrder: 1, invalid: 4, unknown: 1 });
    expect(state.body.feed.ticks).toBe(lines.length);
  });

  it('writes need the token; a page of another site is refused', async () => {
    const body = lines[0]!.line;
    const h = { 'Content-Type': 'application/x-ndjson' };
    expect((await json(fetch(`${server.url}api/ticks`, { method: 'POST', headers: h, body }))).status).toBe(401);
    expect((await json(fetch(`${server.url}api/live/state`))).status).toBe(401);
    const cross = await json(fetch(`${server.url}api/ticks`, { method: 'POST', headers: { ...h, ...auth, Origin: 'https://evil.example' }, body }));
    expect(cross).toMatchObject({ status: 403, body: { error: { code: 'cross-origin' } } });
    const wrongType = await json(fetch(`${server.url}api/ticks`, { method: 'POST', headers: { ...auth, 'Content-Type': 'image/png' }, body }));
    expect(wrongType.status).toBe(415);
  });

  it('the WebSocket takes JSON lines with the token, and refuses no token and other sites', async () => {
    const wsUrl = `${server.url.replace('http', 'ws')}api/ticks/ws`;
    const refused = (headers: Record<string, string>): Promise<number> =>
      new Promise((resolve, reject) => {
        const ws = new WebSocket(wsUrl, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => reject(new Error('the socket opened')));
        ws.on('error', () => undefined);
      });
    expect(await refused({})).toBe(401);
    expect(await refused({ ...auth, Origin: 'https://evil.example' })).toBe(403);
    const ws = new WebSocket(wsUrl, { headers: { ...auth, Origin: server.url.replace(/\/$/, '') } });
    await new Promise((r, j) => {
      ws.on('open', r);
      ws.on('error', j);
    });
    const last = JSON.parse(lines.at(-1)!.line) as { time: string };
    const next = (k: number): string => JSON.stringify({ symbol: 'USDJPY', time: new Date(Date.parse(last.time) + k * 60_000).toISOString(), bid: 113.5 + k / 100, ask: 113.51 + k / 100 });
    const reply = new Promise<unknown>((r) => ws.once('message', (d) => r(JSON.parse(d.toString()))));
    ws.send(`${next(1)}\n${next(2)}\nnot json`);
    expect(await reply).toEqual({ lines: 3, accepted: 2 });
    ws.close();
  });

  it('every accepted tick is in the tick store once, in order', async () => {
    await server.close();
    const ticks = await TickStore.open(tickStorePath, { readOnly: true });
    try {
      let n = 0;
      for (const s of SYMBOLS) {
        const rows = await ticks.ticks(s, { source: 'push' });
        for (let i = 1; i < rows.time.length; i++) expect(rows.time[i]!).toBeGreaterThan(rows.time[i - 1]!);
        n += rows.time.length;
      }
      expect(n).toBe(lines.length + 2);
    } finally {
      await ticks.close();
    }
  });
});

describe('without --live', () => {
  it('the live endpoints answer 404 live-off', async () => {
    const { app } = testApp(new MemoryProvider());
    for (const path of ['/api/live/state', '/api/live/events', '/api/alerts']) {
      const r = await json(app.request(path, { headers: { Host: 'localhost' } }));
      expect(r, path).toMatchObject({ status: 404, body: { error: { code: 'live-off' } } });
    }
  });
});
