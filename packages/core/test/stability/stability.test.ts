import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignSeries, chiSquareSurvival, correlationMatrix, fisherZChange, jennrichTest, rollingCorrelation, rollingStability } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { between, ecbSeries, logReturns } from '../risk/helpers/realData.js';

interface Change {
  window: number;
  current: number[];
  previous: number[];
  fisher: { i: number; j: number; current: number; previous: number; z: number; pValue: number }[];
  jennrich: { statistic: number; df: number; pValue: number };
}
const ref = JSON.parse(readFileSync(fixture('packages/core/test/stability/fixtures/stability.json'), 'utf8')) as {
  symbols: string[];
  from: string;
  to: string;
  returns: number;
  window: number;
  rolling: { i: number; j: number; windows: number; mean: number; sd: number; min: number; max: number; sameSign: number; score: number }[];
  change: Change[];
  chi2sf: { x: number; df: number; sf: number }[];
};
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

async function ecbReturns(): Promise<Float64Array[]> {
  const series = await Promise.all(ref.symbols.map(async (s) => between(await ecbSeries(s), ref.from, ref.to)));
  const { frame } = alignSeries(series, { kind: 'inner' });
  return frame.columns.map((c) => logReturns(c));
}

describe('correlation stability on ECB EUR/USD, GBP, JPY, CHF, AUD, CAD 2015–2019 (stability.gen.py: pandas, NumPy, SciPy)', () => {
  it('rolling 60-day ρ per cell: mean, sd, range, same-sign share and score', async () => {
    const x = await ecbReturns();
    expect(x[0]!.length).toBe(ref.returns);
    for (const c of ref.rolling) {
      const s = rollingStability(rollingCorrelation(x[c.i]!, x[c.j]!, ref.window));
      expect(s.windows).toBe(c.windows);
      expect(Math.abs(s.mean - c.mean)).toBeLessThan(1e-12);
      expect(rel(s.sd, c.sd)).toBeLessThan(1e-10);
      expect(Math.abs(s.min - c.min)).toBeLessThan(1e-12);
      expect(Math.abs(s.max - c.max)).toBeLessThan(1e-12);
      expect(s.sameSign).toBe(c.sameSign);
      expect(Math.abs(s.score - c.score)).toBeLessThan(1e-10);
    }
  });
  for (const i of [0, 1]) {
    it(`change between the last two windows (${i === 0 ? 60 : 250} returns): Fisher z per cell, Jennrich χ² for the matrix`, async () => {
      const c = ref.change[i]!;
      const x = await ecbReturns();
      const w = c.window;
      const n = x[0]!.length;
      const cur = correlationMatrix(x.map((v) => v.subarray(n - w))).r;
      const prev = correlationMatrix(x.map((v) => v.subarray(n - 2 * w, n - w))).r;
      cur.forEach((v, k) => expect(Math.abs(v - c.current[k]!)).toBeLessThan(1e-13));
      prev.forEach((v, k) => expect(Math.abs(v - c.previous[k]!)).toBeLessThan(1e-13));
      const p = ref.symbols.length;
      for (const f of c.fisher) {
        const t = fisherZChange(cur[f.i * p + f.j]!, w, prev[f.i * p + f.j]!, w);
        expect(Math.abs(t.z - f.z)).toBeLessThan(1e-11);
        expect(rel(t.pValue, f.pValue)).toBeLessThan(1e-9);
      }
      const j = jennrichTest(cur, w, prev, w, p);
      expect(j.df).toBe(c.jennrich.df);
      expect(rel(j.statistic, c.jennrich.statistic)).toBeLessThan(1e-10);
      expect(rel(j.pValue, c.jennrich.pValue)).toBeLessThan(1e-9);
    });
  }
  it('chiSquareSurvival for any df matches scipy.stats.chi2.sf', () => {
    for (const c of ref.chi2sf) expect(rel(chiSquareSurvival(c.x, c.df), c.sf), JSON.stringify(c)).toBeLessThan(1e-12);
  });
});

describe('stability: laws and degenerate input', () => {
  it('Jennrich: equal matrices give 0; the test is symmetric in its samples; a singular pooled matrix gives NaN', () => {
    const a = Float64Array.of(1, 0.3, -0.2, 0.3, 1, 0.5, -0.2, 0.5, 1);
    const b = Float64Array.of(1, 0.1, 0.1, 0.1, 1, 0.4, 0.1, 0.4, 1);
    expect(Math.abs(jennrichTest(a, 80, a, 50, 3).statistic)).toBeLessThan(1e-12);
    expect(jennrichTest(a, 80, b, 50, 3).statistic).toBeCloseTo(jennrichTest(b, 50, a, 80, 3).statistic, 10);
    const sing = Float64Array.of(1, 1, 1, 1);
    expect(jennrichTest(sing, 50, sing, 50, 2).pValue).toBeNaN();
    expect(jennrichTest(a, 80, b, 50, 1).statistic).toBeNaN();
    expect(jennrichTest(Float64Array.of(1, NaN, NaN, 1), 50, Float64Array.of(1, 0, 0, 1), 50, 2).pValue).toBeNaN();
  });
  it('Fisher z: NaN for n ≤ 3 or |r| > 1; equal correlations give z = 0, p = 1', () => {
    expect(fisherZChange(0.5, 3, 0.4, 50).z).toBeNaN();
    expect(fisherZChange(1.2, 30, 0.4, 50).pValue).toBeNaN();
    expect(fisherZChange(0.4, 30, 0.4, 50)).toMatchObject({ z: 0, pValue: 1 });
  });
  it('rollingStability: empty, all-NaN, one value, constant, a tie in signs', () => {
    expect(rollingStability(new Float64Array(0)).windows).toBe(0);
    expect(rollingStability(Float64Array.of(NaN, NaN)).score).toBeNaN();
    const one = rollingStability(Float64Array.of(NaN, 0.4));
    expect(one).toMatchObject({ windows: 1, mean: 0.4, sameSign: 1, sign: 1 });
    expect(one.score).toBeNaN();
    expect(rollingStability(Float64Array.of(0.5, 0.5, 0.5))).toMatchObject({ sd: 0, score: 1, sign: 1 });
    expect(rollingStability(Float64Array.of(0.5, -0.5))).toMatchObject({ sameSign: 0.5, sign: 0 });
  });
});
