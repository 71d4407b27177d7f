import { describe, expect, it } from 'vitest';
import { formatIsoDate, parseTimeframe, resampleBars, type Bars } from '@soukan/core';

const MIN = 60_000;
/** Minute bars at the given UTC instants, OHLC derived from a running value. */
function minutes(times: number[]): Bars {
  const n = times.length;
  const close = Float64Array.from(times, (_, i) => 100 + i);
  return {
    symbol: 'EUR/USD',
    time: Float64Array.from(times),
    open: close.map((c) => c - 0.5),
    high: close.map((c) => c + 1),
    low: close.map((c) => c - 1),
    close,
    volume: new Float64Array(n).fill(2),
  };
}

describe('resampleBars', () => {
  it('aggregates OHLCV within H1 buckets and leaves gaps as gaps', () => {
    const t0 = Date.UTC(2017, 0, 3, 10, 0);
    const b = minutes([t0, t0 + MIN, t0 + 59 * MIN, t0 + 180 * MIN]);
    const { bars } = resampleBars(b, 'H1');
    expect(Array.from(bars.time)).toEqual([t0, t0 + 180 * MIN]);
    expect(bars.open[0]).toBe(99.5);
    expect(bars.high[0]).toBe(103);
    expect(bars.low[0]).toBe(99);
    expect(bars.close[0]).toBe(102);
    expect(bars.volume[0]).toBe(6);
  });

  it('rolls D1 at 17:00 New York and stamps the trading date, across the March DST switch', () => {
    // Fri 10 Mar 16:59 EST, Sun 12 Mar 17:00 EDT (first bar of Monday 13), Mon 13 Mar 16:59 EDT, Mon 17:00 EDT (Tue 14).
    const b = minutes([Date.UTC(2017, 2, 10, 21, 59), Date.UTC(2017, 2, 12, 21, 0), Date.UTC(2017, 2, 13, 20, 59), Date.UTC(2017, 2, 13, 21, 0)]);
    const { bars, weekendRows } = resampleBars(b, 'D1');
    expect(Array.from(bars.time, formatIsoDate)).toEqual(['2017-03-10', '2017-03-13', '2017-03-14']);
    expect(Array.from(bars.close)).toEqual([100, 102, 103]);
    expect(weekendRows).toBe(0);
  });

  it('drops rows inside the weekly closure and counts them', () => {
    const b = minutes([Date.UTC(2017, 0, 6, 21, 59), Date.UTC(2017, 0, 6, 22, 0), Date.UTC(2017, 0, 7, 12, 0), Date.UTC(2017, 0, 8, 22, 0)]);
    const { bars, weekendRows } = resampleBars(b, 'D1');
    expect(weekendRows).toBe(2);
    expect(Array.from(bars.time, formatIsoDate)).toEqual(['2017-01-06', '2017-01-09']);
    expect(resampleBars(b, 'M5').bars.time.length).toBe(2);
  });

  it('aligns H4 to the FX day: 17, 21, 01, 05, 09, 13 New York', () => {
    const ny17 = Date.UTC(2017, 0, 2, 22, 0); // Mon 2 Jan 17:00 EST
    const times = Array.from({ length: 24 * 60 }, (_, i) => ny17 + i * MIN);
    const { bars } = resampleBars(minutes(times), 'H4');
    expect(bars.time.length).toBe(6);
    expect(Array.from(bars.time, (t) => new Date(t - 5 * 3_600_000).getUTCHours())).toEqual([17, 21, 1, 5, 9, 13]);
    const summer = Date.UTC(2017, 6, 3, 21, 0); // Mon 3 Jul 17:00 EDT
    const s = resampleBars(minutes([summer, summer + 4 * 60 * MIN - MIN, summer + 4 * 60 * MIN]), 'H4').bars;
    expect(Array.from(s.time)).toEqual([summer, summer + 4 * 60 * MIN]);
  });

  it('stamps W1 bars with their Monday', () => {
    const b = minutes([Date.UTC(2017, 0, 3, 12), Date.UTC(2017, 0, 6, 12), Date.UTC(2017, 0, 9, 12)]);
    expect(Array.from(resampleBars(b, 'W1').bars.time, formatIsoDate)).toEqual(['2017-01-02', '2017-01-09']);
  });

  it('reads a close-only series as bars and handles empty input', () => {
    const t = Date.UTC(2017, 0, 3, 10, 0);
    const r = resampleBars({ symbol: 'X/Y', time: Float64Array.of(t, t + MIN), close: Float64Array.of(2, 1) }, 'M5').bars;
    expect([r.open[0], r.high[0], r.low[0], r.close[0], r.volume[0]]).toEqual([2, 2, 1, 1, 0]);
    expect(resampleBars({ symbol: 'X/Y', time: new Float64Array(0), close: new Float64Array(0) }, 'H1').bars.time.length).toBe(0);
  });

  it('parses timeframe names', () => {
    expect(parseTimeframe('h4')).toBe('H4');
    expect(() => parseTimeframe('H2')).toThrow(/M1, M5, M15, M30, H1, H4, D1, W1/);
  });
});
