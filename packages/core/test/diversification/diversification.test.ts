import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { averagePairwiseCorrelation, diversificationRatio } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

const doc = JSON.parse(readFileSync(fixture('packages/core/test/diversification/fixtures/diversification.json'), 'utf8')) as {
  covariance: number[];
  baskets: { name: string; w: number[]; ratio: number; equalWeighted: number; riskWeighted: number; pairs: number }[];
};
const S = Float64Array.from(doc.covariance);

// Tolerance 1e-13 absolute: the same few sums in another order.
describe.each(doc.baskets)('basket "$name" vs the definitions in NumPy (ECB daily log returns 2015–2019)', (b) => {
  it('diversification ratio and average pairwise correlation', () => {
    expect(Math.abs(diversificationRatio(S, 5, b.w) - b.ratio)).toBeLessThan(1e-13);
    const a = averagePairwiseCorrelation(S, 5, b.w);
    expect(a.pairs).toBe(b.pairs);
    expect(Math.abs(a.equalWeighted - b.equalWeighted)).toBeLessThan(1e-13);
    expect(Math.abs(a.riskWeighted - b.riskWeighted)).toBeLessThan(1e-13);
  });
});

describe('diversification: laws and degenerate input', () => {
  it('the documented examples', () => {
    expect(diversificationRatio(Float64Array.of(1, 0, 0, 1), 2, Float64Array.of(1, -1))).toBeCloseTo(Math.SQRT2, 15);
    expect(averagePairwiseCorrelation(Float64Array.of(1, 0.8, 0.8, 1), 2, Float64Array.of(1, -1)).equalWeighted).toBeCloseTo(-0.8, 15);
  });
  it('DR ≥ 1; the risk-weighted ρ̄ reproduces the basket variance (property, real covariance, random signed positions)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 5, maxLength: 5 }), (w) => {
        const live = w.filter((x) => x !== 0).length;
        const dr = diversificationRatio(S, 5, w);
        if (live === 0) return expect(dr).toBeNaN();
        expect(dr).toBeGreaterThanOrEqual(1 - 1e-12);
        const a = averagePairwiseCorrelation(S, 5, w);
        if (live < 2) return expect(a.riskWeighted).toBeNaN();
        let own = 0;
        let cross = 0;
        let v = 0;
        for (let i = 0; i < 5; i++) {
          own += w[i]! ** 2 * S[i * 5 + i]!;
          for (let j = 0; j < 5; j++) v += w[i]! * w[j]! * S[i * 5 + j]!;
          for (let j = i + 1; j < 5; j++) cross += Math.abs(w[i]! * w[j]!) * Math.sqrt(S[i * 5 + i]! * S[j * 5 + j]!);
        }
        expect(Math.abs(own + 2 * a.riskWeighted * cross - v)).toBeLessThan(1e-12 * (own + 2 * cross));
      }),
      { numRuns: 200 },
    );
  });
  it('a single position, NaN, zero risk; wrong lengths throw', () => {
    expect(diversificationRatio(S, 5, [1, 0, 0, 0, 0])).toBeCloseTo(1, 14);
    expect(averagePairwiseCorrelation(S, 5, [1, 0, 0, 0, 0])).toEqual({ equalWeighted: Number.NaN, riskWeighted: Number.NaN, pairs: 0 });
    expect(diversificationRatio(S, 5, [0, 0, 0, 0, 0])).toBeNaN();
    expect(diversificationRatio(new Float64Array(0), 0, [])).toBeNaN();
    expect(diversificationRatio(Float64Array.of(Number.NaN, 0, 0, 1), 2, [1, 1])).toBeNaN();
    expect(averagePairwiseCorrelation(Float64Array.of(0, 0, 0, 1), 2, [1, 1]).equalWeighted).toBeNaN();
    expect(diversificationRatio(Float64Array.of(1, -1, -1, 1), 2, [1, 1])).toBeNaN();
    expect(() => diversificationRatio(S, 4, [1, 1, 1, 1])).toThrow(/matrix length 25 is not k² = 4²/);
    expect(() => averagePairwiseCorrelation(S, 5, [1, 1])).toThrow(/2 positions for a 5×5 matrix/);
  });
});
