import { argsortInto } from '../../stats/argsort.js';
import { powerOfTwoScale } from '../../stats/powerOfTwoScale.js';
import { rankAverageInto } from '../../stats/rankAverage.js';
import { argsortRadixInto, radixWorkspace } from '../argsortRadix.js';
import { isConstant } from '../checkLengths.js';
import type { CorrelationPlan } from './correlationPlanTypes.js';
import { RADIX_FROM, type Scratch } from './planScratch.js';

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
 * The standardisation of a complete column (no missing value) without
 * writing it: `z[t] = (v[t]·k − mu)·inv` is the column centred and scaled
 * to unit Euclidean norm. Writes `k` (a power of two that keeps squares of
 * huge values finite without changing any rounding), `mu` (the prescaled
 * mean, two-pass corrected) and `inv` (1 / the norm) at `out[o..o+3)`;
 * returns false (and writes nothing) when the column is constant or empty.
 * Lets a caller write the standardised values block by block (the
 * dispatcher's native path) instead of into one copy of the whole input.
 *
 * Two passes (after the constant test, which stops at the first value that
 * differs): the largest magnitude and the sum, then
 * the deviations from that first mean, whose sum δ·m corrects it and
 * whose squares give the norm as Σ(d − δ)² = Σd² − mδ². Every sum runs over
 * independent accumulators (one is a chain of dependent additions, ~4
 * cycles a value). Same method as the general path's standardisation, so
 * the same values up to the rounding of the summation order.
 *
 * @internal exported for the dispatcher in @soukan/data; not a stable API.
 * @example
 * const out = new Float64Array(3);
 * completeColumnScale(Float64Array.of(1, 2, 3), 3, out, 0); // true; out = [0.5, 1, 1.4142135623730951]
 */
export function completeColumnScale(v: Float64Array, rows: number, out: Float64Array, o: number): boolean {
  if (rows === 0 || isConstant(v, rows)) return false;
  // Two running maxima and four sums, no branch that data decides often
  // (Math.abs is branch-free; a new maximum is rare).
  let mx0 = 0;
  let mx1 = 0;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const r4 = rows - (rows & 3);
  for (let t = 0; t < r4; t += 4) {
    const a = v[t]!;
    const b = v[t + 1]!;
    const c = v[t + 2]!;
    const d = v[t + 3]!;
    const aa = Math.abs(a);
    const ab = Math.abs(b);
    const ac = Math.abs(c);
    const ad = Math.abs(d);
    if (aa > mx0) mx0 = aa;
    if (ab > mx1) mx1 = ab;
    if (ac > mx0) mx0 = ac;
    if (ad > mx1) mx1 = ad;
    s0 += a;
    s1 += b;
    s2 += c;
    s3 += d;
  }
  for (let t = r4; t < rows; t++) {
    const a = v[t]!;
    if (Math.abs(a) > mx0) mx0 = Math.abs(a);
    s0 += a;
  }
  const maxAbs = mx0 > mx1 ? mx0 : mx1;
  const k = powerOfTwoScale(maxAbs);
  let sum = s0 + s1 + (s2 + s3);
  // The prescaled sum, unless the raw one overflowed (values near 1e308).
  if (Math.abs(sum) < Infinity) sum *= k;
  else {
    sum = 0;
    for (let t = 0; t < rows; t++) sum += v[t]! * k;
  }
  const mu0 = sum / rows;
  let c0 = 0;
  let c1 = 0;
  let q0 = 0;
  let q1 = 0;
  const r2 = rows - (rows & 1);
  for (let t = 0; t < r2; t += 2) {
    const d0 = v[t]! * k - mu0;
    const d1 = v[t + 1]! * k - mu0;
    c0 += d0;
    c1 += d1;
    q0 += d0 * d0;
    q1 += d1 * d1;
  }
  if (r2 < rows) {
    const d0 = v[r2]! * k - mu0;
    c0 += d0;
    q0 += d0 * d0;
  }
  const delta = (c0 + c1) / rows;
  const norm = Math.sqrt(Math.max(0, q0 + q1 - rows * delta * delta));
  if (!(norm > 0 && norm < Infinity)) return false;
  out[o] = k;
  out[o + 1] = mu0 + delta;
  out[o + 2] = 1 / norm;
  return true;
}

// A complete column (Pearson, one missing pattern, no missing value),
// standardised straight into the plan's z in three passes instead of eight:
// no gathered copy of the column, no copy of its standardised values. For
// few long series these passes, not the product, were most of the time.
const KMI = new Float64Array(3);
function standardizeComplete(plan: CorrelationPlan, j: number): void {
  const { rows, m, z } = plan;
  const v = plan.cols[j]!;
  const off = j * m;
  const kmi = KMI;
  const ok = completeColumnScale(v, rows, kmi, 0);
  let sz = 0;
  let qz = 0;
  if (ok) {
    const k = kmi[0]!;
    const mu = kmi[1]!;
    const inv = kmi[2]!;
    let a0 = 0;
    let a1 = 0;
    let b0 = 0;
    let b1 = 0;
    const r2 = rows - (rows & 1);
    for (let t = 0; t < r2; t += 2) {
      const w0 = (v[t]! * k - mu) * inv;
      const w1 = (v[t + 1]! * k - mu) * inv;
      z[off + t] = w0;
      z[off + t + 1] = w1;
      a0 += w0;
      a1 += w1;
      b0 += w0 * w0;
      b1 += w1 * w1;
    }
    if (r2 < rows) {
      const w0 = (v[r2]! * k - mu) * inv;
      z[off + r2] = w0;
      a0 += w0;
      b0 += w0 * w0;
    }
    sz = a0 + a1;
    qz = b0 + b1;
  } else z.fill(0, off, off + rows);
  z.fill(0, off + rows, off + m);
  plan.ok[j] = ok ? 1 : 0;
  plan.s[j] = sz;
  plan.q[j] = qz;
}

/** Standardises column j of the plan (or, Kendall, sorts it) into the plan's buffers. */
export function prepColumn(plan: CorrelationPlan, j: number, sc: Scratch): void {
  const { rows, mask, m } = plan;
  if (plan.method === 'pearson' && plan.mode === 'gram' && plan.cnt[j] === rows) {
    standardizeComplete(plan, j);
    return;
  }
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
  } else {
    // The same standardisation as a complete column's, so that a column
    // gives the same bits whether or not others miss rows.
    ok = completeColumnScale(sc.xbuf, c, KMI, 0);
    if (ok) {
      const k = KMI[0]!;
      const mu = KMI[1]!;
      const inv = KMI[2]!;
      for (let u = 0; u < c; u++) sc.zbuf[u] = (sc.xbuf[u]! * k - mu) * inv;
    }
  }
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
