import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionalCorrelation, correlationShrink, partialCorrelation, symmetricPseudoInverse } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

const np = JSON.parse(readFileSync(fixture('packages/core/test/partial/fixtures/partial.json'), 'utf8')) as {
  names: string[];
  covariance: number[];
  conditional: { given: number[]; keep: number[]; correlation: number[] }[];
  partial7: number[];
};
const r = JSON.parse(readFileSync(fixture('packages/core/test/partial/fixtures/cor2pcor.json'), 'utf8')) as {
  correlation: number[];
  covariance: number[];
  pcorFromCor: number[];
  pcorFromCov: number[];
};
const cs = JSON.parse(readFileSync(fixture('packages/core/test/shrinkage/fixtures/corShrink.json'), 'utf8')) as { cases: { T: number; N: number; returns: number[]; pcor: number[] }[] };

const maxAbs = (a: Float64Array, b: readonly number[]): number => {
  expect(a.length).toBe(b.length);
  let d = 0;
  for (let i = 0; i < b.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
};

// Tolerance: 1e-12 absolute on coefficients in [−1, 1] (Jacobi eigen-decomposition against
// LAPACK's LU/SVD inverse; measured below 1e-14).
describe('partialCorrelation vs R corpcor 1.6.10 cor2pcor (ECB daily log returns 2015–2019, seven USD majors)', () => {
  it('from the correlation and from the covariance matrix', () => {
    expect(maxAbs(partialCorrelation(Float64Array.from(r.correlation), 7), r.pcorFromCor)).toBeLessThan(1e-12);
    expect(maxAbs(partialCorrelation(Float64Array.from(r.covariance), 7), r.pcorFromCov)).toBeLessThan(1e-12);
  });
  it('matches the NumPy inverse route of partial.gen.py', () => {
    expect(maxAbs(partialCorrelation(Float64Array.from(r.correlation), 7), np.partial7)).toBeLessThan(1e-12);
  });
  it.each(cs.cases)('pcor.shrink route: cor2pcor(cor.shrink) on 30 ECB currencies, T = $T', (c) => {
    const shrunk = correlationShrink(Float64Array.from(c.returns), c.T, c.N).correlation;
    expect(maxAbs(partialCorrelation(shrunk, c.N), c.pcor)).toBeLessThan(1e-11);
  });
});

describe('conditionalCorrelation vs NumPy (Schur complement with numpy.linalg.inv, checked against regression residuals)', () => {
  const S = Float64Array.from(np.covariance);
  it.each(np.conditional)('given $given, keeping $keep', (c) => {
    // The series involved, in their order in S; the case's indices mapped into that submatrix.
    const among = [...c.keep, ...c.given].sort((a, b) => a - b);
    const m = among.length;
    const sub = new Float64Array(m * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) sub[i * m + j] = S[among[i]! * 8 + among[j]!]!;
    const got = conditionalCorrelation(sub, m, c.given.map((g) => among.indexOf(g)));
    expect(got.keep.map((i) => among[i])).toEqual(c.keep);
    expect(maxAbs(got.correlation, c.correlation)).toBeLessThan(1e-12);
  });
  it('net of the dollar factor, EUR/USD and GBP/USD are nearly uncorrelated (0.048) though raw ρ is 0.6', () => {
    const got = conditionalCorrelation(S, 8, [7]).correlation;
    expect(got[1]).toBeCloseTo(0.048, 3);
    expect(S[1]! / Math.sqrt(S[0]! * S[9]!)).toBeGreaterThan(0.5);
  });
  it('given every other series it is the partial correlation', () => {
    const R = Float64Array.from(r.correlation);
    const pc = partialCorrelation(R, 7);
    for (let i = 0; i < 7; i++) {
      for (let j = i + 1; j < 7; j++) {
        const given = [0, 1, 2, 3, 4, 5, 6].filter((x) => x !== i && x !== j);
        expect(conditionalCorrelation(R, 7, given).correlation[1]).toBeCloseTo(pc[i * 7 + j]!, 12);
      }
    }
  });
});

describe('partial correlation: laws and degenerate input', () => {
  it('the documented examples', () => {
    const e = Float64Array.of(1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1);
    expect(partialCorrelation(e, 3)[1]).toBeCloseTo(1 / 3, 14);
    expect(conditionalCorrelation(e, 3, [2]).correlation[1]).toBeCloseTo(1 / 3, 14);
    const p = symmetricPseudoInverse(Float64Array.of(2, 1, 1, 2), 2);
    [2 / 3, -1 / 3, -1 / 3, 2 / 3].forEach((v, i) => expect(p[i]).toBeCloseTo(v, 14));
  });
  it('pseudo-inverse laws on a singular matrix (a cross = the sum of its legs): A A⁺ A = A, A⁺ A A⁺ = A⁺', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 30, maxLength: 30 }), (v) => {
        // 10 observations of x, y and x + y: rank ≤ 2 (small integers, so A is exact).
        const k = 3;
        const a = new Float64Array(9);
        for (let t = 0; t < 10; t++) {
          const row = [v[t]!, v[10 + t]!, v[t]! + v[10 + t]!];
          for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) a[i * k + j] = a[i * k + j]! + row[i]! * row[j]!;
        }
        const p = symmetricPseudoInverse(a, k);
        const mul = (x: Float64Array, y: Float64Array): Float64Array => {
          const o = new Float64Array(9);
          for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) for (let l = 0; l < k; l++) o[i * k + j] = o[i * k + j]! + x[i * k + l]! * y[l * k + j]!;
          return o;
        };
        const scale = Math.max(...a.map(Math.abs), 1e-300);
        const apa = mul(mul(a, p), a);
        for (let i = 0; i < 9; i++) expect(Math.abs(apa[i]! - a[i]!)).toBeLessThan(1e-9 * scale);
        const pap = mul(mul(p, a), p);
        const ps = Math.max(...p.map(Math.abs), 1e-300);
        for (let i = 0; i < 9; i++) expect(Math.abs(pap[i]! - p[i]!)).toBeLessThan(1e-7 * ps);
      }),
      { numRuns: 50 },
    );
  });
  it('partial correlations lie in [−1, 1] and are symmetric', () => {
    const pc = partialCorrelation(Float64Array.from(r.covariance), 7);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) {
      expect(Math.abs(pc[i * 7 + j]!)).toBeLessThanOrEqual(1);
      expect(pc[i * 7 + j]).toBeCloseTo(pc[j * 7 + i]!, 14);
    }
  });
  it('empty, NaN and constant input; bad indices and lengths throw', () => {
    expect(partialCorrelation(new Float64Array(0), 0)).toHaveLength(0);
    expect(Array.from(partialCorrelation(Float64Array.of(1, Number.NaN, Number.NaN, 1), 2)).every(Number.isNaN)).toBe(true);
    expect(Array.from(conditionalCorrelation(Float64Array.of(1, Number.NaN, 0, Number.NaN, 1, 0, 0, 0, 1), 3, [2]).correlation).some(Number.isNaN)).toBe(true);
    // A constant series (zero variance): its precision is 0, so its partial correlations are NaN.
    const z = partialCorrelation(Float64Array.of(1, 0.5, 0, 0.5, 1, 0, 0, 0, 0), 3);
    expect(z[2]).toBeNaN();
    expect(z[1]).toBeCloseTo(0.5, 14);
    // A series Z explains exactly: NaN beside it, nothing made up.
    const ex = conditionalCorrelation(Float64Array.of(1, 1, 0.5, 1, 1, 0.5, 0.5, 0.5, 1), 3, [1]);
    expect(ex.correlation[1]).toBeNaN();
    expect(conditionalCorrelation(Float64Array.of(1, 0.5, 0.5, 1), 2, []).correlation[1]).toBeCloseTo(0.5, 15);
    expect(() => partialCorrelation(new Float64Array(5), 2)).toThrow(/matrix length 5 is not k² = 2²/);
    expect(() => conditionalCorrelation(new Float64Array(4), 2, [2])).toThrow(/given index 2 is not in 0…1/);
    expect(() => conditionalCorrelation(new Float64Array(4), 2, [1, 1])).toThrow(/given index 1 repeated/);
  });
});
