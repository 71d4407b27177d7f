/**
 * Agglomerative clustering with average linkage (UPGMA: the distance between
 * two clusters is the mean of the pairwise distances between their members;
 * Sokal & Michener 1958), returning the linkage matrix in SciPy's format:
 * row i = [cluster a, cluster b, distance, size] for the i-th merge, where
 * ids < k are the original points and id k+i is the cluster made at row i,
 * rows sorted by distance and `a < b`.
 *
 * Method: the nearest-neighbour-chain algorithm (Murtagh, "A survey of
 * recent advances in hierarchical clustering algorithms", Computer Journal
 * 26(4), 1983) with the Lance–Williams update (nₓdₓᵢ + nᵧdᵧᵢ)/(nₓ+nᵧ),
 * followed by a stable sort by distance and union-find relabelling —
 * step for step SciPy 1.10's `_hierarchy.nn_chain` as called by
 * `linkage(y, 'average')`, including its tie-breaking, so equal distances
 * produce the same tree.
 *
 * O(k²) time, O(k²) memory (a working copy of the distances).
 *
 * Degenerate input: k < 2 gives an empty matrix. A `NaN` or infinite
 * distance gives a matrix of `NaN` (SciPy raises; there is no tree to
 * report) — map missing values first, as {@link clusterOrder} does. Only
 * the upper triangle of `d` is read.
 *
 * @param d - k × k distances, row-major; `d[i*k+j]` for i < j is used.
 * @param k - number of points.
 * @returns `Float64Array` of (k−1) × 4, row-major.
 * @throws RangeError when `d` has fewer than k² elements.
 * @example
 * averageLinkage(Float64Array.of(0, 1, 4, 1, 0, 3, 4, 3, 0), 3)
 * // Float64Array [0, 1, 1, 2, 2, 3, 3.5, 3]
 */
export function averageLinkage(d: Float64Array, k: number): Float64Array {
  if (k < 2) return new Float64Array(0);
  if (d.length < k * k) throw new RangeError(`averageLinkage: distance matrix has ${d.length} elements, need ${k * k}`);
  const D = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const v = d[i * k + j]!;
      if (!Number.isFinite(v)) return new Float64Array((k - 1) * 4).fill(NaN);
      D[i * k + j] = v;
      D[j * k + i] = v;
    }
  }
  const size = new Int32Array(k).fill(1);
  const chain = new Int32Array(k);
  let chainLen = 0;
  const zx = new Int32Array(k - 1);
  const zy = new Int32Array(k - 1);
  const zd = new Float64Array(k - 1);
  const zn = new Int32Array(k - 1);
  for (let step = 0; step < k - 1; step++) {
    if (chainLen === 0) {
      chainLen = 1;
      for (let i = 0; i < k; i++) {
        if (size[i]! > 0) {
          chain[0] = i;
          break;
        }
      }
    }
    let x = 0;
    let y = 0;
    let best = Infinity;
    for (;;) {
      x = chain[chainLen - 1]!;
      // Prefer the previous chain element on ties, which prevents cycles.
      if (chainLen > 1) {
        y = chain[chainLen - 2]!;
        best = D[x * k + y]!;
      } else best = Infinity;
      for (let i = 0; i < k; i++) {
        if (size[i] === 0 || i === x) continue;
        const v = D[x * k + i]!;
        if (v < best) {
          best = v;
          y = i;
        }
      }
      if (chainLen > 1 && y === chain[chainLen - 2]) break;
      chain[chainLen++] = y;
    }
    chainLen -= 2;
    if (x > y) {
      const t = x;
      x = y;
      y = t;
    }
    const nx = size[x]!;
    const ny = size[y]!;
    zx[step] = x;
    zy[step] = y;
    zd[step] = best;
    zn[step] = nx + ny;
    size[x] = 0;
    size[y] = nx + ny;
    for (let i = 0; i < k; i++) {
      const ni = size[i]!;
      if (ni === 0 || i === y) continue;
      const v = (nx * D[i * k + x]! + ny * D[i * k + y]!) / (nx + ny);
      D[i * k + y] = v;
      D[y * k + i] = v;
    }
  }
  // Stable sort of the merges by distance (SciPy: argsort kind='mergesort').
  const order = Array.from({ length: k - 1 }, (_, i) => i);
  order.sort((a, b) => (zd[a]! < zd[b]! ? -1 : zd[a]! > zd[b]! ? 1 : a - b));
  // Relabel with union-find: the cluster made at sorted row i gets id k+i.
  const parent = new Int32Array(2 * k - 1);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r]!;
    while (parent[v] !== r) {
      const nxt = parent[v]!;
      parent[v] = r;
      v = nxt;
    }
    return r;
  };
  const z = new Float64Array((k - 1) * 4);
  for (let i = 0; i < k - 1; i++) {
    const s = order[i]!;
    const a = find(zx[s]!);
    const b = find(zy[s]!);
    z[i * 4] = Math.min(a, b);
    z[i * 4 + 1] = Math.max(a, b);
    z[i * 4 + 2] = zd[s]!;
    z[i * 4 + 3] = zn[s]!;
    parent[a] = k + i;
    parent[b] = k + i;
  }
  return z;
}
