import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { argsort, fisherZ, mean, rankAverage, variance } from '@soukan/core';
import { refRanks, rng } from '../correlation/helpers.js';

const F = (...a: number[]): Float64Array => Float64Array.from(a);

describe('mean', () => {
  it('averages (R: mean(c(1,2,3,4)) = 2.5)', () => {
    expect(mean(F(1, 2, 3, 4))).toBe(2.5);
  });
  it('is correctly rounded on a long series with a large offset (exact rational mean)', () => {
    // 1e8 + k/10 for k = 0..9999: mean = 1e8 + 499.95, exactly representable to ~1.5e-8.
    const x = Float64Array.from({ length: 10_000 }, (_, k) => 1e8 + k / 10);
    expect(Math.abs(mean(x) - (1e8 + 499.95))).toBeLessThanOrEqual(1.5e-8);
  });
  it('edge inputs: empty, one value, constant, NaN, ±Infinity, huge magnitudes', () => {
    expect(mean(F())).toBeNaN();
    expect(mean(F(7))).toBe(7);
    expect(mean(F(0.1, 0.1, 0.1))).toBe(0.1);
    expect(mean(F(1, NaN))).toBeNaN();
    expect(mean(F(1, Infinity))).toBe(Infinity);
    expect(mean(F(-Infinity, 1))).toBe(-Infinity);
    expect(mean(F(Infinity, -Infinity))).toBeNaN();
    expect(mean(F(1e150, 3e150))).toBe(2e150);
    expect(mean(F(1.5e308, 1.5e308))).toBe(1.5e308); // the sum overflows, the mean does not
  });
});

describe('variance', () => {
  it('sample and population variance (R: var(1:4) = 1.666…; NumPy var(ddof=0) = 1.25)', () => {
    expect(variance(F(1, 2, 3, 4))).toBeCloseTo(5 / 3, 15);
    expect(variance(F(1, 2, 3, 4), { ddof: 0 })).toBe(1.25);
  });
  it('keeps digits with a large offset (textbook Σx²−n·m² would return garbage)', () => {
    const x = F(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
    expect(variance(x)).toBe(30);
  });
  it('edge inputs', () => {
    expect(variance(F())).toBeNaN();
    expect(variance(F(3))).toBeNaN(); // n − ddof = 0
    expect(variance(F(3), { ddof: 0 })).toBe(0);
    expect(variance(F(2, 2, 2))).toBe(0);
    expect(variance(F(0.1, 0.1, 0.1, 0.1))).toBe(0);
    expect(variance(F(1, NaN, 3))).toBeNaN();
    expect(variance(F(1, Infinity))).toBeNaN();
    expect(variance(F(-Infinity, 1))).toBeNaN();
    expect(variance(F(1e150, 3e150))).toBeCloseTo(2e300, -285);
    expect(variance(F(1e200, 3e200))).toBe(Infinity); // true value 2e400 is not representable
    expect(variance(F(1e-150, 3e-150)) / 2e-300).toBeCloseTo(1, 14); // squares near underflow: rescaled
    expect(variance(F(1e-200, 3e-200))).toBe(0); // true value 2e-400 underflows
  });
});

describe('argsort', () => {
  it('is stable with NaN last (NumPy argsort(kind="stable"))', () => {
    expect(Array.from(argsort(F(3, NaN, 1, 3)))).toEqual([2, 0, 3, 1]);
    expect(Array.from(argsort(F(0, -0, 0)))).toEqual([0, 1, 2]);
  });
  it('edge inputs', () => {
    expect(argsort(F()).length).toBe(0);
    expect(Array.from(argsort(F(5)))).toEqual([0]);
    expect(Array.from(argsort(F(Infinity, -Infinity, NaN, 1e150)))).toEqual([1, 3, 0, 2]);
  });
  it('matches a comparator sort on random data with ties (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 200 }), (xs) => {
        const v = Float64Array.from(xs);
        const want = xs.map((_, i) => i).sort((a, b) => xs[a]! - xs[b]! || a - b);
        expect(Array.from(argsort(v))).toEqual(want);
      }),
    );
  });
});

describe('rankAverage', () => {
  it('average ranks for ties (SciPy rankdata([10, 20, 10, 30]) = [1.5, 3, 1.5, 4])', () => {
    expect(Array.from(rankAverage(F(10, 20, 10, 30)))).toEqual([1.5, 3, 1.5, 4]);
  });
  it('NaN keeps rank NaN and is not counted (pandas rank, na_option="keep")', () => {
    expect(Array.from(rankAverage(F(2, NaN, 1, 2)))).toEqual([2.5, NaN, 1, 2.5]);
  });
  it('edge inputs', () => {
    expect(rankAverage(F()).length).toBe(0);
    expect(Array.from(rankAverage(F(4)))).toEqual([1]);
    expect(Array.from(rankAverage(F(3, 3, 3)))).toEqual([2, 2, 2]);
    expect(Array.from(rankAverage(F(Infinity, -Infinity, 1e150, -1e150)))).toEqual([4, 1, 3, 2]);
    expect(() => rankAverage(F(1, 2), new Float64Array(3))).toThrow('rankAverage: output length 3 differs from input length 2');
  });
  it('writes into a caller buffer, even in place', () => {
    const x = F(3, 1, 2);
    expect(rankAverage(x, x)).toBe(x);
    expect(Array.from(x)).toEqual([3, 1, 2]);
  });
  it('equals the O(n²) reference on random inputs with ties (property)', () => {
    const { uniform } = rng(7);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(uniform() * 80);
      const x = Float64Array.from({ length: n }, () => Math.floor(uniform() * 10));
      expect(Array.from(rankAverage(x))).toEqual(refRanks(x));
    }
  });
});

describe('fisherZ', () => {
  it('is atanh (R: atanh(0.5) = 0.5493061443340548)', () => {
    expect(fisherZ(0.5)).toBe(0.5493061443340548);
    expect(fisherZ(0)).toBe(0);
  });
  it('edge inputs', () => {
    expect(fisherZ(1)).toBe(Infinity);
    expect(fisherZ(-1)).toBe(-Infinity);
    expect(fisherZ(1.5)).toBeNaN();
    expect(fisherZ(NaN)).toBeNaN();
    expect(fisherZ(Infinity)).toBeNaN();
  });
});
