import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { readDataset } from '../../src/formats/readDataset.js';
import { readEcb } from '../../src/formats/readers.js';
import { expectRel, fsum, gz, inputError, put, series, strictlyIncreasing, tempDir, zip } from './helpers.js';

// Reference: readers.gen.py — pandas 1.5.3 read_csv(na_values=['N/A'], float_precision='round_trip') on the
// zip member, numpy pairwise sums; see "source" in the JSON.
const ref = JSON.parse(readFileSync(new URL('../fixtures/readers.json', import.meta.url), 'utf8')).ecb;
const p = tempDir();

const HEADER = 'Date,USD,JPY,CYP,';
const D = (s: string): number => Date.parse(`${s}T00:00:00Z`);

describe('readEcb on the real eurofxref-hist.zip', async () => {
  const ds = await readEcb(sharedData('eurofxref-hist.zip'));

  it('reports source, format, frequency and the files', () => {
    expect(ds.source).toBe('ECB');
    expect(ds.format).toBe('ecb');
    expect(ds.frequency).toBe('daily');
    expect(ds.files).toEqual([sharedData('eurofxref-hist.zip')]);
    expect(ds.skipped.count).toBe(0);
  });

  it('emits EUR/XXX per column, in column order', () => {
    expect(ds.series.map((s) => s.symbol)).toEqual(ref.symbols);
  });

  it('matches pandas per series: count, first/last, sum, mean (N/A rows omitted)', () => {
    for (const [sym, r] of Object.entries<{ count: number; first: number; last: number; sum: number; mean: number }>(ref.series)) {
      const s = series(ds, sym);
      expect(s.time.length, sym).toBe(r.count);
      expect(s.time[0], sym).toBe(r.first);
      expect(s.time[s.time.length - 1], sym).toBe(r.last);
      expectRel(fsum(s.close), r.sum);
      expectRel(fsum(s.close) / s.close.length, r.mean);
      expect(strictlyIncreasing(s.time), sym).toBe(true);
      expect(s.open).toBeUndefined();
    }
  });

  it('matches pandas sample cells exactly, and omits N/A cells', () => {
    for (const r of ref.samples as { date: string; time: number; symbol: string; close: number | null }[]) {
      const s = ds.series.find((x) => x.symbol === r.symbol)!;
      const i = s.time.indexOf(r.time);
      if (r.close === null) expect(i, `${r.symbol} ${r.date}`).toBe(-1);
      else expect(s.close[i], `${r.symbol} ${r.date}`).toBe(r.close);
    }
  });

  it('has no notes: newest-first order is the format, not a problem', () => {
    expect(ds.notes).toEqual([]);
  });
});

describe('readEcb edge cases', () => {
  it('reads one row, newest-first rows, N/A and the trailing comma', async () => {
    const ds = await readEcb(put(p('one.csv'), `${HEADER}\n2017-01-03,1.0385,122.28,N/A,\n`));
    expect(ds.series.map((s) => s.symbol)).toEqual(['EUR/USD', 'EUR/JPY']);
    expect([...series(ds, 'EUR/USD').time]).toEqual([D('2017-01-03')]);
    expect(ds.notes.join()).toMatch(/dropped 1 column without values: CYP/);
    const two = await readEcb(put(p('two.csv'), `${HEADER}\n2017-01-03,1.0385,122.28,N/A,\n2017-01-02,1.0465,123.01,0.58,\n`));
    expect([...series(two, 'EUR/USD').close]).toEqual([1.0465, 1.0385]);
    expect([...series(two, 'EUR/CYP').time]).toEqual([D('2017-01-02')]);
    expect(two.notes).toEqual([]);
  });

  it('accepts rows without the trailing comma and the one-day file (spaces, "13 April 2026")', async () => {
    const ds = await readDataset(put(p('eurofxref.csv'), 'Date, USD, JPY, \n13 April 2026, 1.1684, 186.75, \n'));
    expect(ds.format).toBe('ecb');
    expect(series(ds, 'EUR/JPY').close[0]).toBe(186.75);
    expect(series(ds, 'EUR/JPY').time[0]).toBe(D('2026-04-13'));
    await inputError(readEcb(put(p('daily2.csv'), 'Date, USD\n31 Smarch 2026, 1.1684\n')), { message: /not a date/, text: '31 Smarch 2026' });
    const nt = await readEcb(put(p('notrail.csv'), 'Date,USD\n2017-01-02,1.0465\n'));
    expect(series(nt, 'EUR/USD').close[0]).toBe(1.0465);
  });

  it('empty file and header only are clear errors', async () => {
    await inputError(readEcb(put(p('empty.csv'), '')), { message: /empty file/, file: p('empty.csv') });
    await inputError(readEcb(put(p('blank.csv'), '\n\n')), { message: /empty file/ });
    await inputError(readEcb(put(p('hdr.csv'), `${HEADER}\n`)), { message: /no data rows \(header only\)/ });
  });

  it('a bad number names file, line, column and text', async () => {
    const f = put(p('bad.csv'), `${HEADER}\n2017-01-03,1.2x,122.28,N/A,\n`);
    await inputError(readEcb(f), { message: /not a number/, file: f, line: 2, field: 'USD', text: '1.2x' });
  });

  it('wrong field count, bad date, zero and negative prices are errors with their line', async () => {
    await inputError(readEcb(put(p('count.csv'), `${HEADER}\n2017-01-03,1.0385,\n`)), { message: /expected 4 fields, found 3/, line: 2 });
    await inputError(readEcb(put(p('date.csv'), `${HEADER}\n2017-02-30,1.0385,122.28,N/A,\n`)), { message: /not a date/, line: 2, field: 'Date', text: '2017-02-30' });
    await inputError(readEcb(put(p('zero.csv'), `${HEADER}\n2017-01-03,0,122.28,N/A,\n`)), { message: /price must be > 0/, field: 'USD', text: '0' });
    await inputError(readEcb(put(p('neg.csv'), `${HEADER}\n2017-01-04,1,1,1,\n2017-01-03,1.0,-122.28,N/A,\n`)), { message: /> 0/, line: 3, field: 'JPY', text: '-122.28' });
    await inputError(readEcb(put(p('nan.csv'), `${HEADER}\n2017-01-03,NaN,122.28,N/A,\n`)), { message: /not a number/, field: 'USD', text: 'NaN' });
  });

  it('a header that is not Date + currency codes is refused', async () => {
    await inputError(readEcb(put(p('hdr2.csv'), 'Date,USD,EURO\n2017-01-03,1,2\n')), { message: /not a currency code/, line: 1, field: 'EURO' });
    await inputError(readEcb(put(p('hdr3.csv'), 'Day,USD\n2017-01-03,1\n')), { message: /Date followed by currency codes/, line: 1 });
  });

  it('sorts out-of-order rows (stable) with a note', async () => {
    const f = put(p('mixed.csv'), `${HEADER}\n2017-01-04,1.04,122,N/A,\n2017-01-02,1.02,120,N/A,\n2017-01-05,1.05,123,N/A,\n2017-01-03,1.03,121,N/A,\n`);
    const ds = await readEcb(f);
    expect([...series(ds, 'EUR/USD').close]).toEqual([1.02, 1.03, 1.04, 1.05]);
    expect(ds.notes.join()).toMatch(/sorted 1 out-of-order row\b/);
  });

  it('drops exact duplicate rows with a note; conflicting duplicates name both lines', async () => {
    const dup = await readEcb(put(p('dup.csv'), `${HEADER}\n2017-01-03,1.03,121,N/A,\n2017-01-03,1.03,121,N/A,\n2017-01-02,1.02,120,N/A,\n`));
    expect(series(dup, 'EUR/USD').time.length).toBe(2);
    expect(dup.notes.join()).toMatch(/dropped 1 exact duplicate row/);
    const f = put(p('conflict.csv'), `${HEADER}\n2017-01-03,1.03,121,N/A,\n2017-01-02,1.02,120,N/A,\n2017-01-03,1.04,121,N/A,\n`);
    await inputError(readEcb(f), { message: /duplicate time 2017-01-03 with different values \(also line 2\)/, file: f, line: 4 });
  });

  it('skipBadRows skips bad cells and rows, counts them and keeps the first locations', async () => {
    const f = put(p('skip.csv'), `${HEADER}\n2017-01-05,1.2x,123,N/A,\n2017-01-04,1.04,-1,N/A,\nnot-a-date,1,1,1,\n2017-01-03,1.03,\n2017-01-02,1.02,120,N/A,\n`);
    const ds = await readEcb(f, { skipBadRows: true });
    expect(ds.skipped.count).toBe(4);
    expect(ds.skipped.first.map((x) => [x.line, x.field, x.text])).toEqual([
      [2, 'USD', '1.2x'],
      [3, 'JPY', '-1'],
      [4, 'Date', 'not-a-date'],
      [5, undefined, '2017-01-03,1.03,'],
    ]);
    expect([...series(ds, 'EUR/USD').close]).toEqual([1.02, 1.04]);
    expect([...series(ds, 'EUR/JPY').close]).toEqual([120, 123]);
    expect(ds.notes.join()).toMatch(/skipped 4 bad rows \(skipBadRows\); first: .*skip\.csv, line 2, field [A-Z]{3}: not a number/);
  });

  it('reads the same content through .gz and .zip (by content, whatever the name)', async () => {
    const text = `${HEADER}\r\n2017-01-03,1.0385,122.28,N/A,\r\n2017-01-02,1.0465,123.01,0.58,\r\n`;
    const plain = await readEcb(put(p('x.csv'), text));
    const viaGz = await readEcb(put(p('x.csv.gz'), gz(text)));
    const viaZip = await readEcb(put(p('x.zip'), zip([{ name: 'eurofxref-hist.csv', text }])));
    const misnamed = await readEcb(put(p('x.dat'), gz(text)));
    for (const d of [viaGz, viaZip, misnamed]) expect(d.series).toEqual(plain.series);
    await inputError(readEcb(put(p('nocsv.zip'), zip([{ name: 'readme.txt', text: 'x' }]))), { message: /zip has no \.csv member \(members: readme\.txt\)/, file: p('nocsv.zip') });
    await inputError(readEcb(put(p('emptyzip.zip'), zip([]))), { message: /zip is empty/ });
  });

  it('is what readDataset detects', async () => {
    const ds = await readDataset(put(p('det.csv'), `${HEADER}\n2017-01-03,1.0385,122.28,N/A,\n`));
    expect(ds.format).toBe('ecb');
  });
});
