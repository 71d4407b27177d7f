// The generic push input (JSON lines from a user's bridge) through the same
// gate and recorder as every feed: real Dukascopy ticks pushed as lines are
// stored once each; bad lines are counted under their reason.
import { describe, expect, it } from 'vitest';
import { ingestPushLines, parsePushLine } from '../../src/feeds/pushInput.js';
import { TickGate } from '../../src/feeds/tickGate.js';
import { TickRecorder } from '../../src/feeds/tickRecorder.js';
import { newFeedStats } from '../../src/feeds/types.js';
import { readDukascopy } from '../../src/ticks/readDukascopy.js';
import { TickStore } from '../../src/ticks/tickStore.js';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { tempDir } from '../store/helpers.js';

const at = tempDir('soukan-push-');

describe('push input (JSON lines)', () => {
  it('parses the documented shapes', () => {
    expect(parsePushLine('{"symbol":"eur_usd","time":1549274400123,"bid":"1.14512","ask":1.14518}')).toEqual({ quote: { symbol: 'EUR/USD', time: 1549274400123, bid: 1.14512, ask: 1.14518 } });
    expect(parsePushLine('{"symbol":"EURUSD","time":"2019-02-04T10:00:00.123+00:00","bid":1,"ask":1}')).toMatchObject({ quote: { time: Date.UTC(2019, 1, 4, 10, 0, 0, 123) } });
    expect(parsePushLine('{"symbol":"EURUSD","time":"2019-02-04 10:00","bid":1,"ask":1}')).toMatchObject({ malformed: expect.stringMatching(/not ISO 8601 with a zone/) });
    expect(parsePushLine('[1,2]')).toEqual({ malformed: 'not a JSON object' });
    expect(parsePushLine('{"symbol":"SPX500","time":0,"bid":1,"ask":1}')).toEqual({ unknown: 'SPX500' });
  });

  it('real ticks pushed as lines are stored once; bad lines counted, not stored', async () => {
    const store = await TickStore.open(at('p.duckdb'));
    try {
      const lines: string[] = [];
      let b0;
      for await (const b of readDukascopy([sharedData('dukascopy_ticks/EURUSD/2019/01/04/10h_ticks.bi5')])) b0 = b;
      for (let i = 0; i < b0!.n; i++) lines.push(JSON.stringify({ symbol: 'EURUSD', time: new Date(b0!.time[i]!).toISOString(), bid: b0!.bid[i], ask: b0!.ask[i] }));
      const bad = ['{"symbol":"EURUSD"', '{"symbol":"GBPUSD","time":0,"bid":1,"ask":1}', '{"symbol":"EURUSD","time":1549274400000,"bid":0,"ask":1}', lines[10]!];
      const stats = newFeedStats();
      const gate = new TickGate(stats, { symbols: ['EUR/USD'], maxJumpMs: 86_400_000 });
      const rec = new TickRecorder(store, 'push');
      const half = Math.floor(lines.length / 2);
      const n1 = await ingestPushLines(lines.slice(0, half).join('\n'), gate, rec, stats);
      const n2 = await ingestPushLines([...bad, ...lines.slice(half)].join('\r\n'), gate, rec, stats);
      expect(n1 + n2).toBe(b0!.n);
      expect(stats.problems).toMatchObject({ malformed: 1, 'unknown-instrument': 1, 'bad-price': 1, 'out-of-order': 1 });
      const t = await store.ticks('EUR/USD');
      expect(Array.from(t.time)).toEqual(Array.from(b0!.time.subarray(0, b0!.n)));
      expect(Array.from(t.bid)).toEqual(Array.from(b0!.bid.subarray(0, b0!.n)));
    } finally {
      await store.close();
    }
  });
});
