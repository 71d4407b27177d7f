import type { CorrelationPlan } from './correlationPlanTypes.js';

/** Rows missing in both j and i, for j in [j0, j1) and i > j, into plan.both[j·k + i]. */
export function coMissing(plan: CorrelationPlan, j0: number, j1: number): void {
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
