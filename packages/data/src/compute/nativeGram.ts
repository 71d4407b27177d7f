import type { CorrelationPlan } from '@soukan/core';
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
