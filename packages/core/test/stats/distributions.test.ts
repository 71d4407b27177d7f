import { describe, expect, it } from 'vitest';
import { logBeta, logGamma, normalCdf, normalQuantile, regularizedIncompleteBeta, studentTCdf } from '@soukan/core';
import { incompleteBetaRatio } from '../../src/stats/regularizedIncompleteBeta.js';
import { loadFixture } from '../correlation/helpers.js';

interface Dist {
  normalCdf: { x: number; mpmath: number; scipy: number }[];
  normalQuantile: { p: number; mpmath: number; scipy: number }[];
  studentTCdf: { t: number; df: number; mpmath: number; scipy: number }[];
  incompleteBeta: { x: number; a: number; b: number; mpmath: number; scipy: number }[];
  logGamma: { x: number; mpmath: number; scipy: number }[];
  logBeta: { a: number; b: number; mpmath: number; scipy: number }[];
}
const D = loadFixture<Dist>('distributions.json');
const rel = (a: number, e: number): number => (a === e ? 0 : Math.abs(a - e) / Math.abs(e));

describe('normalCdf — mpmath 1.3 ncdf at 50 digits (distributions.json)', () => {
  it('relative error ≤ 1e-15 (centre) / 5e-15 (tails) wherever Φ(x) ≥ 1e-300', () => {
    for (const c of D.normalCdf) {
      if (c.mpmath < 1e-300) {
        // Below ~1e-300: either the value (to 1e-12) or 0 past Cody's cut-off at x = −37.5193.
        const v = normalCdf(c.x);
        if (v !== 0) expect(rel(v, c.mpmath), `x=${c.x}`).toBeLessThan(1e-12);
        else expect(c.x).toBeLessThan(-37.5193);
        continue;
      }
      expect(rel(normalCdf(c.x), c.mpmath), `x=${c.x}`).toBeLessThanOrEqual(Math.abs(c.x) < 1 ? 1e-15 : 5e-15);
    }
  });
  it('agrees with SciPy 1.10 special.ndtr to 1e-12 (SciPy is the less accurate one in the far tail)', () => {
    for (const c of D.normalCdf) if (c.scipy > 1e-300) expect(rel(normalCdf(c.x), c.scipy), `x=${c.x}`).toBeLessThanOrEqual(1e-12);
  });
  it('edge inputs', () => {
    expect(normalCdf(NaN)).toBeNaN();
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-1e150)).toBe(0);
    expect(normalCdf(1e150)).toBe(1);
  });
});

describe('normalQuantile — mpmath root of ln Φ(z) = ln p (distributions.json)', () => {
  it('relative error ≤ 1e-15 for p in [1e-300, 1 − 1e-12]', () => {
    for (const c of D.normalQuantile) expect(rel(normalQuantile(c.p), c.mpmath), `p=${c.p}`).toBeLessThanOrEqual(1e-15);
  });
  it('agrees with SciPy 1.10 special.ndtri to 1e-14', () => {
    for (const c of D.normalQuantile) expect(rel(normalQuantile(c.p), c.scipy), `p=${c.p}`).toBeLessThanOrEqual(1e-14);
  });
  it('round-trips through normalCdf', () => {
    for (const p of [1e-250, 1e-9, 0.01, 0.3, 0.5, 0.8, 0.975]) expect(rel(normalCdf(normalQuantile(p)), p)).toBeLessThan(5e-14);
  });
  it('edge inputs', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(1.1)).toBeNaN();
    expect(normalQuantile(NaN)).toBeNaN();
    expect(normalQuantile(Infinity)).toBeNaN();
    expect(normalQuantile(Number.MIN_VALUE)).toBeLessThan(-38);
  });
});

describe('studentTCdf — mpmath betainc at 50 digits; SciPy 1.10 special.stdtr (distributions.json)', () => {
  it('relative error ≤ 1e-12 (df ≤ 1e4) / 5e-12 (df = 1e5) against mpmath wherever the value ≥ 1e-300', () => {
    for (const c of D.studentTCdf) {
      if (c.mpmath < 1e-300) continue;
      expect(rel(studentTCdf(c.t, c.df), c.mpmath), `t=${c.t} df=${c.df}`).toBeLessThanOrEqual(c.df > 1e4 ? 5e-12 : 1e-12);
    }
  });
  it('agrees with SciPy stdtr to 1e-10 relative', () => {
    for (const c of D.studentTCdf) {
      if (c.scipy < 1e-300) continue;
      expect(rel(studentTCdf(c.t, c.df), c.scipy), `t=${c.t} df=${c.df}`).toBeLessThanOrEqual(1e-10);
    }
  });
  it('edge inputs', () => {
    expect(studentTCdf(NaN, 5)).toBeNaN();
    expect(studentTCdf(1, NaN)).toBeNaN();
    expect(studentTCdf(1, 0)).toBeNaN();
    expect(studentTCdf(1, -3)).toBeNaN();
    expect(studentTCdf(Infinity, 5)).toBe(1);
    expect(studentTCdf(-Infinity, 5)).toBe(0);
    expect(studentTCdf(0, 5)).toBe(0.5);
    expect(studentTCdf(-1e150, 5)).toBe(0);
    expect(studentTCdf(1.5, Infinity)).toBe(normalCdf(1.5));
  });
});

describe('regularizedIncompleteBeta — mpmath betainc; SciPy 1.10 special.betainc (distributions.json)', () => {
  it('relative error ≤ 1e-12 against mpmath (values ≥ 1e-300)', () => {
    for (const c of D.incompleteBeta) {
      if (c.mpmath < 1e-300) continue;
      expect(rel(regularizedIncompleteBeta(c.x, c.a, c.b), c.mpmath), `x=${c.x} a=${c.a} b=${c.b}`).toBeLessThanOrEqual(1e-12);
    }
  });
  it('agrees with SciPy betainc to 1e-10', () => {
    for (const c of D.incompleteBeta) {
      if (c.scipy < 1e-300) continue;
      expect(rel(regularizedIncompleteBeta(c.x, c.a, c.b), c.scipy), `x=${c.x} a=${c.a} b=${c.b}`).toBeLessThanOrEqual(1e-10);
    }
  });
  it('the complementary form keeps the small upper tail accurate', () => {
    // 1 − I_x(2, 3) at x = 1 − y is I_y(3, 2) = 4y³ − 3y⁴ exactly (a binomial
    // sum); with y = 1e-9 that is ~4e-27, which 1 − I_x would round to 0.
    const y = 1e-9;
    const upper = incompleteBetaRatio(2, 3, 1 - y, y, true);
    expect(rel(upper, 4 * y ** 3 - 3 * y ** 4)).toBeLessThan(1e-14);
    expect(regularizedIncompleteBeta(1 - y, 2, 3)).toBe(1);
  });
  it('edge inputs', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(regularizedIncompleteBeta(-0.1, 2, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(1.1, 2, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0.5, 0, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0.5, 2, -1)).toBeNaN();
    expect(regularizedIncompleteBeta(NaN, 2, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0.5, Infinity, 3)).toBeNaN();
    expect(regularizedIncompleteBeta(0.5, 1e150, 1e150)).toBeNaN(); // continued fraction cannot converge: NaN, not a guess
  });
});

describe('logGamma and logBeta — mpmath loggamma/log(beta) (distributions.json)', () => {
  it('logGamma absolute error ≤ 4e-15 · max(1, |lnΓ|)', () => {
    for (const c of D.logGamma) expect(Math.abs(logGamma(c.x) - c.mpmath), `x=${c.x}`).toBeLessThanOrEqual(4e-15 * Math.max(1, Math.abs(c.mpmath)));
  });
  it('logBeta absolute error ≤ 1e-14 · max(1, |lnB|), including a = 5000, b = ½ (where SciPy betaln is 6e-13 off)', () => {
    for (const c of D.logBeta) expect(Math.abs(logBeta(c.a, c.b) - c.mpmath), `a=${c.a} b=${c.b}`).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(c.mpmath)));
  });
  it('edge inputs', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
    expect(logGamma(NaN)).toBeNaN();
    expect(logGamma(Infinity)).toBe(Infinity);
    expect(logGamma(1e150)).toBeCloseTo(1e150 * (Math.log(1e150) - 1), -137);
    expect(logBeta(0, 1)).toBeNaN();
    expect(logBeta(NaN, 1)).toBeNaN();
    expect(logBeta(Infinity, 1)).toBe(-Infinity);
  });
});
