import { describe, expect, it } from 'vitest';
import { averageLinkage, clusterOrder } from '@soukan/core';
import { f64, loadFixture, rng } from './helpers.js';

/**
 * Naive UPGMA: repeatedly merge the globally closest pair of clusters, the
 * new distance being the mean of member-to-member distances. O(k³), but
 * obviously correct; without ties it makes the same merges as the
 * nearest-neighbour chain.
 */
function naiveUpgma(d: Float64Array, k: number): { a: number; b: number; dist: number; size: number }[] {
  const members = new Map<number, number[]>();
  for (let i = 0; i < k; i++) members.set(i, [i]);
  const out: { a: number; b: number; dist: number; size: number }[] = [];
  const between = (p: number[], q: number[]): number => {
    let s = 0;
    for (const i of p) for (const j of q) s += d[Math.min(i, j) * k + Math.max(i, j)]!;
    return s / (p.length * q.length);
  };
  for (let step = 0; step < k - 1; step++) {
    let best = Infinity;
    let pa = -1;
    let pb = -1;
    const ids = [...members.keys()];
    for (let x = 0; x < ids.length; x++) {
      for (let y = x + 1; y < ids.length; y++) {
        const v = between(members.get(ids[x]!)!, members.get(ids[y]!)!);
        if (v < best) {
          best = v;
          pa = ids[x]!;
          pb = ids[y]!;
        }
      }
    }
    const merged = [...members.get(pa)!, ...members.get(pb)!];
    members.delete(pa);
    members.delete(pb);
    members.set(k + step, merged);
    out.push({ a: Math.min(pa, pb), b: Math.max(pa, pb), dist: best, size: merged.length });
  }
  return out;
}

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

describe('averageLinkage equals a naive O(k³) UPGMA on random tie-free distances', () => {
  it('200 random matrices, k = 2…14', () => {
    const { uniform } = rng(31);
    for (let trial = 0; trial < 200; trial++) {
      const k = 2 + Math.floor(uniform() * 13);
      const d = new Float64Array(k * k);
      for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) d[i * k + j] = uniform() * 2;
      const z = averageLinkage(d, k);
      const ref = naiveUpgma(d, k);
      for (let s = 0; s < k - 1; s++) {
        expect([z[s * 4], z[s * 4 + 1], z[s * 4 + 3]]).toEqual([ref[s]!.a, ref[s]!.b, ref[s]!.size]);
        expect(Math.abs(z[s * 4 + 2]! - ref[s]!.dist)).toBeLessThan(1e-12);
      }
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
  it('±Infinity cells count as unrelated (distance 1), like NaN; 1e150 is just a (wild) finite value; a short matrix throws', () => {
    const base = Float64Array.of(1, 0.9, 0.1, 0.9, 1, 0.2, 0.1, 0.2, 1);
    expect(Array.from(clusterOrder(base, 3))).toEqual([2, 0, 1]);
    const inf = base.slice();
    inf[1] = inf[3] = Infinity;
    inf[5] = inf[7] = -Infinity;
    expect(Array.from(clusterOrder(inf, 3))).toEqual(Array.from(clusterOrder(Float64Array.of(1, NaN, 0.1, NaN, 1, NaN, 0.1, NaN, 1), 3)));
    const huge = base.slice();
    huge[2] = huge[6] = 1e150;
    expect([...clusterOrder(huge, 3)].sort()).toEqual([0, 1, 2]);
    expect(() => clusterOrder(new Float64Array(3), 2)).toThrow('clusterOrder: matrix has 3 elements, need 4');
    expect(() => averageLinkage(new Float64Array(3), 2)).toThrow('averageLinkage: distance matrix has 3 elements, need 4');
  });
  it('averageLinkage: a non-finite distance gives NaN rows, not a tree', () => {
    const z = averageLinkage(Float64Array.of(0, 1, Infinity, 1, 0, 2, Infinity, 2, 0), 3);
    expect(z.length).toBe(8);
    expect(Array.from(z).every(Number.isNaN)).toBe(true);
    expect(Array.from(averageLinkage(Float64Array.of(0, NaN, NaN, 0), 2)).every(Number.isNaN)).toBe(true);
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
