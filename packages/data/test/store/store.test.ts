// Store-level behaviour: idempotent re-import, conflicts and --replace,
// atomicity on bad input (corrupt, wrong format, empty, bad row) and on
// abort, the weekly closure, concurrent open, kinds and timeframes, listing
// and removing. Error messages are compared with readDataset's on the same
// file: the import must say exactly what the readers say.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate } from '@soukan/core';
import { InputError } from '../../src/errors.js';
import { readDataset } from '../../src/formats/readDataset.js';
import { Market } from '../../src/market/market.js';
import { ImportAborted } from '../../src/import/index.js';
import { Store } from '../../src/store/store.js';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { zip } from '../formats/helpers.js';
import { expectSameFrame, histData, histDataFile, tempDir } from './helpers.js';

const at = tempDir();

/** The InputError readDataset throws for these files (the import must throw the same). */
async function readerError(paths: string[], options = {}): Promise<InputError> {
  try {
    await readDataset(paths, options);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('readDataset did not fail');
}

async function importError(store: Store, paths: string[], options = {}): Promise<unknown> {
  try {
    await store.importFiles(paths, options);
  } catch (e) {
    return e;
  }
  throw new Error('import did not fail');
}

describe('an EUR/USD store', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(at('eurusd.duckdb'));
    await store.importFiles([histData('EURUSD')]);
  }, 120_000);
  afterAll(() => store?.close());

  it('re-importing the same file adds nothing (idempotent on source + symbol + time)', async () => {
    const before = await store.fingerprint();
    const again = await store.importFiles([histData('EURUSD')]);
    expect(again.added).toBe(0);
    expect(again.duplicates).toBe(371_635);
    expect(again.conflicts).toBe(0);
    const after = await store.fingerprint();
    expect(after.bars).toEqual(before.bars);
    expect(after.imports).toBe(before.imports + 1);
    const [s] = await store.list();
    expect(s!.rows).toBe(371_635);
  });

  it('reports rows that differ from stored ones, keeps the stored values, and --replace takes the new ones', async () => {
    // 2017-01-02 02:00 and 02:01 New York are the file's first two rows.
    const orig = (await store.bars('EUR/USD', { from: Date.UTC(2017, 0, 2, 7), to: Date.UTC(2017, 0, 2, 7, 1) })).bars;
    expect(orig.time.length).toBe(2);
    const f = histDataFile(at, 'EURUSD', 'conflict', [
      ['2017-01-02 02:00', orig.open[0]!, orig.high[0]!, orig.low[0]!, orig.close[0]!],
      ['2017-01-02 02:01', orig.open[1]!, orig.high[1]! + 0.001, orig.low[1]!, orig.close[1]!],
      ['2018-01-02 02:00', 1.2, 1.21, 1.19, 1.2],
    ]);
    const newHigh = Number((orig.high[1]! + 0.001).toFixed(6));
    const before = await store.fingerprint();
    const kept = await store.importFiles([f]);
    expect([kept.added, kept.duplicates, kept.conflicts, kept.replaced]).toEqual([1, 1, 1, 0]);
    const c = kept.series[0]!.conflictSamples[0]!;
    expect(c).toMatchObject({ time: Date.UTC(2017, 0, 2, 7, 1), line: 2, stored: [orig.open[1], orig.high[1], orig.low[1], orig.close[1], 0], incoming: [orig.open[1], newHigh, orig.low[1], orig.close[1], 0] });
    expect(c.file).toMatch(/DAT_ASCII_EURUSD_M1_conflict\.csv$/);
    expect(kept.notes.join('\n')).toMatch(/EUR\/USD \(HistData\): 1 row\(s\) differ from the stored ones; kept the stored values \(use --replace/);
    expect((await store.bars('EUR/USD', { from: Date.UTC(2017, 0, 2, 7, 1), to: Date.UTC(2017, 0, 2, 7, 1) })).bars.high[0]).toBe(orig.high[1]);
    expect((await store.fingerprint()).bars.rows).toBe(before.bars.rows + 1);

    expect(await store.check()).toEqual([]);
    const replaced = await store.importFiles([f], { replace: true });
    expect([replaced.added, replaced.duplicates, replaced.conflicts, replaced.replaced]).toEqual([0, 2, 1, 1]);
    expect(await store.check()).toEqual([]);
    // The H1 bar of 07:00 UTC (from the quarter-hour rollup) sees the replaced high.
    const h1 = (await store.bars('EUR/USD', { timeframe: 'H1', from: Date.UTC(2017, 0, 2, 7), to: Date.UTC(2017, 0, 2, 7, 59, 59, 999) })).bars;
    expect(h1.high[0]).toBeGreaterThanOrEqual(newHigh);
    expect((await store.bars('EUR/USD', { from: Date.UTC(2017, 0, 2, 7, 1), to: Date.UTC(2017, 0, 2, 7, 1) })).bars.high[0]).toBe(newHigh);
    const [s] = await store.list();
    expect(s!.rows).toBe(371_636);
    expect(s!.last).toBe(Date.UTC(2018, 0, 2, 7));
  });

  describe('bad input leaves the store exactly as it was, with the readers\' message', () => {
    const cases: [string, () => string[]][] = [
      ['a corrupt zip', () => [histData('USDJPY'), at('HISTDATA_COM_ASCII_GBPUSD_M1_2017.zip')]],
      ['a file in no known format', () => [histData('USDJPY'), writeText('prices.csv', 'name,price,when\nbread,2.5,today\n')]],
      ['an empty file', () => [histData('USDJPY'), writeText('DAT_ASCII_GBPUSD_M1_empty.csv', '\n\n')]],
      ['a row with high < low (after 370k good rows of another file)', () => [histData('USDJPY'), badRowFile()]],
      ['a price of zero', () => [writeText('DAT_ASCII_GBPUSD_M1_zero.csv', '20170103 100000;1.2;1.3;1.1;1.2;0\n20170103 100100;0;1.3;1.1;1.2;0\n')]],
      ['two rows at one time with different values', () => [writeText('DAT_ASCII_GBPUSD_M1_twice.csv', '20170103 100000;1.2;1.3;1.1;1.2;0\n20170103 100000;1.2;1.3;1.1;1.25;0\n')]],
    ];
    beforeAll(() => {
      // The real GBPUSD zip cut in half: a corrupt archive.
      const real = readFileSync(histData('GBPUSD'));
      writeFileSync(at('HISTDATA_COM_ASCII_GBPUSD_M1_2017.zip'), real.subarray(0, real.length >> 1));
    });
    for (const [what, files] of cases) {
      it(what, async () => {
        const paths = files();
        const before = await store.fingerprint();
        const listBefore = await store.list();
        const e = await importError(store, paths);
        expect(e).toBeInstanceOf(InputError);
        const bad = paths[paths.length - 1]!;
        const expected = await readerError([bad]);
        expect((e as InputError).message).toBe(expected.message);
        expect([(e as InputError).file, (e as InputError).line, (e as InputError).field, (e as InputError).text]).toEqual([expected.file, expected.line, expected.field, expected.text]);
        expect(await store.fingerprint()).toEqual(before);
        expect(await store.list()).toEqual(listBefore);
      });
    }

    it('names file, line, field and text of a bad row', async () => {
      const e = (await importError(store, [badRowFile()])) as InputError;
      expect(e.message).toMatch(/DAT_ASCII_GBPUSD_M1_bad\.csv, line 3, field high: high < low/);
      expect([e.line, e.field]).toEqual([3, 'high']);
    });

    it('with skipBadRows the other rows are imported and the bad ones reported with their first locations', async () => {
      const r = await store.importFiles([badRowFile()], { skipBadRows: true });
      expect(r.skipped.count).toBe(1);
      expect(r.skipped.first[0]).toMatchObject({ line: 3, field: 'high', reason: 'high < low' });
      expect(r.added).toBe(4);
      expect(r.notes.join('\n')).toMatch(/skipped 1 bad row \(skipBadRows\); first: .*DAT_ASCII_GBPUSD_M1_bad\.csv, line 3, field high: high < low: "20170103 100200;1\.2300;1\.2100;1\.2200;1\.2350;0"/);
      await store.remove('GBP/USD');
    });
  });

  it('keeps the quarter-hour rollup exact when a file adds minutes to quarter-hours already stored', async () => {
    // The file's last minute is 2017-12-29 16:57 New York; 16:58 and 16:59 share its quarter-hour (21:45–22:00 UTC).
    const f = histDataFile(at, 'EURUSD', 'sameQuarter', [
      ['2017-12-29 16:58', 1.2, 1.5, 0.5, 1.2],
      ['2017-12-29 16:59', 1.2, 1.2, 1.2, 1.2],
    ]);
    const r = await store.importFiles([f]);
    expect(r.added).toBe(2);
    expect(await store.check()).toEqual([]);
    const m15 = (await store.bars('EUR/USD', { timeframe: 'M15', from: Date.UTC(2017, 11, 29, 21, 45), to: Date.UTC(2017, 11, 29, 21, 59, 59, 999) })).bars;
    expect([m15.high[0], m15.low[0], m15.close[0]]).toEqual([1.5, 0.5, 1.2]);
    await store.remove('EUR/USD');
    await store.importFiles([histData('EURUSD')]);
  });

  it('reports out-of-order and duplicate rows inside a file instead of merging them silently', async () => {
    const f = writeText('DAT_ASCII_AUDUSD_M1_order.csv', ['20170103 100200;0.72;0.73;0.71;0.72;0', '20170103 100000;0.72;0.73;0.71;0.72;0', '20170103 100000;0.72;0.73;0.71;0.72;0', '20170103 100100;0.72;0.73;0.71;0.72;0'].join('\n'));
    const r = await store.importFiles([f]);
    expect(r.notes.join('\n')).toMatch(/AUD\/USD: sorted 1 out-of-order row/);
    expect(r.notes.join('\n')).toMatch(/AUD\/USD: dropped 1 exact duplicate row/);
    expect(r.added).toBe(3);
    await store.remove('AUD/USD');
  });

  it('an abort rolls everything back (ImportAborted)', async () => {
    const before = await store.fingerprint();
    const ac = new AbortController();
    let fired = false;
    const e = await importError(store, [histData('USDJPY'), histData('GBPUSD')], {
      signal: ac.signal,
      onProgress: (p: { fileIndex: number; fraction: number }) => {
        if (!fired && p.fileIndex === 1 && p.fraction > 0.6) {
          fired = true;
          ac.abort();
        }
      },
    });
    expect(e).toBeInstanceOf(ImportAborted);
    expect(await store.fingerprint()).toEqual(before);
  });

  it('refuses a series stored as bars when a file brings close-only values', async () => {
    const f = writeText('long.csv', 'time,symbol,value\n2017-01-03 10:00,EUR/USD,1.05\n2017-01-03 10:01,EUR/USD,1.06\n');
    const e = (await importError(store, [f], { source: 'HistData' })) as InputError;
    expect(e.message).toMatch(/EUR\/USD from HistData is stored as intraday OHLC bars; this file has intraday close-only quotes\. Import it under another --source/);
  });

  it('a second process cannot open the store while this one has it, and is told why', async () => {
    const child = await holdStore(at('held.duckdb'));
    try {
      // Not waiting (a writer would wait for the store up to WRITER_WAIT_MS; lockStore.test.ts covers the wait).
      for (const readOnly of [false, true]) {
        const e = await Store.open(at('held.duckdb'), { readOnly, waitMs: 0 }).then(
          () => null,
          (x: unknown) => x,
        );
        expect(e).toBeInstanceOf(InputError);
        expect((e as Error).message).toMatch(new RegExp(`store .*held\\.duckdb is in use by another process \\(PID ${child.pid}, .*node\\) — an import or another soukan command; try again when it has finished`));
      }
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    const again = await Store.open(at('held.duckdb'), { readOnly: true });
    await again.close();
  });
});

function writeText(name: string, text: string): string {
  const p = at(name);
  writeFileSync(p, text);
  return p;
}

function badRowFile(): string {
  return writeText('DAT_ASCII_GBPUSD_M1_bad.csv', ['20170103 100000;1.2300;1.2400;1.2200;1.2350;0', '20170103 100100;1.2300;1.2400;1.2200;1.2350;0', '20170103 100200;1.2300;1.2100;1.2200;1.2350;0', '20170103 100300;1.2300;1.2400;1.2200;1.2350;0', '20170103 100400;1.2300;1.2400;1.2200;1.2350;0'].join('\n'));
}

/** A child process that opens the store for writing and keeps it open until killed. */
function holdStore(path: string): Promise<ChildProcess> {
  const url = new URL('../../../../node_modules/@duckdb/node-api/lib/index.js', import.meta.url).href;
  const script = `const { DuckDBInstance } = await import(${JSON.stringify(url)}); const i = await DuckDBInstance.create(${JSON.stringify(path)}); await i.connect(); console.log('ready'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
}

describe('the weekly closure (Friday 17:00 to Sunday 17:00 New York)', () => {
  let store: Store;
  beforeAll(async () => {
    store = await Store.open(at('weekend.duckdb'));
  });
  afterAll(() => store?.close());

  it('counts closure rows at import, keeps them stored, and leaves them out of bars; Sunday 17:00 starts the week', async () => {
    // New York wall clock, January (EST, UTC-5).
    const f = histDataFile(at, 'EURUSD', 'weekend', [
      ['2017-01-06 16:59', 1.05, 1.06, 1.04, 1.055], // Fri, last minute of Friday's trading day
      ['2017-01-06 17:00', 1.1, 1.1, 1.1, 1.1], // Fri 17:00: closure
      ['2017-01-07 12:00', 1.2, 1.2, 1.2, 1.2], // Sat: closure
      ['2017-01-08 16:59', 1.3, 1.3, 1.3, 1.3], // Sun 16:59: closure
      ['2017-01-08 17:00', 1.04, 1.05, 1.03, 1.045], // Sun 17:00: Monday 9 Jan's first minute
      ['2017-01-09 09:00', 1.045, 1.07, 1.045, 1.06],
    ]);
    const r = await store.importFiles([f]);
    expect(r.weekendRows).toBe(3);
    expect(r.added).toBe(6);
    for (const tf of ['M5', 'H1', 'H4', 'D1', 'W1'] as const) {
      const b = await store.bars('EUR/USD', { timeframe: tf });
      expect(b.weekendRows, tf).toBe(3);
      expect(Math.max(...b.bars.high), tf).toBeLessThan(1.1);
      expect(b.notes.join(' ')).toMatch(/3 row\(s\) inside the weekly closure/);
    }
    const d1 = (await store.bars('EUR/USD', { timeframe: 'D1' })).bars;
    expect(Array.from(d1.time, formatIsoDate)).toEqual(['2017-01-06', '2017-01-09']);
    expect([d1.open[1], d1.high[1], d1.low[1], d1.close[1]]).toEqual([1.04, 1.07, 1.03, 1.06]);
    const w1 = (await store.bars('EUR/USD', { timeframe: 'W1' })).bars;
    expect(Array.from(w1.time, formatIsoDate)).toEqual(['2017-01-02', '2017-01-09']);
    // The stored rows themselves keep the closure rows.
    expect((await store.bars('EUR/USD')).bars.time.length).toBe(6);
  });
});

describe('daily fixings (the ECB history)', () => {
  let store: Store;
  let fileMarket: Market;
  beforeAll(async () => {
    store = await Store.open(at('ecb.duckdb'));
    const ds = await readDataset(sharedData('eurofxref-hist.zip'));
    fileMarket = new Market(ds.series, { frequency: ds.frequency });
  });
  afterAll(() => store?.close());

  it('are stored as quotes, re-import adds nothing, and the market equals the file market', async () => {
    const first = await store.importFiles([sharedData('eurofxref-hist.zip')]);
    expect(first.series).toHaveLength(41);
    expect(first.series.every((s) => s.kind === 'quotes' && s.frequency === 'daily' && s.source === 'ECB')).toBe(true);
    const second = await store.importFiles([sharedData('eurofxref-hist.zip')]);
    expect(second.added).toBe(0);
    expect(second.duplicates).toBe(first.added);
    const m = await store.market();
    expect(m.frequency).toBe('daily');
    expect(m.source).toBe('ECB');
    const symbols = ['EUR/USD', 'USD/JPY', 'GBP/CHF', 'ZAR/JPY'];
    for (const tf of [undefined, 'D1', 'W1'] as const) expectSameFrame(m.frame(symbols, { kind: 'inner' }, tf).frame, fileMarket.frame(symbols, { kind: 'inner' }, tf).frame, `ECB ${tf ?? 'raw'}`);
    const built = await store.market({ symbols, timeframe: 'D1' });
    expectSameFrame(built.frame(symbols).frame, fileMarket.frame(symbols).frame, 'ECB built D1');
  });

  it('refuses intraday timeframes, naming the pair and source', async () => {
    await expect(store.bars('EUR/USD', { timeframe: 'H1' })).rejects.toThrow(/H1 needs intraday data; EUR\/USD from ECB is daily \(use D1 or W1\)/);
  });

  it('suggests close pairs for an unknown one and lists sources for an unknown source', async () => {
    await expect(store.bars('EUR/XXX')).rejects.toThrow(/EUR\/XXX is not in the store and cannot be crossed from its pairs; closest: /);
    await expect(store.bars('EUR/USD', { source: 'Bloomberg' })).rejects.toThrow(/no source "Bloomberg" in the store; stored: ECB/);
  });
});

describe('opening, listing, removing', () => {
  it('a missing store opened read-only is empty; bars say how to fill it', async () => {
    const s = await Store.open(at('none.duckdb'), { readOnly: true });
    expect(await s.list()).toEqual([]);
    await expect(s.bars('EUR/USD')).rejects.toThrow(/the store .*none\.duckdb is empty; import data first \(soukan import FILE…, soukan import ecb\)/);
    await s.close();
  });

  it('a file that is not a DuckDB database is refused with a clear message', async () => {
    const p = writeText('not-a-store.duckdb', 'hello, this is not a database\n'.repeat(200));
    await expect(Store.open(p)).rejects.toThrow(/not-a-store\.duckdb is not a soukan store \(not a DuckDB database file\)/);
  });

  it('remove deletes one source or every source of a symbol; a read-only store refuses', async () => {
    const p = at('remove.duckdb');
    const s = await Store.open(p);
    const f = histDataFile(at, 'USDJPY', 'rm', [['2017-01-03 10:00', 117, 117.1, 116.9, 117.05]]);
    await s.importFiles([f]);
    await s.importFiles([f], { source: 'broker' });
    await expect(s.remove('USD/JPY', { source: 'nope' })).rejects.toThrow(/no source "nope"/);
    await expect(s.remove('EUR/USD')).rejects.toThrow(/EUR\/USD is not stored; stored: USD\/JPY/);
    expect((await s.remove('usdjpy', { source: 'broker' })).map((x) => x.source)).toEqual(['broker']);
    expect((await s.list()).map((x) => x.source)).toEqual(['HistData']);
    await s.close();
    const ro = await Store.open(p, { readOnly: true });
    await expect(ro.remove('USD/JPY')).rejects.toThrow(/open read-only/);
    await ro.close();
  });

  it('bars without volume (generic OHLC CSV) store NULL volume and give NaN volume in bars', async () => {
    const s = await Store.open(at('novol.duckdb'));
    const f = writeText('ohlc.csv', 'time,symbol,open,high,low,close\n2017-01-03 10:00,GBP/USD,1.22,1.23,1.21,1.225\n2017-01-03 10:01,GBP/USD,1.225,1.226,1.224,1.2255\n');
    const r = await s.importFiles([f]);
    expect([r.added, r.series[0]!.source, r.series[0]!.kind]).toEqual([2, 'CSV', 'bars']);
    const m1 = (await s.bars('GBP/USD')).bars;
    expect(Array.from(m1.volume)).toEqual([Number.NaN, Number.NaN]);
    const h1 = (await s.bars('GBP/USD', { timeframe: 'H1' })).bars;
    expect([h1.open[0], h1.high[0], h1.low[0], h1.close[0], h1.volume[0]]).toEqual([1.22, 1.23, 1.21, 1.2255, Number.NaN]);
    expect(await s.check()).toEqual([]);
    await s.close();
  });

  it('a zip holding a HistData member imports like the plain CSV', async () => {
    const s = await Store.open(at('zip.duckdb'));
    const csv = histDataFile(at, 'NZDUSD', 'z', [['2017-01-03 10:00', 0.69, 0.7, 0.68, 0.695]]);
    const z = at('nzd.zip');
    writeFileSync(z, zip([{ name: 'DAT_ASCII_NZDUSD_M1_z.csv', text: readFileSync(csv) }]));
    copyFileSync(z, at('nzd2.zip'));
    const r = await s.importFiles([z, at('nzd2.zip')]);
    expect([r.added, r.duplicates]).toEqual([1, 1]);
    await s.close();
  });
});
