import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/formats/readDataset.js';
import { readMt4, readMt5 } from '../../src/formats/readers.js';
import { gz, inputError, put, tempDir, zip } from './helpers.js';

const p = tempDir();
const MT4_ROW = '2017.01.02,17:00,1.05155,1.05165,1.05155,1.05165,12';
const MT5_HEAD = '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>';
const MT5_ROW = '2017.01.02\t17:00:00\t1.05155\t1.05165\t1.05155\t1.05165\t12\t0\t20';

describe('readMt4', () => {
  it('one row: symbol from EURUSD1.csv, broker time read as UTC with a note', async () => {
    const ds = await readMt4(put(p('EURUSD1.csv'), `${MT4_ROW}\n`));
    expect(ds.source).toBe('MT4');
    const s = ds.series[0]!;
    expect(s.symbol).toBe('EUR/USD');
    expect([...s.time]).toEqual([Date.UTC(2017, 0, 2, 17, 0)]);
    expect([s.open![0], s.high![0], s.low![0], s.close[0], s.volume![0]]).toEqual([1.05155, 1.05165, 1.05155, 1.05165, 12]);
    expect(ds.frequency).toBe('intraday');
    expect(ds.notes.join('\n')).toMatch(/broker server time read as UTC \(pass tz/);
    expect(ds.notes.join('\n')).toMatch(/symbol EUR\/USD from the name EURUSD1\.csv \(pass symbol to override\)/);
  });

  it('tz converts from the broker clock (EET server: 17:00 → 15:00Z in winter)', async () => {
    const ds = await readMt4(put(p('GBPJPY15.csv'), `${MT4_ROW}\n`), { tz: 'Europe/Athens' });
    expect(ds.series[0]!.symbol).toBe('GBP/JPY');
    expect(ds.series[0]!.time[0]).toBe(Date.UTC(2017, 0, 2, 15, 0));
    expect(ds.notes.join('\n')).toMatch(/read as Europe\/Athens and converted to UTC/);
  });

  it('all-midnight bars are daily, stamped 00:00 UTC of their date whatever tz says', async () => {
    const ds = await readMt4(put(p('USDJPY1440.csv'), '2017.01.02,00:00,117,118,116,117.5,100\n2017.01.03,00:00,117.5,118,117,117.8,90\n'), { tz: 'Europe/Athens' });
    expect(ds.frequency).toBe('daily');
    expect([...ds.series[0]!.time]).toEqual([Date.UTC(2017, 0, 2), Date.UTC(2017, 0, 3)]);
    expect(ds.notes.join('\n')).toMatch(/daily bars/);
  });

  it('symbol from options when the name does not say; an unhelpful name is an error', async () => {
    expect((await readMt4(put(p('export.csv'), `${MT4_ROW}\n`), { symbol: 'AUDNZD' })).series[0]!.symbol).toBe('AUD/NZD');
    await inputError(readMt4(put(p('export2.csv'), `${MT4_ROW}\n`)), { message: /cannot tell the symbol of a MT4 file/ });
  });

  it('empty, bad number, wrong count, bad date/time, high < low, zero', async () => {
    const f = (name: string, body: string): string => put(p(`EURUSD1_${name}.csv`), body);
    await inputError(readMt4(f('e', '')), { message: /empty file/ });
    await inputError(readMt4(f('n', `${MT4_ROW}\n2017.01.02,17:01,1.2x,1.1,1.0,1.05,1\n`)), { message: /not a number/, line: 2, field: 'open', text: '1.2x' });
    await inputError(readMt4(f('c', '2017.01.02,17:01,1.1,1.1,1.0,1.05\n')), { message: /expected 7 fields, found 6/, line: 1 });
    await inputError(readMt4(f('d', '2017-01-02,17:01,1.1,1.1,1.0,1.05,1\n')), { message: /not a date/, field: 'date', text: '2017-01-02' });
    await inputError(readMt4(f('t', '2017.01.02,25:01,1.1,1.1,1.0,1.05,1\n')), { message: /not a time/, field: 'time', text: '25:01' });
    await inputError(readMt4(f('h', '2017.01.02,17:01,1.05,1.0,1.1,1.05,1\n')), { message: /high < low/, field: 'high' });
    await inputError(readMt4(f('z', '2017.01.02,17:01,0,1.1,1.0,1.05,1\n')), { message: /> 0/, field: 'open', text: '0' });
  });

  it('unsorted, duplicate and conflicting rows', async () => {
    const later = '2017.01.02,17:01,1.05165,1.05170,1.05160,1.05160,3';
    const ds = await readMt4(put(p('EURUSD5.csv'), `${later}\n${MT4_ROW}\n${MT4_ROW}\n`));
    expect(ds.series[0]!.time.length).toBe(2);
    expect(ds.notes.join()).toMatch(/sorted 1 out-of-order row\b.*dropped 1 exact duplicate row\b/);
    await inputError(readMt4(put(p('EURUSD30.csv'), `${MT4_ROW}\n${MT4_ROW.replace(/,12$/, ',13')}\n`)), { message: /also line 1/, line: 2 });
  });

  it('skipBadRows, and a DST-gap time under tz', async () => {
    const ds = await readMt4(put(p('EURUSD60.csv'), `${MT4_ROW}\nxx\n2017.03.26,03:30,1,1,1,1,1\n`), { skipBadRows: true, tz: 'Europe/Athens' });
    expect(ds.skipped.count).toBe(2);
    expect(ds.skipped.first.map((x) => [x.line, x.reason])).toEqual([
      [2, 'expected 7 fields, found 1'],
      [3, 'time does not exist in Europe/Athens (skipped by a DST change)'],
    ]);
    expect(ds.series[0]!.time.length).toBe(1);
  });

  it('is detected by content, also zipped', async () => {
    const ds = await readDataset(put(p('EURUSD1.zip'), zip([{ name: 'EURUSD1.csv', text: `${MT4_ROW}\n` }])));
    expect(ds.format).toBe('mt4');
    expect(ds.series[0]!.symbol).toBe('EUR/USD');
  });
});

describe('readMt5', () => {
  it('reads the tab-separated export with TICKVOL as volume', async () => {
    const ds = await readMt5(put(p('EURUSD_M1_201701020000_201701062359.csv'), `${MT5_HEAD}\r\n${MT5_ROW}\r\n`));
    expect(ds.source).toBe('MT5');
    const s = ds.series[0]!;
    expect(s.symbol).toBe('EUR/USD');
    expect(s.time[0]).toBe(Date.UTC(2017, 0, 2, 17, 0));
    expect(s.volume![0]).toBe(12);
  });

  it('reads UTF-16LE exports (with BOM) and .gz', async () => {
    const text = `${MT5_HEAD}\r\n${MT5_ROW}\r\n`;
    const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const a = await readMt5(put(p('USDJPY_M5_a.csv'), u16));
    const b = await readMt5(put(p('USDJPY_M5_b.csv.gz'), gz(text)));
    expect(a.series[0]!.symbol).toBe('USD/JPY');
    expect(b.series).toEqual(a.series);
    expect((await readDataset(p('USDJPY_M5_a.csv'))).format).toBe('mt5');
  });

  it('daily exports have no <TIME>; volume falls back to <VOL>', async () => {
    const ds = await readMt5(put(p('EURUSD_Daily_2017.csv'), '<DATE>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<VOL>\n2017.01.02\t1.05\t1.06\t1.04\t1.055\t7\n'));
    expect(ds.frequency).toBe('daily');
    expect(ds.series[0]!.time[0]).toBe(Date.UTC(2017, 0, 2));
    expect(ds.series[0]!.volume![0]).toBe(7);
  });

  it('header only, missing price column, bad field named by its header', async () => {
    await inputError(readMt5(put(p('EURUSD_H.csv'), `${MT5_HEAD}\n`)), { message: /header only/ });
    await inputError(readMt5(put(p('EURUSD_X.csv'), '<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<CLOSE>\n')), { message: /MT5 header lacks <LOW>/, line: 1 });
    await inputError(readMt5(put(p('EURUSD_B.csv'), `${MT5_HEAD}\n2017.01.02\t17:00:00\t1.05155\t1.2x\t1.05155\t1.05165\t12\t0\t20\n`)), {
      message: /not a number/,
      line: 2,
      field: '<HIGH>',
      text: '1.2x',
    });
    await inputError(readMt5(put(p('EURUSD_C.csv'), `${MT5_HEAD}\n2017.01.02\t17:00:00\t1.05155\n`)), { message: /expected 9 fields, found 3/, line: 2 });
  });
});
