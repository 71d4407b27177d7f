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
  [
    'performance',
    (JSON.parse(readFileSync(fixture('packages/core/test/performance/fixtures/performance.json'), 'utf8')) as { cases: { name: string; asset: string; benchmark: string; dates: string[]; assetPrice: number[]; benchmarkPrice: number[] }[] }).cases
      // the weekly case is resampled by pandas (W-FRI last); its prices are the H.10 daily closes
      .filter((c) => !c.name.endsWith('weekly'))
      .map((c) => ({ name: c.name, y: c.asset, x: c.benchmark, source: c.name.startsWith('ecb') ? 'ECB' : 'H.10', dates: c.dates, yPrice: c.assetPrice, xPrice: c.benchmarkPrice }) as Inputs),
  ],
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
