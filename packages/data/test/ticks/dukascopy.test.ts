// Dukascopy .bi5 ticks against an independent decoder: fixtures/ticks.gen.py
// decodes the same 48 real hour files (EUR/USD, 4–5 Feb 2019) with Python's
// lzma + struct; we compare every tick through a per-hour SHA-256 of its
// integer fields and the first/last ticks as numbers. The tick store's bid,
// ask and mid bars and spread statistics are compared with pandas 1.5.3
// resample().ohlc() / quantile over the same ticks.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { decodeBi5, dukascopyPoint } from '../../src/ticks/decodeBi5.js';
import { dukascopyPath } from '../../src/ticks/dukascopyPath.js';
import { readDukascopy } from '../../src/ticks/readDukascopy.js';
import { readTicks } from '../../src/ticks/readTicks.js';
import { TickStore } from '../../src/ticks/tickStore.js';
import type { TickBatch } from '../../src/ticks/types.js';
import { fixture, sharedData } from '../../../../test/helpers/sharedData.js';
import { tempDir } from '../store/helpers.js';

interface Ohlc {
  open: number[];
  high: number[];
  low: number[];
  close: number[];
}
interface RefBars {
  time: number[];
  ticks: number[];
  bid: Ohlc;
  ask: Ohlc;
  mid: Ohlc;
}
interface Ref {
  ticks: number;
  hours: { hour: number; file: string; n: number; sha256: string; ends: { t: number; bid: number; ask: number; bidVolume: number; askVolume: number }[] }[];
  M15: RefBars;
  M1: RefBars;
  spreadH1: Record<'time' | 'ticks' | 'mean' | 'min' | 'max' | 'median' | 'p95', number[]>;
}

const ref = JSON.parse(readFileSync(fixture('packages/data/test/ticks/fixtures/ticks.json'), 'utf8')) as Ref;
const root = sharedData('dukascopy_ticks');
const at = tempDir('soukan-ticks-');

/** The float32 bit pattern of a volume (the decoder widened it to a double exactly). */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
function bits(v: number): number {
  f32[0] = v;
  return u32[0]!;
}

function hashOf(b: TickBatch): string {
  const h = createHash('sha256');
  const scale = Math.round(1 / dukascopyPoint(b.symbol));
  for (let i = 0; i < b.n; i++) {
    const ask = Math.round(b.ask[i]! * scale);
    const bid = Math.round(b.bid[i]! * scale);
    // The integer must round-trip: price = integer / 100000 exactly as Python divides.
    expect(ask / scale).toBe(b.ask[i]);
    expect(bid / scale).toBe(b.bid[i]);
    h.update(`${b.time[i]},${ask},${bid},${bits(b.askVolume[i]!)},${bits(b.bidVolume[i]!)}\n`);
  }
  return h.digest('hex');
}

describe('Dukascopy paths (zero-based months)', () => {
  it('reads symbol and UTC hour; 2019/01/04 is 4 February', () => {
    expect(dukascopyPath('x/EURUSD/2019/01/04/10h_ticks.bi5')).toEqual({ symbol: 'EUR/USD', hourMs: Date.UTC(2019, 1, 4, 10) });
    expect(dukascopyPath('USDJPY/2019/00/31/23h_ticks.bi5')).toEqual({ symbol: 'USD/JPY', hourMs: Date.UTC(2019, 0, 31, 23) });
    expect(dukascopyPath('EURUSD/2019/12/01/10h_ticks.bi5')).toBeNull(); // month 12 does not exist
    expect(dukascopyPath('EURUSD/2019/01/29/10h_ticks.bi5')).toBeNull(); // 29 February 2019
    expect(dukascopyPath('EURUSD/2019/01/04/24h_ticks.bi5')).toBeNull();
    expect(dukascopyPath('EURUSD/2019/01/04/10h_ticks.csv')).toBeNull();
  });
  it('points: a tenth of a pip', () => {
    expect(dukascopyPoint('EUR/USD')).toBe(0.00001);
    expect(dukascopyPoint('USD/JPY')).toBe(0.001);
  });
});

describe('Dukascopy .bi5 against Python lzma + struct', () => {
  it('every hour, tick for tick', async () => {
    const got: TickBatch[] = [];
    for await (const b of readDukascopy([root])) got.push(b);
    expect(got.length).toBe(ref.hours.length);
    let total = 0;
    got.forEach((b, k) => {
      const h = ref.hours[k]!;
      expect(b.symbol).toBe('EUR/USD');
      expect(b.source).toBe('Dukascopy');
      expect(b.span).toEqual([h.hour, h.hour + 3_600_000]);
      expect(b.origin.endsWith(h.file)).toBe(true);
      expect(b.n).toBe(h.n);
      expect(hashOf(b)).toBe(h.sha256);
      const idx = [0, 1, 2, b.n - 3, b.n - 2, b.n - 1];
      idx.forEach((i, j) => {
        const e = h.ends[j]!;
        expect([b.time[i], b.bid[i], b.ask[i], b.bidVolume[i], b.askVolume[i]]).toEqual([e.t, e.bid, e.ask, e.bidVolume, e.askVolume]);
      });
      total += b.n;
    });
    expect(total).toBe(ref.ticks);
  });

  it('bad files: not LZMA, torn records, time past the hour — named', () => {
    const good = readFileSync(join(root, 'EURUSD/2019/01/04/10h_ticks.bi5'));
    const t = Date.UTC(2019, 1, 4, 10);
    expect(() => decodeBi5(Buffer.from('not lzma at all, clearly'), t, 'EUR/USD', 'x.bi5')).toThrow(/x\.bi5: not LZMA data/);
    expect(() => decodeBi5(good.subarray(0, good.length - 40), t, 'EUR/USD', 'cut.bi5')).toThrow(InputError);
    expect(decodeBi5(new Uint8Array(0), t, 'EUR/USD', 'empty.bi5').n).toBe(0);
  });

  it('a folder with a misnamed .bi5 or a repeated hour is refused', async () => {
    const dir = at('bad');
    const src = join(root, 'EURUSD/2019/01/04/10h_ticks.bi5');
    const p = join(dir, 'EURUSD/2019/01/04/10h.bi5');
    mkdirSync(dirname(p), { recursive: true });
    copyFileSync(src, p);
    await expect(readTicks([dir]).next()).rejects.toThrow(/10h\.bi5: not a Dukascopy hour file path/);
    const dir2 = at('twice');
    for (const q of ['a/EURUSD/2019/01/04/10h_ticks.bi5', 'b/EURUSD/2019/01/04/10h_ticks.bi5']) {
      mkdirSync(dirname(join(dir2, q)), { recursive: true });
      copyFileSync(src, join(dir2, q));
    }
    await expect(readTicks([join(dir2, 'a'), join(dir2, 'b')]).next()).rejects.toThrow(/same hour as/);
  });
});

describe('tick store: Dukascopy folder imported as one series', () => {
  let store: TickStore;
  beforeAll(async () => {
    store = await TickStore.open(at('t.duckdb'));
  });
  afterAll(async () => {
    await store.close();
  });

  it('imports the folder as one series; a second import replaces, never doubles', async () => {
    const first = await store.import(readTicks([root]));
    expect(first).toMatchObject({ added: ref.ticks, replaced: 0, batches: 48 });
    expect(first.series).toEqual([{ id: 1, source: 'Dukascopy', symbol: 'EUR/USD', rows: ref.ticks, first: ref.hours[0]!.ends[0]!.t, last: ref.hours.at(-1)!.ends.at(-1)!.t }]);
    const day = join(root, 'EURUSD/2019/01/05');
    const n5 = ref.hours.filter((h) => h.file.startsWith('EURUSD/2019/01/05')).reduce((a, h) => a + h.n, 0);
    const again = await store.import(readTicks([day]));
    expect(again).toMatchObject({ added: n5, replaced: n5 });
    expect((await store.list())[0]!.rows).toBe(ref.ticks);
  });

  it('a failing import leaves the store as it was', async () => {
    const bad = at('broken/EURUSD/2019/01/06/00h_ticks.bi5');
    mkdirSync(dirname(bad), { recursive: true });
    writeFileSync(bad, Buffer.from('garbage, not lzma'));
    await expect(store.import(readTicks([join(root, 'EURUSD/2019/01/04'), at('broken')]))).rejects.toThrow(/not LZMA data/);
    expect((await store.list())[0]!.rows).toBe(ref.ticks);
  });

  it('reads ticks back in order', async () => {
    const h = ref.hours[10]!;
    const t = await store.ticks('EURUSD', { from: h.hour, to: h.hour + 3_600_000 });
    expect(t.time.length).toBe(h.n);
    expect([t.time[0], t.bid[0], t.ask[0], t.bidVolume[0], t.askVolume[0]]).toEqual([h.ends[0]!.t, h.ends[0]!.bid, h.ends[0]!.ask, h.ends[0]!.bidVolume, h.ends[0]!.askVolume]);
  });

  for (const [tf, key, from, to] of [
    ['M15', 'M15', undefined, undefined],
    ['M1', 'M1', Date.UTC(2019, 1, 4, 10), Date.UTC(2019, 1, 4, 11)],
  ] as const) {
    it(`${tf} bid/ask/mid bars equal pandas resample().ohlc()`, async () => {
      const r = ref[key];
      for (const side of ['bid', 'ask', 'mid'] as const) {
        const b = await store.bars('EUR/USD', { timeframe: tf, side, from, to });
        expect(Array.from(b.time)).toEqual(r.time);
        expect(Array.from(b.volume)).toEqual(r.ticks);
        // Bars pick ticks (first, max, min, last): exact, no arithmetic but the mid's.
        expect(Array.from(b.open)).toEqual(r[side].open);
        expect(Array.from(b.high)).toEqual(r[side].high);
        expect(Array.from(b.low)).toEqual(r[side].low);
        expect(Array.from(b.close)).toEqual(r[side].close);
      }
    });
  }

  it('H1 spread statistics equal pandas (count, mean, min, max, median, 95th percentile)', async () => {
    const s = await store.spread('EUR/USD', { timeframe: 'H1' });
    const r = ref.spreadH1;
    expect(Array.from(s.time)).toEqual(r.time);
    expect(Array.from(s.ticks)).toEqual(r.ticks);
    expect(Array.from(s.min)).toEqual(r.min);
    expect(Array.from(s.max)).toEqual(r.max);
    for (const k of ['mean', 'median', 'p95'] as const) {
      s[k].forEach((v, i) => expect(Math.abs(v - r[k][i]!)).toBeLessThanOrEqual(1e-12 * Math.abs(r[k][i]!)));
    }
    expect(s.pip).toBe(0.0001);
  });

  it('refuses timeframes it does not build and symbols it does not have', async () => {
    await expect(store.bars('EUR/USD', { timeframe: 'D1' })).rejects.toThrow(/tick bars are built for M1, M5, M15, M30, H1; not D1/);
    await expect(store.bars('USD/JPY', { timeframe: 'M1' })).rejects.toThrow(/no ticks of USD\/JPY .*stored: EUR\/USD \(Dukascopy\)/);
  });
});
