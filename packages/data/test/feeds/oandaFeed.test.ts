// The OANDA v20 client against a local server that follows OANDA's message
// formats (oandaServer.ts), fed with real Dukascopy EUR/USD ticks of 4 Feb
// 2019: disconnect mid-stream → reconnect, backfill from S5 candles, no gap
// and no duplicate in the store; a burst of 100k ticks; a stalled stream →
// watchdog; malformed messages, unknown instrument, zero/NaN price, clock
// jump, repeated and stale ticks → counted, never stored; a wrong token →
// one clear line.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { OandaFeed } from '../../src/feeds/oandaFeed.js';
import { oandaTime, parseOandaLine } from '../../src/feeds/oandaMessages.js';
import { TickGate } from '../../src/feeds/tickGate.js';
import { TickRecorder } from '../../src/feeds/tickRecorder.js';
import { newFeedStats, type FeedStats, type Quote } from '../../src/feeds/types.js';
import { readDukascopy } from '../../src/ticks/readDukascopy.js';
import { TickStore } from '../../src/ticks/tickStore.js';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { tempDir } from '../store/helpers.js';
import { priceLine, rfc3339, startFakeOanda, TOKEN, type FakeOanda, type Script } from './oandaServer.js';

const at = tempDir('soukan-feeds-');
const quotes: Quote[] = [];
let server: FakeOanda | undefined;

beforeAll(async () => {
  for await (const b of readDukascopy([sharedData('dukascopy_ticks/EURUSD/2019/01/04')])) {
    for (let i = 0; i < b.n; i++) quotes.push({ symbol: 'EUR/USD', time: b.time[i]!, bid: b.bid[i]!, ask: b.ask[i]! });
  }
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Run {
  stats: FeedStats;
  store: TickStore;
  status: string[];
  error?: Error;
}

/** Runs the feed against the fake server until `done(stats)` or the feed stops by itself. */
async function runFeed(qs: readonly Quote[], script: Script, done: (s: FeedStats) => boolean, opts: { token?: string; heartbeatTimeoutMs?: number } = {}): Promise<Run> {
  server = await startFakeOanda(qs, script);
  const store = await TickStore.open(at(`s${Math.random().toString(36).slice(2)}.duckdb`));
  const stats = newFeedStats();
  const status: string[] = [];
  // Recorded 2019 ticks served now: feed time runs ahead of the wall clock by the pauses left out; a day of allowance keeps a 30-day jump out.
  const gate = new TickGate(stats, { symbols: ['EUR/USD'], maxJumpMs: 86_400_000 });
  const rec = new TickRecorder(store, 'OANDA');
  const feed = new OandaFeed(stats, { accountId: '101-004-1234567-001', symbols: ['EUR/USD'], token: opts.token ?? TOKEN, streamUrl: server.url, apiUrl: server.url, heartbeatTimeoutMs: opts.heartbeatTimeoutMs ?? 2000, backoffMs: 20, onStatus: (l) => status.push(l) });
  const ac = new AbortController();
  const started = Date.now();
  const poll = setInterval(() => (done(stats) || Date.now() - started > 30_000) && ac.abort(), 20);
  let error: Error | undefined;
  try {
    await feed.run(gate, rec, ac.signal);
  } catch (e) {
    error = e as Error;
  } finally {
    clearInterval(poll);
  }
  return { stats, store, status, error };
}

async function stored(store: TickStore): Promise<Quote[]> {
  const t = await store.ticks('EUR/USD');
  return Array.from(t.time, (time, i) => ({ symbol: 'EUR/USD', time, bid: t.bid[i]!, ask: t.ask[i]! }));
}

describe('OANDA messages', () => {
  it('decodes PRICE and HEARTBEAT lines as the local server writes them', () => {
    const q = quotes[5]!;
    expect(parseOandaLine(priceLine(q))).toEqual({ kind: 'price', instrument: 'EUR_USD', quote: q });
    expect(parseOandaLine(`{"type":"HEARTBEAT","time":"${rfc3339(q.time)}"}`)).toEqual({ kind: 'heartbeat', time: q.time });
    expect(oandaTime('2019-02-04T10:00:00.123456789Z')).toBe(Date.UTC(2019, 1, 4, 10, 0, 0, 123));
    expect(oandaTime('1549274400.5')).toBe(Date.UTC(2019, 1, 4, 10, 0, 0, 500));
    expect(oandaTime('2019-02-30T10:00:00Z')).toBeNaN();
    expect(parseOandaLine('{"type":"PRICE","instrument":"EUR_USD","time":"2019-02-04T10:00:00Z","bids":[{"price":"0"}],"asks":[{"price":"NaN"}]}')).toMatchObject({ kind: 'price', quote: { bid: 0, ask: NaN } });
    expect(parseOandaLine('{oops')).toMatchObject({ kind: 'malformed' });
    expect(parseOandaLine('{"type":"PRICE","instrument":"EUR","time":"2019-02-04T10:00:00Z"}')).toEqual({ kind: 'unknown-instrument', instrument: 'EUR' });
  });
});

describe('OANDA feed against the local server', () => {
  it('a burst of 100,000 real ticks: every one stored once, in order', async () => {
    const qs = quotes.slice(0, 100_000);
    const r = await runFeed(qs, {}, (s) => s.accepted >= qs.length);
    expect(r.error).toBeUndefined();
    expect(r.stats.accepted).toBe(100_000);
    const got = await stored(r.store);
    expect(got).toEqual(qs);
    await r.store.close();
  });

  it('disconnect mid-stream: reconnects, backfills the gap from S5 candles, no gap and no duplicate', async () => {
    const qs = quotes.slice(0, 20_000);
    const dropAfter = 8_000;
    const gap = 1_500;
    const r = await runFeed(qs, { dropAfter, gap }, (s) => s.accepted >= qs.length - gap);
    expect(r.error).toBeUndefined();
    expect(r.stats.reconnects).toBe(1);
    expect(r.status.some((l) => l.startsWith('backfilled EUR/USD'))).toBe(true);
    const got = await stored(r.store);
    // Streamed ticks: all except the gap, each once, in order.
    const streamed = got.filter((q) => qs.some((s) => s.time === q.time && s.bid === q.bid && s.ask === q.ask));
    expect(streamed.length).toBe(qs.length - gap);
    // Times never go back and no (time, bid, ask) appears twice.
    for (let i = 1; i < got.length; i++) expect(got[i]!.time).toBeGreaterThanOrEqual(got[i - 1]!.time);
    expect(new Set(got.map((q) => `${q.time} ${q.bid} ${q.ask}`)).size).toBe(got.length);
    // No gap: every 5-second interval inside the outage that had ticks has a stored quote.
    const lost = qs.slice(dropAfter, dropAfter + gap);
    const from = qs[dropAfter - 1]!.time;
    const to = qs[dropAfter + gap]!.time;
    const need = new Set(lost.filter((q) => Math.floor(q.time / 5000) * 5000 + 5000 <= to && q.time > from).map((q) => Math.floor(q.time / 5000)));
    const have = new Set(got.filter((q) => q.time > from && q.time < to).map((q) => Math.floor(q.time / 5000)));
    expect(need.size).toBeGreaterThan(10);
    for (const b of need) expect(have.has(b)).toBe(true);
    // Backfilled quotes are the candles' closes: the last tick of each interval.
    expect(r.stats.backfilled).toBe(need.size);
    await r.store.close();
  });

  it('a stalled stream: the watchdog reconnects', async () => {
    const qs = quotes.slice(0, 3_000);
    const r = await runFeed(qs, { stallAfter: 1_000 }, (s) => s.accepted >= qs.length, { heartbeatTimeoutMs: 300 });
    expect(r.error).toBeUndefined();
    expect(r.stats.stalls).toBeGreaterThanOrEqual(1);
    expect(r.stats.reconnects).toBeGreaterThanOrEqual(1);
    expect(await stored(r.store)).toEqual(qs);
    await r.store.close();
  });

  it('bad messages are counted and reported, never stored, never a crash', async () => {
    const qs = quotes.slice(0, 2_000);
    const q = qs[1000]!;
    const inject = new Map<number, string[]>([
      [100, ['{"type":"PRICE", truncated']],
      [200, [priceLine({ ...q, symbol: 'GBP/USD' })]],
      [300, [priceLine({ ...qs[299]!, bid: 0 })]],
      [400, [priceLine(qs[399]!).replace(/"price":"[0-9.]+"/, '"price":"NaN"')]],
      [500, [priceLine({ ...qs[499]!, time: qs[499]!.time + 86_400_000 * 30 })]],
      [600, [priceLine(qs[599]!)]], // the tick before again: a repeat
      [700, [priceLine({ ...qs[500]!, bid: qs[500]!.bid + 0.0001 })]], // from the past: out of order
      [800, ['{"type":"SOMETHING","time":"2019-02-04T00:00:00Z"}']],
    ]);
    const r = await runFeed(qs, { inject }, (s) => s.accepted >= qs.length);
    expect(r.error).toBeUndefined();
    expect(r.stats.problems).toEqual({ malformed: 2, 'unknown-instrument': 1, 'bad-price': 2, duplicate: 1, 'out-of-order': 1, 'clock-jump': 1 });
    expect(r.stats.samples.map((s) => s.problem)).toEqual(['malformed', 'unknown-instrument', 'bad-price', 'bad-price', 'clock-jump', 'duplicate', 'out-of-order', 'malformed']);
    expect(await stored(r.store)).toEqual(qs);
    await r.store.close();
  });

  it('a wrong token stops the feed with one clear line', async () => {
    const r = await runFeed(quotes.slice(0, 10), {}, () => false, { token: 'wrong' });
    expect(r.error?.message).toBe('OANDA refused the token (HTTP 401: Insufficient authorization to perform request.); set OANDA_TOKEN to a valid v20 API token');
    expect(r.stats.accepted).toBe(0);
    await r.store.close();
  });
});
