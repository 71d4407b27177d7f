import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  cornishFisherRisk,
  cornishFisherVaR,
  cornishFisherZ,
  ewmaVaR,
  historicalVaR,
  monteCarloVaR,
  normalRisk,
  normalVaR,
  quantile,
  quantileSorted,
  QUANTILE_METHODS,
  riskInUnits,
  shapeMoments,
  type QuantileMethod,
  type RiskMeasure,
} from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { between, ecbSeries, logReturns } from './helpers/realData.js';

type M = { var: number; es: number };
type Entry = {
  n: number;
  mean: number;
  sd: number;
  skew: number;
  kurtosis: number;
  h1: { normal: M[]; cornishFisher: M[]; ewma: M[]; historical: M[] };
  h10: { normal: M[]; cornishFisher: M[]; ewma: M[] };
  quantileLinear: number[];
  quantiles?: Record<string, number[]>;
  sample?: number[];
  smallSample?: number[];
  smallQuantiles?: Record<string, number[]>;
};
const ref = JSON.parse(readFileSync(fixture('packages/core/test/risk/fixtures/var.json'), 'utf8')) as {
  from: string;
  to: string;
  levels: number[];
  probs: number[];
  methods: string[];
  pairs: Record<string, Entry>;
};
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const returns: Record<string, Float64Array> = {};

beforeAll(async () => {
  for (const sym of Object.keys(ref.pairs)) returns[sym] = logReturns(between(await ecbSeries(sym), ref.from, ref.to).close);
});

function close(got: RiskMeasure[], want: M[], tol: number): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => {
    expect(rel(g.var, want[i]!.var), `VaR at ${g.confidence}: ${g.var} vs ${want[i]!.var}`).toBeLessThan(tol);
    expect(rel(g.es, want[i]!.es), `ES at ${g.confidence}: ${g.es} vs ${want[i]!.es}`).toBeLessThan(tol);
  });
}

describe('quantiles: bit-for-bit numpy.quantile (NumPy 1.24) for every method name', () => {
  it('EUR/USD 2010–2019 returns (as NumPy computed them) and a 37-value sample with ties', () => {
    const e = ref.pairs['EUR/USD']!;
    const sorted = Float64Array.from(e.sample!).sort();
    const small = Float64Array.from(e.smallSample!).sort();
    expect(ref.methods).toEqual([...QUANTILE_METHODS]);
    for (const m of QUANTILE_METHODS) {
      ref.probs.forEach((p, i) => {
        expect(quantileSorted(sorted, p, m as QuantileMethod), `${m} p=${p}`).toBe(e.quantiles![m]![i]);
        expect(quantileSorted(small, p, m as QuantileMethod), `small ${m} p=${p}`).toBe(e.smallQuantiles![m]![i]);
      });
    }
  });
  it('linear quantiles of every pair from our own returns (1e-14: V8 and libm logs may differ by an ulp)', () => {
    for (const [sym, e] of Object.entries(ref.pairs)) ref.probs.forEach((p, i) => expect(rel(quantile(returns[sym]!, p), e.quantileLinear[i]!)).toBeLessThan(1e-14));
  });
  it('examples and degenerate input', () => {
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 0.1)).toBeCloseTo(1.3, 15);
    expect(quantileSorted(Float64Array.of(1, 2, 3, 4), 0.1, 'inverted_cdf')).toBe(1);
    expect(quantile(Float64Array.of(3, 1, 4, 1, 5), 0.5)).toBe(3);
    expect(quantileSorted(new Float64Array(0), 0.5)).toBeNaN();
    expect(quantileSorted(Float64Array.of(1), 1.5)).toBeNaN();
    expect(quantileSorted(Float64Array.of(1), -0.1)).toBeNaN();
    expect(quantileSorted(Float64Array.of(7), 0.3)).toBe(7);
    expect(quantile(Float64Array.of(1, NaN), 0.5)).toBeNaN();
    expect(quantileSorted(Float64Array.of(1, 2), 0.5, 'bogus' as QuantileMethod)).toBeNaN();
  });
});

describe('VaR/ES vs NumPy/SciPy/pandas on ECB daily log returns 2010–2019 (var.gen.py)', () => {
  for (const sym of Object.keys(ref.pairs)) {
    it(`${sym}: moments, historical (linear), normal, Cornish–Fisher, EWMA at 90–99.5 %, 1 and 10 days`, () => {
      const e = ref.pairs[sym]!;
      const r = returns[sym]!;
      expect(r.length).toBe(e.n);
      const sm = shapeMoments(r);
      expect(rel(sm.skewness, e.skew)).toBeLessThan(1e-11);
      expect(rel(sm.excessKurtosis, e.kurtosis)).toBeLessThan(1e-11);
      const levels = ref.levels;
      close(historicalVaR(r, levels), e.h1.historical, 1e-14);
      close(normalVaR(r, levels), e.h1.normal, 1e-12);
      close(normalVaR(r, levels, { horizon: 10 }), e.h10.normal, 1e-12);
      // ES of Cornish–Fisher: our closed form vs scipy.integrate.quad of the CF quantile.
      close(cornishFisherVaR(r, levels), e.h1.cornishFisher, 1e-9);
      close(cornishFisherVaR(r, levels, { horizon: 10 }), e.h10.cornishFisher, 1e-9);
      close(ewmaVaR(r, levels), e.h1.ewma, 1e-12);
      close(ewmaVaR(r, levels, { horizon: 10 }), e.h10.ewma, 1e-12);
    });
  }
});

describe('VaR/ES laws (fast-check)', () => {
  const sample = fc.array(fc.double({ min: -0.1, max: 0.1, noNaN: true }), { minLength: 5, maxLength: 300 }).map((a) => Float64Array.from(a));
  const level = fc.double({ min: 0.5, max: 0.999, noNaN: true });
  it('ES ≥ VaR for historical, normal, EWMA and (in its valid domain) Cornish–Fisher', () => {
    fc.assert(
      fc.property(sample, level, (x, c) => {
        for (const m of [historicalVaR(x, [c])[0]!, normalVaR(x, [c])[0]!, ewmaVaR(x, [c])[0]!]) {
          if (Number.isNaN(m.var)) continue;
          expect(m.es).toBeGreaterThanOrEqual(m.var - 1e-15);
        }
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), level, (S, K, c) => {
        const m = cornishFisherRisk(0, 0.01, S, K, [c])[0]!;
        expect(m.es).toBeGreaterThanOrEqual(m.var - 1e-15);
      }),
    );
  });
  it('VaR is non-decreasing in the confidence level (historical, normal, EWMA, Cornish–Fisher in domain)', () => {
    fc.assert(
      fc.property(sample, level, level, (x, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        for (const f of [(c: number[]) => historicalVaR(x, c), (c: number[]) => normalVaR(x, c), (c: number[]) => ewmaVaR(x, c)]) {
          const [m1, m2] = f([lo, hi]);
          if (Number.isNaN(m1!.var)) continue;
          expect(m2!.var).toBeGreaterThanOrEqual(m1!.var - 1e-15);
          expect(m2!.es).toBeGreaterThanOrEqual(m1!.es - 1e-15);
        }
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: -0.5, max: 0.5, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true }), level, level, (S, K, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const [m1, m2] = cornishFisherRisk(0, 0.01, S, K, [lo, hi]);
        expect(m2!.var).toBeGreaterThanOrEqual(m1!.var - 1e-15);
      }),
    );
  });
  it('historical VaR equals the slow definition (sort, interpolate by hand)', () => {
    fc.assert(
      fc.property(sample, level, (x, c) => {
        const s = Array.from(x).sort((p, q) => p - q);
        const h = (s.length - 1) * (1 - c);
        const lo = Math.floor(h);
        const q = s[lo]! + (h - lo) * ((s[Math.min(lo + 1, s.length - 1)] ?? s[lo]!) - s[lo]!);
        const tail = s.filter((v) => v <= q);
        const m = historicalVaR(x, [c])[0]!;
        expect(m.var).toBeCloseTo(-q, 14);
        expect(m.es).toBeCloseTo(-tail.reduce((p, v) => p + v, 0) / tail.length, 14);
      }),
    );
  });
  it('Cornish–Fisher reduces to the normal when S = K = 0', () => {
    const n = normalRisk(0.001, 0.02, [0.95, 0.99], 5);
    const cf = cornishFisherRisk(0.001, 0.02, 0, 0, [0.95, 0.99], 5);
    n.forEach((m, i) => {
      expect(cf[i]!.var).toBeCloseTo(m.var, 15);
      expect(cf[i]!.es).toBeCloseTo(m.es, 15);
    });
    expect(cornishFisherZ(-2.3263478740408408, -0.2, 3)).toBeCloseTo(-2.3263478740408408 + (4.41189 * -0.2) / 6 + ((-12.5899 + 6.97904) * 3) / 24 - ((2 * -12.5899 + 11.6317) * 0.04) / 36, 3);
  });
  it('degenerate input: empty, one value, constant, NaN, ±Infinity, bad confidence', () => {
    const e = new Float64Array(0);
    for (const f of [historicalVaR, normalVaR, cornishFisherVaR, ewmaVaR]) {
      expect(f(e, [0.99])[0]!.var).toBeNaN();
      expect(f(Float64Array.of(0.01, NaN, 0.02), [0.99])[0]!.var).toBeNaN();
      for (const c of [0, 1, -0.5, 1.5, NaN]) expect(f(Float64Array.of(0.01, -0.02, 0.03), [c])[0]!.var).toBeNaN();
    }
    expect(normalVaR(Float64Array.of(0.01), [0.99])[0]!.var).toBeNaN();
    expect(historicalVaR(Float64Array.of(0.01), [0.99])[0]).toEqual({ confidence: 0.99, var: -0.01, es: -0.01 });
    expect(normalVaR(Float64Array.of(0.01, 0.01, 0.01), [0.99])[0]!.var).toBeCloseTo(-0.01, 15); // σ = 0: VaR = −μ
    expect(cornishFisherVaR(Float64Array.of(0.01, 0.01, 0.01), [0.99])[0]!.var).toBeNaN(); // skewness undefined
    expect(normalVaR(Float64Array.of(1, Infinity), [0.99])[0]!.var).toBeNaN();
    expect(normalRisk(0, -1, [0.99])[0]!.var).toBeNaN();
    const ex = historicalVaR(Float64Array.of(-3, -1, 0, 1, 2), [0.8])[0]!;
    expect(ex.var).toBeCloseTo(1.4, 15);
    expect(ex.es).toBe(3);
    // huge magnitudes: scale equivariance
    const big = Float64Array.of(-3e300, -1e300, 0, 1e300, 2e300);
    expect(historicalVaR(big, [0.8])[0]!.var).toBeCloseTo(1.4e300, -286);
  });
});

describe('Monte Carlo VaR', () => {
  // A 3-factor covariance (daily): vol 0.6 %, 0.7 %, 0.5 %, correlations 0.6, −0.3, 0.2.
  const sd = [0.006, 0.007, 0.005];
  const rho = [
    [1, 0.6, -0.3],
    [0.6, 1, 0.2],
    [-0.3, 0.2, 1],
  ];
  const cov = Float64Array.from({ length: 9 }, (_, i) => rho[Math.floor(i / 3)]![i % 3]! * sd[Math.floor(i / 3)]! * sd[i % 3]!);
  const w = Float64Array.of(1e6, -5e5, 2e5);
  const sigmaP = Math.sqrt(Array.from(w).reduce((s, wi, i) => s + wi * Array.from(w).reduce((t, wj, j) => t + cov[i * 3 + j]! * wj, 0), 0));
  it('converges to the parametric normal VaR/ES for normal inputs (error shrinks like 1/√paths)', () => {
    const exact = normalRisk(0, sigmaP, [0.95, 0.99]);
    let prevErr = Infinity;
    for (const paths of [2_000, 200_000]) {
      // average absolute error over a few seeds, relative to σ
      let err = 0;
      for (let seed = 1; seed <= 4; seed++) {
        const mc = monteCarloVaR(cov, 3, w, [0.95, 0.99], { paths, seed }).measures;
        err += Math.abs(mc[1]!.var - exact[1]!.var) / sigmaP;
      }
      err /= 4;
      expect(err).toBeLessThan(prevErr);
      prevErr = err;
    }
    const mc = monteCarloVaR(cov, 3, w, [0.95, 0.99], { paths: 400_000, seed: 9 }).measures;
    mc.forEach((m, i) => {
      expect(rel(m.var, exact[i]!.var)).toBeLessThan(0.01);
      expect(rel(m.es, exact[i]!.es)).toBeLessThan(0.015);
    });
  });
  it('is reproducible by seed, and differs across seeds', () => {
    const a = monteCarloVaR(cov, 3, w, [0.99], { paths: 10_000, seed: 5 }).measures[0]!;
    const b = monteCarloVaR(cov, 3, w, [0.99], { paths: 10_000, seed: 5 }).measures[0]!;
    const c = monteCarloVaR(cov, 3, w, [0.99], { paths: 10_000, seed: 6 }).measures[0]!;
    expect(a).toEqual(b);
    expect(a.var).not.toBe(c.var);
  });
  it('full revaluation (exp) and linear agree to first order; horizon scales by √h', () => {
    const lin = monteCarloVaR(cov, 3, w, [0.99], { paths: 50_000, seed: 3, revaluation: 'linear', keepPnl: true });
    const ex = monteCarloVaR(cov, 3, w, [0.99], { paths: 50_000, seed: 3, revaluation: 'exp' });
    expect(rel(ex.measures[0]!.var, lin.measures[0]!.var)).toBeLessThan(0.02);
    expect(lin.pnl!.length).toBe(50_000);
    const h10 = monteCarloVaR(cov, 3, w, [0.99], { paths: 200_000, seed: 3, horizon: 10 }).measures[0]!;
    expect(rel(h10.var, normalRisk(0, sigmaP, [0.99], 10)[0]!.var)).toBeLessThan(0.01);
  });
  it('handles collinear (rank-deficient) factors and a mean', () => {
    // x, y, x + y
    const c3 = Float64Array.of(1e-4, 0.5e-4, 1.5e-4, 0.5e-4, 2e-4, 2.5e-4, 1.5e-4, 2.5e-4, 4e-4);
    const r = monteCarloVaR(c3, 3, Float64Array.of(1, 1, -1), [0.99], { paths: 1000, seed: 1, mean: Float64Array.of(0.01, 0, 0) });
    expect(r.rank).toBe(2);
    // x + y − (x + y) = 0 noise; mean 0.01 → P&L ≡ 0.01 → VaR = −0.01
    expect(r.measures[0]!.var).toBeCloseTo(-0.01, 9);
  });
  it('degenerate input → NaN measures', () => {
    expect(monteCarloVaR(Float64Array.of(1, 2, 2, 1), 2, Float64Array.of(1, 1), [0.99]).measures[0]!.var).toBeNaN();
    expect(monteCarloVaR(cov, 3, Float64Array.of(1, 1), [0.99]).measures[0]!.var).toBeNaN();
    expect(monteCarloVaR(cov, 3, w, [0.99], { paths: 0 }).measures[0]!.var).toBeNaN();
    expect(monteCarloVaR(cov, 3, w, [1.2], { paths: 10 }).measures[0]!.var).toBeNaN();
  });
});

describe('riskInUnits', () => {
  it('scales return VaR/ES to pips, quote money and account money linearly', () => {
    const [u] = riskInUnits([{ confidence: 0.99, var: 0.01, es: 0.012 }], { price: 1.1, pip: 0.0001, notional: -100000, quoteToAccount: 0.9 });
    expect(u!.varPips).toBeCloseTo(110, 9);
    expect(u!.esPips).toBeCloseTo(132, 9);
    expect(u!.varQuote).toBeCloseTo(1100, 9);
    expect(u!.varAccount).toBeCloseTo(990, 9);
    expect(u!.esAccount / u!.varAccount).toBeCloseTo(1.2, 12);
    const [v] = riskInUnits([{ confidence: 0.99, var: 0.01, es: 0.012 }], { price: 110, pip: 0.01 });
    expect(v!.varPips).toBeCloseTo(110, 9);
    expect(v!.varQuote).toBeNaN();
    expect(v!.varAccount).toBeNaN();
  });
});
