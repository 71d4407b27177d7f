import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { readDataset } from '../../src/formats/readDataset.js';
import { readHistData } from '../../src/formats/readers.js';
import { expectRel, fsum, gz, inputError, put, series, strictlyIncreasing, tempDir, zip } from './helpers.js';

// Reference: readers.gen.py — pandas 1.5.3 read_csv(sep=';', float_precision='round_trip') on the zip member,
// times: to_datetime('%Y%m%d %H%M%S').dt.tz_localize('America/New_York').dt.tz_convert('UTC').
const ref = JSON.parse(readFileSync(new URL('../fixtures/readers.json', import.meta.url), 'utf8')).histdata as Record<
  string,
  {
    file: string;
    member: string;
    symbol: string;
    count: number;
    first: number;
    last: number;
    minutes_from_first_sum: number;
    sum: Record<string, number>;
    mean: Record<string, number>;
    samples: { line: number; local: string; time: number; open: number; high: number; low: number; close: number; volume: number }[];
  }
>;
const p = tempDir();
const COLS = ['open', 'high', 'low', 'close', 'volume'] as const;
const ROW = '20170102 020000;1.051550;1.051970;1.051550;1.051900;0';

describe('readHistData on the eight real 2017 zips', () => {
  for (const [pair, r] of Object.entries(ref)) {
    it(`${pair}: matches pandas (count, first/last, minutes, column sums, DST samples)`, async () => {
      const t0 = performance.now();
      const ds = await readHistData(sharedData(r.file));
      const ms = performance.now() - t0;
      console.log(`readHistData ${pair}: ${r.count} rows in ${ms.toFixed(0)} ms`);
      expect(ds.source).toBe('HistData');
      expect(ds.frequency).toBe('intraday');
      expect(ds.series).toHaveLength(1);
      const s = series(ds, r.symbol);
      expect(s.time.length).toBe(r.count);
      expect(s.time[0]).toBe(r.first);
      expect(s.time[s.time.length - 1]).toBe(r.last);
      expect(strictlyIncreasing(s.time)).toBe(true);
      let minutes = 0;
      for (let i = 0; i < s.time.length; i++) minutes += (s.time[i]! - r.first) / 60_000;
      expect(minutes).toBe(r.minutes_from_first_sum);
      for (const c of COLS) {
        expectRel(fsum(s[c]!), r.sum[c]!);
        expectRel(fsum(s[c]!) / s.time.length, r.mean[c]!);
      }
      for (const x of r.samples) {
        // No rows are dropped in these files, so the row index is the CSV line − 1.
        const i = x.line - 1;
        expect(s.time[i], `${pair} ${x.local}`).toBe(x.time);
        for (const c of COLS) expect(s[c]![i], `${pair} ${x.local} ${c}`).toBe(x[c]);
      }
      expect(ds.notes.join()).toMatch(/New York wall clock \(EST\/EDT\)/);
    });
  }

  it('EURUSD around both 2017 DST switches: the Sunday 17:00 open is 22:00Z in winter, 21:00Z in summer', async () => {
    const s = series(await readHistData(sharedData(ref.EURUSD!.file)), 'EUR/USD');
    const first = (local: string): number => ref.EURUSD!.samples.find((x) => x.local === local)!.time;
    expect(first('20170312 170000')).toBe(Date.UTC(2017, 2, 12, 21, 0));
    expect(first('20171105 170000')).toBe(Date.UTC(2017, 10, 5, 22, 0));
    expect(s.time.indexOf(Date.UTC(2017, 2, 12, 21, 0))).toBeGreaterThan(0);
    expect(s.time.indexOf(Date.UTC(2017, 0, 2, 7, 0))).toBe(0);
  });

  it('reads several files into one dataset (one series per pair)', async () => {
    const ds = await readHistData([sharedData(ref.EURUSD!.file), sharedData(ref.USDJPY!.file)]);
    expect(ds.series.map((x) => x.symbol)).toEqual(['EUR/USD', 'USD/JPY']);
    expect(ds.files).toHaveLength(2);
  });
});

describe('readHistData edge cases', () => {
  it('takes the symbol from the file name, the zip member, or options.symbol', async () => {
    expect((await readHistData(put(p('DAT_ASCII_GBPUSD_M1_2017.csv'), `${ROW}\n`))).series[0]!.symbol).toBe('GBP/USD');
    const z = put(p('HISTDATA_COM_ASCII_AUDUSD_M1_2017.zip'), zip([{ name: 'DAT_ASCII_AUDUSD_M1_2017.txt', text: 'gaps' }, { name: 'DAT_ASCII_AUDUSD_M1_2017.csv', text: `${ROW}\n` }]));
    const fromZip = await readHistData(z);
    expect(fromZip.series[0]!.symbol).toBe('AUD/USD');
    expect(fromZip.notes[0]).toMatch(/DAT_ASCII_AUDUSD_M1_2017\.csv/);
    expect((await readHistData(put(p('bars.csv'), `${ROW}\n`), { symbol: 'eur_chf' })).series[0]!.symbol).toBe('EUR/CHF');
    await inputError(readHistData(put(p('bars2.csv'), `${ROW}\n`)), { message: /cannot tell the symbol .* pass symbol/ });
    await inputError(readHistData(put(p('bars3.csv'), `${ROW}\n`), { symbol: 'EURO' }), { message: /not a currency pair/, field: 'symbol' });
  });

  it('one row: New York wall clock → UTC (EST in January)', async () => {
    const s = (await readHistData(put(p('DAT_ASCII_EURUSD_M1_2017.csv'), `${ROW}\n`))).series[0]!;
    expect([...s.time]).toEqual([Date.UTC(2017, 0, 2, 7, 0)]);
    expect([s.open![0], s.high![0], s.low![0], s.close[0], s.volume![0]]).toEqual([1.05155, 1.05197, 1.05155, 1.0519, 0]);
  });

  it('tz overrides the zone (e.g. a fixed-EST file) and says so', async () => {
    const ds = await readHistData(put(p('DAT_ASCII_EURUSD_M1_2016.csv'), '20170702 170000;1.1;1.1;1.1;1.1;0\n'), { tz: 'Etc/GMT+5' });
    expect(ds.series[0]!.time[0]).toBe(Date.UTC(2017, 6, 2, 22, 0));
    expect(ds.notes.join('\n')).toMatch(/Etc\/GMT\+5/);
    await inputError(readHistData(put(p('DAT_ASCII_EURUSD_M1_2015.csv'), `${ROW}\n`), { tz: 'Mars/Olympus' }), { message: /unknown time zone/, field: 'tz' });
  });

  it('a wall-clock time inside the spring-forward gap is a bad row', async () => {
    const f = put(p('DAT_ASCII_EURUSD_M1_2014.csv'), `${ROW}\n20170312 023000;1.1;1.1;1.1;1.1;0\n`);
    await inputError(readHistData(f), { message: /does not exist in America\/New_York/, line: 2, field: 'time', text: '20170312 023000' });
  });

  it('empty file, bad number, wrong field count, bad time, zero price, high < low, open/close outside the range', async () => {
    const f = (name: string, body: string): string => put(p(`DAT_ASCII_EURUSD_M1_${name}.csv`), body);
    await inputError(readHistData(f('empty', '')), { message: /empty file/ });
    await inputError(readHistData(f('num', `${ROW}\n20170102 020100;1.2x;1.1;1.0;1.05;0\n`)), { message: /not a number/, line: 2, field: 'open', text: '1.2x' });
    await inputError(readHistData(f('cnt', `${ROW}\n20170102 020100;1.1;1.1;1.0\n`)), { message: /expected 6 fields, found 4/, line: 2 });
    await inputError(readHistData(f('time', '2017-01-02 02:01;1.1;1.1;1.0;1.05;0\n')), { message: /not a time/, line: 1, field: 'time', text: '2017-01-02 02:01' });
    await inputError(readHistData(f('date', '20170231 020100;1.1;1.1;1.0;1.05;0\n')), { message: /not a time/, line: 1 });
    await inputError(readHistData(f('zero', '20170102 020100;1.1;1.1;0;1.05;0\n')), { message: /price must be > 0/, field: 'low', text: '0' });
    await inputError(readHistData(f('neg', '20170102 020100;1.1;1.1;1.0;-1.05;0\n')), { message: /> 0/, field: 'close' });
    await inputError(readHistData(f('hl', '20170102 020100;1.05;1.0;1.1;1.05;0\n')), { message: /high < low/, field: 'high', line: 1 });
    await inputError(readHistData(f('open', '20170102 020100;1.2;1.1;1.0;1.05;0\n')), { message: /open outside \[low, high\]/, field: 'open' });
    await inputError(readHistData(f('close', '20170102 020100;1.05;1.1;1.0;0.9;0\n')), { message: /close outside \[low, high\]/, field: 'close' });
    await inputError(readHistData(f('vol', '20170102 020100;1.05;1.1;1.0;1.0;-3\n')), { message: /volume < 0/, field: 'volume' });
  });

  it('sorts unsorted rows (stable) and drops exact duplicates, with notes; conflicts name both lines', async () => {
    const body = ['20170102 020200;1.3;1.3;1.3;1.3;0', ROW, '20170102 020100;1.2;1.2;1.2;1.2;0', ROW].join('\n');
    const ds = await readHistData(put(p('DAT_ASCII_EURUSD_M1_sort.csv'), body));
    const s = ds.series[0]!;
    expect([...s.close]).toEqual([1.0519, 1.2, 1.3]);
    expect(ds.notes.join()).toMatch(/EUR\/USD: sorted 2 out-of-order rows/);
    expect(ds.notes.join()).toMatch(/dropped 1 exact duplicate row\b/);
    const f = put(p('DAT_ASCII_EURUSD_M1_conf.csv'), `${ROW}\n20170102 020100;1.2;1.2;1.2;1.2;0\n20170102 020000;1.051550;1.051970;1.051550;1.051910;0\n`);
    await inputError(readHistData(f), { message: /duplicate time 2017-01-02T07:00Z with different values \(also line 1\)/, file: f, line: 3 });
  });

  it('skipBadRows counts skipped rows and keeps the first locations', async () => {
    const bad = Array.from({ length: 12 }, (_, k) => `20170102 03${String(k).padStart(2, '0')}00;1.2x;1;1;1;0`);
    const ds = await readHistData(put(p('DAT_ASCII_EURUSD_M1_skip.csv'), [ROW, ...bad, 'garbage'].join('\n')), { skipBadRows: true });
    expect(ds.series[0]!.time.length).toBe(1);
    expect(ds.skipped.count).toBe(13);
    expect(ds.skipped.first).toHaveLength(10);
    expect(ds.skipped.first[0]).toMatchObject({ line: 2, field: 'open', text: '1.2x', reason: 'not a number' });
    expect(ds.skipped.first[9]!.line).toBe(11);
    await inputError(readHistData(put(p('DAT_ASCII_EURUSD_M1_allbad.csv'), 'garbage\n'), { skipBadRows: true }), { message: /no valid rows \(1 skipped\)/ });
  });

  it('reads .gz like the plain file; CRLF and a missing final newline are fine', async () => {
    const text = `${ROW}\r\n20170102 020100;1.052090;1.052090;1.051770;1.051790;0`;
    const a = await readHistData(put(p('DAT_ASCII_EURUSD_M1_a.csv'), text));
    const b = await readHistData(put(p('DAT_ASCII_EURUSD_M1_a.csv.gz'), gz(text)));
    expect(b.series).toEqual(a.series);
    expect(a.series[0]!.time.length).toBe(2);
  });

  it('is detected from the first line', async () => {
    expect((await readDataset(put(p('DAT_ASCII_USDJPY_M1_x.csv'), '20170102 020000;117.250000;117.300000;117.200000;117.280000;0\n'))).format).toBe('histdata');
  });
});
