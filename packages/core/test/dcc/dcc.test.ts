import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alignSeries, dccFit, dccForecast, dccNegLogLik, normalFill, resampleBars, Xoshiro256, type PriceSeries } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { between, ecbSeries, histDataM1, logReturns } from '../risk/helpers/realData.js';

interface RefSet {
  symbols: string[];
  from?: string;
  to?: string;
  T: number;
  k: number;
  garch: { omega: number; alpha: number; beta: number; logLik: number }[];
  a: number;
  b: number;
  qbar: number[];
  correlationLogLik: number;
  logLik: number;
  correlationsAt: Record<string, number[]>;
  forecast: Record<string, number[]>;
}
const ref = JSON.parse(readFileSync(fixture('packages/core/test/dcc/fixtures/dcc.json'), 'utf8')) as { sets: Record<string, RefSet> };

async function returnsOf(name: string, r: RefSet): Promise<Float64Array[]> {
  let series: PriceSeries[];
  if (name === 'ecb6') series = await Promise.all(r.symbols.map(async (s) => between(await ecbSeries(s), r.from!, r.to!)));
  else series = await Promise.all(r.symbols.map(async (s) => resampleBars(await histDataM1(s.replace('/', '')), 'H4').bars));
  return alignSeries(series, { kind: 'inner' }).frame.columns.map((c) => logReturns(c));
}

const titles: Record<string, string> = {
  ecb6: 'ECB EUR/USD, GBP, JPY, CHF, AUD, CAD daily 2010–2019',
  h4x8: 'the eight HistData 2017 pairs, H4',
};

describe('dccFit vs a SciPy implementation of Engle (2002) written from the paper (dcc.gen.py)', () => {
  for (const [name, r] of Object.entries(ref.sets)) {
    it(`${titles[name]}: GARCH step, a and b, log-likelihood, Q̄, conditional correlations and forecasts`, async () => {
      const x = await returnsOf(name, r);
      expect(x.length).toBe(r.k);
      expect(x[0]!.length).toBe(r.T);
      const fit = dccFit(x);
      const msg = JSON.stringify({ a: fit.a, b: fit.b, ll: fit.logLikelihood, llC: fit.correlationLogLikelihood, want: { a: r.a, b: r.b, ll: r.logLik, llC: r.correlationLogLik }, message: fit.message });
      expect(fit.converged, msg).toBe(true);
      // step 1: every GARCH at least as high as SciPy's
      fit.garch.forEach((g, i) => expect(g.logLikelihood, `series ${i}`).toBeGreaterThanOrEqual(r.garch[i]!.logLik - 1e-6));
      // step 2 on our z: our maximum is at least our likelihood at SciPy's (a, b)
      expect(-fit.correlationLogLikelihood, msg).toBeLessThanOrEqual(dccNegLogLik(fit.z, fit.T, fit.k, fit.qbar, r.a, r.b) + 1e-9);
      // and against SciPy's own values: the GARCH maxima are flat, so z (and with it L_C) differ in
      // the 1e-6 range between two equally good GARCH fits (measured: −1.3e-6 on ecb6) — 1e-5 allowed.
      expect(fit.correlationLogLikelihood, msg).toBeGreaterThanOrEqual(r.correlationLogLik - 1e-5);
      expect(fit.logLikelihood, msg).toBeGreaterThanOrEqual(r.logLik - 1e-5);
      expect(Math.abs(fit.a - r.a), msg).toBeLessThan(1e-6);
      expect(Math.abs(fit.b - r.b), msg).toBeLessThan(1e-6);
      fit.qbar.forEach((v, i) => expect(Math.abs(v - r.qbar[i]!)).toBeLessThan(1e-5));
      const k = r.k;
      const pairOf = (i: number, j: number): number => i * k - (i * (i + 1)) / 2 + (j - i - 1);
      for (const [t, m] of Object.entries(r.correlationsAt)) {
        for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) expect(Math.abs(fit.correlations[pairOf(i, j) * r.T + Number(t)]! - m[i * k + j]!)).toBeLessThan(2e-4);
      }
      const fc = dccForecast(fit, 20);
      expect(fc.length).toBe(20);
      for (const [h, m] of Object.entries(r.forecast)) fc[Number(h) - 1]!.forEach((v, i) => expect(Math.abs(v - m[i]!)).toBeLessThan(1e-5));
    }, 120_000);
  }
});

describe('dcc: recursion, laws and degenerate input', () => {
  it('dccNegLogLik follows the stated recursion (a slow transcription with explicit matrices)', () => {
    const k = 3;
    const T = 40;
    const z = normalFill(new Xoshiro256(5), new Float64Array(T * k));
    const qbar = Float64Array.of(1, 0.3, -0.2, 0.3, 1, 0.1, -0.2, 0.1, 1);
    const [a, b] = [0.05, 0.9];
    const out = new Float64Array(3 * T);
    const got = dccNegLogLik(z, T, k, qbar, a, b, undefined, out);
    let q = Array.from(qbar);
    let s = 0;
    for (let t = 1; t < T; t++) {
      q = q.map((v, idx) => (1 - a - b) * qbar[idx]! + a * z[(t - 1) * k + Math.floor(idx / k)]! * z[(t - 1) * k + (idx % k)]! + b * v);
      const R = q.map((v, idx) => v / Math.sqrt(q[Math.floor(idx / k) * 4]! * q[(idx % k) * 4]!));
      // 3×3 determinant and inverse by cofactors
      const [r0, r1, r2, r3, r4, r5, r6, r7, r8] = R as [number, number, number, number, number, number, number, number, number];
      const c0 = r4 * r8 - r5 * r7;
      const c1 = r5 * r6 - r3 * r8;
      const c2 = r3 * r7 - r4 * r6;
      const det = r0 * c0 + r1 * c1 + r2 * c2;
      const inv = [c0, r2 * r7 - r1 * r8, r1 * r5 - r2 * r4, c1, r0 * r8 - r2 * r6, r2 * r3 - r0 * r5, c2, r1 * r6 - r0 * r7, r0 * r4 - r1 * r3].map((v) => v / det);
      const zt = [z[t * k]!, z[t * k + 1]!, z[t * k + 2]!];
      let quad = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) quad += zt[i]! * inv[i * 3 + j]! * zt[j]!;
      s += Math.log(det) + quad - zt.reduce((p, v) => p + v * v, 0);
      expect(out[0 * T + t]).toBeCloseTo(R[1]!, 13);
      expect(out[2 * T + t]).toBeCloseTo(R[5]!, 13);
    }
    expect(got).toBeCloseTo(0.5 * s, 10);
    expect(out[1 * T]).toBeCloseTo(-0.2, 14);
    expect(dccNegLogLik(z, T, k, qbar, 0.5, 0.5)).toBe(Infinity);
    expect(dccNegLogLik(z, T, k, qbar, -0.01, 0.5)).toBe(Infinity);
  });
  it('recovers a and b of a simulated DCC(1,1) (3 series, 3,000 steps, seeded)', () => {
    const k = 3;
    const T = 3000;
    const rng = new Xoshiro256(11);
    const e = normalFill(rng, new Float64Array(T * k));
    const qbar = Float64Array.of(1, 0.5, 0.2, 0.5, 1, -0.3, 0.2, -0.3, 1);
    const [a, b] = [0.04, 0.93];
    const x = Array.from({ length: k }, () => new Float64Array(T));
    let q = Float64Array.from(qbar);
    const h = [1e-4, 2e-4, 5e-5];
    let zPrev = [0, 0, 0];
    for (let t = 0; t < T; t++) {
      if (t > 0) q = q.map((v, idx) => (1 - a - b) * qbar[idx]! + a * zPrev[Math.floor(idx / k)]! * zPrev[idx % k]! + b * v);
      const d = [0, 1, 2].map((i) => 1 / Math.sqrt(q[i * 4]!));
      const R = Array.from(q, (v, idx) => v * d[Math.floor(idx / k)]! * d[idx % k]!);
      // z = chol(R) · e
      const l00 = 1;
      const l10 = R[3]!;
      const l11 = Math.sqrt(1 - l10 * l10);
      const l20 = R[6]!;
      const l21 = (R[7]! - l20 * l10) / l11;
      const l22 = Math.sqrt(1 - l20 * l20 - l21 * l21);
      const [e0, e1, e2] = [e[t * k]!, e[t * k + 1]!, e[t * k + 2]!];
      const z = [l00 * e0, l10 * e0 + l11 * e1, l20 * e0 + l21 * e1 + l22 * e2];
      for (let i = 0; i < k; i++) {
        x[i]![t] = Math.sqrt(h[i]!) * z[i]!;
        h[i] = h[i]! * 0.05 + 0.05 * x[i]![t]! ** 2 + 0.9 * h[i]!;
      }
      zPrev = z;
    }
    const fit = dccFit(x);
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.a - a)).toBeLessThan(0.02);
    expect(Math.abs(fit.b - b)).toBeLessThan(0.05);
    expect(fit.correlations.length).toBe(3 * T);
    for (const v of fit.correlations) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    // forecasts: symmetric, unit diagonal, pulled towards R̄ geometrically
    const fc = dccForecast(fit, 200);
    const m = fc[199]!;
    for (let i = 0; i < k; i++) {
      expect(m[i * k + i]).toBeCloseTo(1, 14);
      for (let j = 0; j < k; j++) expect(m[i * k + j]).toBe(m[j * k + i]);
    }
    expect(Math.abs(m[1]! - fit.qbar[1]! / Math.sqrt(fit.qbar[0]! * fit.qbar[4]!))).toBeLessThan(Math.abs(fc[0]![1]! - fit.qbar[1]! / Math.sqrt(fit.qbar[0]! * fit.qbar[4]!)) + 1e-12);
    expect(dccForecast(fit, 0)).toEqual([]);
    expect(dccFit(x, { keepCorrelations: false }).correlations.length).toBe(0);
  });
  it('degenerate input: one series or unequal lengths throw; a constant series gives NaN and names it', () => {
    expect(() => dccFit([new Float64Array(50)])).toThrow(/at least 2 series/);
    expect(() => dccFit([new Float64Array(50), new Float64Array(49)])).toThrow(/series 1 has 49/);
    const x = normalFill(new Xoshiro256(1), new Float64Array(200));
    const f = dccFit([x, new Float64Array(200)]);
    expect(f.a).toBeNaN();
    expect(f.converged).toBe(false);
    expect(f.message).toMatch(/series 1/);
  });
});
