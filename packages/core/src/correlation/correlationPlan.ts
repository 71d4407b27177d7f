import { argsortInto, argsortWorkspace, type ArgsortWorkspace } from '../stats/argsort.js';
import { normalQuantile } from '../stats/normalQuantile.js';
import { powerOfTwoScale } from '../stats/powerOfTwoScale.js';
import { rankAverageInto } from '../stats/rankAverage.js';
import { argsortRadixInto, radixWorkspace, type RadixWorkspace } from './argsortRadix.js';
import { isConstant } from './checkLengths.js';
import { fisherStandardError } from './correlationConfidenceInterval.js';
import { GRAM_TILE, gramUpperTile } from './gramUpper.js';
import {
  kendallCountsBuffer,
  kendallCountsSorted,
  kendallPValueFromCounts,
  kendallTauFromCounts,
  type KendallCounts,
} from './kendallCounts.js';
import { listSums } from './listSums.js';
import { pearsonKernel } from './pearson.js';
import { pearsonPValue } from './pearsonPValue.js';
import type { CorrelationMatrixOptions } from './correlationMatrix.js';
import type { CorrelationMethod } from './types.js';

/**
 * The two tile kernels of the correlation matrix, pluggable so that a
 * faster implementation (the WebAssembly SIMD kernels of `packages/wasm`,
 * wired in by the data layer) can replace the TypeScript ones, which stay
 * the reference. Both must compute exactly what {@link gramUpperTile} and
 * {@link listSums} document.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export interface CorrelationKernels {
  gramTile(z: Float64Array, k: number, m: number, out: Float64Array, i0: number, i1: number, j0: number, j1: number): void;
  listSums(zt: Float64Array, w: number, ptr: Int32Array, idx: Int32Array, j0: number, j1: number, a: Float64Array, b: Float64Array): void;
}

/**
 * The TypeScript kernels.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export const TS_KERNELS: CorrelationKernels = { gramTile: gramUpperTile, listSums };

/**
 * Typed-array factory for a plan's buffers. The default allocates ordinary
 * arrays; the Node parallel runner passes one backed by `SharedArrayBuffer`
 * so that worker threads fill the same buffers.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export interface PlanAllocator {
  /** True when buffers go to other threads: the input columns are then copied into `f64` buffers too. */
  readonly shared?: boolean;
  /**
   * A buffer of `n` elements. `result` buffers end up in the returned
   * matrix and must be fresh; the others are scratch and may be recycled
   * from an earlier plan with any contents (the plan zeroes what it needs).
   */
  f64(n: number, result?: boolean): Float64Array;
  i32(n: number): Int32Array;
  u8(n: number): Uint8Array;
}

const PLAIN: PlanAllocator = {
  f64: (n) => new Float64Array(n),
  i32: (n) => new Int32Array(n),
  u8: (n) => new Uint8Array(n),
};

/**
 * Default minimum number of observations per cell: 3, the smallest sample on
 * which the t-test behind the p-value has a degree of freedom (with two
 * points every coefficient is ±1). pandas' default (`min_periods=1`) lets
 * two-point pairs through as ±1; raise it for stable estimates (e.g. 20 or a
 * window's length).
 */
export const DEFAULT_MIN_PERIODS = 3;

/** Reason codes in {@link CorrelationPlan.why}: 0 none, 1 too few observations, 2 constant input. */
export const WHY_NONE = 0;
export const WHY_FEW = 1;
export const WHY_CONSTANT = 2;

/**
 * How the coefficients are formed:
 * - `'gram'`: every column has the same missing rows — one Gram product of
 *   the standardised columns (Pearson, or Spearman on ranks), or Knight's
 *   count per pair on shared sort orders (Kendall);
 * - `'masked'`: Pearson with differing missing rows — the Gram product of
 *   the zero-filled standardised columns plus masked sums (see
 *   {@link listSums}) give each pair's co-moments on its common rows;
 * - `'mixed'`: Spearman/Kendall with differing missing rows — pairs that
 *   share a missing pattern as in `'gram'`, the others one by one on their
 *   common rows (ranks depend on the rows, so there is no product form).
 */
export type PlanMode = 'gram' | 'masked' | 'mixed';

/**
 * Everything a correlation matrix computation needs, in flat typed arrays
 * so that worker threads can share it (structured clone of shared buffers).
 * Built by {@link planCorrelation}; filled by {@link runCorrelationTask} in
 * three phases (`prep`, `products`, `cells`), any task of a phase on any
 * thread once the previous phase is complete; read by
 * {@link finishCorrelation}.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export interface CorrelationPlan {
  readonly k: number;
  readonly rows: number;
  readonly method: CorrelationMethod;
  readonly minPeriods: number;
  readonly need: number;
  readonly confidence: number;
  readonly significance: boolean;
  readonly mode: PlanMode;
  /**
   * z row stride: the used rows (`'gram'` mode) or all rows, rounded up to
   * even (zero padding, for 16-byte SIMD loads).
   */
  readonly m: number;
  /** zt row stride and A/B row stride: k rounded up to even. */
  readonly kp: number;
  /**
   * The input columns: the caller's arrays, or copies made by the
   * allocator's {@link PlanAllocator.shared} flag (shared with workers).
   */
  readonly cols: readonly Float64Array[];
  /** 1 where the value is used (finite, and under `'complete'` every column finite). */
  readonly mask: Uint8Array;
  /** Used values per column. */
  readonly cnt: Int32Array;
  /** Missing-pattern group of each column. */
  readonly group: Int32Array;
  /** Whether the Gram product is needed. */
  readonly needGram: boolean;
  /** Standardised columns (k × m, 0 at missing rows and padding); Pearson/Spearman. */
  readonly z: Float64Array;
  /** 1 when column j varies (standardisation succeeded; Kendall: not constant). */
  readonly ok: Uint8Array;
  /** Σ z and Σ z² per column. */
  readonly s: Float64Array;
  readonly q: Float64Array;
  /** Upper triangle of Z Zᵀ (k × k). */
  readonly gram: Float64Array;
  /** Masked mode: z transposed (rows × kp). */
  readonly zt: Float64Array;
  /** Masked mode: per column, the rows where it is missing (lsub 1) or present (lsub 0), CSR. */
  readonly lptr: Int32Array;
  readonly lidx: Int32Array;
  readonly lsub: Uint8Array;
  /** Masked mode: list sums of z and z² (k × kp), see {@link listSums}. */
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** Masked mode: rows missing in both columns (upper triangle, k × k; filled by the list-sum tasks), or empty when `bits` is used. */
  readonly both: Int32Array;
  /** Masked mode with `both`: the columns missing at each row (CSR by row, columns ascending). */
  readonly atPtr: Int32Array;
  readonly at: Int32Array;
  /** Masked mode, dense missingness: used-row bitsets (k × words). */
  readonly bits: Int32Array;
  readonly words: number;
  /** Kendall: used values per column, their sort permutation and sorted values (k × rows). */
  readonly kv: Float64Array;
  readonly kperm: Int32Array;
  readonly ks: Float64Array;
  /** First row of each `cells` task (length tasks + 1). */
  readonly cellRows: Int32Array;
  /** Results (k × k, symmetric). */
  readonly r: Float64Array;
  readonly n: Float64Array;
  readonly p: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly why: Uint8Array;
}

/** Phases of a plan, run in this order with a barrier between them. */
export type CorrelationPhase = 'prep' | 'products' | 'cells';
/**
 * Phase order.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export const CORRELATION_PHASES: readonly CorrelationPhase[] = ['prep', 'products', 'cells'];

/** Columns per `prep` task and per list-sum task. */
const COLUMN_CHUNK = 16;
/**
 * Masked Pearson falls back to the exact pairwise kernel when a pair's
 * centred sum of squares is below this fraction of the column's total Σz²
 * (the pair rests on a small part of the column, its mean there is far
 * from the column's, or the column is constant on the pair's rows): the
 * product form's rounding error relative to the co-moments grows like
 * Σz²/(centred sum), so this bounds it to ~16·ε·(a few) ≈ 1e-14.
 */
const MASKED_GUARD = 1 / 16;

function roundEven(v: number): number {
  return v + (v & 1);
}

function tiles(k: number): number {
  const t = Math.ceil(k / GRAM_TILE);
  return (t * (t + 1)) / 2;
}

/**
 * Validates the options and lays out the work for a k-column correlation
 * matrix (see {@link correlationMatrix} for the semantics). O(k·rows) plus,
 * for masked Pearson, the co-missing counts.
 *
 * @throws RangeError when columns differ in length or an option is invalid.
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export function planCorrelation(
  columns: readonly Float64Array[],
  options: CorrelationMatrixOptions,
  alloc: PlanAllocator = PLAIN,
  cellTasks = 64,
): CorrelationPlan {
  const method = options.method ?? 'pearson';
  const missing = options.missing ?? 'pairwise';
  const minPeriods = options.minPeriods ?? DEFAULT_MIN_PERIODS;
  const confidence = options.confidence ?? 0.95;
  const significance = options.significance ?? true;
  if (method !== 'pearson' && method !== 'spearman' && method !== 'kendall') throw new RangeError(`correlationMatrix: unknown method ${JSON.stringify(method)}`);
  if (missing !== 'pairwise' && missing !== 'complete') throw new RangeError(`correlationMatrix: unknown missing policy ${JSON.stringify(missing)}`);
  if (!(minPeriods >= 0)) throw new RangeError(`correlationMatrix: minPeriods must be ≥ 0, got ${minPeriods}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`correlationMatrix: confidence must be in (0, 1), got ${confidence}`);
  const k = columns.length;
  const rows = k > 0 ? columns[0]!.length : 0;
  for (let j = 1; j < k; j++) {
    if (columns[j]!.length !== rows) throw new RangeError(`correlationMatrix: column ${j} has ${columns[j]!.length} rows, column 0 has ${rows}`);
  }
  const need = Math.max(minPeriods, 2);

  const cols = alloc.shared
    ? columns.map((c) => {
        const copy = alloc.f64(rows);
        copy.set(c);
        return copy;
      })
    : columns;
  // One pass per column: finite mask, count, and an FNV-1a hash of the
  // missing positions (the key that groups columns sharing a pattern).
  const mask = alloc.u8(k * rows);
  const cnt = alloc.i32(k);
  const hash = new Uint32Array(k);
  for (let j = 0; j < k; j++) {
    const c = columns[j]!;
    const o = j * rows;
    let n = 0;
    let h = 0x811c9dc5;
    for (let t = 0; t < rows; t++) {
      const v = c[t]!;
      if (v - v === 0) {
        mask[o + t] = 1;
        n++;
      } else {
        mask[o + t] = 0;
        h = Math.imul(h ^ (t & 0xffff), 0x01000193);
        h = Math.imul(h ^ (t >>> 16), 0x01000193);
      }
    }
    cnt[j] = n;
    hash[j] = h;
  }
  if (missing === 'complete' && k > 1) {
    const all = new Uint8Array(rows).fill(1);
    for (let j = 0; j < k; j++) {
      const o = j * rows;
      for (let t = 0; t < rows; t++) all[t]! &= mask[o + t]!;
    }
    let n = 0;
    for (let t = 0; t < rows; t++) n += all[t]!;
    for (let j = 0; j < k; j++) {
      mask.set(all, j * rows);
      cnt[j] = n;
      hash[j] = 0;
    }
  }

  // Group columns by identical mask (hash, then an exact comparison).
  const group = alloc.i32(k);
  const firstOf: number[] = [];
  const byHash = new Map<number, number[]>();
  for (let j = 0; j < k; j++) {
    const o = j * rows;
    const h = hash[j]!;
    let g = -1;
    const cands = byHash.get(h);
    if (cands) {
      for (const gi of cands) {
        const f = firstOf[gi]! * rows;
        let same = cnt[firstOf[gi]!] === cnt[j];
        for (let t = 0; t < rows && same; t++) same = mask[f + t] === mask[o + t];
        if (same) {
          g = gi;
          break;
        }
      }
    }
    if (g < 0) {
      g = firstOf.length;
      firstOf.push(j);
      if (cands) cands.push(g);
      else byHash.set(h, [g]);
    }
    group[j] = g;
  }
  const groups = firstOf.length;
  const mode: PlanMode = groups <= 1 ? 'gram' : method === 'pearson' ? 'masked' : 'mixed';
  let needGram = false;
  if (method !== 'kendall') {
    if (mode !== 'mixed') needGram = k > 0;
    else {
      const size = new Int32Array(groups);
      for (let j = 0; j < k; j++) if (++size[group[j]!]! > 1) needGram = true;
    }
  }
  // One missing pattern: z holds each column's used rows only (as listwise
  // deletion would); otherwise all rows, zero-filled.
  const m = roundEven(mode === 'gram' && k > 0 ? cnt[0]! : rows);
  const kp = roundEven(k);
  const none = { f64: new Float64Array(0), i32: new Int32Array(0), u8: new Uint8Array(0) };
  const standardised = method !== 'kendall';

  let lptr: Int32Array = none.i32;
  let lidx: Int32Array = none.i32;
  let lsub: Uint8Array = none.u8;
  let both: Int32Array = none.i32;
  let atPtr: Int32Array = none.i32;
  let at: Int32Array = none.i32;
  let bits: Int32Array = none.i32;
  let words = 0;
  if (mode === 'masked') {
    lptr = alloc.i32(k + 1);
    lptr[0] = 0;
    lsub = alloc.u8(k);
    let total = 0;
    for (let j = 0; j < k; j++) {
      const miss = rows - cnt[j]!;
      lsub[j] = miss <= cnt[j]! ? 1 : 0;
      total += lsub[j] ? miss : cnt[j]!;
      lptr[j + 1] = total;
    }
    // Each column's row list, and how many columns miss each row.
    lidx = alloc.i32(total);
    const missAt = new Int32Array(rows + 1);
    for (let j = 0; j < k; j++) {
      const o = j * rows;
      const want = lsub[j] ? 0 : 1;
      let q = lptr[j]!;
      for (let t = 0; t < rows; t++) {
        const f = mask[o + t]!;
        if (f === want) lidx[q++] = t;
        missAt[t + 1]! += 1 - f;
      }
    }
    let cost = 0;
    for (let t = 1; t <= rows; t++) {
      cost += missAt[t]! * missAt[t]!;
      missAt[t]! += missAt[t - 1]!;
    }
    // Rows missing in both columns of a pair: counted along each row's list
    // of missing columns (in the list-sum tasks) when missingness is sparse
    // (Σ_t missing(t)² small); else by bitset intersection per cell.
    if (cost <= 8 * k * rows) {
      atPtr = alloc.i32(rows + 1);
      atPtr.set(missAt);
      at = alloc.i32(missAt[rows]!);
      const fill = missAt.subarray(0, rows);
      for (let j = 0; j < k; j++) {
        const o = j * rows;
        for (let t = 0; t < rows; t++) if (mask[o + t] === 0) at[fill[t]!++] = j;
      }
      both = alloc.i32(k * k).fill(0);
    } else {
      words = (rows + 31) >>> 5;
      bits = alloc.i32(k * words).fill(0);
      for (let j = 0; j < k; j++) {
        const o = j * rows;
        for (let t = 0; t < rows; t++) if (mask[o + t]) bits[j * words + (t >>> 5)]! |= 1 << (t & 31);
      }
    }
  }

  // Cell tasks: row ranges holding about equal numbers of upper-triangle cells.
  const tasks = Math.max(1, Math.min(cellTasks, k));
  const cellRows = new Int32Array(tasks + 1);
  {
    const totalCells = (k * (k + 1)) / 2;
    let acc = 0;
    let tsk = 1;
    for (let i = 0; i < k && tsk < tasks; i++) {
      acc += k - i;
      if (acc >= (totalCells * tsk) / tasks) cellRows[tsk++] = i + 1;
    }
    for (; tsk <= tasks; tsk++) cellRows[tsk] = k;
  }

  // r, p, lo, hi are written for every cell by the cells tasks.
  const kk = k * k;
  return {
    k,
    rows,
    method,
    minPeriods,
    need,
    confidence,
    significance,
    mode,
    m,
    kp,
    cols,
    mask,
    cnt,
    group,
    needGram,
    z: standardised ? alloc.f64(k * m) : none.f64,
    ok: alloc.u8(k),
    s: standardised ? alloc.f64(k) : none.f64,
    q: standardised ? alloc.f64(k) : none.f64,
    gram: needGram ? alloc.f64(kk) : none.f64,
    zt: mode === 'masked' ? alloc.f64(rows * kp) : none.f64,
    lptr,
    lidx,
    lsub,
    a: mode === 'masked' ? alloc.f64(k * kp) : none.f64,
    b: mode === 'masked' ? alloc.f64(k * kp) : none.f64,
    both,
    atPtr,
    at,
    bits,
    words,
    kv: method === 'kendall' ? alloc.f64(k * rows) : none.f64,
    kperm: method === 'kendall' ? alloc.i32(k * rows) : none.i32,
    ks: method === 'kendall' ? alloc.f64(k * rows) : none.f64,
    cellRows,
    r: alloc.f64(kk, true),
    n: alloc.f64(kk, true),
    p: alloc.f64(kk, true),
    lo: alloc.f64(kk, true),
    hi: alloc.f64(kk, true),
    why: alloc.u8(kk).fill(0),
  };
}

/**
 * Number of tasks in a phase of the plan.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export function correlationTaskCount(plan: CorrelationPlan, phase: CorrelationPhase): number {
  if (plan.k === 0) return 0;
  if (phase === 'prep') return Math.ceil(plan.k / COLUMN_CHUNK);
  if (phase === 'cells') return plan.cellRows.length - 1;
  return (plan.needGram ? tiles(plan.k) : 0) + (plan.mode === 'masked' ? Math.ceil(plan.k / COLUMN_CHUNK) : 0);
}

/**
 * Number of Gram-tile tasks, which come first among the `products` tasks
 * (a caller computing the Gram product by other means skips them).
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export function correlationGramTasks(plan: CorrelationPlan): number {
  return plan.needGram ? tiles(plan.k) : 0;
}

/**
 * Rough cost of the plan in multiply-adds, to decide whether threads pay.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export function correlationPlanCost(plan: CorrelationPlan): number {
  const { k, rows } = plan;
  const pairs = (k * (k + 1)) / 2;
  if (plan.method === 'kendall') return pairs * rows * Math.log2(rows + 2) * 4;
  let c = plan.needGram ? pairs * rows : 0;
  if (plan.mode === 'masked') c += plan.lidx.length * plan.kp * 2;
  if (plan.mode === 'mixed') c += pairs * rows * Math.log2(rows + 2) * 4;
  if (plan.significance) c += pairs * 200;
  return c;
}

/** Per-thread scratch, reused across tasks of the same size. */
interface Scratch {
  readonly rows: number;
  readonly xbuf: Float64Array;
  readonly ybuf: Float64Array;
  readonly rx: Float64Array;
  readonly ry: Float64Array;
  readonly zbuf: Float64Array;
  readonly idx: Int32Array;
  readonly ws: ArgsortWorkspace;
  rw: RadixWorkspace | null;
  readonly counts: KendallCounts;
}

/** From this many values the radix argsort beats the merge sort. */
const RADIX_FROM = 1024;
let scratch: Scratch | null = null;
function scratchFor(rows: number): Scratch {
  if (scratch === null || scratch.rows < rows) {
    scratch = {
      rows,
      xbuf: new Float64Array(rows),
      ybuf: new Float64Array(rows),
      rx: new Float64Array(rows),
      ry: new Float64Array(rows),
      zbuf: new Float64Array(rows),
      idx: new Int32Array(rows),
      ws: argsortWorkspace(rows),
      rw: null,
      counts: kendallCountsBuffer(),
    };
  }
  return scratch;
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

function prepColumn(plan: CorrelationPlan, j: number, sc: Scratch): void {
  const { rows, mask, m } = plan;
  const x = plan.cols[j]!;
  const o = j * rows;
  let c = 0;
  for (let t = 0; t < rows; t++) if (mask[o + t]) sc.xbuf[c++] = x[t]!;
  if (plan.method === 'kendall') {
    let keys: Float64Array;
    if (c >= RADIX_FROM) {
      sc.rw ??= radixWorkspace(sc.rows);
      argsortRadixInto(sc.xbuf, c, sc.idx, sc.rw);
      keys = sc.rw.keys;
    } else {
      argsortInto(sc.xbuf, c, sc.idx, sc.ws);
      keys = sc.ws.keys;
    }
    plan.kv.set(sc.xbuf.subarray(0, c), o);
    plan.kperm.set(sc.idx.subarray(0, c), o);
    plan.ks.set(keys.subarray(0, c), o);
    plan.ok[j] = c > 0 && keys[0] !== keys[c - 1] ? 1 : 0;
    return;
  }
  let ok: boolean;
  if (plan.method === 'spearman') {
    rankAverageInto(sc.xbuf, c, sc.rx, sc.idx, sc.ws);
    ok = standardizeInto(sc.rx, c, sc.zbuf, 0);
  } else ok = standardizeInto(sc.xbuf, c, sc.zbuf, 0);
  plan.ok[j] = ok ? 1 : 0;
  const z = plan.z;
  const zo = j * m;
  let s = 0;
  let q = 0;
  if (plan.mode === 'gram') {
    for (let u = 0; u < c; u++) {
      const v = ok ? sc.zbuf[u]! : 0;
      z[zo + u] = v;
      s += v;
      q += v * v;
    }
    for (let u = c; u < m; u++) z[zo + u] = 0;
    plan.s[j] = s;
    plan.q[j] = q;
    return;
  }
  let u = 0;
  for (let t = 0; t < rows; t++) {
    let v = 0;
    if (mask[o + t]) {
      v = ok ? sc.zbuf[u]! : 0;
      u++;
    }
    z[zo + t] = v;
    s += v;
    q += v * v;
  }
  for (let t = rows; t < m; t++) z[zo + t] = 0;
  plan.s[j] = s;
  plan.q[j] = q;
}

function popcount(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

/** Common rows of columns i and j, gathered into sc.xbuf / sc.ybuf; returns the count. */
function gatherPair(plan: CorrelationPlan, i: number, j: number, sc: Scratch): number {
  const { rows, mask } = plan;
  const xi = plan.cols[i]!;
  const xj = plan.cols[j]!;
  const oi = i * rows;
  const oj = j * rows;
  let c = 0;
  for (let t = 0; t < rows; t++) {
    if (mask[oi + t] && mask[oj + t]) {
      sc.xbuf[c] = xi[t]!;
      sc.ybuf[c++] = xj[t]!;
    }
  }
  return c;
}

/**
 * Coefficient of a pair on its common rows, one pair at a time (the
 * reference semantics, used where no product form applies). Writes r, n,
 * why and — Kendall — p into the cell.
 */
function scalarCell(plan: CorrelationPlan, i: number, j: number, sc: Scratch): void {
  const c = gatherPair(plan, i, j, sc);
  const cell = i * plan.k + j;
  plan.n[cell] = c;
  if (c < plan.need) {
    plan.why[cell] = WHY_FEW;
    return;
  }
  if (isConstant(sc.xbuf, c) || isConstant(sc.ybuf, c)) {
    plan.why[cell] = WHY_CONSTANT;
    return;
  }
  if (plan.method === 'kendall') {
    argsortInto(sc.xbuf, c, sc.idx, sc.ws);
    for (let t = 0; t < c; t++) sc.rx[t] = sc.ybuf[sc.idx[t]!]!;
    kendallCountsSorted(sc.ws.keys, sc.rx, c, sc.ws.tmpKeys, sc.counts);
    plan.r[cell] = kendallTauFromCounts(sc.counts);
    plan.p[cell] = kendallPValueFromCounts(sc.counts);
  } else if (plan.method === 'spearman') {
    rankAverageInto(sc.xbuf, c, sc.rx, sc.idx, sc.ws);
    rankAverageInto(sc.ybuf, c, sc.ry, sc.idx, sc.ws);
    plan.r[cell] = pearsonKernel(sc.rx, sc.ry, c);
  } else plan.r[cell] = pearsonKernel(sc.xbuf, sc.ybuf, c);
}

function clamp(v: number): number {
  return v > 1 ? 1 : v < -1 ? -1 : v;
}

function cell(plan: CorrelationPlan, i: number, j: number, sc: Scratch): void {
  const { k, rows, cnt, ok, need } = plan;
  const at = i * k + j;
  const sameGroup = plan.group[i] === plan.group[j];
  if (plan.mode === 'mixed' && !sameGroup) {
    scalarCell(plan, i, j, sc);
    return;
  }
  let count: number;
  if (plan.mode !== 'masked' || sameGroup) count = cnt[i]!;
  else if (plan.words > 0) {
    const w = plan.words;
    const bi = i * w;
    const bj = j * w;
    count = 0;
    for (let u = 0; u < w; u++) count += popcount(plan.bits[bi + u]! & plan.bits[bj + u]!);
  } else count = rows - (rows - cnt[i]!) - (rows - cnt[j]!) + plan.both[i < j ? i * k + j : j * k + i]!;
  plan.n[at] = count;
  if (count < need) {
    plan.why[at] = WHY_FEW;
    return;
  }
  if (!ok[i] || !ok[j]) {
    plan.why[at] = WHY_CONSTANT;
    return;
  }
  if (plan.method === 'kendall') {
    // Same missing pattern: column i's sort order pairs with column j's values.
    const o = i * rows;
    const oj = j * rows;
    const xs = plan.ks.subarray(o, o + count);
    for (let t = 0; t < count; t++) sc.ybuf[t] = plan.kv[oj + plan.kperm[o + t]!]!;
    kendallCountsSorted(xs, sc.ybuf, count, sc.rx, sc.counts);
    plan.r[at] = i === j ? 1 : kendallTauFromCounts(sc.counts);
    plan.p[at] = kendallPValueFromCounts(sc.counts);
    return;
  }
  if (i === j) {
    plan.r[at] = 1;
    return;
  }
  const g = plan.gram[at]!;
  if (plan.mode !== 'masked' || sameGroup) {
    plan.r[at] = clamp(g);
    return;
  }
  // Co-moments on the pair's common rows from the products (see listSums):
  // Σx = Σ_i z_i over the rows where j is present, = s_i − (sum over j's
  // missing rows) when j's list holds its missing rows; likewise Σx², and
  // Σy, Σy² with the roles swapped; Σxy is the Gram entry (zeros drop out).
  const kp = plan.kp;
  const ai = plan.a[j * kp + i]!;
  const bi = plan.b[j * kp + i]!;
  const aj = plan.a[i * kp + j]!;
  const bj = plan.b[i * kp + j]!;
  const qi = plan.q[i]!;
  const qj = plan.q[j]!;
  const sx = plan.lsub[j] ? plan.s[i]! - ai : ai;
  const sxx = plan.lsub[j] ? qi - bi : bi;
  const sy = plan.lsub[i] ? plan.s[j]! - aj : aj;
  const syy = plan.lsub[i] ? qj - bj : bj;
  const vx = sxx - (sx * sx) / count;
  const vy = syy - (sy * sy) / count;
  if (vx > qi * MASKED_GUARD && vy > qj * MASKED_GUARD) {
    plan.r[at] = clamp((g - (sx * sy) / count) / Math.sqrt(vx * vy));
  } else scalarCell(plan, i, j, sc);
}

/**
 * Cells of one missing pattern (Pearson/Spearman): every coefficient is a
 * Gram entry, so the loop is inlined — the general path's per-cell calls
 * cost more than the cell.
 */
function gramCells(plan: CorrelationPlan, i0: number, i1: number, h: number): void {
  const { k, gram, ok, cnt, need, r, n, p, lo, hi, why, significance, method } = plan;
  for (let jb = i0; jb < k; jb += 32) {
    const je = Math.min(k, jb + 32);
    for (let i = i0; i < i1 && i < je; i++) {
      const c = cnt[i]!;
      const oki = ok[i]!;
      for (let j = i > jb ? i : jb; j < je; j++) {
        const a = i * k + j;
        const b = j * k + i;
        let v = NaN;
        let w = WHY_NONE;
        let pv = NaN;
        let l = NaN;
        let u = NaN;
        if (c < need) w = WHY_FEW;
        else if (!oki || !ok[j]) w = WHY_CONSTANT;
        else {
          v = i === j ? 1 : gram[a]!;
          v = v > 1 ? 1 : v < -1 ? -1 : v;
          if (significance) {
            pv = pearsonPValue(v, c);
            const se = fisherStandardError(v, c, method);
            l = -1;
            u = 1;
            if (se === se) {
              const zr = Math.atanh(v);
              l = Math.tanh(zr - h * se);
              u = Math.tanh(zr + h * se);
            }
          }
        }
        r[a] = r[b] = v;
        n[a] = n[b] = c;
        p[a] = p[b] = pv;
        lo[a] = lo[b] = l;
        hi[a] = hi[b] = u;
        why[a] = why[b] = w;
      }
    }
  }
}

function cellsTask(plan: CorrelationPlan, task: number): void {
  const k = plan.k;
  const h = plan.significance ? normalQuantile(0.5 + plan.confidence / 2) : 0;
  const i0 = plan.cellRows[task]!;
  const i1 = plan.cellRows[task + 1]!;
  if (plan.mode === 'gram' && plan.method !== 'kendall') {
    gramCells(plan, i0, i1, h);
    return;
  }
  const sc = scratchFor(plan.rows);
  // Blocks of 32 columns, so that the strided reads of the masked sums
  // (a[j·kp + i] for consecutive j) stay in cache across the task's rows.
  for (let jb = i0; jb < k; jb += 32) {
    const je = Math.min(k, jb + 32);
    for (let i = i0; i < i1 && i < je; i++) {
      for (let j = i > jb ? i : jb; j < je; j++) {
        cell(plan, i, j, sc);
        finishCell(plan, i, j, h);
      }
    }
  }
}

/** p-value and interval of cell (i, j), NaN where undefined; mirrored to (j, i). */
function finishCell(plan: CorrelationPlan, i: number, j: number, h: number): void {
  const { k, method } = plan;
  const a = i * k + j;
  const b = j * k + i;
  const why = plan.why[a]!;
  let l = NaN;
  let u = NaN;
  if (why !== WHY_NONE) {
    plan.r[a] = NaN;
    plan.p[a] = NaN;
  } else if (plan.significance) {
    const v = plan.r[a]!;
    const cnt = plan.n[a]!;
    if (method !== 'kendall') plan.p[a] = pearsonPValue(v, cnt);
    const se = fisherStandardError(v, cnt, method);
    l = -1;
    u = 1;
    if (se === se) {
      const zr = Math.atanh(v);
      l = Math.tanh(zr - h * se);
      u = Math.tanh(zr + h * se);
    }
  } else plan.p[a] = NaN;
  plan.lo[a] = plan.lo[b] = l;
  plan.hi[a] = plan.hi[b] = u;
  plan.r[b] = plan.r[a]!;
  plan.n[b] = plan.n[a]!;
  plan.p[b] = plan.p[a]!;
  plan.why[b] = why;
}

/**
 * Runs task `index` of `phase` (see {@link correlationTaskCount}). Tasks of
 * one phase write disjoint parts of the plan and may run concurrently.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export function runCorrelationTask(plan: CorrelationPlan, phase: CorrelationPhase, index: number, kernels: CorrelationKernels = TS_KERNELS): void {
  const { k } = plan;
  if (phase === 'prep') {
    const sc = scratchFor(plan.rows);
    const j0 = index * COLUMN_CHUNK;
    const j1 = Math.min(k, j0 + COLUMN_CHUNK);
    for (let j = j0; j < j1; j++) prepColumn(plan, j, sc);
    if (plan.mode === 'masked') {
      // The chunk's columns into zt, row by row (contiguous writes).
      const { zt, z, kp, m, rows } = plan;
      for (let t = 0; t < rows; t++) {
        const o = t * kp;
        for (let j = j0; j < j1; j++) zt[o + j] = z[j * m + t]!;
      }
    }
    return;
  }
  if (phase === 'cells') {
    cellsTask(plan, index);
    return;
  }
  const nt = plan.needGram ? tiles(k) : 0;
  if (index < nt) {
    // index → (I, J) tile of the upper triangle, row by row.
    const T = Math.ceil(k / GRAM_TILE);
    let I = 0;
    let rest = index;
    while (rest >= T - I) {
      rest -= T - I;
      I++;
    }
    const J = I + rest;
    const i0 = I * GRAM_TILE;
    const j0 = J * GRAM_TILE;
    kernels.gramTile(plan.z, k, plan.m, plan.gram, i0, Math.min(i0 + GRAM_TILE, k), j0, Math.min(j0 + GRAM_TILE, k));
    return;
  }
  const c = index - nt;
  const j0 = c * COLUMN_CHUNK;
  const j1 = Math.min(k, j0 + COLUMN_CHUNK);
  kernels.listSums(plan.zt, plan.kp, plan.lptr, plan.lidx, j0, j1, plan.a, plan.b);
  if (plan.both.length > 0) coMissing(plan, j0, j1);
}

/** Rows missing in both j and i, for j in [j0, j1) and i > j, into plan.both[j·k + i]. */
function coMissing(plan: CorrelationPlan, j0: number, j1: number): void {
  const { k, rows, mask, both, atPtr, at, lptr, lidx, lsub } = plan;
  for (let j = j0; j < j1; j++) {
    const o = j * k;
    const count = (t: number): void => {
      const e = atPtr[t + 1]!;
      for (let u = atPtr[t]!; u < e; u++) {
        const i = at[u]!;
        if (i > j) both[o + i]!++;
      }
    };
    if (lsub[j]) {
      const e = lptr[j + 1]!;
      for (let q = lptr[j]!; q < e; q++) count(lidx[q]!);
    } else {
      const mo = j * rows;
      for (let t = 0; t < rows; t++) if (mask[mo + t] === 0) count(t);
    }
  }
}

/**
 * Runs every task of every phase on the calling thread.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export function runCorrelationPlan(plan: CorrelationPlan, kernels: CorrelationKernels = TS_KERNELS): void {
  for (const phase of CORRELATION_PHASES) {
    const n = correlationTaskCount(plan, phase);
    for (let i = 0; i < n; i++) runCorrelationTask(plan, phase, i, kernels);
  }
}
