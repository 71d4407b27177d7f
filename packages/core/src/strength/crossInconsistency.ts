import { intersectTimes } from '../series/align.js';
import type { PriceSeries } from '../series/types.js';

/** Summary of one distribution of differences. */
export interface DiffSummary {
  readonly mean: number;
  readonly median: number;
  /** 99th percentile of |difference| (linear interpolation, NumPy's default). */
  readonly p99Abs: number;
  readonly maxAbs: number;
}

/** Triangular inconsistency of a directly quoted cross against its synthetic from legs. */
export interface CrossInconsistency {
  readonly symbol: string;
  /** Times both the direct and the synthetic rate exist. */
  readonly time: Float64Array;
  readonly direct: Float64Array;
  readonly synthetic: Float64Array;
  /** (direct − synthetic) / pip. */
  readonly pips: Float64Array;
  /** 10⁴ · (direct / synthetic − 1). */
  readonly bp: Float64Array;
  readonly pipsSummary: DiffSummary;
  readonly bpSummary: DiffSummary;
}

/** Linear-interpolation quantile of sorted finite values (NumPy `method='linear'`). */
function quantileSorted(s: Float64Array, q: number): number {
  if (s.length === 0) return Number.NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo]! + (h - lo) * (s[hi]! - s[lo]!);
}

/** Mean, median, 99th percentile of |x| and max |x| over the finite values. */
export function diffSummary(x: Float64Array): DiffSummary {
  const v = x.filter((a) => Number.isFinite(a));
  if (v.length === 0) return { mean: Number.NaN, median: Number.NaN, p99Abs: Number.NaN, maxAbs: Number.NaN };
  let sum = 0;
  for (const a of v) sum += a;
  const sorted = v.slice().sort();
  const abs = v.map(Math.abs).sort();
  return { mean: sum / v.length, median: quantileSorted(sorted, 0.5), p99Abs: quantileSorted(abs, 0.99), maxAbs: abs[abs.length - 1]! };
}

/**
 * Compares a directly quoted cross with the same cross built from its legs
 * (e.g. EUR/JPY against EUR/USD × USD/JPY from `crossSeries`): the gap in pips
 * of the cross and in basis points, at every time both exist.
 *
 * O(n log n) for the summaries.
 *
 * @param pip pip size of the cross (see `pipSize`)
 * @example crossInconsistency(eurjpy, crossSeries(route, get), 0.01).bpSummary.median // 0.1057 (bp): EUR/JPY vs EUR/USD × USD/JPY on the 370,476 common 2017 HistData minutes
 */
export function crossInconsistency(direct: PriceSeries, synthetic: PriceSeries, pip: number): CrossInconsistency {
  const time = intersectTimes([direct.time, synthetic.time]);
  const n = time.length;
  const d = new Float64Array(n);
  const s = new Float64Array(n);
  let p = 0;
  let q = 0;
  for (let i = 0; i < n; i++) {
    while (direct.time[p]! < time[i]!) p++;
    while (synthetic.time[q]! < time[i]!) q++;
    d[i] = direct.close[p]!;
    s[i] = synthetic.close[q]!;
  }
  const pips = new Float64Array(n);
  const bp = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    pips[i] = (d[i]! - s[i]!) / pip;
    bp[i] = 1e4 * (d[i]! / s[i]! - 1);
  }
  return { symbol: direct.symbol, time, direct: d, synthetic: s, pips, bp, pipsSummary: diffSummary(pips), bpSummary: diffSummary(bp) };
}
