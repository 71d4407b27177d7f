// The tick store's write path (DuckDB's appender fed whole vectors): every
// value of a real Dukascopy hour comes back exactly as written — times as
// whole milliseconds, prices bit for bit, volumes with NaN stored as NULL
// and read back as NaN in exactly the rows that had it, across the 2048-row
// chunks the appender copies (a chunk with NULLs followed by one without,
// and the other way round) — through both writers: an import and a live
// append of several series in one transaction. A failed append leaves
// nothing behind.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBi5 } from '../../src/ticks/decodeBi5.js';
import { TickStore } from '../../src/ticks/tickStore.js';
import type { TickBatch } from '../../src/ticks/types.js';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { tempDir } from '../store/helpers.js';

const at = tempDir('soukan-tick-write-');
const HOUR = Date.UTC(2019, 1, 4, 10);
const real = decodeBi5(readFileSync(sharedData('dukascopy_ticks/EURUSD/2019/01/04/10h_ticks.bi5')), HOUR, 'EUR/USD', 'EURUSD/2019/01/04/10h_ticks.bi5');

/** The real hour with holes punched in its volumes: every 3rd bid volume of the first chunk, every 5th ask volume after it. */
function holed(b: TickBatch): TickBatch {
  const bidVolume = b.bidVolume.slice(0, b.n);
  const askVolume = b.askVolume.slice(0, b.n);
  for (let i = 0; i < 2048; i += 3) bidVolume[i] = NaN;
  for (let i = 2048; i < b.n; i += 5) askVolume[i] = NaN;
  return { ...b, bidVolume, askVolume, time: b.time.slice(0, b.n), bid: b.bid.slice(0, b.n), ask: b.ask.slice(0, b.n) };
}

function expectSame(got: { time: Float64Array; bid: Float64Array; ask: Float64Array; bidVolume: Float64Array; askVolume: Float64Array }, want: TickBatch): void {
  expect(got.time.length).toBe(want.n);
  for (const k of ['time', 'bid', 'ask', 'bidVolume', 'askVolume'] as const) {
    // toEqual on typed arrays treats NaN as equal to NaN, and only NaN.
    expect(got[k], k).toEqual(want[k].subarray(0, want.n));
  }
}

describe('tick store writes', () => {
  it('a real hour with NULL volumes round-trips exactly through an import', async () => {
    const b = holed(real);
    expect(b.n).toBeGreaterThan(2 * 2048);
    const ticks = await TickStore.open(at('import.duckdb'));
    try {
      const s = await ticks.import([b]);
      expect(s.added).toBe(b.n);
      expectSame(await ticks.ticks('EUR/USD'), b);
      const nulls = await ticks.database!.rows(`SELECT count(*) FILTER (WHERE bid_volume IS NULL) AS b, count(*) FILTER (WHERE ask_volume IS NULL) AS a FROM ticks`);
      expect(nulls[0]).toEqual({ b: Math.ceil(2048 / 3), a: Math.ceil((b.n - 2048) / 5) });
    } finally {
      await ticks.close();
    }
  });

  it('live appends of two series in one transaction store every tick once, with the counters', async () => {
    const b = holed(real);
    const ticks = await TickStore.open(at('append.duckdb'));
    try {
      const eur = await ticks.seriesId('live', 'EUR/USD');
      const jpy = await ticks.seriesId('live', 'USD/JPY');
      const half = Math.floor(b.n / 2);
      const part = (from: number, to: number, symbol: string): TickBatch => ({ ...b, symbol, n: to - from, time: b.time.subarray(from, to), bid: b.bid.subarray(from, to), ask: b.ask.subarray(from, to), bidVolume: b.bidVolume.subarray(from, to), askVolume: b.askVolume.subarray(from, to) });
      await ticks.appendAll([
        { id: eur, batch: part(0, half, 'EUR/USD') },
        { id: jpy, batch: part(0, b.n, 'USD/JPY') },
      ]);
      await ticks.appendAll([{ id: eur, batch: part(half, b.n, 'EUR/USD') }]);
      expectSame(await ticks.ticks('EUR/USD'), b);
      expectSame(await ticks.ticks('USD/JPY'), b);
      const list = await ticks.list();
      expect(list.map((s) => [s.symbol, s.rows, s.first, s.last])).toEqual([
        ['EUR/USD', b.n, b.time[0], b.time[b.n - 1]],
        ['USD/JPY', b.n, b.time[0], b.time[b.n - 1]],
      ]);
    } finally {
      await ticks.close();
    }
  });

  it('an append that fails stores nothing of its transaction', async () => {
    const ticks = await TickStore.open(at('fail.duckdb'));
    try {
      const eur = await ticks.seriesId('live', 'EUR/USD');
      const short = { ...real, n: real.n + 10 }; // claims more rows than its columns hold
      await expect(ticks.appendAll([{ id: eur, batch: real }, { id: eur, batch: short }])).rejects.toThrow(/shorter/);
      expect((await ticks.list())[0]!.rows).toBe(0);
      expect((await ticks.database!.rows('SELECT count(*) AS n FROM ticks'))[0]!.n).toBe(0);
      // The store still takes the next write.
      await ticks.appendAll([{ id: eur, batch: real }]);
      expect((await ticks.list())[0]!.rows).toBe(real.n);
    } finally {
      await ticks.close();
    }
  });
});
