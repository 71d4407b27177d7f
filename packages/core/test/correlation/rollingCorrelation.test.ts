import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rollingCorrelation } from '@soukan/core';
import { f64, loadFixture, refPearson, refRolling, rng, worst } from './helpers.js';

interface RollingCase {
  label: string;
  x: (number | null)[];
  y: (number | null)[];
  rolling: { window: number; minPeriods: number; pandas: (number | null)[]; direct: (number | null)[] }[];
}
const FILES = ['rolling_ecb.json', 'rolling_h10.json'] as const;
const cases = FILES.flatMap((f) => loadFixture<{ cases: RollingCase[] }>(f).cases.map((c) => ({ file: f, ...c })));

describe('rollingCorrelation — pandas 1.5.3 Series.rolling(w, min_periods).corr (rolling_ecb.json, rolling_h10.json)', () => {
  for (const c of cases) {
    for (const r of c.rolling) {
      it(`${c.label}, window ${r.window}, min_periods ${r.minPeriods}`, () => {
        const x = f64(c.x);
        const y = f64(c.y);
        const got = rollingCorrelation(x, y, r.window, r.minPeriods);
        const pd = f64(r.pandas);
        const levels = c.label.includes('levels');
        let compared = 0;
        for (let t = 0; t < got.length; t++) {
          if (!Number.isFinite(pd[t]!)) {
            // pandas NaN (too few pairs) or ±inf/NaN from a zero variance in a
            // pegged (constant) window: ours is NaN.
            expect(got[t], `t=${t}`).toBeNaN();
            continue;
          }
          compared++;
          // pandas forms mean(xy) − mean(x)·mean(y) from running sums, which
          // cancels on price levels (~1e-11 there); on returns it agrees to ~1e-14.
          expect(Math.abs(got[t]! - pd[t]!), `t=${t}`).toBeLessThanOrEqual(levels ? 1e-10 : 1e-13);
        }
        expect(compared).toBeGreaterThan(100);
        // Direct two-pass per window (NumPy): the accuracy reference.
        expect(worst(got, f64(r.direct), 1).err).toBeLessThanOrEqual(1e-14);
      });
    }
  }
  it('the pegged USD/CNY stretch gives NaN windows (constant input), then values after the 2005-07-21 revaluation', () => {
    const c = cases.find((k) => k.label.includes('USD/CNY'))!;
    const got = rollingCorrelation(f64(c.x), f64(c.y), 60, 20);
    const nan = Array.from(got).filter(Number.isNaN).length;
    expect(nan).toBeGreaterThan(100);
    expect(Number.isFinite(got[got.length - 1]!)).toBe(true);
  });
});

describe('rollingCorrelation — O(1) updates with re-anchoring do not drift', () => {
  it('1.2 million steps of random-walk levels (offset 100): equals a direct two-pass recomputation to 1e-13 at 1,200 checkpoints', () => {
    const { normal } = rng(2024);
    const n = 1_200_000;
    const w = 250;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let px = 100;
    let py = 150;
    for (let t = 0; t < n; t++) {
      const e = normal();
      px += 0.01 * e;
      py += 0.01 * (0.6 * e + 0.8 * normal());
      x[t] = px;
      y[t] = py;
    }
    const got = rollingCorrelation(x, y, w);
    let worstErr = 0;
    for (let t = w - 1; t < n; t += 997) {
      const want = refPearson(x.subarray(t - w + 1, t + 1), y.subarray(t - w + 1, t + 1));
      worstErr = Math.max(worstErr, Math.abs(got[t]! - want));
    }
    const last = n - 1;
    worstErr = Math.max(worstErr, Math.abs(got[last]! - refPearson(x.subarray(last - w + 1), y.subarray(last - w + 1))));
    expect(worstErr).toBeLessThan(1e-13);
  });
  it('a huge move leaving the window does not pollute the quiet windows after it', () => {
    const { normal } = rng(5);
    const n = 3000;
    const w = 100;
    const x = Float64Array.from({ length: n }, (_, t) => 1e-6 * normal() + (t >= 1000 && t < 1010 ? 1e6 * normal() : 0));
    const y = Float64Array.from(x, (v) => v + 1e-6 * normal());
    const got = rollingCorrelation(x, y, w);
    const want = refRolling(x, y, w, w);
    for (let t = 1110; t < 1130; t++) expect(Math.abs(got[t]! - want[t]!), `t=${t}`).toBeLessThan(1e-12);
    expect(worst(got, want, 1).err).toBeLessThan(1e-9);
  });
});

describe('rollingCorrelation — equals the direct reference on random inputs (NaN, ±Infinity, constant stretches)', () => {
  it('seeded random cases', () => {
    const { uniform, normal } = rng(77);
    for (let trial = 0; trial < 200; trial++) {
      const n = Math.floor(uniform() * 120);
      const w = 1 + Math.floor(uniform() * 30);
      const minP = Math.floor(uniform() * (w + 2));
      const x = Float64Array.from({ length: n }, () => {
        const u = uniform();
        return u < 0.08 ? NaN : u < 0.1 ? (uniform() < 0.5 ? Infinity : -Infinity) : u < 0.3 ? 1.5 : normal();
      });
      const y = Float64Array.from(x, (v) => (uniform() < 0.08 ? NaN : uniform() < 0.2 ? 2 : v + normal()));
      const got = rollingCorrelation(x, y, w, minP);
      const want = refRolling(x, y, w, minP);
      const e = worst(got, want, 1);
      expect(e.err, `trial ${trial} t=${e.at}`).toBeLessThan(1e-12);
    }
  });
  it('|ρ| ≤ 1 (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.double({ min: -1e9, max: 1e9, noNaN: true })), { maxLength: 80 }),
        fc.integer({ min: 1, max: 20 }),
        (pairs, w) => {
          const out = rollingCorrelation(
            Float64Array.from(pairs, (p) => p[0]),
            Float64Array.from(pairs, (p) => p[1]),
            w,
            1,
          );
          for (const v of out) if (!Number.isNaN(v)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('rollingCorrelation — edge inputs', () => {
  const F = (...a: number[]): Float64Array => Float64Array.from(a);
  it('empty, one point, constant, NaN, ±Infinity (missing), 1e150, window longer than the data', () => {
    expect(rollingCorrelation(F(), F(), 3).length).toBe(0);
    expect(Array.from(rollingCorrelation(F(1), F(2), 1, 0))).toEqual([NaN]);
    expect(Array.from(rollingCorrelation(F(1, 1, 1, 1), F(1, 2, 3, 4), 3, 2))).toEqual([NaN, NaN, NaN, NaN]);
    expect(Array.from(rollingCorrelation(F(1, 2, NaN, 4), F(1, 2, 3, 5), 3, 2))).toEqual([NaN, 1, 1, 1]);
    // ±∞ is missing, like NaN. pandas 1.5.3:
    // pd.Series([1,2,inf,4,5,6,7]).rolling(3, min_periods=2).corr(pd.Series([1,3,2,5,4,6,8]))
    // = [nan, 1.0, 1.0, 1.0, -1.0, 0.4999999999999982, 1.0000000000000018]
    const inf = rollingCorrelation(F(1, 2, Infinity, 4, 5, 6, 7), F(1, 3, 2, 5, 4, 6, 8), 3, 2);
    expect(Array.from(inf.subarray(0, 5))).toEqual([NaN, 1, 1, 1, -1]);
    expect(inf[5]).toBeCloseTo(0.5, 14);
    expect(inf[6]).toBeCloseTo(1, 14);
    const big = rollingCorrelation(F(1e150, 3e150, 2e150, 5e150), F(1, 3, 2, 4), 3);
    expect(big[3]).toBeCloseTo(refPearson([3, 2, 5], [3, 2, 4]), 14);
    expect(Array.from(rollingCorrelation(F(1, 2, 3), F(3, 1, 2), 10, 2))).toEqual([NaN, -1, -0.5]);
  });
  it('tiny and huge magnitudes: two distinct points are ±1, and scaling by a power of two changes nothing', () => {
    // Two distinct points lie on a line, so their correlation is the sign of
    // the product of the moves (by definition). Around 1e-76 the product of
    // the co-moments (~1e-306) used to round in the subnormal range: 0.7071.
    expect(Array.from(rollingCorrelation(F(1e-76, 2e-76), F(1e-76, 3e-76), 2, 0))).toEqual([NaN, 1]);
    expect(Array.from(rollingCorrelation(F(-4.845114095043934e-81, -7.860448661635089e-81), F(1.3051075691272463e-81, -2.8612117402976977e-81), 2, 0))).toEqual([NaN, 1]);
    expect(Array.from(rollingCorrelation(F(3e-77, 1e-76, 4e-77), F(1e-76, 5e-77, 2e-76), 2, 0))).toEqual([NaN, -1, -1]);
    // Squares that underflow to zero (1e-200) or deviations that are subnormal.
    expect(Array.from(rollingCorrelation(F(1e-200, 3e-200), F(1e-200, 2e-200), 2, 0))).toEqual([NaN, 1]);
    expect(rollingCorrelation(F(1e-310, 3e-310), F(2e-310, 1e-310), 2, 0)[1]).toBeCloseTo(-1, 15);
    // Correlation does not change when a series is multiplied by a positive
    // constant; a power of two scales every value exactly, so the scaled
    // series must give the direct reference of the unscaled ones.
    const { normal } = rng(76);
    const n = 400;
    const x = Float64Array.from({ length: n }, () => normal());
    const y = Float64Array.from({ length: n }, (_, i) => 0.6 * x[i]! + normal());
    for (const w of [2, 3, 20]) {
      const want = refRolling(x, y, w, 0);
      for (const [a, b] of [
        [2 ** -252, 2 ** -252], // values around 1e-76
        [2 ** -700, 1], // 1e-211 against ordinary values
        [2 ** -1040, 2 ** -1030], // subnormal values
        [2 ** 600, 2 ** -600],
      ] as const) {
        const got = rollingCorrelation(x.map((v) => v * a), y.map((v) => v * b), w, 0);
        // Subnormals keep only ~34-44 significant bits of each value.
        expect(worst(got, want, 1).err, `window ${w}, scales ${a} ${b}`).toBeLessThanOrEqual(a < 2 ** -1000 ? 1e-8 : 1e-13);
      }
    }
  });
  it('mismatched lengths and bad arguments throw; the output buffer is used', () => {
    expect(() => rollingCorrelation(F(1, 2), F(1), 2)).toThrow('rollingCorrelation: series lengths differ (2 vs 1)');
    expect(() => rollingCorrelation(F(1, 2), F(1, 2), 0)).toThrow('window must be a positive integer, got 0');
    expect(() => rollingCorrelation(F(1, 2), F(1, 2), 2.5)).toThrow('window must be a positive integer');
    expect(() => rollingCorrelation(F(1, 2), F(1, 2), 2, -1)).toThrow('minPeriods must be ≥ 0');
    expect(() => rollingCorrelation(F(1, 2), F(1, 2), 2, 2, new Float64Array(3))).toThrow('output length 3 differs from input length 2');
    const out = new Float64Array(3);
    expect(rollingCorrelation(F(1, 2, 3), F(1, 2, 4), 2, 2, out)).toBe(out);
  });
});
