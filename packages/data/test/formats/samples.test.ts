import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readDataset } from '../../src/formats/readDataset.js';
import type { FormatName, ReadOptions } from '../../src/formats/types.js';
import { expectRel, fsum, series, strictlyIncreasing } from './helpers.js';

// Reference: samples.gen.py — real HistData 2017 EURUSD/USDJPY rows re-emitted in MT4, MT5 and generic
// layouts; expected values from the pandas source frame (tz_localize('America/New_York') -> UTC), not from
// re-reading the samples.
const dir = new URL('../fixtures/', import.meta.url);
const ref = JSON.parse(readFileSync(new URL('samples.json', dir), 'utf8')) as {
  files: Record<
    string,
    {
      format: FormatName;
      options: ReadOptions;
      frequency: 'daily' | 'intraday';
      sha256: string;
      series: Record<string, { count: number; first: number; last: number; sum: Record<string, number>; samples: Record<string, number>[] }>;
    }
  >;
};

describe('sample files re-emitted from real HistData rows', () => {
  for (const [name, r] of Object.entries(ref.files)) {
    const path = new URL(`samples/${name}`, dir);

    it(`${name}: the committed file is what samples.gen.py writes`, () => {
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(r.sha256);
    });

    it(`${name}: detected as ${r.format}, values match pandas`, async () => {
      const ds = await readDataset(fileURLToPath(path), r.options);
      expect(ds.format).toBe(r.format);
      expect(ds.frequency).toBe(r.frequency);
      expect(ds.series.map((s) => s.symbol)).toEqual(Object.keys(r.series));
      for (const [sym, e] of Object.entries(r.series)) {
        const s = series(ds, sym);
        expect(s.time.length, sym).toBe(e.count);
        expect([s.time[0], s.time[s.time.length - 1]], sym).toEqual([e.first, e.last]);
        expect(strictlyIncreasing(s.time)).toBe(true);
        for (const [col, sum] of Object.entries(e.sum)) expectRel(fsum((s as unknown as Record<string, Float64Array>)[col]!), sum);
        for (const x of e.samples) {
          const i = s.time.indexOf(x.time!);
          expect(i, `${sym} ${x.time}`).toBeGreaterThanOrEqual(0);
          for (const [col, v] of Object.entries(x)) if (col !== 'time') expect((s as unknown as Record<string, Float64Array>)[col]![i], `${sym} ${col}`).toBe(v);
        }
      }
    });
  }

  it('every sample reads the same UTC instants as the HistData source, whatever its clock', async () => {
    const all = await Promise.all(Object.entries(ref.files).map(([name, r]) => readDataset(fileURLToPath(new URL(`samples/${name}`, dir)), r.options)));
    const eur = all.flatMap((d) => d.series.filter((s) => s.symbol === 'EUR/USD' && d.frequency === 'intraday'));
    expect(eur.length).toBe(4);
    for (const s of eur) expect([...s.time]).toEqual([...eur[0]!.time]);
  });

  it('the day/month-ambiguous sample needs its dateFormat', async () => {
    const e = await readDataset(fileURLToPath(new URL('samples/wide_daily_dmy.csv', dir))).catch((x: Error) => x);
    expect(String(e)).toMatch(/line 2, field Date: ambiguous day\/month order; pass dateFormat, e\.g\. 'DD\/MM\/YYYY' or 'MM\/DD\/YYYY': "02\/01\/2017"/);
  });
});
