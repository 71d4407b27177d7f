import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grangerCausality } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';

interface Granger {
  lag: number;
  f: number;
  fP: number;
  dfDenom: number;
  chi2: number;
  chi2P: number;
  lr: number;
  lrP: number;
}
interface Case {
  name: string;
  xReturns: number[];
  yReturns: number[];
  xcorr: { lag: number; r: number; n: number; p: number }[];
  grangerXtoY: Granger[];
  grangerYtoX: Granger[];
}
const doc = JSON.parse(readFileSync(fixture('packages/core/test/leadlag/fixtures/leadlag.json'), 'utf8')) as { source: string; cases: Case[] };

/** |a − b| ≤ tol · max(1e-300, |b|): relative. */
const rel = (a: number, b: number, tol: number): void => {
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1e-300, Math.abs(b)));
};

// Tolerances: statistics and p-values 1e-10 relative (measured ≤ 3e-12: they are ratios of
// differences of residual sums of squares, from Householder QR here and from pinv in
// statsmodels; the p-values inherit that).
describe.each(doc.cases)('grangerCausality on $name vs statsmodels grangercausalitytests', (c) => {
  const x = Float64Array.from(c.xReturns);
  const y = Float64Array.from(c.yReturns);
  it.each([
    ['x → y', 'grangerXtoY'],
    ['y → x', 'grangerYtoX'],
  ] as const)('grangerCausality %s: F, χ² and LR tests at lags 1 … 5 (grangercausalitytests)', (_, key) => {
    const got = key === 'grangerXtoY' ? grangerCausality(y, x, 5) : grangerCausality(x, y, 5);
    c[key].forEach((ref, i) => {
      const g = got[i]!;
      expect(g.lag).toBe(ref.lag);
      expect(g.dfDenom).toBe(ref.dfDenom);
      expect(g.nobs).toBe(x.length - ref.lag);
      rel(g.f, ref.f, 1e-10);
      rel(g.fP, ref.fP, 1e-10);
      rel(g.chi2, ref.chi2, 1e-10);
      rel(g.chi2P, ref.chi2P, 1e-10);
      rel(g.lr, ref.lr, 1e-10);
      rel(g.lrP, ref.lrP, 1e-10);
    });
  });});

describe('grangerCausality: degenerate input', () => {
  it('Granger: NaN in the data, a constant x or too few observations give NaN, not a number', () => {
    // Deterministic noise (an LCG); sinusoids would not do: they follow an exact AR(2).
    let s = 12345;
    const u = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296) - 0.5;
    const y = Float64Array.from({ length: 40 }, u);
    const x = Float64Array.from({ length: 40 }, u);
    expect(grangerCausality(y, x, 2)[1]!.fP).toBeGreaterThan(0);
    const bad = x.slice();
    bad[10] = Number.NaN;
    expect(grangerCausality(y, bad, 2)[0]!.f).toBeNaN();
    // A perfect fit (a sinusoid is an exact AR(2)): statsmodels refuses it; NaN here.
    expect(grangerCausality(Float64Array.from({ length: 40 }, (_, i) => Math.sin(i * 1.3)), x, 2)[1]!.f).toBeNaN();
    expect(grangerCausality(y, new Float64Array(40).fill(1), 1)[0]!.f).toBeNaN();
    const short = grangerCausality(y.subarray(0, 5), x.subarray(0, 5), 2);
    expect(short[1]!.dfDenom).toBe(-2);
    expect(short[1]!.f).toBeNaN();
    expect(grangerCausality(new Float64Array(0), new Float64Array(0), 1)[0]!.nobs).toBe(0);
  });
  it('bad arguments throw', () => {
    expect(() => grangerCausality(Float64Array.of(1, 2), Float64Array.of(1, 2), 0)).toThrow(/maxLag must be a whole number ≥ 1, got 0/);
    expect(() => grangerCausality(Float64Array.of(1, 2), Float64Array.of(1), 1)).toThrow(/lengths differ/);
  });
});
