// The store against pandas on the real 2017 HistData files: all eight imported
// into one store, H1 and D1 bars built in DuckDB compared with
// fixtures/store.gen.py (pandas 1.5.3 resample('1h') / groupby(trading date)
// of the same rows read as New York time), the 17:00 New York roll across both
// 2017 DST switches, EUR/JPY crossed from EUR/USD x USD/JPY against the EURJPY
// file, and the store's markets against markets read from the files.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate, resampleBars, TIMEFRAMES, type Bars, type Timeframe } from '@soukan/core';
import { readDataset } from '../../src/formats/readDataset.js';
import { Market } from '../../src/market/market.js';
import { Store } from '../../src/store/store.js';
import type { ImportSummary } from '../../src/import/types.js';
import { expectRel, fsum } from '../formats/helpers.js';
import { expectSameArray, expectSameFrame, histData, PAIRS, quantileSorted, tempDir } from './helpers.js';

interface RefBars {
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume?: number[];
}
interface Stats {
  n: number;
  median: number;
  p99abs: number;
  maxAbs: number;
  meanAbs: number;
}
interface Ref {
  pairs: Record<
    string,
    {
      rows: number;
      weekendRows: number;
      H1: { count: number; first: number; last: number; hoursFromFirst: number; sum: Record<string, number>; closeWeighted: number };
      dst: RefBars[];
      D1: RefBars;
    }
  >;
  usdjpyH1: RefBars;
  cross: { legs: string[]; minutes: number; H1count: number; minute: Stats; hour: Stats; D1: RefBars };
  inverse: { symbol: string; D1: RefBars };
}
const ref = JSON.parse(readFileSync(new URL('./fixtures/store.json', import.meta.url), 'utf8')) as Ref;
const COLS = ['open', 'high', 'low', 'close', 'volume'] as const;
const sym = (p: string): string => `${p.slice(0, 3)}/${p.slice(3)}`;

const at = tempDir();
let store: Store;
let summary: ImportSummary;
const raw = new Map<string, Bars>();

beforeAll(async () => {
  store = await Store.open(at('ref.duckdb'));
  summary = await store.importFiles(PAIRS.map(histData));
  // The two legs again under another source, so EUR/JPY has to be crossed there.
  await store.importFiles([histData('EURUSD'), histData('USDJPY')], { source: 'legs' });
}, 300_000);
afterAll(() => store?.close());

function expectBars(actual: Bars, expected: RefBars, what: string, cols: readonly string[] = COLS): void {
  expectSameArray(actual.time, expected.time, `${what} time`);
  for (const c of cols) expectSameArray(actual[c as keyof Bars] as Float64Array, expected[c as keyof RefBars]!, `${what} ${c}`);
}

describe('importing the eight 2017 HistData M1 files', () => {
  it('adds every row once, finds no weekend rows, and lists each series with its range', async () => {
    expect(summary.files.map((f) => f.format)).toEqual(Array(8).fill('histdata'));
    for (const p of PAIRS) {
      const s = summary.series.find((x) => x.symbol === sym(p))!;
      expect(s.source).toBe('HistData');
      expect(s.rows, p).toBe(ref.pairs[sym(p)]!.rows);
      expect(s.added, p).toBe(s.rows);
      expect(s.duplicates + s.conflicts).toBe(0);
      expect(s.weekendRows).toBe(ref.pairs[sym(p)]!.weekendRows);
      expect(s.stored!.rows).toBe(s.rows);
    }
    expect(summary.rows).toBe(2_958_833);
    const list = (await store.list()).filter((s) => s.source === 'HistData');
    expect(list.map((s) => s.symbol).sort()).toEqual(PAIRS.map(sym).sort());
    for (const s of list) {
      expect(s.kind).toBe('bars');
      expect(s.frequency).toBe('intraday');
      expect(s.stepMs).toBe(60_000);
    }
    // The list's counters and the quarter-hour rollup agree with the rows themselves.
    const fp = await store.fingerprint();
    expect(fp.bars.rows).toBe(2_958_833 + 371_635 + 371_298);
    expect(await store.check()).toEqual([]);
  });
});

describe('H1 and D1 bars built in the store equal pandas (pandas 1.5.3 resample("1h"), groupby(trading date))', () => {
  for (const p of PAIRS) {
    const s = sym(p);
    it(`${s}: H1 count, range, column sums, and every bar around both DST switches`, async () => {
      const { bars, weekendRows } = await store.bars(s, { timeframe: 'H1', source: 'HistData' });
      const r = ref.pairs[s]!.H1;
      expect(weekendRows).toBe(0);
      expect(bars.time.length).toBe(r.count);
      expect(bars.time[0]).toBe(r.first);
      expect(bars.time[bars.time.length - 1]).toBe(r.last);
      let hours = 0;
      for (const t of bars.time) hours += (t - r.first) / 3_600_000;
      expect(hours).toBe(r.hoursFromFirst);
      for (const c of COLS) expectRel(fsum(bars[c]), r.sum[c]!, 1e-13);
      expectRel(fsum(bars.close.map((x, i) => (i + 1) * x)), r.closeWeighted, 1e-13);
      for (const w of ref.pairs[s]!.dst) {
        const part = await store.bars(s, { timeframe: 'H1', source: 'HistData', from: w.time[0], to: w.time[w.time.length - 1] });
        expectBars(part.bars, w, `${s} H1 ${formatIsoDate(w.time[0]!)}`);
      }
    });
    it(`${s}: every D1 bar (17:00 New York roll, stamped 00:00 UTC of the trading date)`, async () => {
      const { bars } = await store.bars(s, { timeframe: 'D1', source: 'HistData' });
      expectBars(bars, ref.pairs[s]!.D1, `${s} D1`);
    });
  }

  it('USD/JPY: every H1 bar of the year', async () => {
    expectBars((await store.bars('USD/JPY', { timeframe: 'H1', source: 'HistData' })).bars, ref.usdjpyH1, 'USD/JPY H1');
  });

  it('rolls the day at 17:00 New York on both sides of both 2017 DST switches', async () => {
    const m1 = (await store.bars('EUR/USD', { source: 'HistData', from: Date.UTC(2017, 2, 10), to: Date.UTC(2017, 10, 8) })).bars;
    const { bars } = await store.bars('EUR/USD', { timeframe: 'D1', source: 'HistData' });
    const day = (iso: string): number => bars.time.indexOf(Date.parse(`${iso}T00:00Z`));
    const openAt = (utc: number): number => m1.open[m1.time.indexOf(utc)]!;
    const closeAt = (utc: number): number => m1.close[m1.time.indexOf(utc)]!;
    // Fri 10 Mar closes 16:59 EST (21:59Z); Mon 13 Mar opens Sun 12 Mar 17:00 EDT (21:00Z) and closes 16:59 EDT (20:59Z).
    expect(bars.close[day('2017-03-10')]).toBe(closeAt(Date.UTC(2017, 2, 10, 21, 59)));
    expect(bars.open[day('2017-03-13')]).toBe(openAt(Date.UTC(2017, 2, 12, 21, 0)));
    expect(bars.close[day('2017-03-13')]).toBe(closeAt(Date.UTC(2017, 2, 13, 20, 59)));
    expect(bars.open[day('2017-03-14')]).toBe(openAt(Date.UTC(2017, 2, 13, 21, 0)));
    // Fri 3 Nov closes 16:59 EDT (20:59Z); Mon 6 Nov opens Sun 5 Nov 17:00 EST (22:00Z).
    expect(bars.close[day('2017-11-03')]).toBe(closeAt(Date.UTC(2017, 10, 3, 20, 59)));
    expect(bars.open[day('2017-11-06')]).toBe(openAt(Date.UTC(2017, 10, 5, 22, 0)));
    expect(bars.open[day('2017-11-07')]).toBe(openAt(Date.UTC(2017, 10, 6, 22, 0)));
    // No Saturday or Sunday bars.
    expect(Array.from(bars.time).filter((t) => [0, 6].includes(new Date(t).getUTCDay()))).toEqual([]);
  });
});

describe('EUR/JPY crossed from stored EUR/USD x USD/JPY', () => {
  it('is crossed when the pair is not stored, and notes the high/low caveat', async () => {
    const b = await store.bars('EUR/JPY', { source: 'legs', timeframe: 'H1' });
    expect(b.route.legs.map((l) => l.symbol)).toEqual(['EUR/USD', 'USD/JPY']);
    expect(b.route.via).toBe('USD');
    expect(b.notes.join(' ')).toMatch(/high\/low cannot be derived|true high\/low cannot be derived/);
    expect(b.bars.time.length).toBe(ref.cross.H1count);
  });

  it('tracks the EURJPY file: minutes median -0.11 bp, p99 |diff| 2.2 bp, max 11.7 bp (tolerance: p99 <= 2.5 bp, max <= 12 bp), as pandas measures', async () => {
    const cross = (await store.bars('EUR/JPY', { source: 'legs' })).bars;
    const file = (await store.bars('EUR/JPY', { source: 'HistData' })).bars;
    expect(cross.time.length).toBe(ref.cross.minutes);
    const diff: number[] = [];
    let j = 0;
    for (let i = 0; i < cross.time.length; i++) {
      while (j < file.time.length && file.time[j]! < cross.time[i]!) j++;
      if (file.time[j] === cross.time[i]) diff.push((cross.close[i]! / file.close[j]! - 1) * 1e4);
    }
    checkStats(diff, ref.cross.minute);
    expect(Math.abs(ref.cross.minute.median)).toBeLessThanOrEqual(0.15);
    expect(ref.cross.minute.p99abs).toBeLessThanOrEqual(2.5);
    expect(ref.cross.minute.maxAbs).toBeLessThanOrEqual(12);
  });

  it('tracks the EURJPY file on H1 closes: p99 |diff| 2.5 bp, max 6.9 bp (tolerance: p99 <= 2.6 bp, max <= 7 bp)', async () => {
    const cross = (await store.bars('EUR/JPY', { source: 'legs', timeframe: 'H1' })).bars;
    const file = (await store.bars('EUR/JPY', { source: 'HistData', timeframe: 'H1' })).bars;
    const diff: number[] = [];
    let j = 0;
    for (let i = 0; i < cross.time.length; i++) {
      while (j < file.time.length && file.time[j]! < cross.time[i]!) j++;
      if (file.time[j] === cross.time[i]) diff.push((cross.close[i]! / file.close[j]! - 1) * 1e4);
    }
    checkStats(diff, ref.cross.hour);
    expect(ref.cross.hour.p99abs).toBeLessThanOrEqual(2.6);
    expect(ref.cross.hour.maxAbs).toBeLessThanOrEqual(7);
  });

  it('D1 cross bars equal pandas (open/close crossed per minute; high/low = extremes of the crossed minutes)', async () => {
    expectBars((await store.bars('EUR/JPY', { source: 'legs', timeframe: 'D1' })).bars, ref.cross.D1, 'EUR/JPY cross D1', ['open', 'high', 'low', 'close']);
  });

  it('JPY/USD (inverted USD/JPY) D1 bars equal pandas, high and low swapped', async () => {
    const b = await store.bars('JPY/USD', { source: 'HistData', timeframe: 'D1' });
    expect(b.route.legs).toEqual([{ symbol: 'USD/JPY', invert: true }]);
    expectBars(b.bars, ref.inverse.D1, 'JPY/USD D1');
  });
});

function checkStats(diff: number[], r: Stats): void {
  expect(diff.length).toBe(r.n);
  const sorted = Float64Array.from(diff).sort();
  const abs = Float64Array.from(diff, Math.abs).sort();
  expectRel(quantileSorted(sorted, 0.5), r.median, 1e-9);
  expectRel(quantileSorted(abs, 0.99), r.p99abs, 1e-9);
  expect(abs[abs.length - 1]).toBe(r.maxAbs);
  expectRel(fsum(abs) / abs.length, r.meanAbs, 1e-9);
}

describe('bars equal core resampleBars (the in-memory reference) for every timeframe', () => {
  beforeAll(async () => {
    for (const p of ['EURUSD', 'USDJPY']) raw.set(sym(p), (await store.bars(sym(p), { source: 'HistData' })).bars);
  });
  for (const tf of TIMEFRAMES) {
    it(`${tf}: EUR/USD and USD/JPY, bar by bar`, async () => {
      for (const s of raw.keys()) {
        const mine = (await store.bars(s, { timeframe: tf as Timeframe, source: 'HistData' })).bars;
        const core = resampleBars(raw.get(s)!, tf as Timeframe).bars;
        expectBars(mine, { ...core, time: Array.from(core.time) } as unknown as RefBars, `${s} ${tf}`);
      }
    });
  }

  it('other trading-day conventions too: 17:00 Kolkata (UTC+5:30) and 22:00 London', async () => {
    for (const convention of [
      { tz: 'Asia/Kolkata', rollHour: 17 },
      { tz: 'Europe/London', rollHour: 22 },
    ]) {
      for (const tf of ['H1', 'H4', 'D1', 'W1'] as const) {
        const mine = (await store.bars('EUR/USD', { timeframe: tf, source: 'HistData', convention })).bars;
        const core = resampleBars(raw.get('EUR/USD')!, tf, convention);
        expectBars(mine, { ...core.bars, time: Array.from(core.bars.time) } as unknown as RefBars, `EUR/USD ${tf} ${convention.tz}`);
      }
    }
  });

  it('a window [from, to] is the same bars as slicing the whole series', async () => {
    const all = (await store.bars('EUR/USD', { timeframe: 'H4', source: 'HistData' })).bars;
    const from = Date.UTC(2017, 5, 1, 2);
    const to = Date.UTC(2017, 5, 30, 21);
    const part = (await store.bars('EUR/USD', { timeframe: 'H4', source: 'HistData', from, to })).bars;
    const a = all.time.findIndex((t) => t >= from);
    const b = Array.from(all.time).filter((t) => t <= to).length - 1;
    expectSameArray(part.time, all.time.slice(a, b + 1), 'time');
    expectSameArray(part.close, all.close.slice(a, b + 1), 'close');
  });
});

describe('markets from the store give the frames markets from the files give', () => {
  let fileMarket: Market;
  beforeAll(async () => {
    const ds = await readDataset([histData('EURUSD'), histData('USDJPY')]);
    fileMarket = new Market(ds.series, { frequency: ds.frequency });
  });
  const symbols = ['EUR/USD', 'USD/JPY', 'EUR/JPY', 'JPY/USD'];

  it('symbols built in the store (cross minute by minute), resampled to H1: H1, H4 and D1 frames', async () => {
    const m = await store.market({ source: 'legs', symbols, timeframe: 'H1' });
    expect(m.frequency).toBe('intraday');
    for (const tf of ['H1', 'H4', 'D1'] as const) expectSameFrame(m.frame(symbols, { kind: 'inner' }, tf).frame, fileMarket.frame(symbols, { kind: 'inner' }, tf).frame, `store H1 market, ${tf} frame`);
    expect(() => m.frame(symbols, { kind: 'inner' }, 'M5')).toThrow(/finer than the H1 bars/);
  });

  it('the stored rows themselves: M5, D1 and W1 frames, pairwise', async () => {
    const m = await store.market({ source: 'legs' });
    expect([...m.quoted].sort()).toEqual(['EUR/USD', 'USD/JPY']);
    for (const tf of ['M5', 'D1', 'W1'] as const) expectSameFrame(m.frame(symbols, { kind: 'pairwise' }, tf).frame, fileMarket.frame(symbols, { kind: 'pairwise' }, tf).frame, `raw store market, ${tf} frame`);
    expect(m.series('EUR/JPY').close.length).toBe(fileMarket.series('EUR/JPY').close.length);
  });

  it('a D1 market is daily: frames without a timeframe are D1 bars', async () => {
    const m = await store.market({ source: 'legs', symbols: ['EUR/USD', 'EUR/JPY'], timeframe: 'D1' });
    expect(m.frequency).toBe('daily');
    expectSameFrame(m.frame(['EUR/USD', 'EUR/JPY'], { kind: 'inner' }, 'D1').frame, fileMarket.frame(['EUR/USD', 'EUR/JPY'], { kind: 'inner' }, 'D1').frame, 'D1 market');
  });

  it('picks the source that has every symbol, and says which', async () => {
    const m = await store.market({ symbols: ['GBP/USD', 'EUR/USD'], timeframe: 'D1' });
    expect(m.source).toBe('HistData');
    expect(m.notes.join(' ')).toMatch(/reading HistData from the store \(also stored: legs/);
  });
});
