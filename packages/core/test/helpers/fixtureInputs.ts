import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate, windowFrame } from '@soukan/core';
import { Market, readDataset } from '@soukan/data';
import { sharedData } from '../../../../test/helpers/sharedData.js';

/** The two price series a fixture's generator read from a real file, on their dates. */
export interface FixtureInputs {
  name: string;
  y: string;
  x: string;
  source: 'H.10' | 'ECB';
  dates: string[];
  yPrice: number[];
  xPrice: number[];
}

/**
 * Checks that a fixture's inputs — read by its generator straight from the
 * real file — are what soukan's readers give for the same pair and dates
 * (inner join of the two series), so the expected values were computed on
 * the data our functions are tested with.
 */
export function describeFixtureInputs(fixture: string, cases: readonly FixtureInputs[]): void {
  describe(`${fixture} fixture inputs reproduce from the real files through soukan readers`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', async (_n, c) => {
      const ds = await readDataset(sharedData(c.source === 'ECB' ? 'eurofxref-hist.zip' : 'frb_h10_daily.csv'));
      const market = new Market(ds.series, { label: ds.source });
      const all = market.frame([c.y, c.x], { kind: 'inner' }).frame;
      const f = windowFrame(all, { kind: 'range', from: parseIsoDate(c.dates[0]!), to: parseIsoDate(c.dates[c.dates.length - 1]!) });
      expect(Array.from(f.time, formatIsoDate)).toEqual(c.dates);
      expect(Array.from(f.columns[0]!)).toEqual(c.yPrice);
      expect(Array.from(f.columns[1]!)).toEqual(c.xPrice);
    });
  });
}
