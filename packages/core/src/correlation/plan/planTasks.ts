import { GRAM_TILE } from '../gramUpper.js';
import { cellsTask } from './planCells.js';
import { coMissing } from './coMissing.js';
import type { CorrelationKernels, CorrelationPhase, CorrelationPlan } from './correlationPlanTypes.js';
import { prepColumn } from './prepColumn.js';
import { scratchFor } from './planScratch.js';
import { COLUMN_CHUNK, tiles } from './planLayout.js';
import { TS_KERNELS } from './tsKernels.js';

/**
 * Phase order.
 *
 * @internal exported for the parallel runner in @soukan/data; not a stable API.
 */
export const CORRELATION_PHASES: readonly CorrelationPhase[] = ['prep', 'products', 'cells'];

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
