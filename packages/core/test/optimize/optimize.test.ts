import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bfgs, nelderMead } from '@soukan/core';

const rosenbrock = (x: Float64Array): number => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;

describe('nelderMead (adaptive, with restarts)', () => {
  it('finds the Rosenbrock minimum (1, 1) from (−1.2, 1)', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 6);
    expect(r.x[1]).toBeCloseTo(1, 6);
    expect(r.fx).toBeLessThan(1e-12);
    expect(r.evaluations).toBeGreaterThan(r.iterations);
  });
  it('minimises random convex quadratics in 2–6 dimensions', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 6, maxLength: 6 }), (d, c) => {
        const f = (x: Float64Array): number => {
          let s = 0;
          for (let i = 0; i < d; i++) s += (i + 1) * (x[i]! - c[i]!) ** 2;
          return s;
        };
        const r = nelderMead(f, new Array(d).fill(0), { maxIter: 5000 });
        for (let i = 0; i < d; i++) expect(Math.abs(r.x[i]! - c[i]!)).toBeLessThan(1e-4);
      }),
      { numRuns: 25 },
    );
  });
  it('treats NaN/Infinity as +∞ (a fenced region) and never returns a point inside it', () => {
    const f = (x: Float64Array): number => (x[0]! < 0.5 ? NaN : (x[0]! - 0.2) ** 2);
    const r = nelderMead(f, [2]);
    expect(r.x[0]).toBeGreaterThanOrEqual(0.5);
    expect(r.x[0]).toBeCloseTo(0.5, 6);
  });
  it('reports an iteration limit honestly; a non-finite start gives NaN', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { maxIter: 5, restarts: 0 });
    expect(r.converged).toBe(false);
    expect(r.message).toBe('iteration limit');
    expect(nelderMead(() => NaN, [1]).fx).toBeNaN();
  });
});

describe('bfgs', () => {
  it('Rosenbrock with numerical gradient', () => {
    const r = bfgs(rosenbrock, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
  });
  it('with an analytic gradient, on a badly scaled quadratic', () => {
    const f = (x: Float64Array): number => 1e4 * (x[0]! - 3) ** 2 + 1e-2 * (x[1]! + 1) ** 2;
    const r = bfgs(f, [0, 0], {
      gradient: (x, g) => {
        g[0] = 2e4 * (x[0]! - 3);
        g[1] = 2e-2 * (x[1]! + 1);
        return f(x);
      },
    });
    expect(r.x[0]).toBeCloseTo(3, 8);
    expect(r.x[1]).toBeCloseTo(-1, 5);
  });
  it('non-finite start → NaN, not converged', () => {
    const r = bfgs(() => Infinity, [0]);
    expect(r.converged).toBe(false);
    expect(r.fx).toBeNaN();
  });
});

