import { describe, expect, it } from 'vitest';
import { averageLinkage, clusterOrder } from '@soukan/core';
import { f64, loadFixture } from './helpers.js';

interface ClusterCase {
  label: string;
  k: number;
  r: (number | null)[];
  order: number[];
  linkage: number[];
}
const C = loadFixture<{ cases: ClusterCase[] }>('cluster.json');

describe("clusterOrder — SciPy 1.10 leaves_list(linkage(squareform(1 − r), 'average')) (cluster.json)", () => {
  for (const c of C.cases) {
    it(c.label, () => {
      const r = f64(c.r);
      expect(Array.from(clusterOrder(r, c.k))).toEqual(c.order);
      // The linkage matrix itself, row by row (ids, distance, size).
      const d = Float64Array.from(r, (v) => (Number.isNaN(v) ? 1 : 1 - v));
      const z = averageLinkage(d, c.k);
      expect(Array.from(z).filter((_, i) => i % 4 !== 2)).toEqual(c.linkage.filter((_, i) => i % 4 !== 2));
      for (let i = 2; i < z.length; i += 4) expect(Math.abs(z[i]! - c.linkage[i]!)).toBeLessThanOrEqual(1e-15);
    });
  }
  it('the tie-heavy cases really have ties (one-decimal entries)', () => {
    const tied = C.cases.filter((c) => c.label.startsWith('synthetic') && c.label.includes('ties'));
    expect(tied.length).toBeGreaterThan(3);
    for (const c of tied) {
      const upper = c.r.filter((_, i) => Math.floor(i / c.k) < i % c.k && c.r[i] !== null);
      expect(new Set(upper).size).toBeLessThan(upper.length);
    }
  });
});

describe('clusterOrder / averageLinkage — edge inputs', () => {
  it('k = 0, 1, 2', () => {
    expect(clusterOrder(new Float64Array(0), 0).length).toBe(0);
    expect(Array.from(clusterOrder(Float64Array.of(1), 1))).toEqual([0]);
    expect(Array.from(clusterOrder(Float64Array.of(1, 0.3, 0.3, 1), 2))).toEqual([0, 1]);
    expect(averageLinkage(new Float64Array(0), 0).length).toBe(0);
    expect(averageLinkage(Float64Array.of(0), 1).length).toBe(0);
  });
  it('an all-NaN matrix (every distance 1) is a valid permutation, as SciPy orders equal distances', () => {
    const k = 6;
    const order = clusterOrder(new Float64Array(k * k).fill(NaN), k);
    expect([...order].sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it('±Infinity and 1e150 entries stay finite distances only if finite; a too-short matrix throws', () => {
    expect(() => clusterOrder(new Float64Array(3), 2)).toThrow('clusterOrder: matrix has 3 elements, need 4');
    expect(() => averageLinkage(new Float64Array(3), 2)).toThrow('averageLinkage: distance matrix has 3 elements, need 4');
    const order = clusterOrder(Float64Array.of(1, 0.9, 0.1, 0.9, 1, 0.2, 0.1, 0.2, 1), 3);
    expect(Array.from(order)).toEqual([2, 0, 1]);
  });
  it('groups correlated blocks together', () => {
    // Two blocks {0, 2, 4} and {1, 3} with high within-block correlation.
    const k = 5;
    const r = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) r[i * k + j] = i === j ? 1 : i % 2 === j % 2 ? 0.8 : -0.1;
    const order = Array.from(clusterOrder(r, k));
    const pos = (v: number): number => order.indexOf(v);
    expect(Math.abs(pos(1) - pos(3))).toBe(1);
  });
});
