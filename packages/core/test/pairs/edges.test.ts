import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  adfDefaultMaxLag,
  correlationDivergence,
  adfTest,
  engleGranger,
  halfLife,
  mackinnonCrit,
  mackinnonP,
  olsHedgeRatio,
  rollingMeanStd,
  rollingZScore,
  spread,
  tlsHedgeRatio,
} from '@soukan/core';

/** Deterministic pseudo-random normal-ish noise (LCG + Box–Muller), so tests are reproducible. */
function noise(n: number, seed = 1): Float64Array {
  let s = seed >>> 0;
  const u = (): number => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u()));
}

describe('mackinnonP / mackinnonCrit', () => {
  it('p at the 2010 asymptotic 5 % critical value is about 5 %; tails clamp to 0 and 1', () => {
    expect(mackinnonP(mackinnonCrit(1, 'c')['5%'], 'c', 1)).toBeCloseTo(0.05, 2);
    expect(mackinnonP(mackinnonCrit(2, 'c')['5%'], 'c', 2)).toBeCloseTo(0.05, 2);
    expect(mackinnonP(-30, 'c', 1)).toBe(0);
    expect(mackinnonP(-Infinity, 'ct', 2)).toBe(0);
    expect(mackinnonP(5, 'c', 1)).toBe(1);
    expect(mackinnonP(Number.NaN)).toBeNaN();
    expect(mackinnonCrit(1, 'c', Infinity)['5%']).toBe(-2.86154);
  });
  it('p is non-decreasing in the statistic', () => {
    fc.assert(
      fc.property(fc.double({ min: -20, max: 3, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), fc.constantFrom('n', 'c', 'ct', 'ctt' as const), fc.integer({ min: 1, max: 6 }), (t, d, reg, n) => {
        expect(mackinnonP(t + d, reg, n)).toBeGreaterThanOrEqual(mackinnonP(t, reg, n) - 1e-3);
      }),
    );
  });
  it('names bad arguments', () => {
    expect(() => mackinnonP(-3, 'c', 7)).toThrow(/N \(number of integrated series\) must be a whole number in 1…6, got 7/);
    expect(() => mackinnonCrit(2, 'n')).toThrow(/in 1…1, got 2/);
    expect(() => mackinnonP(-3, 'x' as 'c')).toThrow(/regression must be one of n, c, ct, ctt/);
  });
});

describe('adfTest degenerate input and behaviour', () => {
  it('rejects a unit root for white noise and keeps it for a random walk', () => {
    const e = noise(500);
    expect(adfTest(e).pValue).toBeLessThan(0.01);
    const walk = new Float64Array(500);
    for (let i = 1; i < 500; i++) walk[i] = walk[i - 1]! + e[i]!;
    expect(adfTest(walk).pValue).toBeGreaterThan(0.05);
  });
  it('empty, short, NaN, ±Infinity and constant series give NaN; too large maxLag is named', () => {
    expect(adfTest(new Float64Array(0)).statistic).toBeNaN();
    expect(adfTest(Float64Array.of(1, 2)).statistic).toBeNaN();
    expect(adfTest(Float64Array.of(1, 2, 3, Number.NaN, 5, 6, 7, 8, 9, 10)).pValue).toBeNaN();
    expect(adfTest(Float64Array.of(1, 2, 3, Infinity, 5, 6, 7, 8, 9, 10)).pValue).toBeNaN();
    expect(adfTest(new Float64Array(50).fill(3)).statistic).toBeNaN();
    expect(() => adfTest(noise(20), { maxLag: 9 })).toThrow(/maxLag 9 is too large for 20 observations with regression 'c' \(at most ⌊n\/2⌋ − 1 − 1 = 8\)/);
    expect(adfDefaultMaxLag(2600, 'c')).toBe(28);
    expect(adfDefaultMaxLag(4, 'ct')).toBe(-1);
  });
  it('is invariant to the scale and (with a constant) the level of the series', () => {
    const e = noise(300, 7);
    const x = new Float64Array(300);
    for (let i = 1; i < 300; i++) x[i] = 0.9 * x[i - 1]! + e[i]!;
    const a = adfTest(x);
    const b = adfTest(x.map((v) => 1e6 * v + 42));
    expect(b.usedLag).toBe(a.usedLag);
    expect(b.statistic).toBeCloseTo(a.statistic, 8);
  });
});

describe('engleGranger degenerate input', () => {
  it('perfectly collinear series give −Infinity and p = 0, flagged', () => {
    const x = noise(200, 3).map((_, i, a) => a.slice(0, i + 1).reduce((s, w) => s + w, 0));
    const r = engleGranger(x.map((v) => 2 * v + 1), x);
    expect(r.collinear).toBe(true);
    expect(r.statistic).toBe(-Infinity);
    expect(r.pValue).toBe(0);
    expect(r.beta).toBeCloseTo(2, 12);
  });
  it('mismatched lengths, NaN and constant x give NaN', () => {
    expect(engleGranger(noise(10), noise(11)).statistic).toBeNaN();
    expect(engleGranger(Float64Array.of(1, 2, Number.NaN, 4), Float64Array.of(1, 2, 3, 4)).statistic).toBeNaN();
    expect(engleGranger(noise(50), new Float64Array(50).fill(1)).statistic).toBeNaN();
  });
  it('finds cointegration in y = 0.5 x + stationary noise', () => {
    const e = noise(600, 11);
    const x = new Float64Array(600);
    for (let i = 1; i < 600; i++) x[i] = x[i - 1]! + e[i]!;
    const y = x.map((v, i) => 0.5 * v + 0.3 * noise(600, 5)[i]!);
    const r = engleGranger(y, x);
    expect(r.pValue).toBeLessThan(0.01);
    expect(r.beta).toBeCloseTo(0.5, 2);
  });
});

describe('hedge ratios, spread, z-score, half-life', () => {
  it('OLS and TLS agree on an exact line; TLS is symmetric (x on y gives 1/β)', () => {
    const x = Float64Array.of(0, 1, 2, 3);
    const y = x.map((v) => 1 + 2 * v);
    expect(olsHedgeRatio(y, x).beta).toBeCloseTo(2, 14);
    expect(tlsHedgeRatio(y, x).beta).toBeCloseTo(2, 14);
    const a = noise(100, 2);
    const b = a.map((v, i) => v + noise(100, 9)[i]!);
    expect(tlsHedgeRatio(a, b).beta * tlsHedgeRatio(b, a).beta).toBeCloseTo(1, 12);
    expect(spread(Float64Array.of(3), Float64Array.of(1), { alpha: 1, beta: 2 })[0]).toBe(0);
  });
  it('skips non-finite rows; too little data gives NaN; constant x gives NaN or ±Infinity', () => {
    expect(olsHedgeRatio(Float64Array.of(1, Number.NaN, 5, 7), Float64Array.of(0, 1, 2, 3)).nobs).toBe(3);
    expect(olsHedgeRatio(Float64Array.of(1), Float64Array.of(1)).beta).toBeNaN();
    expect(tlsHedgeRatio(Float64Array.of(1), Float64Array.of(1)).beta).toBeNaN();
    expect(olsHedgeRatio(Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1)).beta).toBeNaN();
    expect(Math.abs(tlsHedgeRatio(Float64Array.of(1, 2, 3), Float64Array.of(1, 1, 1)).beta)).toBe(Infinity);
  });
  it('rolling z-score equals a slow window-by-window computation, NaN inside windows with gaps', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1000, max: 1000 }).map((v) => v / 10 + 5000), { minLength: 0, maxLength: 80 }), fc.integer({ min: 2, max: 12 }), (v, w) => {
        const x = Float64Array.from(v);
        if (x.length > 20) x[17] = Number.NaN;
        const z = rollingZScore(x, w);
        for (let i = 0; i < x.length; i++) {
          const win = Array.from(x.subarray(Math.max(0, i - w + 1), i + 1));
          if (i < w - 1 || win.some(Number.isNaN)) {
            expect(z[i]).toBeNaN();
            continue;
          }
          const m = win.reduce((s, a) => s + a, 0) / w;
          const sd = Math.sqrt(win.reduce((s, a) => s + (a - m) ** 2, 0) / (w - 1));
          const ref = (x[i]! - m) / sd;
          if (sd === 0) expect(Number.isFinite(z[i]!)).toBe(false);
          else expect(Math.abs(z[i]! - ref)).toBeLessThan(1e-7 * Math.max(1, Math.abs(ref)));
        }
      }),
    );
    expect(Array.from(rollingZScore(Float64Array.of(1, 2, 3, 10), 3)).slice(2)).toEqual([1, 1.1470786693528088]); // pandas 1.5.3
    expect(rollingZScore(Float64Array.of(1, 2), 1)[1]).toBeNaN();
    const ms = rollingMeanStd(Float64Array.of(1, 2, 3, 10), 3);
    expect(Array.from(ms.mean).slice(2)).toEqual([2, 5]);
    expect(ms.sd[3]).toBeCloseTo(Math.sqrt(19), 14);
    expect(rollingMeanStd(Float64Array.of(4, 4, 4), 2).sd[2]).toBe(0);
  });
  it('half-life: AR(1) with φ = 0.9 is about ln ½ / ln 0.9 ≈ 6.6; a trending series does not revert', () => {
    const e = noise(5000, 4);
    const s = new Float64Array(5000);
    for (let i = 1; i < 5000; i++) s[i] = 0.9 * s[i - 1]! + e[i]!;
    const h = halfLife(s);
    expect(h.halfLife).toBeGreaterThan(5.5);
    expect(h.halfLife).toBeLessThan(8);
    expect(halfLife(Float64Array.from({ length: 50 }, (_, i) => Math.exp(i / 10))).halfLife).toBe(Infinity);
    expect(halfLife(Float64Array.of(1, -1, 1, -1, 1, -1.1)).halfLife).toBeNaN(); // φ ≤ 0
    expect(halfLife(Float64Array.of(1, 2)).halfLife).toBeNaN();
    expect(halfLife(Float64Array.of(1, 2, Number.NaN, 3, 2, 2.5, 2.2)).nobs).toBe(4);
  });
});

describe('correlationDivergence edge cases', () => {
  it('names bad windows and k; mismatched lengths throw; short series give no alerts', () => {
    const a = noise(50, 1);
    expect(() => correlationDivergence(a, a, { short: 30, long: 20 })).toThrow(/2 ≤ short < long, got short 30, long 20/);
    expect(() => correlationDivergence(a, a, { k: 0 })).toThrow(/k must be > 0/);
    expect(() => correlationDivergence(a, noise(49))).toThrow(RangeError);
    const d = correlationDivergence(a, noise(50, 2), { short: 5, long: 60 });
    expect(d.episodes).toEqual([]);
    expect(d.z.every(Number.isNaN)).toBe(true);
  });
  it('flags a regime change: legs that move together, then independently', () => {
    const e = noise(400, 3);
    const f = noise(400, 4);
    const y = e.map((v, i) => (i < 300 ? v + 0.1 * f[i]! : f[i]!));
    const d = correlationDivergence(e, y, { short: 20, long: 120, k: 2 });
    expect(d.alert.subarray(300, 330).some((v) => v === 1)).toBe(true);
    expect(d.episodes[0]!.peakZ).toBeLessThan(-2);
  });
});
