import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { argsortInto, argsortWorkspace } from '../../src/stats/argsort.js';
import { argsortRadixInto, radixWorkspace } from '../../src/correlation/argsortRadix.js';
import { rng } from './helpers.js';

function both(values: Float64Array): { merge: Int32Array; radix: Int32Array; keysMerge: Float64Array; keysRadix: Float64Array } {
  const n = values.length;
  const merge = new Int32Array(n);
  const radix = new Int32Array(n);
  const ws = argsortWorkspace(n);
  const rw = radixWorkspace(n);
  argsortInto(values, n, merge, ws);
  argsortRadixInto(values, n, radix, rw);
  return { merge, radix, keysMerge: ws.keys.slice(0, n), keysRadix: rw.keys.slice(0, n) };
}

describe('argsortRadixInto — the same permutation as the stable merge sort (stats/argsort.ts)', () => {
  it('NaN (any sign) last, −0 equal to 0 (stable), ±∞, subnormals, duplicates, empty and one value', () => {
    const negNaN = new Float64Array(new Uint32Array([0, 0xfff80001]).buffer)[0]!;
    const v = Float64Array.of(3, NaN, -0, 0, -Infinity, Infinity, 5e-324, -5e-324, negNaN, 3, -1e308, 1e308, 0, -0);
    const r = both(v);
    expect(Array.from(r.radix)).toEqual(Array.from(r.merge));
    expect(Object.is(r.keysRadix[0], -Infinity)).toBe(true);
    expect(Array.from(r.keysRadix.subarray(12)).every(Number.isNaN)).toBe(true);
    expect(both(new Float64Array(0)).radix.length).toBe(0);
    expect(Array.from(both(Float64Array.of(7)).radix)).toEqual([0]);
  });
  it('random sizes around the digit passes, with many ties (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double(), fc.integer({ min: -5, max: 5 }).map((i) => i / 2)), { maxLength: 300 }), (a) => {
        const r = both(Float64Array.from(a));
        expect(Array.from(r.radix)).toEqual(Array.from(r.merge));
      }),
    );
  });
  it('100,000 normal values', () => {
    const { normal } = rng(4);
    const r = both(Float64Array.from({ length: 100_000 }, normal));
    expect(Array.from(r.radix)).toEqual(Array.from(r.merge));
  });
});

describe('kendallTauB on the radix path (n ≥ 1,024) equals the O(n²) reference', () => {
  it('3,000 points with ties in both', async () => {
    const { kendallTauBTest } = await import('@soukan/core');
    const { refKendall } = await import('./helpers.js');
    const { normal } = rng(8);
    const x = Float64Array.from({ length: 3000 }, () => Math.round(normal() * 10));
    const y = Float64Array.from(x, (v) => Math.round(v / 40 + normal() * 5));
    const got = kendallTauBTest(x, y);
    const want = refKendall(x, y);
    expect(Math.abs(got.r - want.tau)).toBeLessThan(1e-14);
    expect(Math.abs(got.p / want.p - 1)).toBeLessThan(1e-9);
  });
});

describe('kendallCountsRanked (Fenwick tree) equals kendallCountsSorted (merge sort)', () => {
  it('continuous, tied, constant and two-valued inputs', async () => {
    const { kendallTauBTest } = await import('@soukan/core');
    const { refKendall } = await import('./helpers.js');
    const { normal, uniform } = rng(12);
    const cases: [Float64Array, Float64Array][] = [];
    const n = 1500;
    const x0 = Float64Array.from({ length: n }, normal);
    cases.push([x0, Float64Array.from(x0, (v) => v + normal())]);
    cases.push([Float64Array.from({ length: n }, () => Math.floor(uniform() * 3)), Float64Array.from({ length: n }, () => Math.floor(uniform() * 2))]);
    cases.push([Float64Array.from({ length: n }, () => 5), Float64Array.from({ length: n }, normal)]);
    for (const [x, y] of cases) {
      const got = kendallTauBTest(x, y);
      const want = refKendall(x, y);
      if (Number.isNaN(want.tau)) expect(got.r).toBeNaN();
      else expect(Math.abs(got.r - want.tau)).toBeLessThan(1e-14);
    }
  });
});
