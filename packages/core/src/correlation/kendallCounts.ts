import { normalCdf } from '../stats/normalCdf.js';

/**
 * Pair counts behind Kendall's τ-b and its asymptotic test, named as in
 * SciPy's `kendalltau`: `tot` = n(n−1)/2 pairs; `xtie`, `ytie` pairs tied
 * in x, in y; `ntie` pairs tied in both; `dis` discordant pairs; `x0`, `x1`
 * (and `y0`, `y1`) = Σt(t−1)(t−2), Σt(t−1)(2t+5) over tie groups of size t.
 *
 * @internal not part of the package API (used inside core).
 */
export interface KendallCounts {
  n: number;
  tot: number;
  xtie: number;
  ytie: number;
  ntie: number;
  dis: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/**
 * A zeroed {@link KendallCounts}, to be filled by {@link kendallCountsSorted}.
 *
 * @internal not part of the package API (used inside core).
 */
export function kendallCountsBuffer(): KendallCounts {
  return { n: 0, tot: 0, xtie: 0, ytie: 0, ntie: 0, dis: 0, x0: 0, x1: 0, y0: 0, y1: 0 };
}

const RUN = 8;

/**
 * Sorts `a[lo..hi)` ascending and returns the number of strict inversions
 * (pairs i < j with a[i] > a[j]) — the merge-sort swap count of Knight's
 * algorithm. Insertion sort on runs of 8, then bottom-up merges through
 * `tmp` (same index range). O(m log m), no allocation.
 *
 * @internal not part of the package API (used inside core).
 */
export function sortCountingInversions(a: Float64Array, lo: number, hi: number, tmp: Float64Array): number {
  let inv = 0;
  for (let s = lo; s < hi; s += RUN) {
    const e = Math.min(s + RUN, hi);
    for (let i = s + 1; i < e; i++) {
      const v = a[i]!;
      let j = i - 1;
      while (j >= s && a[j]! > v) {
        a[j + 1] = a[j]!;
        j--;
        inv++;
      }
      a[j + 1] = v;
    }
  }
  let src = a;
  let dst = tmp;
  for (let w = RUN; w < hi - lo; w *= 2) {
    for (let s = lo; s < hi; s += 2 * w) {
      const mid = Math.min(s + w, hi);
      const e = Math.min(s + 2 * w, hi);
      let i = s;
      let j = mid;
      let o = s;
      while (i < mid && j < e) {
        if (src[i]! <= src[j]!) dst[o++] = src[i++]!;
        else {
          dst[o++] = src[j++]!;
          inv += mid - i;
        }
      }
      while (i < mid) dst[o++] = src[i++]!;
      while (j < e) dst[o++] = src[j++]!;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  if (src !== a) for (let i = lo; i < hi; i++) a[i] = src[i]!;
  return inv;
}

/**
 * Knight's O(n log n) count of Kendall pairs (W. R. Knight, "A computer
 * method for calculating Kendall's tau with ungrouped data", JASA 61(314),
 * 1966), with the tie bookkeeping of SciPy `kendalltau`.
 *
 * Input: `xs[0..n)` ascending and `ys` the partner values in the same
 * order. Within each run of tied x the y values are sorted (so that the
 * pairs tied in x are not counted as discordant), joint ties are counted,
 * then the merge sort of `ys` counts the discordant pairs; `ys` ends sorted.
 * `tmp` is scratch of length ≥ n. No allocation; values must not be `NaN`.
 *
 * @internal not part of the package API (used inside core).
 */
export function kendallCountsSorted(xs: Float64Array, ys: Float64Array, n: number, tmp: Float64Array, out: KendallCounts): KendallCounts {
  let xtie = 0;
  let x0 = 0;
  let x1 = 0;
  let ntie = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    const v = xs[i]!;
    while (j < n && xs[j] === v) j++;
    const t = j - i;
    if (t > 1) {
      xtie += (t * (t - 1)) / 2;
      x0 += t * (t - 1) * (t - 2);
      x1 += t * (t - 1) * (2 * t + 5);
      sortCountingInversions(ys, i, j, tmp);
      let a = i;
      while (a < j) {
        let b = a + 1;
        while (b < j && ys[b] === ys[a]) b++;
        const u = b - a;
        ntie += (u * (u - 1)) / 2;
        a = b;
      }
    }
    i = j;
  }
  const dis = sortCountingInversions(ys, 0, n, tmp);
  let ytie = 0;
  let y0 = 0;
  let y1 = 0;
  i = 0;
  while (i < n) {
    let j = i + 1;
    const v = ys[i]!;
    while (j < n && ys[j] === v) j++;
    const t = j - i;
    if (t > 1) {
      ytie += (t * (t - 1)) / 2;
      y0 += t * (t - 1) * (t - 2);
      y1 += t * (t - 1) * (2 * t + 5);
    }
    i = j;
  }
  out.n = n;
  out.tot = (n * (n - 1)) / 2;
  out.xtie = xtie;
  out.ytie = ytie;
  out.ntie = ntie;
  out.dis = dis;
  out.x0 = x0;
  out.x1 = x1;
  out.y0 = y0;
  out.y1 = y1;
  return out;
}

/**
 * τ-b = (C − D) / √((P − X)(P − Y)) from the counts, computed as SciPy does
 * (`con_minus_dis / sqrt(tot − xtie) / sqrt(tot − ytie)`, clamped to
 * [−1, 1]). `NaN` when either variable is constant (all pairs tied) or
 * n < 2.
 *
 * @internal not part of the package API (used inside core).
 */
export function kendallTauFromCounts(c: KendallCounts): number {
  if (c.n < 2 || c.xtie === c.tot || c.ytie === c.tot) return NaN;
  const s = c.tot - c.xtie - c.ytie + c.ntie - 2 * c.dis;
  const tau = s / Math.sqrt(c.tot - c.xtie) / Math.sqrt(c.tot - c.ytie);
  return tau > 1 ? 1 : tau < -1 ? -1 : tau;
}

/**
 * Two-sided asymptotic p-value of τ-b (SciPy `kendalltau(method='asymptotic')`):
 * S = C − D is approximately normal with the tie-corrected variance
 * Var S = [m(2n+5) − Σt(t−1)(2t+5) − Σu(u−1)(2u+5)]/18
 *       + 2·X·Y/m + Σt(t−1)(t−2)·Σu(u−1)(u−2)/(9m(n−2)), m = n(n−1)
 * (Kendall, "Rank Correlation Methods", 1970, eq. 4.3), and p = 2Φ(−|S|/√Var S).
 *
 * `NaN` when τ is undefined; n = 2 gives 1 (|τ| = 1 always; SciPy gives
 * `NaN` there).
 *
 * @internal not part of the package API (used inside core).
 */
export function kendallPValueFromCounts(c: KendallCounts): number {
  if (c.n < 2 || c.xtie === c.tot || c.ytie === c.tot) return NaN;
  if (c.n === 2) return 1;
  const n = c.n;
  const s = c.tot - c.xtie - c.ytie + c.ntie - 2 * c.dis;
  const m = n * (n - 1);
  const v = (m * (2 * n + 5) - c.x1 - c.y1) / 18 + (2 * c.xtie * c.ytie) / m + (c.x0 * c.y0) / (9 * m * (n - 2));
  const z = s / Math.sqrt(v);
  return 2 * normalCdf(-Math.abs(z));
}

/**
 * Scratch for {@link kendallCountsRanked}: a Fenwick tree and a tally, for
 * up to `u` distinct y values.
 *
 * @internal not part of the package API (used inside core).
 */
export interface RankedWorkspace {
  readonly tree: Int32Array;
  readonly tally: Int32Array;
}

/**
 * Workspace for {@link kendallCountsRanked} with up to `u` distinct y values.
 *
 * @internal not part of the package API (used inside core).
 */
export function rankedWorkspace(u: number): RankedWorkspace {
  return { tree: new Int32Array(u + 1), tally: new Int32Array(u) };
}

/**
 * The counts of {@link kendallCountsSorted} from x's sort order and y's
 * dense ranks, with a Fenwick tree instead of a merge sort (Knight's
 * algorithm with the inversion count done by a binary indexed tree; Fenwick,
 * Software: Practice and Experience 24(3), 1994). `xs[0..n)` holds x
 * ascending, `order[m]` the original index of the m-th smallest x, `ry[i]`
 * the dense rank (0…u−1, ties equal) of y[i], `ySizes[r]` how many y have
 * rank r. Walking x's tie groups in order, every member is first counted
 * against the y values of all earlier (strictly smaller) x — discordant
 * when strictly greater — and against its own group for joint ties, then
 * inserted. O(n log u); with heavy ties (few distinct y) the tree stays in
 * L1. No allocation.
 *
 * @internal not part of the package API (used inside core).
 */
export function kendallCountsRanked(
  xs: Float64Array,
  order: Int32Array,
  ry: Int32Array,
  ySizes: Int32Array,
  u: number,
  n: number,
  ws: RankedWorkspace,
  out: KendallCounts,
): KendallCounts {
  const { tree, tally } = ws;
  tree.fill(0, 0, u + 1);
  let dis = 0;
  let ntie = 0;
  let xtie = 0;
  let x0 = 0;
  let x1 = 0;
  let seen = 0;
  let g = 0;
  while (g < n) {
    let e = g + 1;
    const v = xs[g]!;
    while (e < n && xs[e] === v) e++;
    const t = e - g;
    for (let m = g; m < e; m++) {
      const r = ry[order[m]!]!;
      let le = 0;
      for (let i = r + 1; i > 0; i &= i - 1) le += tree[i]!;
      dis += seen - le;
      ntie += tally[r]!;
      tally[r]!++;
    }
    for (let m = g; m < e; m++) {
      const r = ry[order[m]!]!;
      tally[r] = 0;
      for (let i = r + 1; i <= u; i += i & -i) tree[i]!++;
    }
    seen += t;
    if (t > 1) {
      xtie += (t * (t - 1)) / 2;
      x0 += t * (t - 1) * (t - 2);
      x1 += t * (t - 1) * (2 * t + 5);
    }
    g = e;
  }
  let ytie = 0;
  let y0 = 0;
  let y1 = 0;
  for (let r = 0; r < u; r++) {
    const t = ySizes[r]!;
    if (t > 1) {
      ytie += (t * (t - 1)) / 2;
      y0 += t * (t - 1) * (t - 2);
      y1 += t * (t - 1) * (2 * t + 5);
    }
  }
  out.n = n;
  out.tot = (n * (n - 1)) / 2;
  out.xtie = xtie;
  out.ytie = ytie;
  out.ntie = ntie;
  out.dis = dis;
  out.x0 = x0;
  out.x1 = x1;
  out.y0 = y0;
  out.y1 = y1;
  return out;
}
