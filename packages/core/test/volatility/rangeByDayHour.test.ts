import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rangeByDayHour, resampleBars } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { histDataM1 } from '../risk/helpers/realData.js';

interface Case {
  readonly pair: string;
  readonly zone: string;
  readonly pip: number;
  readonly bars: number;
  readonly meanPips: (number | null)[][];
  readonly count: number[][];
}
const ref = JSON.parse(readFileSync(fixture('packages/core/test/volatility/fixtures/rangeByDayHour.json'), 'utf8')) as { cases: Case[] };

/**
 * The day × hour table on every 2017 HistData pair (and Asia/Tokyo hours for
 * two of them) equals pandas: H1 bars from the minutes of weekday trading
 * dates, rows by the trading date's weekday (17:00 New York roll), columns by
 * the opening hour in the zone (rangeByDayHour.gen.py).
 */
describe('rangeByDayHour: 2017 HistData H1 bars by FX weekday × hour equal pandas (rangeByDayHour.gen.py)', () => {
  for (const c of ref.cases) {
    it(`${c.pair} ${c.zone}`, async () => {
      const h1 = resampleBars(await histDataM1(c.pair.replace('/', '')), 'H1').bars;
      const r = rangeByDayHour(h1, c.pip, c.zone);
      expect(r.bars).toBe(c.bars);
      expect(r.weekdays).toEqual([1, 2, 3, 4, 5]);
      for (let d = 0; d < 5; d++) {
        for (let h = 0; h < 24; h++) {
          const want = c.meanPips[d]![h];
          const got = r.meanPips[d * 24 + h]!;
          expect(r.count[d * 24 + h], `${d} ${h}`).toBe(c.count[d]![h]);
          if (want === null || want === undefined) expect(got, `${d} ${h}`).toBeNaN();
          else expect(Math.abs(got - want), `${d} ${h}: ${got} vs ${want}`).toBeLessThan(1e-9 * Math.max(1, Math.abs(want)));
        }
      }
    });
  }

  it('edge inputs: empty, a weekend trading date, a non-positive price, NaN', () => {
    const empty = rangeByDayHour({ time: new Float64Array(0), open: new Float64Array(0), high: new Float64Array(0), low: new Float64Array(0) }, 0.0001);
    expect(empty.bars).toBe(0);
    expect([...empty.meanPips].every(Number.isNaN)).toBe(true);
    // Mon 2017-01-02 08:00 UTC (Monday's row, hour 8); Sat 2017-01-07 12:00 UTC (a weekend trading date: skipped);
    // Sun 2017-01-01 23:00 UTC = 18:00 New York, trading date Monday: Monday's row, hour 23; then a zero open and a NaN high.
    const t = [Date.UTC(2017, 0, 2, 8), Date.UTC(2017, 0, 7, 12), Date.UTC(2017, 0, 1, 23), Date.UTC(2017, 0, 3, 8), Date.UTC(2017, 0, 3, 9)];
    const r = rangeByDayHour(
      { time: Float64Array.from(t), open: Float64Array.from([1.05, 1.05, 1.05, 0, 1.05]), high: Float64Array.from([1.0520, 1.06, 1.0510, 1.06, Number.NaN]), low: Float64Array.from([1.0500, 1.04, 1.0500, 1.04, 1.04]) },
      0.0001,
    );
    expect(r.bars).toBe(2);
    expect(r.meanPips[0 * 24 + 8]).toBeCloseTo(20, 9);
    expect(r.meanPips[0 * 24 + 23]).toBeCloseTo(10, 9);
    expect(r.count.reduce((a, b) => a + b, 0)).toBe(2);
    expect(() => rangeByDayHour({ time: Float64Array.from([0]), open: Float64Array.from([1]), high: Float64Array.from([1]), low: Float64Array.from([1]) }, 0.0001, 'Not/AZone')).toThrow();
  });
});
