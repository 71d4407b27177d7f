import type { CoMoments } from './coMoments.js';

/**
 * The co-moments of the union of two disjoint sets of rows, from theirs alone:
 * Chan, Golub & LeVeque's parallel update (1979; "Updating formulae and a
 * pairwise algorithm for computing sample variances", eq. 2.1) and its
 * co-moment form:
 *
 *     n = nA + nB,  δ = x̄B − x̄A,  x̄ = x̄A + δ·nB/n,
 *     Cᵢⱼ = CAᵢⱼ + CBᵢⱼ + δᵢ·δⱼ·nA·nB/n
 *
 * Every term is centred, so merging shards or windows in any order agrees with
 * the two-pass result to rounding. An empty side returns the other. O(k²).
 *
 * @throws RangeError when `a` and `b` describe a different number of series.
 * @example mergeCoMoments(coMomentsOf([Float64Array.of(1, 2)]), coMomentsOf([Float64Array.of(3)])).c // Float64Array [2]
 */
export function mergeCoMoments(a: CoMoments, b: CoMoments): CoMoments {
  if (a.k !== b.k) throw new RangeError(`mergeCoMoments: series counts differ (${a.k} vs ${b.k})`);
  if (b.n === 0) return a;
  if (a.n === 0) return b;
  const k = a.k;
  const n = a.n + b.n;
  const f = (a.n * b.n) / n;
  const w = b.n / n;
  const delta = new Float64Array(k);
  const mean = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const d = b.mean[i]! - a.mean[i]!;
    delta[i] = d;
    mean[i] = a.mean[i]! + d * w;
  }
  const c = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) c[i * k + j] = a.c[i * k + j]! + b.c[i * k + j]! + delta[i]! * delta[j]! * f;
  }
  return { k, n, mean, c };
}
