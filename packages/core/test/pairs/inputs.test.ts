import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseIsoDate, windowFrame } from '@soukan/core';
import { Market, readDataset } from '@soukan/data';
import { fixture, sharedData } from '../../../../test/helpers/sharedData.js';

interface Inputs {
  name: string;
  y: string;
  x: string;
  source: 'H.10' | 'ECB';
  dates: string[];
  yPrice: number[];
  xPrice: number[];
}
const fixtures: [string, Inputs[]][] = [
  ['pairs', (JSON.parse(readFileSync(fixture('packages/core/test/pairs/fixtures/pairs.json'), 'utf8')) as { cases: Inputs[] }).cases],
];

describe.each(fixtures)('%s fixture inputs reproduce from the real files through soukan readers', (_, cases) => {
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
