import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { correlationShrink, covarianceMatrix, ledoitWolf, ledoitWolfConstantCorrelation, oas, symmetricEigen } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

interface Shrunk {
  shrinkage: number;
  covariance: number[];
}
interface Case {
  name: string;
  T: number;
  N: number;
  returns: number[];
  lw: Shrunk;
  oas: Shrunk;
  cc: Shrunk & { meanCorrelation: number };
}
interface RCase {
  name: string;
  T: number;
  N: number;
  returns: number[];
  lambda: number;
  correlation: number[];
}
const sk = JSON.parse(readFileSync(fixture('packages/core/test/shrinkage/fixtures/shrinkage.json'), 'utf8')) as { source: string; cases: Case[] };
const cs = JSON.parse(readFileSync(fixture('packages/core/test/shrinkage/fixtures/corShrink.json'), 'utf8')) as { source: string; cases: RCase[] };

/** Largest |a − b| / max(|b|) over a matrix (relative to its largest entry). */
function maxRel(a: Float64Array, b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  let scale = 0;
  let d = 0;
  for (let i = 0; i < b.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]!));
    d = Math.max(d, Math.abs(a[i]! - b[i]!));
  }
  return d / scale;
}

// Tolerances: intensities relative 1e-12, matrices 1e-13 of their largest entry (measured:
// ≤ 3e-15 and ≤ 9e-16). The intensities are differences of sums of fourth powers
// (π̂ − ρ̂, β − δ), summed in another order than NumPy's, hence the margin.
describe.each(sk.cases)('shrinkage vs scikit-learn / the Honey paper on $name', (c) => {
  const x = Float64Array.from(c.returns);
  it('ledoitWolf matches sklearn LedoitWolf (shrinkage_, covariance_)', () => {
    const r = ledoitWolf(x, c.T, c.N);
    expect(r.target).toBe('identity');
    expect(Math.abs(r.shrinkage - c.lw.shrinkage)).toBeLessThanOrEqual(1e-12 * c.lw.shrinkage);
    expect(maxRel(r.covariance, c.lw.covariance)).toBeLessThan(1e-13);
  });
  it('oas matches sklearn OAS (shrinkage_, covariance_)', () => {
    const r = oas(x, c.T, c.N);
    expect(Math.abs(r.shrinkage - c.oas.shrinkage)).toBeLessThanOrEqual(1e-12 * c.oas.shrinkage);
    expect(maxRel(r.covariance, c.oas.covariance)).toBeLessThan(1e-13);
  });
  it('ledoitWolfConstantCorrelation matches the paper written out in NumPy', () => {
    const r = ledoitWolfConstantCorrelation(x, c.T, c.N);
    expect(r.target).toBe('constant-correlation');
    expect(Math.abs(r.targetValue - c.cc.meanCorrelation)).toBeLessThan(1e-13);
    expect(Math.abs(r.shrinkage - c.cc.shrinkage)).toBeLessThanOrEqual(1e-12 * c.cc.shrinkage);
    expect(maxRel(r.covariance, c.cc.covariance)).toBeLessThan(1e-13);
  });
});

describe.each(cs.cases)('correlationShrink vs R corpcor cor.shrink on $name', (c) => {
  it('lambda and the shrunk correlation match', () => {
    const r = correlationShrink(Float64Array.from(c.returns), c.T, c.N);
    expect(Math.abs(r.lambda - c.lambda)).toBeLessThanOrEqual(1e-12 * c.lambda);
    expect(maxRel(r.correlation, c.correlation)).toBeLessThan(1e-13);
  });
});

describe('shrinkage estimators: laws and degenerate input', () => {
  it('with more series than observations (30 × 20 returns) the sample covariance is singular and every shrunk one is positive definite', () => {
    const c = sk.cases.find((x) => x.T < x.N)!;
    const x = Float64Array.from(c.returns);
    const minEig = (m: Float64Array): number => Math.min(...symmetricEigen(m, c.N).values);
    const s = covarianceMatrix(x, c.T, c.N);
    expect(minEig(s)).toBeLessThan(1e-12 * Math.max(...symmetricEigen(s, c.N).values));
    for (const r of [ledoitWolf(x, c.T, c.N), oas(x, c.T, c.N), ledoitWolfConstantCorrelation(x, c.T, c.N)]) expect(minEig(r.covariance)).toBeGreaterThan(0);
    expect(minEig(correlationShrink(x, c.T, c.N).correlation)).toBeGreaterThan(0);
  });
  const x = Float64Array.of(1, 2, 0, 2, 1, 1, 3, 5, -1, 4, 3, 2, 5, 6, 0);
  it('the documented examples', () => {
    expect(ledoitWolf(x, 5, 3).shrinkage).toBeCloseTo(0.3347620234238726, 14);
    expect(oas(x, 5, 3).shrinkage).toBeCloseTo(0.8933050917850315, 14);
    expect(ledoitWolfConstantCorrelation(x, 5, 3).shrinkage).toBeCloseTo(0.25699391192275545, 14);
    expect(correlationShrink(x, 5, 3).lambda).toBeCloseTo(0.35799895779051599, 14);
  });
  it('intensity in [0, 1]; the shrunk matrix is symmetric and keeps the trace (identity targets) or the variances (constant correlation)', () => {
    const sample = ledoitWolf(x, 5, 3);
    for (const r of [sample, oas(x, 5, 3), ledoitWolfConstantCorrelation(x, 5, 3)]) {
      expect(r.shrinkage).toBeGreaterThanOrEqual(0);
      expect(r.shrinkage).toBeLessThanOrEqual(1);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(r.covariance[i * 3 + j]).toBe(r.covariance[j * 3 + i]);
    }
    const cc = ledoitWolfConstantCorrelation(x, 5, 3).covariance;
    const tr = (m: Float64Array): number => m[0]! + m[4]! + m[8]!;
    expect(tr(oas(x, 5, 3).covariance)).toBeCloseTo(tr(sample.covariance), 12);
    // 1/T variances: column 0 is 1..5, variance 2.
    expect(cc[0]).toBeCloseTo(2, 14);
  });
  it('empty and NaN input give NaN, never a number; mismatched lengths throw', () => {
    for (const f of [ledoitWolf, oas, ledoitWolfConstantCorrelation]) {
      const e = f(new Float64Array(0), 0, 3);
      expect(e.shrinkage).toBeNaN();
      expect(Array.from(e.covariance).every(Number.isNaN)).toBe(true);
      const bad = x.slice();
      bad[4] = Number.NaN;
      expect(f(bad, 5, 3).shrinkage).toBeNaN();
      bad[4] = Infinity;
      expect(f(bad, 5, 3).covariance[0]).toBeNaN();
      expect(() => f(x, 4, 3)).toThrow(/data length 15 is not T·k = 4·3/);
    }
    expect(correlationShrink(x.subarray(0, 6), 2, 3).lambda).toBeNaN();
    expect(() => correlationShrink(x, 5, 2)).toThrow(/correlationShrink: data length 15/);
  });
  it('one series: no shrinkage to do (δ = 0 as scikit-learn; λ = 1 as corpcor)', () => {
    const one = Float64Array.of(1, 2, 4, 8);
    expect(ledoitWolf(one, 4, 1).shrinkage).toBe(0);
    expect(ledoitWolf(one, 4, 1).covariance[0]).toBeCloseTo(7.1875, 14);
    expect(oas(one, 4, 1).shrinkage).toBe(0);
    expect(ledoitWolfConstantCorrelation(one, 4, 1).shrinkage).toBeNaN();
    expect(Array.from(correlationShrink(one, 4, 1).correlation)).toEqual([1]);
  });
  it('a constant column: zero covariances (identity targets), NaN for constant correlation, zeros in corpcor style', () => {
    const c = Float64Array.of(1, 7, 0, 2, 7, 1, 3, 7, -1, 4, 7, 2, 5, 7, 0);
    const lw = ledoitWolf(c, 5, 3);
    expect(lw.shrinkage).toBeGreaterThan(0);
    expect(lw.covariance[1]).toBe(0);
    expect(ledoitWolfConstantCorrelation(c, 5, 3).shrinkage).toBeNaN();
    const r = correlationShrink(c, 5, 3);
    expect(r.correlation[1]).toBe(0);
    expect(r.correlation[4]).toBe(1);
    expect(r.lambda).toBeGreaterThan(0);
  });
  it('all-constant data: LW δ = 0, OAS ρ = 1, both the zero matrix', () => {
    const c = new Float64Array(12).fill(3);
    expect(ledoitWolf(c, 4, 3).shrinkage).toBe(0);
    expect(oas(c, 4, 3).shrinkage).toBe(1);
    expect(Array.from(oas(c, 4, 3).covariance).every((v) => v === 0)).toBe(true);
  });
});
