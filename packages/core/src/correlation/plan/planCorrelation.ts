import { defaultMinPeriods, type CorrelationMatrixOptions } from '../correlationMatrixOptions.js';
import type { CorrelationPlan, PlanAllocator, PlanMode } from './correlationPlanTypes.js';
import { roundEven } from './planLayout.js';

const PLAIN: PlanAllocator = {
  f64: (n) => new Float64Array(n),
  i32: (n) => new Int32Array(n),
  u8: (n) => new Uint8Array(n),
};

// Finite values among the first `rows` of c (a small function of its own:
// V8 optimises it at once, where a loop inside planCorrelation waited for
// on-stack replacement).
function countFinite(c: Float64Array, rows: number): number {
  let f0 = 0;
  let f1 = 0;
  const r2 = rows - (rows & 1);
  for (let t = 0; t < r2; t += 2) {
    const a = c[t]!;
    const b = c[t + 1]!;
    if (a - a === 0) f0++;
    if (b - b === 0) f1++;
  }
  if (r2 < rows && c[r2]! - c[r2]! === 0) f0++;
  return f0 + f1;
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
  const minPeriods = options.minPeriods ?? defaultMinPeriods(columns.length > 0 ? columns[0]!.length : 0);
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
  const none = { f64: new Float64Array(0), i32: new Int32Array(0), u8: new Uint8Array(0) };

  const cols = alloc.shared
    ? columns.map((c) => {
        const copy = alloc.f64(rows);
        copy.set(c);
        return copy;
      })
    : columns;
  // Most columns have no missing value: count the finite values of each
  // first (two independent counters, no stores). Complete Pearson needs no
  // mask at all (its columns are standardised as they are); otherwise a
  // complete column's mask is one fill, and one more pass per incomplete
  // column writes its mask, count, and an FNV-1a hash of the missing
  // positions (the key that groups columns sharing a pattern).
  const cnt = alloc.i32(k);
  const hash = new Uint32Array(k).fill(0x811c9dc5);
  let complete = 0;
  for (let j = 0; j < k; j++) {
    cnt[j] = countFinite(columns[j]!, rows);
    if (cnt[j] === rows) complete++;
  }
  const mask = method === 'pearson' && complete === k ? none.u8 : alloc.u8(k * rows);
  for (let j = 0; j < k && mask.length > 0; j++) {
    const c = columns[j]!;
    const o = j * rows;
    if (cnt[j] === rows) {
      mask.fill(1, o, o + rows);
      continue;
    }
    let h = 0x811c9dc5;
    for (let t = 0; t < rows; t++) {
      const v = c[t]!;
      if (v - v === 0) mask[o + t] = 1;
      else {
        mask[o + t] = 0;
        h = Math.imul(h ^ (t & 0xffff), 0x01000193);
        h = Math.imul(h ^ (t >>> 16), 0x01000193);
      }
    }
    hash[j] = h;
  }
  if (missing === 'complete' && k > 1 && complete < k) {
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
        // Two complete columns share the all-ones mask: nothing to compare.
        for (let t = 0; t < rows && same && cnt[j]! < rows; t++) same = mask[f + t] === mask[o + t];
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

  // r, p, lo, hi are written for every cell by the cells tasks; p, lo, hi
  // only exist when significance is asked for. With one missing pattern the
  // Gram product is written into r itself (each cell reads its upper
  // entry before writing it and the mirror below the diagonal, which no
  // cell reads): one k × k buffer fewer.
  const kk = k * k;
  const r = alloc.f64(kk, true);
  const sig = (): Float64Array => (significance ? alloc.f64(kk, true) : none.f64);
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
    gram: needGram ? (mode === 'gram' ? r : alloc.f64(kk)) : none.f64,
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
    r,
    // One missing pattern: every cell's n is its row's count, made from cnt
    // when read (finishCorrelation) instead of a k × k array written here.
    n: mode === 'gram' && method !== 'kendall' ? none.f64 : alloc.f64(kk, true),
    p: sig(),
    lo: sig(),
    hi: sig(),
    why: alloc.u8(kk).fill(0),
  };
}
