import { describe, expect, it } from 'vitest';
import { liveCells, pairIndex } from '../src/live/liveCells';
import { parseLiveEvent } from '../src/live/liveApi';
import { LIVE_KEYS, liveText } from '../src/live/liveText';
import { lagText } from '../src/live/formatLive';
import { parseSse } from '../src/live/parseSse';

// The live dashboard's pure parts: where a pair sits in the contract's upper
// triangle, the cells built from an event, parsing of stream payloads, and
// the two catalogs.

describe('pairIndex', () => {
  it('numbers the pairs (0,1), (0,2), …, (1,2), … as the contract lists them', () => {
    for (const k of [2, 3, 8, 28]) {
      let n = 0;
      for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) expect(pairIndex(i, j, k)).toBe(n++);
      expect(n).toBe((k * (k - 1)) / 2);
    }
  });
});

describe('liveCells', () => {
  const ev = { symbols: ['EUR/USD', 'GBP/USD', 'USD/JPY'], rolling: [0.8, -0.3, null], window: 60 };
  it('mirrors the upper triangle, puts 1 on the diagonal and leaves undefined pairs empty', () => {
    const c = liveCells(ev, 'bands');
    expect(c.map((x) => x.r)).toEqual([1, 0.8, -0.3, 0.8, 1, null, -0.3, null, 1]);
    expect(c[5]!.reason).toBe('too-few-observations');
    expect(c[1]!.fill).toBe(c[3]!.fill);
  });
});

describe('parseLiveEvent', () => {
  it('accepts a contract-shaped payload and refuses one that is not', () => {
    const ok = parseLiveEvent('status', JSON.stringify({ feed: 'push', state: 'live', lastTickTime: '2017-03-15T18:01:00.000Z', lagMs: 12, reconnects: 0, ticks: 5, dropped: { duplicate: 0, outOfOrder: 0, invalid: 0, unknown: 0 }, speed: null }));
    expect(ok?.type).toBe('status');
    expect(parseLiveEvent('status', JSON.stringify({ feed: 'push', state: 'dancing' }))).toBeNull();
    expect(parseLiveEvent('matrix', '{not json')).toBeNull();
  });
});

describe('live wording', () => {
  it('names the same values in both languages, none empty', () => {
    const names = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
    for (const k of LIVE_KEYS) {
      expect(liveText('ja', k).trim(), k).not.toBe('');
      expect(names(liveText('ja', k)), k).toEqual(names(liveText('en', k)));
    }
  });
  it('fills placeholders in both languages', () => {
    expect(liveText('en', 'live.reconnects', { n: 2 })).toBe('reconnects 2');
    expect(liveText('ja', 'live.reconnects', { n: 2 })).toBe('再接続 2 回');
  });
  it('writes lags as ms, s, min, h or d', () => {
    expect([lagText(null), lagText(12.4), lagText(1234), lagText(180_000), lagText(5 * 3_600_000), lagText(3 * 86_400_000)]).toEqual(['—', '12 ms', '1.2 s', '3 min', '5 h', '3 d']);
  });
});

describe('parseSse', () => {
  // Cases from the HTML standard's server-sent events section (9.2.6 examples).
  it('joins data lines, names events, skips comments and keeps the unfinished rest', () => {
    expect(parseSse('data: YHOO\ndata: +2\ndata: 10\n\n').events).toEqual([{ event: 'message', data: 'YHOO\n+2\n10' }]);
    expect(parseSse(': test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n').events.map((e) => e.data)).toEqual(['first event', 'second event', ' third event']);
    expect(parseSse('event: add\r\ndata: 73857293\r\n\r\nevent: remove\rdata: 2153\r\rdata: partial').events).toEqual([
      { event: 'add', data: '73857293' },
      { event: 'remove', data: '2153' },
    ]);
    expect(parseSse('retry: 2000\n\nevent: status\ndata: {"a"').rest).toBe('event: status\ndata: {"a"');
  });
});
