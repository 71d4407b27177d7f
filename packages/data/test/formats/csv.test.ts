import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/formats/readDataset.js';
import { readCsvLong, readCsvWide } from '../../src/formats/readers.js';
import { gz, inputError, put, series, tempDir } from './helpers.js';

const p = tempDir();
const D = (y: number, m: number, d: number, h = 0, mi = 0): number => Date.UTC(y, m - 1, d, h, mi);

describe('readCsvLong', () => {
  it('time,symbol,value: one row, symbols canonicalised, daily when every time is a date', async () => {
    const ds = await readCsvLong(put(p('one.csv'), 'Date,Symbol,Value\n2017-01-02,eur_usd,1.0465\n'));
    expect(ds.source).toBe('CSV');
    expect(ds.format).toBe('csv-long');
    expect(ds.frequency).toBe('daily');
    expect(ds.series.map((s) => [s.symbol, [...s.time], [...s.close]])).toEqual([['EUR/USD', [D(2017, 1, 2)], [1.0465]]]);
  });

  it('long OHLC with volume, interleaved symbols, semicolons, tz conversion with a note', async () => {
    const body = 'timestamp;symbol;open;high;low;close;volume\n2017-07-03 12:00;EURUSD;1.1366;1.1367;1.1365;1.1366;5\n2017-07-03 12:00;USDJPY;112.1;112.2;112.0;112.1;6\n';
    const ds = await readCsvLong(put(p('ohlc.csv'), body), { tz: 'America/New_York' });
    expect(ds.frequency).toBe('intraday');
    expect(ds.series.map((s) => s.symbol)).toEqual(['EUR/USD', 'USD/JPY']);
    expect(series(ds, 'USD/JPY').time[0]).toBe(D(2017, 7, 3, 16));
    expect(series(ds, 'USD/JPY').volume![0]).toBe(6);
    expect(ds.notes[0]).toMatch(/times read as America\/New_York and converted to UTC/);
  });

  it('OHLC without volume has no volume array; extra columns are ignored with a note', async () => {
    const ds = await readCsvLong(put(p('ohlc2.csv'), 'datetime,pair,open,high,low,close,source\n2017-01-02T17:00Z,GBP/USD,1.2,1.3,1.1,1.25,x\n'));
    const s = ds.series[0]!;
    expect(s.volume).toBeUndefined();
    expect(s.time[0]).toBe(D(2017, 1, 2, 17));
    expect(ds.notes.join()).toMatch(/ignored column source/);
  });

  it('missing values omit the row (with a note); a half-empty bar is an error', async () => {
    const ds = await readCsvLong(put(p('miss.csv'), 'time,symbol,close\n2017-01-02,EURUSD,\n2017-01-03,EURUSD,NA\n2017-01-04,EURUSD,1.04\n'));
    expect([...ds.series[0]!.time]).toEqual([D(2017, 1, 4)]);
    expect(ds.notes.join()).toMatch(/omitted 2 rows without a value/);
    await inputError(readCsvLong(put(p('half.csv'), 'time,symbol,open,high,low,close\n2017-01-02,EURUSD,1,1,,1\n')), { message: /missing price in a bar/, line: 2 });
  });

  it('bad number, bad symbol, wrong field count, high < low, close outside range', async () => {
    await inputError(readCsvLong(put(p('b1.csv'), 'time,symbol,value\n2017-01-02,EURUSD,1.2x\n')), { message: /not a number/, line: 2, field: 'value', text: '1.2x' });
    await inputError(readCsvLong(put(p('b2.csv'), 'time,symbol,value\n2017-01-02,EURO,1.2\n')), { message: /not a currency pair/, line: 2, field: 'symbol', text: 'EURO' });
    await inputError(readCsvLong(put(p('b3.csv'), 'time,symbol,value\n2017-01-02,EURUSD\n')), { message: /expected 3 fields, found 2/, line: 2 });
    await inputError(readCsvLong(put(p('b4.csv'), 'time,symbol,open,high,low,close\n2017-01-02,EURUSD,1,1,2,1\n')), { message: /high < low/, field: 'high' });
    await inputError(readCsvLong(put(p('b5.csv'), 'time,symbol,open,high,low,close\n2017-01-02,EURUSD,1,2,1,3\n')), { message: /close outside/, field: 'close' });
    await inputError(readCsvLong(put(p('b6.csv'), 'time,symbol,value\n2017-01-02,EURUSD,-0\n')), { message: /> 0/ });
  });

  it('empty, header only, and a header without value columns', async () => {
    await inputError(readCsvLong(put(p('e.csv'), '')), { message: /empty file/ });
    await inputError(readCsvLong(put(p('h.csv'), 'time,symbol,value\n')), { message: /header only/ });
    await inputError(readCsvLong(put(p('nv.csv'), 'time,symbol,comment\n2017-01-02,EURUSD,x\n')), { message: /no value .* or open\/high\/low\/close columns/, line: 1 });
  });

  it('sorts per symbol, drops exact duplicates, rejects conflicts naming both lines', async () => {
    const ds = await readCsvLong(put(p('s.csv'), 'time,symbol,value\n2017-01-03,EURUSD,1.03\n2017-01-02,EURUSD,1.02\n2017-01-02,USDJPY,117\n2017-01-02,EURUSD,1.02\n'));
    expect([...series(ds, 'EUR/USD').close]).toEqual([1.02, 1.03]);
    expect(ds.notes.join()).toMatch(/EUR\/USD: sorted 1 out-of-order row\b/);
    expect(ds.notes.join()).toMatch(/EUR\/USD: dropped 1 exact duplicate row\b/);
    await inputError(readCsvLong(put(p('c.csv'), 'time,symbol,value\n2017-01-02,EURUSD,1.02\n2017-01-02,EURUSD,1.03\n')), {
      message: /duplicate time 2017-01-02 with different values \(also line 2\)/,
      line: 3,
    });
  });

  it('skipBadRows counts and locates', async () => {
    const ds = await readCsvLong(put(p('k.csv'), 'time,symbol,value\n2017-01-02,EURUSD,1.02\nnope,EURUSD,1\n2017-01-04,EURUSD,1.2x\n'), { skipBadRows: true });
    expect(ds.skipped.count).toBe(2);
    expect(ds.skipped.first.map((x) => [x.line, x.field, x.text])).toEqual([
      [3, 'time', 'nope'],
      [4, 'value', '1.2x'],
    ]);
  });
});

describe('readCsvWide', () => {
  it('time,<SYM>… with missing cells omitted per series; header spellings via parseSymbol', async () => {
    const ds = await readCsvWide(put(p('w.csv'), 'Date,EURUSD,usd_jpy,GBP/USD\n2017-01-02,1.04,,1.23\n2017-01-03,1.05,117.5,N/A\n'));
    expect(ds.format).toBe('csv-wide');
    expect(ds.series.map((s) => [s.symbol, s.time.length])).toEqual([
      ['EUR/USD', 2],
      ['USD/JPY', 1],
      ['GBP/USD', 1],
    ]);
  });

  it('a header that is not a pair is refused by name', async () => {
    await inputError(readCsvWide(put(p('bad.csv'), 'date,EURUSD,price\n2017-01-02,1,2\n')), { message: /column "price" is not a currency pair/, line: 1 });
  });

  it('delimiter detection (tab, semicolon) and override', async () => {
    const tab = await readCsvWide(put(p('t.csv'), 'time\tEURUSD\n2017-01-02\t1.04\n'));
    const semi = await readCsvWide(put(p('s.csv'), 'time;EURUSD\n2017-01-02;1.04\n'));
    expect(tab.series).toEqual(semi.series);
    const pipe = await readCsvWide(put(p('pipe.csv'), 'time|EURUSD\n2017-01-02|1.04\n'), { delimiter: '|' });
    expect(pipe.series).toEqual(tab.series);
    await inputError(readCsvWide(put(p('d.csv'), 'time,EURUSD\n'), { delimiter: '::' }), { message: /delimiter must be one character/ });
  });

  it('timeColumn picks the time column; a separate time-of-day column is joined to date', async () => {
    const ds = await readCsvWide(put(p('tc.csv'), 'when,EURUSD\n2017-01-02 10:00,1.04\n'), { timeColumn: 'WHEN' });
    expect(ds.series[0]!.time[0]).toBe(D(2017, 1, 2, 10));
    await inputError(readCsvWide(put(p('tc2.csv'), 'when,EURUSD\n2017-01-02 10:00,1.04\n'), { timeColumn: 'at' }), { message: /no column named "at"/ });
    const dt = await readCsvWide(put(p('dt.csv'), 'Date,Time,EURUSD\n2017.01.02,10:30,1.04\n'));
    expect(dt.series[0]!.time[0]).toBe(D(2017, 1, 2, 10, 30));
  });

  it('dateFormat: DD/MM/YYYY vs MM/DD/YYYY, ambiguous without it', async () => {
    const f = put(p('slash.csv'), 'date,EURUSD\n02/01/2017,1.04\n');
    expect((await readCsvWide(f, { dateFormat: 'DD/MM/YYYY' })).series[0]!.time[0]).toBe(D(2017, 1, 2));
    expect((await readCsvWide(f, { dateFormat: 'MM/DD/YYYY' })).series[0]!.time[0]).toBe(D(2017, 2, 1));
    await inputError(readCsvWide(f), { message: /ambiguous day\/month order; pass dateFormat/, line: 2, field: 'date', text: '02/01/2017' });
    await inputError(readCsvWide(f, { dateFormat: 'DD/QQ/YYYY' }), { message: /bad dateFormat/, field: 'dateFormat' });
  });

  it('epoch seconds / milliseconds and ISO offsets are absolute instants (tz ignored)', async () => {
    const s = await readCsvWide(put(p('es.csv'), 'timestamp,EURUSD\n1483376400,1.04\n'), { tz: 'Asia/Tokyo' });
    expect(s.series[0]!.time[0]).toBe(D(2017, 1, 2, 17));
    const ms = await readCsvWide(put(p('ems.csv'), 'timestamp,EURUSD\n1483376400000,1.04\n'));
    expect(ms.series).toEqual(s.series);
    const off = await readCsvWide(put(p('off.csv'), 'time,EURUSD\n2017-01-03T02:00:00+09:00,1.04\n'), { tz: 'America/New_York' });
    expect(off.series[0]!.time[0]).toBe(D(2017, 1, 2, 17));
    expect(off.notes).toEqual([]);
    const mixed = put(p('mix.csv'), 'time,EURUSD\n2017-01-03T02:00:00+09:00,1.04\n2017-01-03T03:00:00,1.05\n');
    await inputError(readCsvWide(mixed), { message: /no time-zone offset \(earlier rows have one\)/, line: 3 });
  });

  it('explicit dateFormats: YYYY.MM.DD HH:mm, YYYYMMDD HHmmss, ISO, fractions', async () => {
    const cases: [string, string, number][] = [
      ['YYYY.MM.DD HH:mm', '2017.01.02 17:05', D(2017, 1, 2, 17, 5)],
      ['YYYYMMDD HHmmss', '20170102 170500', D(2017, 1, 2, 17, 5)],
      ['ISO', '2017-01-02T17:05:30.250Z', D(2017, 1, 2, 17, 5) + 30_250],
      ['YYYY-MM-DD HH:mm[:ss]', '2017-01-02 17:05', D(2017, 1, 2, 17, 5)],
      ['D.M.YYYY H:mm', '2.1.2017 7:05', D(2017, 1, 2, 7, 5)],
      ['epoch-s', '1483376700', D(2017, 1, 2, 17, 5)],
    ];
    for (const [fmt, text, want] of cases) {
      const ds = await readCsvWide(put(p(`f${want}.csv`), `time,EURUSD\n${text},1.04\n`), { dateFormat: fmt });
      expect(ds.series[0]!.time[0], fmt).toBe(want);
    }
    await inputError(readCsvWide(put(p('f-bad.csv'), 'time,EURUSD\n2017-01-02,1\n2017-13-02,1\n'), { dateFormat: 'YYYY-MM-DD' }), { message: /not a time \(expected YYYY-MM-DD\)/, line: 3 });
  });

  it('wall-clock intraday times default to UTC with a note; a DST-gap time under tz is an error', async () => {
    const ds = await readCsvWide(put(p('utc.csv'), 'time,EURUSD\n2017-03-12 02:30,1.04\n'));
    expect(ds.series[0]!.time[0]).toBe(D(2017, 3, 12, 2, 30));
    expect(ds.notes[0]).toMatch(/wall-clock times read as UTC/);
    await inputError(readCsvWide(p('utc.csv'), { tz: 'America/New_York' }), { message: /does not exist in America\/New_York/, line: 2, field: 'time' });
  });

  it('empty, header only, bad number, zero, duplicates and sorting, gz', async () => {
    await inputError(readCsvWide(put(p('e.csv'), '')), { message: /empty file/ });
    await inputError(readCsvWide(put(p('h.csv'), 'time,EURUSD\n')), { message: /header only/ });
    await inputError(readCsvWide(put(p('n.csv'), 'time,EURUSD\n2017-01-02,1.2x\n')), { message: /not a number/, field: 'EURUSD', text: '1.2x', line: 2 });
    await inputError(readCsvWide(put(p('z.csv'), 'time,EURUSD\n2017-01-02,0\n')), { message: /> 0/ });
    const text = 'time,EURUSD\n2017-01-03,1.03\n2017-01-02,1.02\n2017-01-03,1.03\n';
    const ds = await readCsvWide(put(p('sd.csv'), text));
    expect([...ds.series[0]!.close]).toEqual([1.02, 1.03]);
    expect(ds.notes.join()).toMatch(/sorted 1 out-of-order row\b.*dropped 1 exact duplicate row\b/);
    expect((await readCsvWide(put(p('sd.csv.gz'), gz(text)))).series).toEqual(ds.series);
    await inputError(readCsvWide(put(p('cf.csv'), 'time,EURUSD\n2017-01-02,1\n2017-01-02,2\n')), { message: /also line 2/, line: 3 });
  });

  it('skipBadRows logs bad cells and keeps the row', async () => {
    const ds = await readCsvWide(put(p('k.csv'), 'time,EURUSD,USDJPY\n2017-01-02,1.2x,117\n'), { skipBadRows: true });
    expect(ds.skipped.count).toBe(1);
    expect(ds.series.map((s) => s.symbol)).toEqual(['USD/JPY']);
  });

  it('generic files are detected: long vs wide', async () => {
    expect((await readDataset(put(p('dl.csv'), 'time,symbol,value\n2017-01-02,EURUSD,1\n'))).format).toBe('csv-long');
    expect((await readDataset(put(p('dw.csv'), '"time","EURUSD"\n2017-01-02,1\n'))).format).toBe('csv-wide');
  });
});
