import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossInconsistency, crossSeries, findRoute, pipSize } from '@soukan/core';
import { readDataset } from '@soukan/data';
import { fixture, sharedData } from '../../../../test/helpers/sharedData.js';

const ref = JSON.parse(readFileSync(fixture('packages/core/test/strength/fixtures/cross.json'), 'utf8')) as {
  n: number;
  pips: Record<'mean' | 'median' | 'p99Abs' | 'maxAbs', number>;
  bp: Record<'mean' | 'median' | 'p99Abs' | 'maxAbs', number>;
  firstBp: number[];
  lastBp: number[];
};

describe('crossInconsistency on HistData 2017 minutes vs pandas/NumPy (cross.gen.py)', () => {
  it('EUR/JPY against EUR/USD × USD/JPY: count, mean, median, p99 |x|, max |x| in pips and bp', async () => {
    const ds = await readDataset(['EURJPY', 'EURUSD', 'USDJPY'].map((p) => sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${p}_M1_2017.zip`)));
    const get = (s: string) => ds.series.find((x) => x.symbol === s)!;
    const synthetic = crossSeries(findRoute('EUR/JPY', ['EUR/USD', 'USD/JPY'])!, get);
    const r = crossInconsistency(get('EUR/JPY'), synthetic, pipSize('EUR/JPY'));
    expect(r.time.length).toBe(ref.n);
    for (const k of ['mean', 'median', 'p99Abs', 'maxAbs'] as const) {
      expect(Math.abs(r.pipsSummary[k] - ref.pips[k])).toBeLessThan(1e-9);
      expect(Math.abs(r.bpSummary[k] - ref.bp[k])).toBeLessThan(1e-9);
    }
    ref.firstBp.forEach((v, i) => expect(Math.abs(r.bp[i]! - v)).toBeLessThan(1e-10));
    ref.lastBp.forEach((v, i) => expect(Math.abs(r.bp[r.bp.length - 5 + i]! - v)).toBeLessThan(1e-10));
  });
});
