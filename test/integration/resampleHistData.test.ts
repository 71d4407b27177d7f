// In-memory resampling (core resampleBars) of real HistData M1 bars read by our
// reader, against pandas resampling the same rows (packages/core/test/fixtures/series/resample.gen.py):
// H1 on the clock, H4 on the 17:00 New York FX-day clock, D1 per trading date,
// across both 2017 DST switches (12 March, 5 November).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIsoDate, resampleBars, type Bars } from '@soukan/core';
import { readDataset } from '@soukan/data';
import { fixture, sharedData } from '../helpers/sharedData.js';

interface RefBars { time: number[]; open: number[]; high: number[]; low: number[]; close: number[]; volume: number[] }
const ref = JSON.parse(readFileSync(fixture('packages/core/test/fixtures/series/resample.json'), 'utf8')) as Record<string, { rows: number; weekendRows: number } & Record<'H1' | 'H4' | 'D1', RefBars>>;

async function m1(pair: string): Promise<Bars> {
  const ds = await readDataset(sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${pair}_M1_2017.zip`));
  return ds.series[0] as Bars;
}

function same(actual: Bars, expected: RefBars): void {
  expect(Array.from(actual.time)).toEqual(expected.time);
  // OHLC are selections of input values and volume a sum of zeros: equality is exact.
  for (const f of ['open', 'high', 'low', 'close', 'volume'] as const) expect(Array.from(actual[f]), f).toEqual(expected[f]);
}

describe('resampleBars vs pandas on HistData 2017 M1 (America/New_York → UTC)', () => {
  it('EUR/USD H1, H4 and D1 equal pandas bar for bar', async () => {
    const bars = await m1('EURUSD');
    const e = ref['EUR/USD']!;
    expect(bars.time.length).toBe(e.rows + e.weekendRows);
    for (const tf of ['H1', 'H4', 'D1'] as const) {
      const r = resampleBars(bars, tf);
      expect(r.weekendRows).toBe(e.weekendRows);
      same(r.bars, e[tf]);
    }
  });

  it('the trading days around both DST switches roll at 17:00 New York', async () => {
    const d1 = resampleBars(await m1('EURUSD'), 'D1').bars;
    const dates = Array.from(d1.time, formatIsoDate);
    // Friday 10 March is followed by Monday 13 March, whose first bar is Sunday 17:00 EDT = 21:00 UTC.
    expect(dates).toContain('2017-03-10');
    expect(dates).toContain('2017-03-13');
    expect(dates).not.toContain('2017-03-12');
    expect(dates).not.toContain('2017-11-05');
    const h1 = resampleBars(await m1('EURUSD'), 'H1').bars;
    const firstAfter = (t: number): number => Array.from(h1.time).find((x) => x >= t)!;
    expect(firstAfter(Date.UTC(2017, 2, 11))).toBe(Date.UTC(2017, 2, 12, 21)); // EDT: 17:00 = 21:00 UTC
    expect(firstAfter(Date.UTC(2017, 10, 4))).toBe(Date.UTC(2017, 10, 5, 22)); // EST: 17:00 = 22:00 UTC
  });

  it('USD/JPY D1 equals pandas', async () => {
    const r = resampleBars(await m1('USDJPY'), 'D1');
    same(r.bars, ref['USD/JPY']!.D1);
  });
});
