import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { readDataset } from '../../src/formats/readDataset.js';
import { readH10 } from '../../src/formats/readers.js';
import { expectRel, fsum, gz, inputError, put, series, strictlyIncreasing, tempDir } from './helpers.js';

// Reference: readers.gen.py — pandas 1.5.3 read_csv(skiprows=5, na_values=['ND'], float_precision='round_trip');
// direction from the series id ('RXI$US' in id -> XXX/USD) and codes from the "Currency:" row, in Python.
const ref = JSON.parse(readFileSync(new URL('../fixtures/readers.json', import.meta.url), 'utf8')).h10;
const p = tempDir();

const D = (s: string): number => Date.parse(`${s}T00:00:00Z`);

/** A small Data Download Program file: AUD (RXI$US), JPY (RXI_), VEB, the broad index. */
function h10(rows: string[], opts: { currency?: boolean; multiplier?: string } = {}): string {
  return [
    '"Series Description","Australian Dollar","Japanese Yen","Venezuelan Bolivar","Nominal Broad Dollar Index"',
    '"Unit:","Currency","Currency","Currency","Index"',
    `"Multiplier:","1","${opts.multiplier ?? '1'}","1","1"`,
    ...(opts.currency === false ? [] : ['"Currency:","AUD","JPY","VEB","NA"']),
    '"Unique Identifier: ","H10/H10/RXI$US_N.B.AL","H10/H10/RXI_N.B.JA","H10/H10/RXI_N.B.VES","H10/H10/JRXWTFB_N.B"',
    '"Time Period","RXI$US_N.B.AL","RXI_N.B.JA","RXI_N.B.VES","JRXWTFB_N.B"',
    ...rows,
  ].join('\r\n');
}

describe('readH10 on the real frb_h10_daily.csv', async () => {
  const ds = await readH10(sharedData('frb_h10_daily.csv'));

  it('derives XXX/USD vs USD/XXX from the series ids', () => {
    expect(ds.source).toBe('FRB H.10');
    expect(ds.frequency).toBe('daily');
    expect(ds.series.map((s) => s.symbol)).toEqual(ref.symbols);
    expect(ds.series.filter((s) => s.symbol.endsWith('/USD')).map((s) => s.symbol)).toEqual(['AUD/USD', 'EUR/USD', 'GBP/USD', 'NZD/USD']);
  });

  it('matches pandas per series (ND omitted)', () => {
    for (const [sym, r] of Object.entries<{ count: number; first: number; last: number; sum: number; mean: number }>(ref.series)) {
      const s = series(ds, sym);
      expect(s.time.length, sym).toBe(r.count);
      expect([s.time[0], s.time[s.time.length - 1]], sym).toEqual([r.first, r.last]);
      expectRel(fsum(s.close), r.sum);
      expectRel(fsum(s.close) / s.time.length, r.mean);
      expect(strictlyIncreasing(s.time)).toBe(true);
    }
  });

  it('matches sample cells exactly; all-ND holidays are absent', () => {
    for (const r of ref.samples as { date: string; time: number; symbol: string; close: number | null }[]) {
      const i = series(ds, r.symbol).time.indexOf(r.time);
      if (r.close === null) expect(i, `${r.symbol} ${r.date}`).toBe(-1);
      else expect(series(ds, r.symbol).close[i], `${r.symbol} ${r.date}`).toBe(r.close);
    }
    expect(ref.all_nd_rows).toBe(265);
  });

  it('keeps VEB with a note, and says how it read the direction', () => {
    expect(series(ds, 'USD/VEB').time.length).toBeGreaterThan(0);
    expect(ds.notes.some((n) => /VEB is the redenominated Venezuelan bolívar/.test(n))).toBe(true);
    expect(ds.notes.some((n) => /RXI\$US series read as XXX\/USD \(AUD, EUR, GBP, NZD\)/.test(n))).toBe(true);
  });
});

describe('readH10 edge cases', () => {
  it('reads one row, ND, skips non-rate series with a note', async () => {
    const ds = await readH10(put(p('one.csv'), h10(['2017-01-03,0.7216,ND,9.9750,127.1'])));
    expect(ds.series.map((s) => s.symbol)).toEqual(['AUD/USD', 'USD/VEB']);
    expect([...series(ds, 'AUD/USD').time]).toEqual([D('2017-01-03')]);
    expect(ds.notes.join('\n')).toMatch(/skipped 1 series that are not exchange rates: JRXWTFB_N\.B/);
    expect(ds.notes.join('\n')).toMatch(/dropped 1 column without values: RXI_N\.B\.JA/);
  });

  it('applies the Multiplier row', async () => {
    const ds = await readH10(put(p('mult.csv'), h10(['2017-01-03,0.7216,1.1715,9.9750,127.1'], { multiplier: '100' })));
    expect(series(ds, 'USD/JPY').close[0]).toBe(117.15);
    expect(ds.notes.join()).toMatch(/Multiplier/);
  });

  it('header only, empty, and a missing Currency row are clear errors', async () => {
    await inputError(readH10(put(p('hdr.csv'), h10([]))), { message: /no data rows \(header only\)/ });
    await inputError(readH10(put(p('empty.csv'), ''), {}), { message: /empty file/ });
    await inputError(readH10(put(p('nocur.csv'), h10(['2017-01-03,0.7216,ND,9.9750,127.1'], { currency: false }))), { message: /no "Currency:" row/, line: 5 });
  });

  it('bad number, negative price, wrong field count name line and series', async () => {
    const f = put(p('bad.csv'), h10(['2017-01-03,0.7216,1.2x,9.9750,127.1']));
    await inputError(readH10(f), { message: /not a number/, file: f, line: 7, field: 'RXI_N.B.JA', text: '1.2x' });
    await inputError(readH10(put(p('neg.csv'), h10(['2017-01-03,-0.7216,ND,9.9750,127.1']))), { message: /> 0/, line: 7, field: 'RXI$US_N.B.AL' });
    await inputError(readH10(put(p('cnt.csv'), h10(['2017-01-03,0.7216,ND']))), { message: /expected 5 fields, found 3/, line: 7 });
  });

  it('sorts, de-duplicates and rejects conflicts', async () => {
    const rows = ['2017-01-04,0.72,117,9.9,1', '2017-01-03,0.71,116,9.9,1', '2017-01-03,0.71,116,9.9,1'];
    const ds = await readH10(put(p('sort.csv'), h10(rows)));
    expect([...series(ds, 'AUD/USD').close]).toEqual([0.71, 0.72]);
    expect(ds.notes.join()).toMatch(/sorted 1 out-of-order row\b/);
    expect(ds.notes.join()).toMatch(/dropped 1 exact duplicate row\b/);
    await inputError(readH10(put(p('conf.csv'), h10(['2017-01-03,0.71,116,9.9,1', '2017-01-03,0.71,ND,9.9,1']))), {
      message: /duplicate time 2017-01-03 with different values \(also line 7\)/,
      line: 8,
    });
  });

  it('skipBadRows keeps the good cells of a row and logs the bad ones', async () => {
    const ds = await readH10(put(p('skip.csv'), h10(['2017-01-03,0.7216,1.2x,9.9750,127.1', 'oops,1,1,1,1'])), { skipBadRows: true });
    expect(ds.skipped.count).toBe(2);
    expect(ds.skipped.first.map((x) => [x.line, x.field])).toEqual([
      [7, 'RXI_N.B.JA'],
      [8, 'Time Period'],
    ]);
    expect(series(ds, 'AUD/USD').close[0]).toBe(0.7216);
  });

  it('is detected from its first line, also gzipped', async () => {
    const ds = await readDataset(put(p('h10.bin'), gz(h10(['2017-01-03,0.7216,116.5,9.9750,127.1']))));
    expect(ds.format).toBe('h10');
  });
});
