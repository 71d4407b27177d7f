import { averageLinkage } from './averageLinkage.js';

/**
 * Leaf order of a dendrogram over a correlation matrix — the order in which
 * to show rows and columns of a heatmap so that correlated instruments sit
 * together.
 *
 * Distance 1 − ρ (0 for identical, 2 for opposite series; a `NaN` cell,
 * e.g. a pair without enough data, counts as 1, "unrelated", and so does a
 * non-finite one, which no correlation can be), average
 * linkage ({@link averageLinkage}), leaves read left to right by a
 * pre-order walk with the smaller cluster id first. Identical to SciPy 1.10
 * `leaves_list(linkage(squareform(D), 'average'))`, ties included.
 *
 * O(k²) time and memory.
 *
 * Degenerate input: k = 0 gives an empty order, k = 1 gives [0]. Only the
 * upper triangle of `r` is read; the diagonal is ignored.
 *
 * @param r - k × k correlation matrix, row-major.
 * @param k - its dimension.
 * @returns a permutation of 0…k−1 as an `Int32Array`.
 * @throws RangeError when `r` has fewer than k² elements.
 * @example
 * clusterOrder(Float64Array.of(1, 0.1, 0.9, 0.1, 1, 0.2, 0.9, 0.2, 1), 3) // Int32Array [1, 0, 2]
 */
export function clusterOrder(r: Float64Array, k: number): Int32Array {
  if (r.length < k * k) throw new RangeError(`clusterOrder: matrix has ${r.length} elements, need ${k * k}`);
  if (k === 0) return new Int32Array(0);
  if (k === 1) return Int32Array.of(0);
  const d = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const v = r[i * k + j]!;
      d[i * k + j] = Number.isFinite(v) ? 1 - v : 1;
    }
  }
  const z = averageLinkage(d, k);
  // Pre-order walk from the root (id 2k−2), left child = smaller id.
  const order = new Int32Array(k);
  const stack = new Int32Array(2 * k);
  let sp = 0;
  let o = 0;
  stack[sp++] = 2 * k - 2;
  while (sp > 0) {
    const node = stack[--sp]!;
    if (node < k) {
      order[o++] = node;
      continue;
    }
    const row = node - k;
    stack[sp++] = z[row * 4 + 1]!;
    stack[sp++] = z[row * 4]!;
  }
  return order;
}
