import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cholesky } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

const ref = JSON.parse(readFileSync(fixture('packages/core/test/risk/fixtures/var.json'), 'utf8')) as { covariance: { symbols: string[]; cov: number[]; cholesky: number[] } };

/** Slow, obvious L·Lᵀ. */
function llt(l: Float64Array, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) a[i * n + j] = a[i * n + j]! + l[i * n + k]! * l[j * n + k]!;
  return a;
}

describe('cholesky', () => {
  it('matches numpy.linalg.cholesky on the covariance of five ECB-derived pairs 2010–2019 (var.gen.py)', () => {
    const { cov, cholesky: want, symbols } = ref.covariance;
    const n = symbols.length;
    const r = cholesky(Float64Array.from(cov), n);
    expect(r.ok).toBe(true);
    expect(r.rank).toBe(n);
    for (let i = 0; i < n * n; i++) expect(Math.abs(r.l[i]! - want[i]!)).toBeLessThan(1e-15 + 1e-12 * Math.abs(want[i]!));
  });
  it('example: [[4, 2], [2, 5]] → [[2, 0], [1, 2]]', () => {
    expect(Array.from(cholesky(Float64Array.of(4, 2, 2, 5), 2).l)).toEqual([2, 0, 1, 2]);
  });
  it('reconstructs random positive-definite matrices (A = BᵀB + I)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 64, maxLength: 64 }), (n, b) => {
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) {
          let s = i === j ? 1 : 0;
          for (let k = 0; k < n; k++) s += b[k * 8 + i]! * b[k * 8 + j]!;
          a[i * n + j] = s;
        }
        const r = cholesky(a, n);
        expect(r.ok).toBe(true);
        expect(r.rank).toBe(n);
        const back = llt(r.l, n);
        for (let i = 0; i < n * n; i++) expect(Math.abs(back[i]! - a[i]!)).toBeLessThan(1e-9 * (1 + Math.abs(a[i]!)));
        for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(r.l[i * n + j]).toBe(0);
      }),
    );
  });
  it('semi-definite (collinear factors, as EUR/JPY = EUR/USD + USD/JPY): rank drops, L·Lᵀ still equals A', () => {
    // Cov of (x, y, x + y) with var x = 1, var y = 2, cov = 0.5
    const a = Float64Array.of(1, 0.5, 1.5, 0.5, 2, 2.5, 1.5, 2.5, 4);
    const r = cholesky(a, 3);
    expect(r.ok).toBe(true);
    expect(r.rank).toBe(2);
    const back = llt(r.l, 3);
    for (let i = 0; i < 9; i++) expect(back[i]).toBeCloseTo(a[i]!, 12);
  });
  it('not PSD, non-finite or short input → ok false and NaN', () => {
    expect(cholesky(Float64Array.of(1, 2, 2, 1), 2).ok).toBe(false);
    expect(cholesky(Float64Array.of(-1), 1).ok).toBe(false);
    expect(cholesky(Float64Array.of(NaN), 1).ok).toBe(false);
    expect(cholesky(Float64Array.of(1, Infinity, Infinity, 1), 2).ok).toBe(false);
    const r = cholesky(Float64Array.of(1, 2, 3), 2);
    expect(r.ok).toBe(false);
    expect(Number.isNaN(r.l[0])).toBe(true);
    expect(cholesky(new Float64Array(0), 0)).toEqual({ l: new Float64Array(0), rank: 0, ok: true });
  });
});
