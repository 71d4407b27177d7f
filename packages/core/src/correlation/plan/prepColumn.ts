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

/** Standardises column j of the plan (or, Kendall, sorts it) into the plan's buffers. */
export function prepColumn(plan: CorrelationPlan, j: number, sc: Scratch): void {
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
