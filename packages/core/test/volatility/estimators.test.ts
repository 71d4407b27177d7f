import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  atr,
  atrInto,
  closeToClose,
  ewmaVarianceInto,
  ewmaVolatility,
  FX_DAYS_PER_YEAR,
  fxPeriodsPerYear,
  garmanKlass,
  observedPeriodsPerYear,
  parkinson,
  rangeProfile,
  resampleBars,
  rogersSatchell,
  yangZhang,
  type Bars,
} from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { histDataM1, logReturns } from '../risk/helpers/realData.js';

type Est = { n: number; closeToClose: number; parkinson: number; garmanKlass: number; rogersSatchell: number; yangZhang: number };
type Range = { tz: string; hourCount: number[]; hourPips: (number | null)[]; hourPct: (number | null)[]; weekdayCount: number[]; weekdayPips: (number | null)[]; weekdayPct: (number | null)[] };
type PairFx = { D1: Est; H1: Est; atr14: (number | null)[]; ewma94: number[]; rangeD1: Range; rangeH1?: Range[] };
const ref = JSON.parse(readFileSync(fixture('packages/core/test/volatility/fixtures/estimators.json'), 'utf8')) as Record<string, PairFx> & { source: string };

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const nullNaN = (a: (number | null)[]): number[] => a.map((x) => (x === null ? Number.NaN : x));

const bars: Record<string, { D1: Bars; H1: Bars }> = {};
beforeAll(async () => {
  for (const pair of ['EURUSD', 'USDJPY']) {
    const m1 = await histDataM1(pair);
    bars[`${pair.slice(0, 3)}/${pair.slice(3)}`] = { D1: resampleBars(m1, 'D1').bars, H1: resampleBars(m1, 'H1').bars };
  }
});

describe('volatility estimators on HistData 2017 (reference: NumPy 1.24 / pandas 1.5.3, estimators.gen.py)', () => {
  for (const sym of ['EUR/USD', 'USD/JPY']) {
    for (const tf of ['D1', 'H1'] as const) {
      it(`${sym} ${tf}: close-to-close, Parkinson, Garman–Klass, Rogers–Satchell, Yang–Zhang agree to 1e-12`, () => {
        const b = bars[sym]![tf];
        const r = ref[sym]![tf];
        const ppy = fxPeriodsPerYear(tf);
        expect(b.close.length).toBe(r.n);
        const got = {
          closeToClose: closeToClose(b.close, ppy),
          parkinson: parkinson(b, ppy),
          garmanKlass: garmanKlass(b, ppy),
          rogersSatchell: rogersSatchell(b, ppy),
          yangZhang: yangZhang(b, ppy),
        };
        for (const [k, v] of Object.entries(got)) {
          expect(rel(v.sigma, r[k as keyof Est])).toBeLessThan(1e-12);
          expect(v.periodsPerYear).toBe(ppy);
          expect(v.annualised).toBeCloseTo(v.sigma * Math.sqrt(ppy), 15);
        }
      });
    }
    it(`${sym} D1: Wilder ATR(14) series matches the spelled-out loop`, () => {
      const b = bars[sym]!.D1;
      const got = atrInto(b.high, b.low, b.close, 14, new Float64Array(b.close.length));
      const want = nullNaN(ref[sym]!.atr14);
      for (let i = 0; i < want.length; i++) {
        if (Number.isNaN(want[i]!)) expect(got[i]).toBeNaN();
        else expect(rel(got[i]!, want[i]!)).toBeLessThan(1e-12);
      }
    });
    it(`${sym} D1: EWMA(0.94) variance matches pandas ewm(alpha=0.06, adjust=False) of r²`, () => {
      const r = logReturns(bars[sym]!.D1.close);
      const got = ewmaVarianceInto(r, 0.94, new Float64Array(r.length));
      const want = ref[sym]!.ewma94;
      expect(got.length).toBe(want.length);
      for (let i = 0; i < want.length; i++) expect(rel(got[i]!, want[i]!)).toBeLessThan(1e-12);
      expect(ewmaVolatility(r, FX_DAYS_PER_YEAR).sigma).toBeCloseTo(Math.sqrt(want[want.length - 1]!), 15);
    });
    it(`${sym} D1: daily range by weekday (UTC-stamped D1 bars) matches pandas groupby`, () => {
      const pip = sym === 'USD/JPY' ? 0.01 : 0.0001;
      checkRange(rangeProfile(bars[sym]!.D1, pip, 'UTC'), ref[sym]!.rangeD1);
    });
  }
  it('EUR/USD H1: hour-of-day and weekday tables in London, Tokyo and New York time match pandas tz_convert + groupby', () => {
    for (const r of ref['EUR/USD']!.rangeH1!) checkRange(rangeProfile(bars['EUR/USD']!.H1, 0.0001, r.tz), r);
  });
});

function checkRange(got: ReturnType<typeof rangeProfile>, want: Range): void {
  expect(got.byHour.map((b) => b.count)).toEqual(want.hourCount);
  expect(got.byWeekday.map((b) => b.count)).toEqual(want.weekdayCount);
  const pairs: [number, number | null][] = [
    ...got.byHour.map((b, i): [number, number | null] => [b.meanPips, want.hourPips[i]!]),
    ...got.byHour.map((b, i): [number, number | null] => [b.meanPct, want.hourPct[i]!]),
    ...got.byWeekday.map((b, i): [number, number | null] => [b.meanPips, want.weekdayPips[i]!]),
    ...got.byWeekday.map((b, i): [number, number | null] => [b.meanPct, want.weekdayPct[i]!]),
  ];
  for (const [g, w] of pairs) {
    if (w === null) expect(g).toBeNaN();
    else expect(rel(g, w)).toBeLessThan(1e-10);
  }
}

// Slow, obviously-correct versions for random-input comparison.
function slowParkinson(h: number[], l: number[]): number {
  let s = 0;
  for (let i = 0; i < h.length; i++) s += Math.log(h[i]! / l[i]!) ** 2;
  return Math.sqrt(s / (4 * Math.log(2) * h.length));
}

const ohlc = fc
  .array(fc.tuple(fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: 0, max: 0.05, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 3, maxLength: 60 })
  .map((rows) => {
    const n = rows.length;
    const o = new Float64Array(n);
    const h = new Float64Array(n);
    const l = new Float64Array(n);
    const c = new Float64Array(n);
    rows.forEach(([mid, width, a, b], i) => {
      l[i] = mid;
      h[i] = mid * (1 + width);
      o[i] = l[i]! + a * (h[i]! - l[i]!);
      c[i] = l[i]! + b * (h[i]! - l[i]!);
    });
    return { open: o, high: h, low: l, close: c };
  });

describe('volatility estimators: properties and edge inputs', () => {
  it('Parkinson equals its slow definition; all range estimators are ≥ 0 and scale-free', () => {
    fc.assert(
      fc.property(ohlc, fc.double({ min: 0.01, max: 100, noNaN: true }), (b, k) => {
        const p = parkinson(b, 260).sigma;
        expect(p).toBeCloseTo(slowParkinson(Array.from(b.high), Array.from(b.low)), 12);
        const scaled = { open: b.open.map((x) => x * k), high: b.high.map((x) => x * k), low: b.low.map((x) => x * k), close: b.close.map((x) => x * k) };
        for (const f of [parkinson, garmanKlass, rogersSatchell, yangZhang]) {
          const a = f(b, 260).sigma;
          const s = f(scaled, 260).sigma;
          if (Number.isNaN(a)) continue; // Garman–Klass can go negative on adversarial bars
          expect(a).toBeGreaterThanOrEqual(0);
          // Rounding error is additive in the variance (ln(h/o) of bars with h ≈ o is
          // pure rounding, ~1e-15), so compare σ² with an absolute floor there: in σ
          // the square root would blow a 1e-17 variance error up to ~1e-9.
          expect(Math.abs(a * a - s * s)).toBeLessThan(1e-14 + 1e-6 * a * a);
        }
      }),
    );
  });
  it('Rogers–Satchell is zero for bars without range and Parkinson for high = low', () => {
    const flat = { open: Float64Array.of(1, 1, 1), high: Float64Array.of(1, 1, 1), low: Float64Array.of(1, 1, 1), close: Float64Array.of(1, 1, 1) };
    expect(rogersSatchell(flat, 260).sigma).toBe(0);
    expect(parkinson(flat, 260).sigma).toBe(0);
    expect(yangZhang(flat, 260).sigma).toBe(0);
    expect(closeToClose(flat.close, 260).sigma).toBe(0);
  });
  it('degenerate inputs give NaN, never throw', () => {
    const e = new Float64Array(0);
    expect(closeToClose(e, 260).sigma).toBeNaN();
    expect(closeToClose(Float64Array.of(1), 260).sigma).toBeNaN();
    expect(closeToClose(Float64Array.of(1, 2), 260).sigma).toBeNaN();
    expect(closeToClose(Float64Array.of(1, NaN, 2, 3), 260).sigma).toBeNaN();
    expect(closeToClose(Float64Array.of(1, -1, 2, 3), 260).sigma).toBeNaN();
    expect(closeToClose(Float64Array.of(1, Infinity, 2, 3), 260).sigma).toBeNaN();
    expect(parkinson({ high: e, low: e }, 260).sigma).toBeNaN();
    expect(parkinson({ high: Float64Array.of(1, 2), low: Float64Array.of(1) }, 260).sigma).toBeNaN();
    expect(parkinson({ high: Float64Array.of(1), low: Float64Array.of(2) }, 260).sigma).toBeNaN();
    const bad = { open: Float64Array.of(1, 1), high: Float64Array.of(1, 1), low: Float64Array.of(1), close: Float64Array.of(1, 1) };
    expect(garmanKlass(bad, 260).sigma).toBeNaN();
    expect(rogersSatchell(bad, 260).sigma).toBeNaN();
    expect(yangZhang(bad, 260).sigma).toBeNaN();
    expect(yangZhang({ open: Float64Array.of(1, 1), high: Float64Array.of(1, 1), low: Float64Array.of(1, 1), close: Float64Array.of(1, 1) }, 260).sigma).toBeNaN();
    expect(Array.from(atrInto(Float64Array.of(1, 2), Float64Array.of(1, 1), Float64Array.of(1, 1), 14, new Float64Array(2)))).toEqual([NaN, NaN]);
    expect(atr({ high: e, low: e, close: e }, 14, 1e-4, 260).atr).toBeNaN();
    expect(Array.from(ewmaVarianceInto(Float64Array.of(0.1), 1, new Float64Array(1)))).toEqual([NaN]);
    expect(ewmaVolatility(e, 260).sigma).toBeNaN();
    // Huge magnitudes: scale-free estimators stay finite.
    expect(parkinson({ high: Float64Array.of(2e300), low: Float64Array.of(1e300) }, 260).sigma).toBeCloseTo(Math.log(2) / Math.sqrt(4 * Math.LN2), 12);
  });
  it('EWMA: examples and seed option', () => {
    const v = ewmaVarianceInto(Float64Array.of(0.01, -0.02), 0.94, new Float64Array(2));
    expect(v[0]).toBeCloseTo(1e-4, 18);
    expect(v[1]).toBeCloseTo(0.94e-4 + 0.06 * 4e-4, 18);
    expect(ewmaVarianceInto(Float64Array.of(0.01), 0.94, new Float64Array(1), 2e-4)[0]).toBeCloseTo(0.94 * 2e-4 + 0.06e-4, 18);
  });
  it('ATR reports pips, fraction and a labelled √ppy scale', () => {
    const b = { high: Float64Array.of(1.1, 1.12, 1.13), low: Float64Array.of(1.09, 1.1, 1.11), close: Float64Array.of(1.1, 1.11, 1.12) };
    const r = atr(b, 2, 0.0001, 260);
    // TR1 = max(0.02, 0.02, 0) = 0.02, TR2 = max(0.02, 0.02, 0) = 0.02
    expect(r.atr).toBeCloseTo(0.02, 14);
    expect(r.pips).toBeCloseTo(200, 9);
    expect(r.fraction).toBeCloseTo(0.02 / 1.12, 14);
    expect(r.scaled.annualised).toBeCloseTo((0.02 / 1.12) * Math.sqrt(260), 12);
  });
  it('annualisation factors are stated, never buried', () => {
    expect(FX_DAYS_PER_YEAR).toBe(260);
    expect(fxPeriodsPerYear('H1')).toBe(6240);
    expect(fxPeriodsPerYear('M1')).toBe(374400);
    expect(fxPeriodsPerYear('W1')).toBe(52);
    expect(observedPeriodsPerYear(Float64Array.of(0, 365.25 * 86_400_000))).toBe(1);
    expect(observedPeriodsPerYear(Float64Array.of(0))).toBeNaN();
  });
  it('range profile: empty buckets are NaN, unknown zones throw, bad bars are skipped', () => {
    const t = Date.UTC(2017, 0, 3, 8, 0); // Tuesday 08:00 UTC
    const p = rangeProfile({ time: Float64Array.of(t, t + 3_600_000), open: Float64Array.of(1.1, NaN), high: Float64Array.of(1.1010, 1), low: Float64Array.of(1.1, 1) }, 0.0001, 'Europe/London');
    expect(p.bars).toBe(1);
    expect(p.byHour[8]!.count).toBe(1);
    expect(p.byHour[8]!.meanPips).toBeCloseTo(10, 9);
    expect(p.byWeekday[2]!.count).toBe(1);
    expect(p.byHour[9]!.meanPips).toBeNaN();
    expect(rangeProfile({ time: new Float64Array(0), open: new Float64Array(0), high: new Float64Array(0), low: new Float64Array(0) }, 1).bars).toBe(0);
    expect(() => rangeProfile({ time: Float64Array.of(t), open: Float64Array.of(1), high: Float64Array.of(1), low: Float64Array.of(1) }, 1, 'Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
