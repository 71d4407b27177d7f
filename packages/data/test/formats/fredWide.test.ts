import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { FRED_COUNTRY_CURRENCY } from '../../src/formats/fredWide.js';
import { readDataset } from '../../src/formats/readDataset.js';
import { readFredWide } from '../../src/formats/readers.js';
import { expectRel, fsum, inputError, put, series, strictlyIncreasing, tempDir, zip } from './helpers.js';

// Reference: readers.gen.py — pandas 1.5.3 read_csv(float_precision='round_trip') through gzip.open,
// all-NaN columns dropped, a Python copy of the country -> ISO 4217 table.
const ref = JSON.parse(readFileSync(new URL('../fixtures/readers.json', import.meta.url), 'utf8')).fred;
const p = tempDir();
const D = (s: string): number => Date.parse(`${s}T00:00:00Z`);

describe('readFredWide on the real fred_daily_wide_1971-2017.csv.gz', async () => {
  const ds = await readFredWide(sharedData('fred_daily_wide_1971-2017.csv.gz'));

  it('emits USD/XXX for every column with values', () => {
    expect(ds.source).toBe('FRED');
    expect(ds.format).toBe('fred-wide');
    expect(ds.frequency).toBe('daily');
    expect(ds.series.map((s) => s.symbol)).toEqual(ref.symbols);
  });

  it('USD/EUR = 0.8405 on 2017-11-30 (units per USD; inversion is not the reader’s job)', () => {
    const s = series(ds, 'USD/EUR');
    expect(s.close[s.time.indexOf(D('2017-11-30'))]).toBe(0.8405);
  });

  it('matches pandas per series and on sample cells', () => {
    for (const [sym, r] of Object.entries<{ count: number; first: number; last: number; sum: number; mean: number }>(ref.series)) {
      const s = series(ds, sym);
      expect(s.time.length, sym).toBe(r.count);
      expect([s.time[0], s.time[s.time.length - 1]], sym).toEqual([r.first, r.last]);
      expectRel(fsum(s.close), r.sum);
      expectRel(fsum(s.close) / s.time.length, r.mean);
      expect(strictlyIncreasing(s.time)).toBe(true);
    }
    for (const r of ref.samples as { date: string; time: number; symbol: string; close: number | null }[]) {
      const s = series(ds, r.symbol);
      const i = s.time.indexOf(r.time);
      if (r.close === null) expect(i, `${r.symbol} ${r.date}`).toBe(-1);
      else expect(s.close[i], `${r.symbol} ${r.date}`).toBe(r.close);
    }
  });

  it('drops the all-empty columns with a note naming them, and flags VEB', () => {
    const note = ds.notes.find((n) => /dropped 12 columns without values/.test(n));
    expect(note).toBeDefined();
    for (const c of ref.empty_columns as string[]) expect(note).toContain(c);
    expect(ds.notes.some((n) => /VEB/.test(n))).toBe(true);
    expect(ds.notes.some((n) => /units per 1 USD/.test(n))).toBe(true);
  });
});

describe('readFredWide edge cases', () => {
  it('maps every country of the table to a three-letter code', () => {
    for (const code of Object.values(FRED_COUNTRY_CURRENCY)) expect(code).toMatch(/^[A-Z]{3}$/);
    expect(FRED_COUNTRY_CURRENCY['United Kingdom']).toBe('GBP');
    expect(FRED_COUNTRY_CURRENCY.Venezuela).toBe('VEB');
  });

  it('reads one row with Date or Data, empty cells missing', async () => {
    const ds = await readFredWide(put(p('one.csv'), 'Date,Euro,Japan,Austria\n2017-11-30,0.8405,,\n'));
    expect(ds.series.map((s) => s.symbol)).toEqual(['USD/EUR']);
    expect(ds.notes.join()).toMatch(/dropped 2 columns without values: Japan, Austria/);
  });

  it('an unknown country is named', async () => {
    await inputError(readFredWide(put(p('unk.csv'), 'Data,Euro,Atlantis\n2017-11-30,0.8405,1\n')), { message: /unknown country column/, line: 1, field: 'Atlantis' });
  });

  it('empty, header only, bad number, zero, wrong count', async () => {
    await inputError(readFredWide(put(p('e.csv'), '')), { message: /empty file/ });
    await inputError(readFredWide(put(p('h.csv'), 'Data,Euro\n')), { message: /header only/ });
    await inputError(readFredWide(put(p('b.csv'), 'Data,Euro\n2017-11-30,1.2x\n')), { message: /not a number/, line: 2, field: 'Euro', text: '1.2x' });
    await inputError(readFredWide(put(p('z.csv'), 'Data,Euro\n2017-11-30,0\n')), { message: /> 0/, line: 2, field: 'Euro' });
    await inputError(readFredWide(put(p('c.csv'), 'Data,Euro\n2017-11-30,1,2\n')), { message: /expected 2 fields, found 3/, line: 2 });
  });

  it('sorts, drops exact duplicates, rejects conflicting ones', async () => {
    const ds = await readFredWide(put(p('s.csv'), 'Data,Euro\n2017-11-30,0.84\n2017-11-29,0.85\n2017-11-30,0.84\n'));
    expect([...series(ds, 'USD/EUR').close]).toEqual([0.85, 0.84]);
    expect(ds.notes.join()).toMatch(/sorted 1 out-of-order row\b.*dropped 1 exact duplicate row\b/);
    await inputError(readFredWide(put(p('x.csv'), 'Data,Euro\n2017-11-30,0.84\n2017-11-30,0.85\n')), { message: /also line 2/, line: 3 });
  });

  it('skipBadRows logs the bad cell and keeps the row', async () => {
    const ds = await readFredWide(put(p('k.csv'), 'Data,Euro,Japan\n2017-11-30,0.84,-1\n'), { skipBadRows: true });
    expect(ds.skipped.count).toBe(1);
    expect(ds.skipped.first[0]).toMatchObject({ line: 2, field: 'Japan', text: '-1', reason: 'price must be > 0' });
    expect(ds.series.map((s) => s.symbol)).toEqual(['USD/EUR']);
  });

  it('is detected by content inside a zip', async () => {
    const ds = await readDataset(put(p('f.zip'), zip([{ name: 'daily.csv', text: 'Data,Euro\n2017-11-30,0.8405\n' }])));
    expect(ds.format).toBe('fred-wide');
    expect(ds.files).toEqual([p('f.zip')]);
  });
});
