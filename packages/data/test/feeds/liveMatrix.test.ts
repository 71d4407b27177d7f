// The live matrix on replayed 2017 HistData M1 closes of eight pairs (each
// bar one quote, bid = ask = close, 2.96 M quotes through replayQuotes and
// the gate) equals the batch kernels on the same minutes: the union-of-times
// frame of the closes, log returns, rollingCorrelationAllPairs (1e-10) and
// ewmCorrelationAllPairs (to the bit) at every bar.
import { beforeAll, describe, expect, it } from 'vitest';
import { alignSeries, ewmCorrelationAllPairs, frameReturns, rollingCorrelationAllPairs, type Frame } from '@soukan/core';
import { LiveMatrix } from '../../src/feeds/liveMatrix.js';
import { replayQuotes, type ReplaySeries } from '../../src/feeds/replayFeed.js';
import { TickGate } from '../../src/feeds/tickGate.js';
import { newFeedStats } from '../../src/feeds/types.js';
import { readDataset } from '../../src/formats/readDataset.js';
import { histData, PAIRS } from '../store/helpers.js';

let series: ReplaySeries[];
let rets: Frame;
beforeAll(async () => {
  const ds = await readDataset(PAIRS.map(histData));
  series = ds.series.map((s) => ({ symbol: s.symbol, time: s.time, bid: s.close, ask: s.close }));
  rets = frameReturns(alignSeries(ds.series, { kind: 'pairwise' }).frame);
}, 120_000);

describe('LiveMatrix on replayed 2017 minute data', () => {
  it('equals the batch all-pairs kernels at every bar', async () => {
    const symbols = series.map((s) => s.symbol);
    const W = 1440;
    const m = new LiveMatrix(symbols, { window: W, minPeriods: 1000, lambda: 0.999 });
    const batchR = rollingCorrelationAllPairs(rets.columns, W, { minPeriods: 1000, keep: true, average: false }).series;
    const batchE = ewmCorrelationAllPairs(rets.columns, 0.999, { keep: true, average: false }).series;
    let row = -1;
    let worst = 0;
    let ewmSame = true;
    m.onUpdate((u) => {
      // Row 0 of the batch frame is the return into the second minute; the live matrix's first bar has no return yet.
      if (row >= 0) {
        expect(u.time).toBe(rets.time[row]);
        for (let q = 0; q < u.rolling.length; q++) {
          const b = batchR[q]![row]!;
          const d = Number.isNaN(b) ? (Number.isNaN(u.rolling[q]!) ? 0 : Infinity) : Math.abs(u.rolling[q]! - b);
          if (d > worst) worst = d;
          if (!Object.is(u.ewm[q], batchE[q]![row])) ewmSame = false;
        }
      }
      row++;
    });
    const stats = newFeedStats();
    const gate = new TickGate(stats, { symbols, maxJumpMs: 7 * 86_400_000 });
    for await (const q of replayQuotes(series)) if (gate.accept(q)) m.push(q);
    m.flush();
    expect(stats.accepted).toBe(series.reduce((a, s) => a + s.time.length, 0));
    expect(row).toBe(rets.time.length);
    expect(worst).toBeLessThanOrEqual(1e-10);
    expect(ewmSame).toBe(true);
  });

  it('replays at N× speed: an hour of quotes at 36,000× is paced over 100 ms of the clock', async () => {
    const s = series[0]!;
    const hour = s.time.findIndex((t) => t >= s.time[0]! + 3_600_000);
    const one: ReplaySeries = { symbol: s.symbol, time: s.time.subarray(0, hour), bid: s.bid.subarray(0, hour), ask: s.ask.subarray(0, hour) };
    let now = 0;
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
    const seen: number[] = [];
    for await (const q of replayQuotes([one], { speed: 36_000, clock })) seen.push(q.time - s.time[0]!);
    expect(seen.length).toBe(hour);
    // Each quote is released when its feed time, divided by the speed, has passed on the clock.
    expect(now).toBeCloseTo((s.time[hour - 1]! - s.time[0]!) / 36_000, 6);
    expect(now).toBeGreaterThan(90);
  });
});
