// HistData tick CSV and MetaTrader 5 tick exports. HistData times: New York
// wall clock → UTC as pandas tz_localize('America/New_York') gives them
// (fixtures/ticks.gen.py, lines around both 2017 DST switches). MT5 values
// are the file's own (carried forward where MetaTrader leaves a field empty).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { detectTickFormat, readTicks } from '../../src/ticks/readTicks.js';
import { TickStore } from '../../src/ticks/tickStore.js';
import type { TickBatch } from '../../src/ticks/types.js';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { gz, put, zip } from '../formats/helpers.js';
import { tempDir } from '../store/helpers.js';

const ref = JSON.parse(readFileSync(fixture('packages/data/test/ticks/fixtures/ticks.json'), 'utf8')) as {
  histdata: { line: string; t: number; bid: number; ask: number }[];
  nonexistent: string;
};
const at = tempDir('soukan-tick-text-');

async function all(it: AsyncIterable<TickBatch>): Promise<{ batches: TickBatch[]; time: number[]; bid: number[]; ask: number[] }> {
  const batches: TickBatch[] = [];
  const time: number[] = [];
  const bid: number[] = [];
  const ask: number[] = [];
  for await (const b of it) {
    batches.push(b);
    for (let i = 0; i < b.n; i++) {
      time.push(b.time[i]!);
      bid.push(b.bid[i]!);
      ask.push(b.ask[i]!);
    }
  }
  return { batches, time, bid, ask };
}

describe('HistData tick CSV', () => {
  const text = ref.histdata.map((r) => r.line).join('\r\n') + '\r\n';

  it('New York wall clock → UTC across both DST switches (pandas tz_localize)', async () => {
    const p = put(at('DAT_ASCII_EURUSD_T_201703.csv'), text);
    expect(await detectTickFormat(p)).toBe('histdata-ticks');
    const notes: string[] = [];
    const got = await all(readTicks([p], { notes }));
    expect(got.time).toEqual(ref.histdata.map((r) => r.t));
    expect(got.bid).toEqual(ref.histdata.map((r) => r.bid));
    expect(got.ask).toEqual(ref.histdata.map((r) => r.ask));
    expect(got.batches[0]!).toMatchObject({ symbol: 'EUR/USD', source: 'HistData' });
    expect(Array.from(got.batches[0]!.bidVolume.subarray(0, 1))).toEqual([NaN]);
    // The gaps between these lines are ≥ 36 h, so each counts as a weekly open; hours listed.
    expect(notes.at(-1)).toMatch(/weekly opens .* local time \(America\/New_York\) — at more than one hour/);
  });

  it('zip and gzip, batches of a bounded size', async () => {
    const z = put(at('HISTDATA_COM_ASCII_EURUSD_T201703.zip'), zip([{ name: 'DAT_ASCII_EURUSD_T_201703.csv', text }]));
    const g = put(at('DAT_ASCII_EURUSD_T_201703.csv.gz'), gz(text));
    for (const p of [z, g]) {
      const got = await all(readTicks([p], { batchSize: 2 }));
      expect(got.time).toEqual(ref.histdata.map((r) => r.t));
    }
  });

  it('the weekly open at 17:00 New York every week: one hour reported, no warning', async () => {
    // Sunday opens in winter (EST) and summer (EDT) 2017.
    const lines = ['20170115 170000100,1.06,1.07,0', '20170116 120000000,1.06,1.07,0', '20170716 170000250,1.14,1.15,0', '20170717 090000000,1.14,1.15,0'];
    const notes: string[] = [];
    const got = await all(readTicks([put(at('DAT_ASCII_EURUSD_T_2017.csv'), lines.join('\n'))], { notes }));
    expect(got.time[0]).toBe(Date.UTC(2017, 0, 15, 22, 0, 0, 100));
    expect(got.time[2]).toBe(Date.UTC(2017, 6, 16, 21, 0, 0, 250));
    expect(notes.at(-1)).toBe('DAT_ASCII_EURUSD_T_2017.csv: weekly opens (first tick after a ≥ 36 h gap) at 17h 2× local time (America/New_York)');
  });

  it('bad lines: named by file, line and text; skipBadRows counts them', async () => {
    const p = put(at('DAT_ASCII_EURUSD_T_bad.csv'), ['20170102 020000000,1.05,1.06,0', '20170102 020000100,0,1.06,0', '20170102 020000200,1.05,x,0', ref.nonexistent, '20170102 010000000,1.05,1.06,0', '20170102 020001000,1.05,1.06,0'].join('\n'));
    await expect(all(readTicks([p]))).rejects.toThrow(/DAT_ASCII_EURUSD_T_bad\.csv, line 2.*bid is not a positive number/);
    const notes: string[] = [];
    const got = await all(readTicks([p], { skipBadRows: true, notes }));
    expect(got.time.length).toBe(2);
    expect(notes[0]).toMatch(/skipped 4 bad rows/);
    const onlyGap = put(at('DAT_ASCII_EURUSD_T_gap.csv'), ref.nonexistent + '\n');
    await expect(all(readTicks([onlyGap]))).rejects.toThrow(/does not exist in America\/New_York/);
  });

  it('a file with no symbol in its name needs one; a bar file is not a tick file', async () => {
    const p = put(at('ticks.csv'), text);
    await expect(all(readTicks([p]))).rejects.toThrow(/cannot tell the symbol .* pass symbol/);
    expect((await all(readTicks([p], { symbol: 'gbpusd' }))).batches[0]!.symbol).toBe('GBP/USD');
    const bars = put(at('DAT_ASCII_EURUSD_M1_2017.csv'), '20170102 020000;1.05;1.06;1.04;1.05;0\n');
    await expect(all(readTicks([bars]))).rejects.toThrow(InputError);
    await expect(all(readTicks([bars]))).rejects.toThrow(/not a tick file/);
  });
});

describe('MetaTrader 5 tick export', () => {
  const head = '<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>';
  const rows = [
    '2019.02.04\t00:00:00.994\t1.14543\t1.14545\t\t\t6',
    '2019.02.04\t00:00:01.271\t1.14544\t\t\t\t2', // ask unchanged
    '2019.02.04\t00:00:01.464\t\t1.14546\t\t\t4', // bid unchanged
    '2019.02.04\t00:00:02.000\t\t\t1.14550\t1\t24', // a trade: no quote change, no tick
  ];

  it('carries unchanged BID/ASK forward, skips trade-only lines; UTF-16LE as MT5 writes it', async () => {
    const text = [head, ...rows].join('\r\n') + '\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    for (const content of [text, utf16]) {
      const p = put(at(`EURUSD_201902040000_201902042359.csv`), content);
      expect(await detectTickFormat(p)).toBe('mt5-ticks');
      const got = await all(readTicks([p]));
      expect(got.time).toEqual([Date.UTC(2019, 1, 4, 0, 0, 0, 994), Date.UTC(2019, 1, 4, 0, 0, 1, 271), Date.UTC(2019, 1, 4, 0, 0, 1, 464)]);
      expect(got.bid).toEqual([1.14543, 1.14544, 1.14544]);
      expect(got.ask).toEqual([1.14545, 1.14545, 1.14546]);
      expect(got.batches[0]!.source).toBe('MT5');
    }
  });

  it('server time with tz; bad lines named', async () => {
    const p = put(at('EURUSD_mt5.csv'), [head, ...rows].join('\n'));
    const got = await all(readTicks([p], { tz: 'Europe/Athens' }));
    expect(got.time[0]).toBe(Date.UTC(2019, 1, 3, 22, 0, 0, 994));
    const bad = put(at('EURUSD_mt5_bad.csv'), [head, '2019.02.04\t00:00:00.994\t-1\t1.1\t\t\t6'].join('\n'));
    await expect(all(readTicks([bad]))).rejects.toThrow(/EURUSD_mt5_bad\.csv, line 2.*BID is not a positive number/);
  });

  it('imports into the tick store next to other sources', async () => {
    const store = await TickStore.open(at('mt5.duckdb'));
    try {
      const p = put(at('EURUSD_201902040000_201902042359.csv'), [head, ...rows].join('\n'));
      expect((await store.import(readTicks([p]))).added).toBe(3);
      expect((await store.import(readTicks([p]))).replaced).toBe(3);
      const b = await store.bars('EUR/USD', { timeframe: 'M1', side: 'mid' });
      expect([b.open[0], b.high[0], b.low[0], b.close[0], b.volume[0]]).toEqual([(1.14543 + 1.14545) / 2, (1.14544 + 1.14546) / 2, (1.14543 + 1.14545) / 2, (1.14544 + 1.14546) / 2, 3]);
    } finally {
      await store.close();
    }
  });
});
