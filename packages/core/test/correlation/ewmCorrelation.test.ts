import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ewmCorrelation, ewmCorrelationZeroMean } from '@soukan/core';
import { f64, loadFixture, refEwm, rng, worst } from './helpers.js';

interface EwmCase {
  label: string;
  x: (number | null)[];
  y: (number | null)[];
  ewm: { alpha: number; pandas: (number | null)[] }[];
}
const cases = (['rolling_ecb.json', 'rolling_h10.json'] as const).flatMap((f) => loadFixture<{ cases: EwmCase[] }>(f).cases);

describe('ewmCorrelation — pandas 1.5.3 Series.ewm(alpha=0.06).corr (adjust=True, ignore_na=False) (rolling_*.json)', () => {
  for (const c of cases) {
    it(c.label, () => {
      const e = c.ewm[0]!;
      const got = ewmCorrelation(f64(c.x), f64(c.y), 1 - e.alpha);
      // Same recurrence as pandas' ewmcov, so agreement is to the last bits.
      const r = worst(got, f64(e.pandas), 1);
      expect(r.err, `t=${r.at}`).toBeLessThanOrEqual(1e-15);
    });
  }
  it('missing rows repeat the previous value and age the weights (the H.10 holiday rows)', () => {
    const c = cases.find((k) => k.label.includes('EUR/USD vs USD/JPY'))!;
    const x = f64(c.x);
    const got = ewmCorrelation(x, f64(c.y));
    let holidays = 0;
    for (let t = 1; t < x.length; t++) {
      if (Number.isNaN(x[t]!) && !Number.isNaN(got[t - 1]!)) {
        holidays++;
        expect(got[t]).toBe(got[t - 1]);
      }
    }
    expect(holidays).toBeGreaterThan(10);
  });
});

describe('ewmCorrelation — equals the direct weighted formula (weights λ^(t−s), weighted means)', () => {
  it('seeded random inputs with NaN/±Infinity gaps and leading NaN', () => {
    const { uniform, normal } = rng(11);
    for (let trial = 0; trial < 100; trial++) {
      const n = Math.floor(uniform() * 150);
      const lambda = 0.5 + 0.49 * uniform();
      const x = Float64Array.from({ length: n }, (_, t) =>
        t < 3 && uniform() < 0.5 ? NaN : uniform() < 0.1 ? NaN : uniform() < 0.02 ? -Infinity : normal(),
      );
      const y = Float64Array.from(x, (v) => (uniform() < 0.1 ? NaN : 0.3 * v + normal()));
      const got = ewmCorrelation(x, y, lambda);
      const want = refEwm(x, y, lambda);
      // The reference has no "first observation" convention: the recursion gives
      // NaN there (one point, 0/0) and the reference gives 0/0 too.
      const e = worst(got, want, 1);
      expect(e.err, `trial ${trial} at ${e.at}`).toBeLessThan(1e-12);
    }
  });
  it('no drift over 1 million steps (checkpoints against the direct formula over the last 3,000 rows)', () => {
    const { normal } = rng(8);
    const n = 1_000_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      x[t] = 100 + normal();
      y[t] = 0.5 * x[t]! + normal();
    }
    const got = ewmCorrelation(x, y, 0.94);
    for (const t of [n - 1, n - 1000, 500_000]) {
      const s = t - 3000;
      const want = refEwm(x.subarray(s, t + 1), y.subarray(s, t + 1), 0.94)[3000]!;
      expect(Math.abs(got[t]! - want)).toBeLessThan(1e-13);
    }
  });
  it('|ρ| ≤ 1 (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: 1e9, noNaN: true })), { maxLength: 60 }), (pairs) => {
        const x = Float64Array.from(pairs, (p) => p[0]);
        const y = Float64Array.from(pairs, (p) => p[1]);
        for (const v of ewmCorrelation(x, y, 0.9)) if (!Number.isNaN(v)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
        for (const v of ewmCorrelationZeroMean(x, y, 0.9)) if (!Number.isNaN(v)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('ewmCorrelationZeroMean — RiskMetrics (1996) §5.2.1', () => {
  it('equals Σλ^(t−s)xy / √(Σλ^(t−s)x² Σλ^(t−s)y²) computed directly', () => {
    const { normal, uniform } = rng(12);
    const n = 300;
    const x = Float64Array.from({ length: n }, () => (uniform() < 0.05 ? NaN : 0.01 * normal()));
    const y = Float64Array.from(x, (v) => 0.004 * v + 0.01 * normal());
    const got = ewmCorrelationZeroMean(x, y, 0.94);
    let seen = 0;
    for (let t = 0; t < n; t++) {
      let sxy = 0;
      let sxx = 0;
      let syy = 0;
      let c = 0;
      for (let s = 0; s <= t; s++) {
        if (Number.isNaN(x[s]!) || Number.isNaN(y[s]!)) continue;
        const w = 0.94 ** (t - s);
        sxy += w * x[s]! * y[s]!;
        sxx += w * x[s]! ** 2;
        syy += w * y[s]! ** 2;
        c++;
      }
      if (c < 2) expect(got[t]).toBeNaN();
      else {
        seen++;
        expect(Math.abs(got[t]! - sxy / Math.sqrt(sxx * syy))).toBeLessThan(1e-13);
      }
    }
    expect(seen).toBeGreaterThan(250);
  });
});

describe('ewm edge inputs', () => {
  it('pandas 1.5.3: pd.Series([1,2,inf,4,5]).ewm(alpha=0.5).corr(pd.Series([1,3,2,5,4])) = [nan, 1, 1, 0.9871639953033072, 0.5070925528371099]', () => {
    const got = ewmCorrelation(Float64Array.of(1, 2, Infinity, 4, 5), Float64Array.of(1, 3, 2, 5, 4), 0.5);
    expect(got[0]).toBeNaN();
    expect(got[1]).toBe(1);
    expect(got[2]).toBe(1);
    expect(Math.abs(got[3]! - 0.9871639953033072)).toBeLessThan(1e-15);
    expect(Math.abs(got[4]! - 0.5070925528371099)).toBeLessThan(1e-15);
  });
  const F = (...a: number[]): Float64Array => Float64Array.from(a);
  it.each([
    ['ewmCorrelation', ewmCorrelation],
    ['ewmCorrelationZeroMean', ewmCorrelationZeroMean],
  ] as const)('%s: empty, one point, constant, NaN, ±Infinity, 1e150, mismatched lengths, bad λ', (name, fn) => {
    expect(fn(F(), F()).length).toBe(0);
    expect(Array.from(fn(F(1), F(2)))).toEqual([NaN]);
    expect(Array.from(fn(F(NaN, NaN), F(1, 2)))).toEqual([NaN, NaN]);
    // ±∞ is missing, exactly like NaN (pandas turns it into NaN first).
    expect(Array.from(fn(F(1, 2, Infinity, 4, 5), F(1, 3, 2, 5, 4), 0.5))).toEqual(Array.from(fn(F(1, 2, NaN, 4, 5), F(1, 3, 2, 5, 4), 0.5)));
    expect(Array.from(fn(F(1, 2, 3, 4, 5), F(1, 3, -Infinity, 5, 4), 0.5))).toEqual(Array.from(fn(F(1, 2, 3, 4, 5), F(1, 3, NaN, 5, 4), 0.5)));
    const big = fn(F(1e150, 3e150, 2e150, 5e150), F(1, 3, 2, 4));
    const small = fn(F(1, 3, 2, 5), F(1, 3, 2, 4));
    expect(big[3]).toBeCloseTo(small[3]!, 13);
    expect(() => fn(F(1, 2), F(1))).toThrow(`${name}: series lengths differ (2 vs 1)`);
    expect(() => fn(F(1), F(1), 1)).toThrow('lambda must be in [0, 1), got 1');
    expect(() => fn(F(1), F(1), -0.1)).toThrow('lambda must be in [0, 1)');
    expect(() => fn(F(1), F(1), 0.9, new Float64Array(2))).toThrow('output length 2 differs from input length 1');
  });
  it('constant series: ewmCorrelation is NaN throughout (pandas: 0/0); the zero-mean one only for an all-zero series', () => {
    expect(Array.from(ewmCorrelation(F(2, 2, 2, 2), F(1, 3, 2, 4))).every(Number.isNaN)).toBe(true);
    expect(Array.from(ewmCorrelationZeroMean(F(0, 0, 0), F(1, 3, 2))).every(Number.isNaN)).toBe(true);
    expect(ewmCorrelationZeroMean(F(2, 2, 2), F(1, 3, 2))[2]).toBeGreaterThan(0);
  });
});
