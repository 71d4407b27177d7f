import { argsortInto } from '../../stats/argsort.js';
import { normalQuantile } from '../../stats/normalQuantile.js';
import { rankAverageInto } from '../../stats/rankAverage.js';
import { isConstant } from '../checkLengths.js';
import { fisherStandardError } from '../correlationConfidenceInterval.js';
import { kendallCountsSorted, kendallPValueFromCounts, kendallTauFromCounts } from '../kendallCounts.js';
import { pearsonKernel } from '../pearson.js';
import { pearsonPValue } from '../pearsonPValue.js';
import { WHY_CONSTANT, WHY_FEW, WHY_NONE, type CorrelationPlan } from './correlationPlanTypes.js';
import { MASKED_GUARD } from './planLayout.js';
import { scratchFor, type Scratch } from './planScratch.js';

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
    if (plan.significance) plan.p[cell] = kendallPValueFromCounts(sc.counts);
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
    if (plan.significance) plan.p[at] = kendallPValueFromCounts(sc.counts);
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
  const { k, gram, ok, cnt, need, r, p, lo, hi, why, significance, method } = plan;
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
        if (significance) {
          p[a] = p[b] = pv;
          lo[a] = lo[b] = l;
          hi[a] = hi[b] = u;
        }
        why[a] = why[b] = w;
      }
    }
  }
}

/** The `cells` task `task`: r, n, reason, p-value and interval of its rows' cells. */
export function cellsTask(plan: CorrelationPlan, task: number): void {
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

/** p-value and interval of cell (i, j), NaN where undefined (when significance is asked for); mirrored to (j, i). */
function finishCell(plan: CorrelationPlan, i: number, j: number, h: number): void {
  const { k, method } = plan;
  const a = i * k + j;
  const b = j * k + i;
  const why = plan.why[a]!;
  if (why !== WHY_NONE) plan.r[a] = NaN;
  plan.r[b] = plan.r[a]!;
  plan.n[b] = plan.n[a]!;
  plan.why[b] = why;
  if (!plan.significance) return;
  let l = NaN;
  let u = NaN;
  if (why !== WHY_NONE) plan.p[a] = NaN;
  else {
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
  }
  plan.lo[a] = plan.lo[b] = l;
  plan.hi[a] = plan.hi[b] = u;
  plan.p[b] = plan.p[a]!;
}
