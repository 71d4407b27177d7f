import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { garch11, garch11Forecast, garch11NegLogLik, Xoshiro256, normalFill } from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { between, ecbSeries, logReturns } from '../risk/helpers/realData.js';

type Fit = { a0: number; a1: number; b1: number; logLik: number; nlikeli: number; se: number[]; n: number; polished?: { a0: number; a1: number; b1: number; logLik: number } };
const ref = JSON.parse(readFileSync(fixture('packages/core/test/volatility/fixtures/garch.json'), 'utf8')) as Record<string, { from: string; to: string; percent: Fit; unscaled: Fit }>;
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe('garch11 vs R tseries 0.10.53 garch(order = c(1, 1)) on ECB daily log returns 2010–2019 (garch.gen.R)', () => {
  for (const sym of ['EUR/USD', 'USD/JPY']) {
    const r = ref[sym]!;
    it(`${sym}: parameters, log-likelihood and BHHH standard errors on percent returns`, async () => {
      const s = between(await ecbSeries(sym), r.from, r.to);
      const x = logReturns(s.close).map((v) => v * 100);
      expect(x.length).toBe(r.percent.n);
      const fit = garch11(x);
      const msg = JSON.stringify({ omega: fit.omega, alpha: fit.alpha, beta: fit.beta, ll: fit.logLikelihood, se: fit.stdErrors, want: r.percent });
      expect(fit.converged, msg).toBe(true);
      // Same objective: our likelihood at tseries' estimate is tseries' n.likeli.
      const e2 = x.map((v) => v * v);
      const ms = e2.reduce((a, b) => a + b, 0) / x.length;
      expect(rel(garch11NegLogLik(e2, r.percent.a0, r.percent.a1, r.percent.b1, ms), r.percent.nlikeli)).toBeLessThan(1e-12);
      // tseries stops a little short of the maximum (measured Δ log-lik 1.5e-5 EUR/USD, 1.2e-5 USD/JPY):
      // we are never below it, and within the flat direction's spread of its estimate.
      expect(fit.logLikelihood, msg).toBeGreaterThanOrEqual(r.percent.logLik);
      expect(fit.logLikelihood - r.percent.logLik, msg).toBeLessThan(1e-4);
      expect(rel(fit.omega, r.percent.a0), msg).toBeLessThan(5e-3);
      expect(rel(fit.alpha, r.percent.a1), msg).toBeLessThan(1e-3);
      expect(rel(fit.beta, r.percent.b1), msg).toBeLessThan(1e-4);
      // The maximum itself (R optim polish of the same likelihood): much tighter.
      const p = r.percent.polished!;
      expect(Math.abs(fit.logLikelihood - p.logLik), msg).toBeLessThan(1e-8);
      expect(rel(fit.omega, p.a0), msg).toBeLessThan(1e-5);
      expect(rel(fit.alpha, p.a1), msg).toBeLessThan(1e-5);
      expect(rel(fit.beta, p.b1), msg).toBeLessThan(1e-6);
      // BHHH standard errors (tseries sets dσ²₀/dω = 1, we hold σ²₀ fixed: 0) — within 1 %.
      expect(rel(fit.stdErrors.omega, r.percent.se[0]!), msg).toBeLessThan(1e-2);
      expect(rel(fit.stdErrors.alpha, r.percent.se[1]!), msg).toBeLessThan(1e-2);
      expect(rel(fit.stdErrors.beta, r.percent.se[2]!), msg).toBeLessThan(1e-2);
      expect(fit.nobs).toBe(x.length - 1);
    });
    it(`${sym}: raw returns give the same model (ω scaled by 1e-4) and at least tseries' likelihood`, async () => {
      const s = between(await ecbSeries(sym), r.from, r.to);
      const x = logReturns(s.close);
      const fit = garch11(x, { periodsPerYear: 260 });
      const p = r.percent.polished!;
      expect(rel(fit.alpha, p.a1)).toBeLessThan(1e-5);
      expect(rel(fit.beta, p.b1)).toBeLessThan(1e-6);
      expect(rel(fit.omega * 1e4, p.a0)).toBeLessThan(1e-5);
      // ll(raw) = ll(percent) + (n − 1)·ln 100
      expect(Math.abs(fit.logLikelihood - (p.logLik + (x.length - 1) * Math.log(100)))).toBeLessThan(1e-7);
      // tseries on unscaled EUR/USD returns stops short (its optimiser uses unit parameter scaling).
      expect(fit.logLikelihood).toBeGreaterThanOrEqual(r.unscaled.logLik - 1e-6);
      expect(fit.annualisedLongRun).toBeCloseTo(Math.sqrt((fit.omega / (1 - fit.alpha - fit.beta)) * 260), 12);
    });
  }
});

describe('garch11: recursion, forecast, simulation recovery and degenerate input', () => {
  it('log-likelihood and conditional variance follow the stated recursion', () => {
    const x = Float64Array.of(0.5, -1, 0.2, 0.3, -0.4, 1.2, -0.1, 0.05, 0.6, -0.9, 0.3);
    const ms = x.reduce((a, b) => a + b * b, 0) / x.length;
    const h = new Float64Array(x.length);
    const nll = garch11NegLogLik(x.map((v) => v * v), 0.1, 0.1, 0.8, ms, h);
    let prev = ms;
    let s = 0;
    for (let t = 1; t < x.length; t++) {
      const ht = 0.1 + 0.1 * x[t - 1]! ** 2 + 0.8 * prev;
      expect(h[t]).toBeCloseTo(ht, 14);
      s += Math.log(ht) + x[t]! ** 2 / ht;
      prev = ht;
    }
    expect(nll).toBeCloseTo(0.5 * s, 12);
    expect(garch11NegLogLik(x, -1, 0.1, 0.8, ms)).toBe(Infinity);
  });
  it('forecast converges geometrically to the long-run variance', () => {
    const f = garch11Forecast({ omega: 0.02, alpha: 0.05, beta: 0.9 }, 2, 1, new Float64Array(200));
    expect(f[0]).toBeCloseTo(0.02 + 0.05 * 4 + 0.9, 14);
    expect(f[1]).toBeCloseTo(0.02 + 0.95 * f[0]!, 14);
    expect(f[199]).toBeCloseTo(0.02 / 0.05, 3);
  });
  it('recovers the parameters of a simulated GARCH(1,1) (20,000 draws, seeded)', () => {
    const n = 20_000;
    const z = normalFill(new Xoshiro256(2024), new Float64Array(n));
    const [w, a, b] = [0.05, 0.08, 0.9];
    const x = new Float64Array(n);
    let h = w / (1 - a - b);
    for (let t = 0; t < n; t++) {
      x[t] = Math.sqrt(h) * z[t]!;
      h = w + a * x[t]! ** 2 + b * h;
    }
    const fit = garch11(x, { horizon: 5 });
    expect(fit.converged).toBe(true);
    expect(Math.abs(fit.alpha - a)).toBeLessThan(4 * fit.stdErrors.alpha);
    expect(Math.abs(fit.beta - b)).toBeLessThan(4 * fit.stdErrors.beta);
    expect(Math.abs(fit.omega - w)).toBeLessThan(4 * fit.stdErrors.omega);
    expect(fit.forecast.length).toBe(5);
    expect(fit.horizonVolatility).toBeCloseTo(Math.sqrt(fit.forecast.reduce((p, q) => p + q, 0)), 12);
    // the sample-mean option moves the estimate only slightly on zero-mean data
    const fm = garch11(x, { mean: 'sample' });
    expect(Math.abs(fm.beta - fit.beta)).toBeLessThan(0.01);
  });
  it('degenerate input: short, constant, non-finite → NaN and not converged', () => {
    for (const x of [new Float64Array(0), Float64Array.of(1, 2, 3), new Float64Array(50), Float64Array.from({ length: 50 }, (_, i) => (i === 7 ? NaN : Math.sin(i))), Float64Array.from({ length: 50 }, (_, i) => (i === 7 ? Infinity : Math.sin(i)))]) {
      const f = garch11(x);
      expect(f.omega).toBeNaN();
      expect(f.converged).toBe(false);
      expect(f.message.length).toBeGreaterThan(0);
    }
  });
});
