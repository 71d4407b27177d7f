import { argsortInto, argsortWorkspace } from '../stats/argsort.js';
import { normalQuantile } from '../stats/normalQuantile.js';
import { powerOfTwoScale } from '../stats/powerOfTwoScale.js';
import { rankAverageInto } from '../stats/rankAverage.js';
import { isConstant } from './checkLengths.js';
import { fisherStandardError } from './correlationConfidenceInterval.js';
import { gramUpper } from './gramUpper.js';
import { kendallCountsBuffer, kendallCountsSorted, kendallPValueFromCounts, kendallTauFromCounts } from './kendallCounts.js';
import { pearsonKernel } from './pearson.js';
import { pearsonPValue } from './pearsonPValue.js';
import { DEFAULT_CONFIDENCE, type CorrelationMethod, type CorrelationReason } from './types.js';

/**
 * How missing observations are handled:
 * - `'pairwise'`: each pair of columns uses the rows where both are present
 *   (pandas `DataFrame.corr`, R `use = "pairwise.complete.obs"`); cells may
 *   rest on different samples, so the matrix need not be positive
 *   semi-definite.
 * - `'complete'`: only rows where every column is present (listwise
 *   deletion, R `use = "complete.obs"`); one sample for all cells.
 */
export type MissingPolicy = 'pairwise' | 'complete';

/**
 * Default minimum number of observations per cell: 3, the smallest sample on
 * which the t-test behind the p-value has a degree of freedom (with two
 * points every coefficient is ±1). pandas' default (`min_periods=1`) lets
 * two-point pairs through as ±1; raise it for stable estimates (e.g. 20 or a
 * window's length).
 */
export const DEFAULT_MIN_PERIODS = 3;

/** Options of {@link correlationMatrix}. */
export interface CorrelationMatrixOptions {
  /** Coefficient. Default `'pearson'`. */
  readonly method?: CorrelationMethod;
  /**
   * Minimum number of observations for a cell to get a coefficient (pandas
   * `min_periods`). Default {@link DEFAULT_MIN_PERIODS}; values below 2 act
   * as 2 (a coefficient needs two points).
   */
  readonly minPeriods?: number;
  /** Missing-data policy. Default `'pairwise'`. */
  readonly missing?: MissingPolicy;
  /** Confidence level of the `lo`/`hi` intervals, in (0, 1). Default 0.95. */
  readonly confidence?: number;
  /** Compute p-values and intervals (default true); when false `p`, `lo`, `hi` stay `NaN`. */
  readonly significance?: boolean;
}

/** A k × k correlation matrix with per-cell sample size, p-value, interval and reason. */
export interface CorrelationMatrix {
  /** Number of columns. */
  readonly k: number;
  readonly method: CorrelationMethod;
  readonly missing: MissingPolicy;
  readonly minPeriods: number;
  readonly confidence: number;
  /** Coefficients, row-major k × k, symmetric; `NaN` where `reason` is not null. */
  readonly r: Float64Array;
  /** Observations used per cell (diagonal: the column's own count; under `'complete'`, the complete rows). */
  readonly n: Float64Array;
  /** Two-sided p-values (SciPy `pearsonr` / `spearmanr` / `kendalltau` asymptotic). */
  readonly p: Float64Array;
  /** Lower confidence bounds (Fisher z). */
  readonly lo: Float64Array;
  /** Upper confidence bounds (Fisher z). */
  readonly hi: Float64Array;
  /** Per cell: why `r` is `NaN`, or `null`. */
  readonly reason: CorrelationReason[];
}

const METHODS: readonly CorrelationMethod[] = ['pearson', 'spearman', 'kendall'];

// FNV-1a over the positions of missing rows: a cheap key to find columns
// that share a missing-data pattern.
function maskHash(mask: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let t = 0; t < mask.length; t++) {
    if (mask[t] === 0) {
      h ^= t & 0xffff;
      h = Math.imul(h, 0x01000193);
      h ^= t >>> 16;
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

function sameMask(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  for (let t = 0; t < a.length; t++) if (a[t] !== b[t]) return false;
  return true;
}

// Centre and scale v[0..m) to unit Euclidean norm into z[off..off+m).
// Returns false when v is constant. Power-of-two prescaling keeps squares of
// huge values finite without changing any rounding.
function standardizeInto(v: Float64Array, m: number, z: Float64Array, off: number): boolean {
  if (m === 0 || isConstant(v, m)) return false;
  let maxAbs = 0;
  for (let t = 0; t < m; t++) {
    const a = Math.abs(v[t]!);
    if (a > maxAbs) maxAbs = a;
  }
  const k = powerOfTwoScale(maxAbs);
  let s = 0;
  for (let t = 0; t < m; t++) s += v[t]! * k;
  let mu = s / m;
  let c = 0;
  for (let t = 0; t < m; t++) c += v[t]! * k - mu;
  mu += c / m;
  let ss = 0;
  for (let t = 0; t < m; t++) {
    const d = v[t]! * k - mu;
    z[off + t] = d;
    ss += d * d;
  }
  const norm = Math.sqrt(ss);
  if (!(norm > 0 && norm < Infinity)) return false;
  for (let t = 0; t < m; t++) z[off + t] = z[off + t]! / norm;
  return true;
}

/**
 * Correlation matrix of k columns (one `Float64Array` per series, all the
 * same length; `NaN` — and ±∞ — mark missing observations), with per-cell
 * sample size, two-sided p-value, Fisher-z confidence interval and the
 * reason for any `NaN`.
 *
 * Semantics (pandas 1.5 `DataFrame.corr(method, min_periods)` under
 * `missing: 'pairwise'`): each pair uses the rows where both columns are
 * finite (pandas masks with `isfinite`, so ±∞ count as missing, too);
 * Spearman ranks within each pair's rows, as pandas' `nancorr_spearman`
 * does; a cell with fewer than `minPeriods` rows is `NaN` with reason
 * `'too-few-observations'`; a column constant over a pair's rows makes the
 * cell `NaN` with reason `'constant-input'` (pandas returns `NaN` too, but
 * its Kendall path writes 1.0 on the diagonal of a constant column — here
 * the diagonal is 1 only for a column that varies). The diagonal carries the
 * column's own count in `n`. p-values follow SciPy 1.10: `pearsonr` (exact
 * t, n−2 df), `spearmanr` (t approximation), `kendalltau(method='asymptotic')`
 * (tie-corrected normal); intervals: Fisher z with SE 1/√(n−3) (Pearson,
 * = SciPy `confidence_interval`), √((1+r²/2)/(n−3)) (Spearman,
 * Bonett–Wright 2000), √(0.437/(n−4)) (Kendall, Fieller et al. 1957);
 * [−1, 1] when n is too small for the SE.
 *
 * Method: columns sharing a missing-data pattern (all of them, for complete
 * data or `missing: 'complete'`) are standardised once — centred, scaled to
 * unit norm, on ranks for Spearman — and their coefficients are the upper
 * triangle of a cache-blocked, register-blocked Gram product
 * ({@link gramUpper}); Kendall sorts each column once and counts each pair
 * with Knight's merge sort. Pairs whose columns differ in missingness are
 * computed on their common rows with the scalar kernels. Symmetric: one
 * triangle is computed and mirrored.
 *
 * Complexity: O(k² m) for Pearson/Spearman on shared patterns (+ O(k m log m)
 * ranking); O(k² m log m) for Kendall and for pairs with differing
 * patterns. Memory O(k m) for the standardised block.
 *
 * Degenerate input: never throws on data; k = 0 gives empty arrays; cells
 * that cannot be computed are `NaN` with a reason.
 *
 * @throws RangeError when columns differ in length or an option is invalid.
 * @example
 * const m = correlationMatrix([Float64Array.of(1, 2, 3, 4), Float64Array.of(2, 4, 5, 9)]);
 * m.r[1] // 0.9647638212377322 (row 0, column 1)
 * m.p[1] // 0.03523617876226777
 */
export function correlationMatrix(columns: readonly Float64Array[], options: CorrelationMatrixOptions = {}): CorrelationMatrix {
  const method = options.method ?? 'pearson';
  const missing = options.missing ?? 'pairwise';
  const minPeriods = options.minPeriods ?? DEFAULT_MIN_PERIODS;
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const significance = options.significance ?? true;
  if (!METHODS.includes(method)) throw new RangeError(`correlationMatrix: unknown method ${JSON.stringify(method)}`);
  if (missing !== 'pairwise' && missing !== 'complete') throw new RangeError(`correlationMatrix: unknown missing policy ${JSON.stringify(missing)}`);
  if (!(minPeriods >= 0)) throw new RangeError(`correlationMatrix: minPeriods must be ≥ 0, got ${minPeriods}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`correlationMatrix: confidence must be in (0, 1), got ${confidence}`);

  const k = columns.length;
  const rows = k > 0 ? columns[0]!.length : 0;
  for (let j = 1; j < k; j++) {
    if (columns[j]!.length !== rows) {
      throw new RangeError(`correlationMatrix: column ${j} has ${columns[j]!.length} rows, column 0 has ${rows}`);
    }
  }
  const need = Math.max(minPeriods, 2);
  const kk = k * k;
  const r = new Float64Array(kk).fill(NaN);
  const n = new Float64Array(kk);
  const p = new Float64Array(kk).fill(NaN);
  const lo = new Float64Array(kk).fill(NaN);
  const hi = new Float64Array(kk).fill(NaN);
  const reason: CorrelationReason[] = new Array<CorrelationReason>(kk).fill(null);
  const result: CorrelationMatrix = { k, method, missing, minPeriods, confidence, r, n, p, lo, hi, reason };
  if (k === 0) return result;

  // Finite masks, shared for listwise deletion.
  const masks: Uint8Array[] = new Array<Uint8Array>(k);
  for (let j = 0; j < k; j++) {
    const c = columns[j]!;
    const mk = new Uint8Array(rows);
    for (let t = 0; t < rows; t++) mk[t] = Number.isFinite(c[t]!) ? 1 : 0;
    masks[j] = mk;
  }
  if (missing === 'complete') {
    const common = new Uint8Array(rows);
    for (let t = 0; t < rows; t++) {
      let all = 1;
      for (let j = 0; j < k && all; j++) all = masks[j]![t]!;
      common[t] = all;
    }
    for (let j = 0; j < k; j++) masks[j] = common;
  }

  // Group columns by identical mask.
  const groups: number[][] = [];
  const groupOf = new Int32Array(k);
  const byHash = new Map<number, number[]>();
  for (let j = 0; j < k; j++) {
    const h = maskHash(masks[j]!);
    const cands = byHash.get(h);
    let g = -1;
    if (cands) {
      for (const gi of cands) {
        if (sameMask(masks[groups[gi]![0]!]!, masks[j]!)) {
          g = gi;
          break;
        }
      }
    }
    if (g < 0) {
      g = groups.length;
      groups.push([]);
      if (cands) cands.push(g);
      else byHash.set(h, [g]);
    }
    groups[g]!.push(j);
    groupOf[j] = g;
  }

  // Scratch shared by every path.
  const xbuf = new Float64Array(rows);
  const ybuf = new Float64Array(rows);
  const rx = new Float64Array(rows);
  const ry = new Float64Array(rows);
  const idx = new Int32Array(rows);
  const ws = argsortWorkspace(rows);
  const counts = kendallCountsBuffer();

  const set = (i: number, j: number, value: number, count: number, why: CorrelationReason, pv: number): void => {
    const a = i * k + j;
    const b = j * k + i;
    r[a] = r[b] = why === null ? value : NaN;
    n[a] = n[b] = count;
    reason[a] = reason[b] = why;
    p[a] = p[b] = why === null ? pv : NaN;
  };

  for (const cols of groups) {
    const mask = masks[cols[0]!]!;
    let m = 0;
    for (let t = 0; t < rows; t++) m += mask[t]!;
    const g = cols.length;
    if (m < need) {
      for (let a = 0; a < g; a++) for (let b = a; b < g; b++) set(cols[a]!, cols[b]!, NaN, m, 'too-few-observations', NaN);
      continue;
    }
    const gather = (j: number, out: Float64Array): void => {
      const c = columns[j]!;
      let o = 0;
      for (let t = 0; t < rows; t++) if (mask[t]) out[o++] = c[t]!;
    };
    if (method === 'kendall') {
      const vals = new Float64Array(g * m);
      const sorted = new Float64Array(g * m);
      const perms = new Int32Array(g * m);
      const constant = new Uint8Array(g);
      for (let a = 0; a < g; a++) {
        gather(cols[a]!, xbuf);
        vals.set(xbuf.subarray(0, m), a * m);
        argsortInto(xbuf, m, idx, ws);
        perms.set(idx.subarray(0, m), a * m);
        sorted.set(ws.keys.subarray(0, m), a * m);
        constant[a] = ws.keys[0] === ws.keys[m - 1] ? 1 : 0;
      }
      for (let a = 0; a < g; a++) {
        const xs = sorted.subarray(a * m, (a + 1) * m);
        for (let b = a; b < g; b++) {
          if (constant[a] || constant[b]) {
            set(cols[a]!, cols[b]!, NaN, m, 'constant-input', NaN);
            continue;
          }
          const vb = b * m;
          if (a === b) for (let t = 0; t < m; t++) ybuf[t] = xs[t]!;
          else {
            const pa = a * m;
            for (let t = 0; t < m; t++) ybuf[t] = vals[vb + perms[pa + t]!]!;
          }
          kendallCountsSorted(xs, ybuf, m, rx, counts);
          set(cols[a]!, cols[b]!, a === b ? 1 : kendallTauFromCounts(counts), m, null, kendallPValueFromCounts(counts));
        }
      }
    } else {
      const z = new Float64Array(g * m);
      const ok = new Uint8Array(g);
      for (let a = 0; a < g; a++) {
        gather(cols[a]!, xbuf);
        if (method === 'spearman') {
          rankAverageInto(xbuf, m, rx, idx, ws);
          ok[a] = standardizeInto(rx, m, z, a * m) ? 1 : 0;
        } else ok[a] = standardizeInto(xbuf, m, z, a * m) ? 1 : 0;
      }
      const gram = new Float64Array(g * g);
      gramUpper(z, g, m, gram);
      for (let a = 0; a < g; a++) {
        for (let b = a; b < g; b++) {
          if (!ok[a] || !ok[b]) {
            set(cols[a]!, cols[b]!, NaN, m, 'constant-input', NaN);
            continue;
          }
          let v = a === b ? 1 : gram[a * g + b]!;
          v = v > 1 ? 1 : v < -1 ? -1 : v;
          set(cols[a]!, cols[b]!, v, m, null, NaN);
        }
      }
    }
  }

  // Pairs whose columns have different missing patterns: common rows only.
  if (groups.length > 1) {
    for (let i = 0; i < k; i++) {
      const mi = masks[i]!;
      const ci = columns[i]!;
      for (let j = i + 1; j < k; j++) {
        if (groupOf[i] === groupOf[j]) continue;
        const mj = masks[j]!;
        const cj = columns[j]!;
        let m = 0;
        for (let t = 0; t < rows; t++) {
          if (mi[t] && mj[t]) {
            xbuf[m] = ci[t]!;
            ybuf[m++] = cj[t]!;
          }
        }
        if (m < need) {
          set(i, j, NaN, m, 'too-few-observations', NaN);
          continue;
        }
        if (isConstant(xbuf, m) || isConstant(ybuf, m)) {
          set(i, j, NaN, m, 'constant-input', NaN);
          continue;
        }
        if (method === 'kendall') {
          argsortInto(xbuf, m, idx, ws);
          for (let t = 0; t < m; t++) rx[t] = ybuf[idx[t]!]!;
          kendallCountsSorted(ws.keys, rx, m, ws.tmpKeys, counts);
          set(i, j, kendallTauFromCounts(counts), m, null, kendallPValueFromCounts(counts));
        } else if (method === 'spearman') {
          rankAverageInto(xbuf, m, rx, idx, ws);
          rankAverageInto(ybuf, m, ry, idx, ws);
          set(i, j, pearsonKernel(rx, ry, m), m, null, NaN);
        } else set(i, j, pearsonKernel(xbuf, ybuf, m), m, null, NaN);
      }
    }
  }

  if (significance) {
    const h = normalQuantile(0.5 + confidence / 2);
    for (let i = 0; i < k; i++) {
      for (let j = i; j < k; j++) {
        const a = i * k + j;
        if (reason[a] !== null) continue;
        const v = r[a]!;
        const cnt = n[a]!;
        const pv = method === 'kendall' ? p[a]! : pearsonPValue(v, cnt);
        const se = fisherStandardError(v, cnt, method);
        let l = -1;
        let u = 1;
        if (se === se) {
          const zr = Math.atanh(v);
          l = Math.tanh(zr - h * se);
          u = Math.tanh(zr + h * se);
        }
        const b = j * k + i;
        p[a] = p[b] = pv;
        lo[a] = lo[b] = l;
        hi[a] = hi[b] = u;
      }
    }
  } else p.fill(NaN);
  return result;
}
