import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { kendallTauB, kendallTauBTest, pearson, pearsonTest, spearman, spearmanTest } from '@soukan/core';
import { f64, loadFixture, refKendall, refPearson, refSpearman, rng } from './helpers.js';

interface Cells {
  r: (number | null)[];
  p: (number | null)[];
  lo: (number | null)[];
  hi: (number | null)[];
  lo99?: (number | null)[];
  hi99?: (number | null)[];
}
interface WindowSet {
  input: (number | null)[][];
  n: number[];
  pearson: Cells;
  spearman: Cells;
  kendall: Cells;
}
const W = loadFixture<{ symbols: string[]; returns: WindowSet; levels: WindowSet }>('ecb_window.json');
const F = (...a: number[]): Float64Array => Float64Array.from(a);
const rel = (a: number, e: number): number => (a === e ? 0 : Math.abs(a - e) / Math.abs(e));
const k = W.symbols.length;

// A spread of pairs: neighbours, far apart, and the EUR/USD–USD/JPY kind.
const PAIRS: [number, number][] = [
  [0, 1],
  [3, 17],
  [5, 27],
  [10, 20],
  [21, 25],
  [26, 27],
];

describe.each(['returns', 'levels'] as const)('scalar tests on the last 260 ECB %s — SciPy 1.10 per pair (ecb_window.json)', (kind) => {
  const set = W[kind];
  const col = set.input.map(f64);
  it.each(PAIRS)('pearsonTest(%i, %i) = scipy.stats.pearsonr: r, p, confidence_interval(0.95 and 0.99)', (i, j) => {
    const c = i * k + j;
    const t = pearsonTest(col[i]!, col[j]!);
    expect(rel(t.r, set.pearson.r[c]!)).toBeLessThan(1e-12);
    expect(rel(t.p, set.pearson.p[c]!)).toBeLessThan(1e-10);
    expect(rel(t.lo, set.pearson.lo[c]!)).toBeLessThan(1e-12);
    expect(rel(t.hi, set.pearson.hi[c]!)).toBeLessThan(1e-12);
    const t99 = pearsonTest(col[i]!, col[j]!, { confidence: 0.99 });
    expect(rel(t99.lo, set.pearson.lo99![c]!)).toBeLessThan(1e-12);
    expect(rel(t99.hi, set.pearson.hi99![c]!)).toBeLessThan(1e-12);
    expect(t.n).toBe(260);
    expect(t.reason).toBeNull();
    expect(pearson(col[i]!, col[j]!)).toBe(t.r);
  });
  it.each(PAIRS)('spearmanTest(%i, %i) = scipy.stats.spearmanr; CI = tanh(atanh ρ ± z·√((1+ρ²/2)/(n−3))) in NumPy', (i, j) => {
    const c = i * k + j;
    const t = spearmanTest(col[i]!, col[j]!);
    expect(rel(t.r, set.spearman.r[c]!)).toBeLessThan(1e-12);
    expect(rel(t.p, set.spearman.p[c]!)).toBeLessThan(1e-10);
    expect(rel(t.lo, set.spearman.lo[c]!)).toBeLessThan(1e-12);
    expect(rel(t.hi, set.spearman.hi[c]!)).toBeLessThan(1e-12);
    expect(spearman(col[i]!, col[j]!)).toBe(t.r);
  });
  it.each(PAIRS)("kendallTauBTest(%i, %i) = scipy.stats.kendalltau(method='asymptotic'); CI with √(0.437/(n−4))", (i, j) => {
    const c = i * k + j;
    const t = kendallTauBTest(col[i]!, col[j]!);
    expect(rel(t.r, set.kendall.r[c]!)).toBeLessThan(1e-14);
    expect(rel(t.p, set.kendall.p[c]!)).toBeLessThan(1e-10);
    expect(rel(t.lo, set.kendall.lo[c]!)).toBeLessThan(1e-12);
    expect(rel(t.hi, set.kendall.hi[c]!)).toBeLessThan(1e-12);
    expect(kendallTauB(col[i]!, col[j]!)).toBe(t.r);
  });
});

describe('scalar kernels against slow references on random inputs', () => {
  it('pearson = textbook two-pass (1e-13), spearman = O(n²)-rank Pearson, kendallTauB and its p = O(n²) pair count', () => {
    const { uniform, normal } = rng(99);
    for (let trial = 0; trial < 300; trial++) {
      const n = 3 + Math.floor(uniform() * 120);
      const ties = uniform() < 0.5;
      const x = Float64Array.from({ length: n }, () => (ties ? Math.round(normal() * 3) : normal()));
      const y = Float64Array.from({ length: n }, (_, i) => (ties ? Math.round(normal() * 3 + x[i]!) : normal() + 0.5 * x[i]!));
      const rp = refPearson(x, y);
      if (Number.isFinite(rp)) expect(Math.abs(pearson(x, y) - rp)).toBeLessThan(1e-13);
      const rs = refSpearman(x, y);
      if (Number.isFinite(rs)) expect(Math.abs(spearman(x, y) - rs)).toBeLessThan(1e-13);
      const rk = refKendall(x, y);
      if (Number.isFinite(rk.tau)) {
        const t = kendallTauBTest(x, y);
        expect(Math.abs(t.r - rk.tau)).toBeLessThan(1e-14);
        expect(rel(t.p, rk.p)).toBeLessThan(1e-11);
      }
    }
  });
  it('kendallTauB equals the O(n²) reference (fast-check, integer data with many ties)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: -4, max: 4 })), { minLength: 2, maxLength: 60 }),
        (pairs) => {
          const x = Float64Array.from(pairs, (p) => p[0]);
          const y = Float64Array.from(pairs, (p) => p[1]);
          const want = refKendall(x, y).tau;
          const got = kendallTauB(x, y);
          if (Number.isNaN(want)) expect(got).toBeNaN();
          else expect(Math.abs(got - want)).toBeLessThan(1e-14);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('n = 3,000 equals the O(n²) pair count; n = 20,000 reversed/identical give ∓1 (as SciPy, to the last ulp of its divide-twice formula)', () => {
    const { normal } = rng(3);
    const n = 3000;
    const x = Float64Array.from({ length: n }, normal);
    const y = Float64Array.from(x, (v) => v + normal());
    expect(Math.abs(kendallTauB(x, y) - refKendall(x, y).tau)).toBeLessThan(1e-14);
    const big = Float64Array.from({ length: 20_000 }, normal);
    const rev = Float64Array.from(big, (v) => -v);
    // τ = S / √P / √P: SciPy's expression, which can miss ±1 by an ulp.
    expect(kendallTauB(big, rev)).toBeCloseTo(-1, 15);
    expect(kendallTauB(big, big)).toBeCloseTo(1, 15);
  });
});

describe('scalar edge inputs', () => {
  const fns = { pearson, spearman, kendallTauB };
  it.each(Object.entries(fns))('%s: empty, one point, two points, constant, NaN, ±Infinity, 1e150, mismatched lengths', (name, fn) => {
    expect(fn(F(), F())).toBeNaN();
    expect(fn(F(1), F(2))).toBeNaN();
    expect(fn(F(1, 2), F(3, 5))).toBe(1);
    expect(fn(F(1, 2), F(5, 3))).toBe(-1);
    expect(fn(F(1, 1, 1), F(1, 2, 3))).toBeNaN();
    expect(fn(F(1, 2, 3), F(4, 4, 4))).toBeNaN();
    expect(fn(F(1, NaN, 3), F(1, 2, 3))).toBeNaN();
    expect(fn(F(1e150, 2e150, 4e150), F(1, 2, 3))).toBeCloseTo(fn(F(1, 2, 4), F(1, 2, 3)), 14);
    expect(fn(F(1e300, -1e300, 5e299), F(1, -1, 0.4))).toBeGreaterThan(0.99);
    expect(() => fn(F(1, 2), F(1, 2, 3))).toThrow(`${name}: series lengths differ (2 vs 3)`);
  });
  it('±Infinity: NaN for Pearson (moments undefined); an ordinary extreme rank for Spearman and Kendall (as SciPy)', () => {
    expect(pearson(F(1, Infinity, 3), F(1, 2, 3))).toBeNaN();
    expect(pearson(F(1, 2, -Infinity), F(1, 2, 3))).toBeNaN();
    expect(spearman(F(1, Infinity, 3), F(1, 3, 2))).toBe(1);
    expect(kendallTauB(F(-Infinity, 0, Infinity), F(1, 2, 3))).toBe(1);
  });
  it('test results carry the reason for NaN', () => {
    expect(pearsonTest(F(1), F(2)).reason).toBe('too-few-observations');
    expect(spearmanTest(F(), F()).reason).toBe('too-few-observations');
    expect(kendallTauBTest(F(2, 2, 2), F(1, 2, 3)).reason).toBe('constant-input');
    expect(pearsonTest(F(1, 2, 3), F(0.1, 0.1, 0.1)).reason).toBe('constant-input');
    const nan = pearsonTest(F(1, NaN, 3, 4), F(1, 2, 3, 5));
    expect(nan.r).toBeNaN();
    expect(nan.p).toBeNaN();
    expect(nan.reason).toBeNull();
    expect(() => kendallTauBTest(F(1), F())).toThrow('kendallTauBTest: series lengths differ (1 vs 0)');
  });
  it('n = 2 has p = 1 (SciPy pearsonr; |r| = 1 always) and the uninformative interval [−1, 1]', () => {
    for (const t of [pearsonTest(F(1, 2), F(3, 5)), spearmanTest(F(1, 2), F(3, 5)), kendallTauBTest(F(1, 2), F(5, 3))]) {
      expect(Math.abs(t.r)).toBe(1);
      expect(t.p).toBe(1);
      expect([t.lo, t.hi]).toEqual([-1, 1]);
    }
  });
  it('perfect correlation: p = 0, interval [1, 1] (SciPy pearsonr of x with 2x+1)', () => {
    const x = F(1, 2, 3, 4, 5, 6);
    const t = pearsonTest(x, x.map((v) => 2 * v + 1));
    expect([t.r, t.p, t.lo, t.hi]).toEqual([1, 0, 1, 1]);
  });
});
