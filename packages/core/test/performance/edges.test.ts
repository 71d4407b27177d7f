import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  alignedPeriodReturns,
  annualizationFactor,
  calendarReturns,
  drawdownPhases,
  historicalVar,
  periodEnds,
  resampleBars,
  formatIsoDate,
  historicalVaR,
  maxDrawdown,
  performanceReport,
  periodReturns,
  riskFreePerPeriod,
  sampleExcessKurtosis,
  sampleSkewness,
  type PeriodReturns,
} from '@soukan/core';

const DAY = 86_400_000;
const days = (n: number, from = Date.UTC(2020, 0, 1), step = DAY): Float64Array => Float64Array.from({ length: n }, (_, i) => from + i * step);
const pr = (returns: number[], step = DAY): PeriodReturns => ({ time: days(returns.length, Date.UTC(2020, 0, 2), step), returns: Float64Array.from(returns), start: Date.UTC(2020, 0, 1) });

/** The performance module's own VaR before it called the risk module's: one-sided lerp `a + (b − a)·g`. */
function previousHistoricalVar(returns: number[], level: number): { var: number; es: number; n: number } {
  const s = Float64Array.from(returns.filter(Number.isFinite)).sort();
  const n = s.length;
  if (n === 0 || !(level > 0 && level < 1)) return { var: Number.NaN, es: Number.NaN, n };
  const h = (n - 1) * (1 - level);
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const q = s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
  let sum = 0;
  let k = 0;
  for (let i = 0; i < n && s[i]! <= q; i++) {
    sum += s[i]!;
    k++;
  }
  return { var: -q, es: -sum / k, n };
}

/** Slow drawdown: running max by rescanning the whole prefix. */
function slowMaxDrawdown(r: number[]): number {
  const w = [1];
  for (const x of r) w.push(w[w.length - 1]! * (1 + x));
  let worst = 0;
  for (let i = 0; i < w.length; i++) worst = Math.min(worst, w[i]! / Math.max(...w.slice(0, i + 1)) - 1);
  return worst;
}

describe('moments, VaR, drawdowns: small examples and degenerate input', () => {
  it('skew and kurtosis equal pandas on [1, 2, 3, 10]; NaN where pandas gives 0 or too few values', () => {
    expect(sampleSkewness([1, 2, 3, 10])).toBeCloseTo(1.763632614803888, 14); // pandas 1.5.3 Series.skew
    expect(sampleExcessKurtosis([1, 2, 3, 10])).toBeCloseTo(3.2280000000000015, 13); // pandas Series.kurt
    expect(sampleSkewness([5, 5, 5])).toBeNaN();
    expect(sampleExcessKurtosis([5, 5, 5, 5])).toBeNaN();
    expect(sampleSkewness([1, 2])).toBeNaN();
    expect(sampleExcessKurtosis([])).toBeNaN();
    expect(sampleSkewness([1, 2, Number.NaN, 3, 10, Infinity])).toBeCloseTo(1.763632614803888, 14);
    expect(sampleSkewness([1e150, 2e150, 3e150, 10e150])).toBeCloseTo(1.763632614803888, 10);
  });
  it('historical VaR/ES: worked example, degenerate input, ES ≥ VaR and VaR monotone in the level', () => {
    const h = historicalVar([-0.03, -0.01, 0, 0.01, 0.02], 0.8);
    expect(h.var).toBeCloseTo(0.014, 15);
    expect(h.es).toBeCloseTo(0.03, 15);
    expect(historicalVar([], 0.95).var).toBeNaN();
    expect(historicalVar([0.01], 1.2).var).toBeNaN();
    expect(historicalVar([0.01], 0.95).var).toBe(-0.01);
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), (r, lv) => {
        const a = historicalVar(r, lv);
        const b = historicalVar(r, Math.min(0.999, lv + 0.005));
        expect(a.es).toBeGreaterThanOrEqual(a.var - 1e-15);
        expect(b.var).toBeGreaterThanOrEqual(a.var - 1e-15);
      }),
    );
  });
  it('historicalVar is the risk module\'s historicalVaR on the finite returns; equal to its previous own implementation (bit for bit below an interpolation weight of ½, within 2 ulp above, where it now follows NumPy\'s two-sided lerp)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -0.2, max: 0.2, noNaN: true }), fc.constantFrom(Number.NaN, Infinity, -Infinity)), { maxLength: 300 }),
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        (r, lv) => {
          const a = historicalVar(r, lv);
          const finite = Float64Array.from(r.filter(Number.isFinite));
          const [m] = historicalVaR(finite, [lv]);
          expect(a.n).toBe(finite.length);
          expect(Object.is(a.var, m!.var) || (Number.isNaN(a.var) && Number.isNaN(m!.var))).toBe(true);
          expect(Object.is(a.es, m!.es) || (Number.isNaN(a.es) && Number.isNaN(m!.es))).toBe(true);
          const old = previousHistoricalVar(r, lv);
          if (Number.isNaN(old.var)) return void expect(a.var).toBeNaN();
          const h = (finite.length - 1) * (1 - lv);
          // a rounding of the interpolation, so relative to the sample's scale (subnormals included)
          const scale = finite.reduce((x, v) => Math.max(x, Math.abs(v)), 0);
          const tol = h - Math.floor(h) < 0.5 ? 0 : 4 * Number.EPSILON * scale + 4 * Number.MIN_VALUE;
          expect(Math.abs(a.var - old.var)).toBeLessThanOrEqual(tol);
          expect(Math.abs(a.es - old.es)).toBeLessThanOrEqual(tol);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('drawdowns agree with a slow rescan; no drawdown gives null and no phases', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 1, maxLength: 60 }), (r) => {
        const m = maxDrawdown(pr(r));
        const slow = slowMaxDrawdown(r);
        if (slow === 0) expect(m).toBeNull();
        else expect(Math.abs(m!.depth - slow)).toBeLessThan(1e-12);
      }),
    );
    expect(maxDrawdown(pr([0.01, 0.02, 0]))).toBeNull();
    expect(drawdownPhases(pr([]))).toEqual([]);
    const ph = drawdownPhases(pr([-0.1, 0.2, -0.05]));
    expect(ph.map((p) => [p.peakIndex, p.troughIndex, p.recoveryIndex])).toEqual([
      [-1, 0, 1],
      [1, 2, -1],
    ]);
    expect(ph[0]!.peak).toBe(Date.UTC(2020, 0, 1));
    expect(ph[1]!.recovery).toBeNaN();
  });
  it('calendar buckets by UTC month and year', () => {
    const r: PeriodReturns = { time: Float64Array.of(Date.UTC(2020, 0, 31), Date.UTC(2020, 1, 1), Date.UTC(2021, 0, 4)), returns: Float64Array.of(0.1, 0.1, -0.5), start: Number.NaN };
    const m = calendarReturns(r, 'month');
    expect(m.keys).toEqual(['2020-01', '2020-02', '2021-01']);
    const y = calendarReturns(r, 'year');
    expect(y.keys).toEqual(['2020', '2021']);
    expect(y.returns[0]).toBeCloseTo(0.21, 15);
  });
});

describe('annualisation and risk-free conventions', () => {
  it('observed periods per year, conventional 252/52/12, NaN for too little data', () => {
    expect(annualizationFactor(days(366)).factor).toBeCloseTo(365 / (365 / 365.25), 10);
    expect(annualizationFactor(days(100), 'conventional').factor).toBe(252);
    expect(annualizationFactor(days(100, 0, 7 * DAY), 'conventional').factor).toBe(52);
    expect(annualizationFactor(days(100, 0, 3_600_000), 'conventional').factor).toBeNaN();
    expect(annualizationFactor(days(1)).factor).toBeNaN();
    expect(annualizationFactor(new Float64Array(0)).factor).toBeNaN();
    expect(annualizationFactor(days(100)).label).toMatch(/observed 365\.\d periods\/year \(median spacing 1 day\)/);
  });
  it('constant rate de-annualised geometrically; wrong-frequency and late series are errors', () => {
    expect(riskFreePerPeriod(0.02, days(3), 252)[0]).toBeCloseTo(Math.pow(1.02, 1 / 252) - 1, 17);
    const monthly = { time: days(24, Date.UTC(2019, 0, 1), 30 * DAY), rate: new Float64Array(24).fill(0.01), label: 'DTB3' };
    expect(() => riskFreePerPeriod(monthly, days(300), 252)).toThrow(/DTB3 has the wrong frequency: median spacing 30 days \(monthly\) against 1 days \(daily\)/);
    const late = { time: days(50, Date.UTC(2021, 0, 1)), rate: new Float64Array(50) };
    expect(() => riskFreePerPeriod(late, days(50), 252)).toThrow(/starts 2021-01-01, after the first return period 2020-01-01/);
    expect(() => riskFreePerPeriod({ time: days(2), rate: new Float64Array(3) }, days(2), 252)).toThrow(/2 times but 3 rates/);
  });
  it('Sharpe is invariant to shifting returns and a constant per-period risk-free rate together', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -500, max: 500 }).map((v) => v / 1e4), { minLength: 5, maxLength: 50 }), fc.integer({ min: -100, max: 100 }).map((v) => v / 1e5), (r, c) => {
        fc.pre(new Set(r).size > 2);
        const A = 252;
        const base = performanceReport(pr(r), { annualization: A });
        const rf = Math.pow(1 + c, A) - 1; // per-period rate c
        const shifted = performanceReport(pr(r.map((x) => x + c)), { annualization: A, riskFree: rf });
        expect(Math.abs(shifted.sharpe - base.sharpe)).toBeLessThan(1e-6 * Math.max(1, Math.abs(base.sharpe)));
      }),
    );
  });
});

describe('performanceReport and alignedPeriodReturns: bad input names the problem', () => {
  const s = (symbol: string, t: number[], p: number[]) => ({ symbol, time: Float64Array.from(t), close: Float64Array.from(p) });
  it('non-overlapping series', () => {
    expect(() => alignedPeriodReturns(s('EUR/USD', [0, DAY], [1, 2]), s('USD/JPY', [5 * DAY, 6 * DAY], [1, 2]))).toThrow(
      /EUR\/USD \(1970-01-01…1970-01-02\) and USD\/JPY \(1970-01-06…1970-01-07\) share 0 times; need at least 2 overlapping/,
    );
  });
  it('too few returns, gaps, mismatched benchmark, unusable annualisation', () => {
    expect(() => performanceReport(pr([0.01]))).toThrow(/need at least 2 returns, got 1/);
    expect(() => performanceReport(pr([0.01, Number.NaN, 0.02]))).toThrow(/return 1 \(2020-01-03\) is not a number/);
    expect(() => performanceReport(pr([0.01, 0.02]), { benchmark: pr([0.01, 0.02, 0.03]) })).toThrow(/benchmark returns must cover exactly/);
    expect(() => performanceReport(pr([0.01, 0.02], 3_600_000), { annualization: 'conventional' })).toThrow(/annualisation factor is NaN \(no conventional factor/);
  });
  it('constant prices: zero volatility gives NaN ratios, no drawdown, calmar NaN', () => {
    const rep = performanceReport(periodReturns(s('X/Y', [0, DAY, 2 * DAY, 3 * DAY], [1, 1, 1, 1])), { annualization: 252 });
    expect(rep.annualizedVolatility).toBe(0);
    expect(rep.sharpe).toBeNaN();
    expect(rep.maxDrawdown).toBeNull();
    expect(rep.calmar).toBeNaN();
    expect(rep.skewness).toBeNaN();
  });
});

describe('periodEnds: resampled bars restamped at the end of their period', () => {
  it('W1 Monday → Friday, D1 unchanged, intraday opening + bar length (resampleBars on HistData-like M1 rows)', () => {
    // 2017-01-02 … 2017-01-06 M1 rows every 3 hours (New York 17:00 roll = 22:00 UTC in winter)
    const t: number[] = [];
    for (let h = 0; h < 24 * 5; h += 3) t.push(Date.UTC(2017, 0, 1, 23) + h * 3_600_000);
    const px = { symbol: 'EUR/USD', time: Float64Array.from(t), close: Float64Array.from(t, (_, i) => 1 + i / 100) };
    const w1 = resampleBars(px, 'W1').bars;
    expect(Array.from(periodEnds(w1.time, 'W1'), formatIsoDate)).toEqual(Array.from(w1.time, (x) => formatIsoDate(x + 4 * 86_400_000)));
    expect(formatIsoDate(w1.time[0]!)).toBe('2017-01-02');
    expect(formatIsoDate(periodEnds(w1.time, 'W1')[0]!)).toBe('2017-01-06');
    const d1 = resampleBars(px, 'D1').bars;
    expect(Array.from(periodEnds(d1.time, 'D1'))).toEqual(Array.from(d1.time));
    const h4 = resampleBars(px, 'H4').bars;
    const e4 = periodEnds(h4.time, 'H4');
    h4.time.forEach((x, i) => expect(e4[i]! - x).toBe(4 * 3_600_000));
    // every M1 row lies inside [opening, end) of its H4 bar
    for (const x of t) {
      let i = 0;
      while (i + 1 < h4.time.length && h4.time[i + 1]! <= x) i++;
      expect(x).toBeGreaterThanOrEqual(h4.time[i]!);
      expect(x).toBeLessThan(e4[i]!);
    }
    expect(periodEnds(new Float64Array(0), 'H1').length).toBe(0);
  });
});
