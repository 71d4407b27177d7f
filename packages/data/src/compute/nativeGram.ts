import { completeColumnScale, type CorrelationPlan } from '@soukan/core';
import type { NativeKernels } from './nativeKernels.js';

/**
 * Values per transposed block handed to the add-on: the add-on takes rows ×
 * columns, the plan stores columns × rows, so long inputs go through in
 * blocks of rows (each block's aᵀa added into the Gram) instead of one
 * transposed copy of the whole matrix — 28 × 10 M values would double the
 * peak by 2.2 GB.
 */
const BLOCK_VALUES = 1 << 22;
/** Up to this many values the matrix is transposed in one piece (no partial sums). */
const WHOLE_VALUES = 1 << 24;
/** Edge of the square tiles of the blocked transpose. */
const TILE = 32;

/**
 * The upper triangle of Z Zᵀ of a plan (its `products` phase, without the
 * masked list sums) by the add-on's `syrk`: the masked layout's transposed
 * copy `zt` goes in as it is; otherwise Z itself through `syrkRows` (series
 * as rows), or, with an add-on without it, Z transposed in blocks of rows
 * (cache-blocked) and the blocks' products summed. Fills `plan.gram`
 * (the full square; the cells read the upper triangle).
 *
 * @internal used by the dispatcher of this folder.
 */
export function nativeGram(plan: CorrelationPlan, native: NativeKernels, blockValues = BLOCK_VALUES, wholeValues = WHOLE_VALUES): void {
  const { k, gram } = plan;
  if (!plan.needGram || k === 0) return;
  if (plan.mode === 'masked') {
    const kp = plan.kp;
    if (kp === k) {
      native.syrk(plan.zt, plan.rows, k, gram);
      return;
    }
    const full = new Float64Array(kp * kp);
    native.syrk(plan.zt, plan.rows, kp, full);
    for (let i = 0; i < k; i++) gram.set(full.subarray(i * kp, i * kp + k), i * k);
    return;
  }
  const { z, m } = plan;
  // Z as it is (k rows of m): no transposed copy at all.
  if (native.syrkRows) {
    native.syrkRows(z, k, m, gram);
    return;
  }
  const whole = k * m <= wholeValues;
  const step = whole ? m : Math.max(TILE, Math.floor(blockValues / k));
  const buf = new Float64Array(Math.min(m, step) * k);
  const part = whole ? gram : new Float64Array(k * k);
  if (!whole) gram.fill(0);
  for (let t0 = 0; t0 < m; t0 += step) {
    const t1 = Math.min(m, t0 + step);
    for (let jb = 0; jb < k; jb += TILE) {
      const je = Math.min(k, jb + TILE);
      for (let tb = t0; tb < t1; tb += TILE) {
        const te = Math.min(t1, tb + TILE);
        for (let j = jb; j < je; j++) {
          const zo = j * m;
          for (let t = tb; t < te; t++) buf[(t - t0) * k + j] = z[zo + t]!;
        }
      }
    }
    native.syrk(t1 - t0 === step ? buf : buf.subarray(0, (t1 - t0) * k), t1 - t0, k, part);
    if (!whole) for (let c = 0; c < k * k; c++) gram[c]! += part[c]!;
  }
}

/** Rows × series values per block of {@link nativeGramComplete} (16 MB). */
const COMPLETE_BLOCK_VALUES = 1 << 21;

/**
 * Whether {@link nativeGramComplete} can run this plan: Pearson, every
 * column complete (one missing pattern, no missing value), an add-on with
 * `syrkRows`.
 *
 * @internal used by the dispatcher of this folder.
 */
export function completeGramApplies(plan: CorrelationPlan, native: NativeKernels): boolean {
  if (native.syrkRows === undefined || plan.method !== 'pearson' || plan.mode !== 'gram' || !plan.needGram || plan.k === 0) return false;
  for (let j = 0; j < plan.k; j++) if (plan.cnt[j] !== plan.rows) return false;
  return true;
}

/**
 * The `prep` and `products` phases of a complete Pearson plan on the
 * add-on, without the plan's standardised copy of the input: each column's
 * mean and norm first ({@link completeColumnScale}, two reading passes),
 * then, block of rows by block of rows, the standardised values written into
 * one 16 MB buffer and its `syrk` added into `plan.gram`. The plan's k × m
 * matrix `z` is never touched (never paged in): for few long series its
 * writing and page faults were most of the time, and it doubled the memory
 * of the input. The values equal the plan's `prepColumn` ones bit for bit;
 * the Gram differs by the rounding of summing it block by block.
 * Sets `plan.ok`, `plan.s`, `plan.q` as `prepColumn` does. Returns the
 * milliseconds of the scaling and writing (prep) and of the products.
 *
 * @internal used by the dispatcher of this folder.
 */
export function nativeGramComplete(plan: CorrelationPlan, native: NativeKernels, blockValues = COMPLETE_BLOCK_VALUES): { prep: number; products: number } {
  const { k, rows, gram } = plan;
  const syrkRows = native.syrkRows!;
  let t0 = performance.now();
  const scale = new Float64Array(3 * k);
  for (let j = 0; j < k; j++) plan.ok[j] = completeColumnScale(plan.cols[j]!, rows, scale, 3 * j) ? 1 : 0;
  let prep = performance.now() - t0;
  let products = 0;
  const step = Math.max(1, Math.min(rows, Math.floor(blockValues / k)));
  const buf = new Float64Array(k * step);
  const part = new Float64Array(k * k);
  const s = new Float64Array(k);
  const q = new Float64Array(k);
  gram.fill(0, 0, k * k);
  for (let b0 = 0; b0 < rows; b0 += step) {
    t0 = performance.now();
    const len = Math.min(step, rows - b0);
    for (let j = 0; j < k; j++) {
      const o = j * len;
      if (!plan.ok[j]) {
        buf.fill(0, o, o + len);
        continue;
      }
      const v = plan.cols[j]!;
      const kj = scale[3 * j]!;
      const mu = scale[3 * j + 1]!;
      const inv = scale[3 * j + 2]!;
      let a = 0;
      let c = 0;
      for (let t = 0; t < len; t++) {
        const w = (v[b0 + t]! * kj - mu) * inv;
        buf[o + t] = w;
        a += w;
        c += w * w;
      }
      s[j]! += a;
      q[j]! += c;
    }
    const t1 = performance.now();
    prep += t1 - t0;
    if (len === rows) syrkRows(buf, k, len, gram);
    else {
      syrkRows(len === step ? buf : buf.subarray(0, k * len), k, len, part);
      for (let c = 0; c < k * k; c++) gram[c]! += part[c]!;
    }
    products += performance.now() - t1;
  }
  plan.s.set(s);
  plan.q.set(q);
  return { prep, products };
}
