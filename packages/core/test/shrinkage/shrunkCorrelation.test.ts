import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shrunkCorrelation } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

// shrunkCorrelation against the references of shrinkage.gen.py (scikit-learn LedoitWolf / OAS,
// the constant-correlation target from the paper in NumPy) and corShrink.gen.R (corpcor
// cor.shrink) on ECB daily log returns of 30 currencies, T = 20, 60, 500. The covariance
// references become correlations by the definition Σᵢⱼ/√(ΣᵢᵢΣⱼⱼ).

interface Case {
  name: string;
  T: number;
  N: number;
  returns: number[];
  lw: { shrinkage: number; covariance: number[] };
  oas: { shrinkage: number; covariance: number[] };
  cc: { shrinkage: number; covariance: number[] };
}
const sk = JSON.parse(readFileSync(fixture('packages/core/test/shrinkage/fixtures/shrinkage.json'), 'utf8')) as { cases: Case[] };
const cs = JSON.parse(readFileSync(fixture('packages/core/test/shrinkage/fixtures/corShrink.json'), 'utf8')) as { cases: { name: string; lambda: number; correlation: number[] }[] };

const corr = (c: readonly number[], k: number): number[] => c.map((v, n) => v / Math.sqrt(c[Math.floor(n / k) * (k + 1)]! * c[(n % k) * (k + 1)]!));
const maxAbs = (a: Float64Array, b: readonly number[]): number => b.reduce((m, v, i) => Math.max(m, Math.abs(a[i]! - v)), 0);

describe('shrunkCorrelation', () => {
  for (const c of sk.cases) {
    it(`${c.name}: lw, oas, cc, ss equal the references (1e-12)`, () => {
      const x = Float64Array.from(c.returns);
      const r = cs.cases.find((s) => s.name === c.name)!;
      for (const [m, want, intensity] of [
        ['lw', corr(c.lw.covariance, c.N), c.lw.shrinkage],
        ['oas', corr(c.oas.covariance, c.N), c.oas.shrinkage],
        ['cc', corr(c.cc.covariance, c.N), c.cc.shrinkage],
        ['ss', r.correlation, r.lambda],
      ] as const) {
        const s = shrunkCorrelation(x, c.T, c.N, m);
        expect(Math.abs(s.intensity - intensity), m).toBeLessThan(1e-12);
        expect(maxAbs(s.correlation, want), m).toBeLessThan(1e-12);
        for (let i = 0; i < c.N; i++) expect(s.correlation[i * c.N + i]).toBe(1);
      }
    });
  }
  it('degenerate input: NaN with a non-finite value, too few rows for ss; a constant column', () => {
    const x = Float64Array.of(1, 2, Number.NaN, 3, 2, 1);
    expect(Number.isNaN(shrunkCorrelation(x, 3, 2, 'lw').intensity)).toBe(true);
    expect(Number.isNaN(shrunkCorrelation(Float64Array.of(1, 2, 3, 4), 2, 2, 'ss').correlation[1])).toBe(true);
    const constant = Float64Array.of(1, 5, 2, 5, 4, 5, 3, 5);
    expect(shrunkCorrelation(constant, 4, 2, 'lw').correlation[1]).toBe(0);
    expect(shrunkCorrelation(constant, 4, 2, 'ss').correlation[1]).toBe(0);
    expect(Number.isNaN(shrunkCorrelation(constant, 4, 2, 'cc').correlation[1])).toBe(true);
    expect(() => shrunkCorrelation(Float64Array.of(1, 2, 3), 2, 2, 'oas')).toThrow(RangeError);
  });
});
