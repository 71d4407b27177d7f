import { AllPairsSink, type AllPairsOutputOptions, type AllPairsResult } from './allPairsOutput.js';
import { ewmDecay, RISKMETRICS_LAMBDA } from './ewmCorrelation.js';

/**
 * Exponentially weighted correlation of every pair of k series — for each
 * pair exactly what {@link ewmCorrelation} gives (pandas 1.5
 * `df.ewm(alpha=1−λ).corr()` pairwise: adjust=True, ignore_na=False; a row
 * missing in either series of a pair ages that pair's weights without adding
 * an observation and repeats its previous value), to the bit.
 *
 * Output streams as in {@link rollingCorrelationAllPairs}: `onChunk`
 * receives chunks of `chunkRows` × k(k−1)/2 values (a reused buffer),
 * `keep` returns whole per-pair series, `average` (default on) the mean
 * correlation across pairs at each time.
 *
 * Method: pandas' `ewmcov` recurrence (weighted Welford update of means and
 * co-moments) per pair, run over all pairs row by row. There is nothing to
 * subtract, so nothing drifts: each step shrinks the old co-moments by the
 * weight factor and adds the new term. O(1) per step and pair; memory
 * O(k²) for the state plus the chunk buffer.
 *
 * Degenerate input: never throws on data; k < 2 gives no pairs.
 *
 * @param columns - k series of equal length.
 * @param lambda - decay factor in [0, 1); default 0.94 (RiskMetrics daily).
 * @throws RangeError when lengths differ, λ is outside [0, 1), or an option is invalid.
 * @example
 * ewmCorrelationAllPairs([x, y, z], 0.94, { keep: [0] }).series[0] // = ewmCorrelation(x, y, 0.94)
 */
export function ewmCorrelationAllPairs(
  columns: readonly ArrayLike<number>[],
  lambda: number = RISKMETRICS_LAMBDA,
  options: AllPairsOutputOptions = {},
): AllPairsResult {
  const fn = 'ewmCorrelationAllPairs';
  const k = columns.length;
  const len = k > 0 ? columns[0]!.length : 0;
  for (let j = 1; j < k; j++) {
    if (columns[j]!.length !== len) throw new RangeError(`${fn}: series ${j} has ${columns[j]!.length} rows, series 0 has ${len}`);
  }
  const f = ewmDecay(fn, lambda);
  const P = (k * (k - 1)) / 2;
  const sink = new AllPairsSink(fn, k, len, P, options);
  if (P === 0) return sink.finish();
  sink.group(0, P);
  const { pairI, pairJ } = sink.result;
  const buf = sink.buf;
  const chunkRows = sink.chunkRows;
  const mx = new Float64Array(P).fill(NaN);
  const my = new Float64Array(P).fill(NaN);
  const cxy = new Float64Array(P);
  const cxx = new Float64Array(P);
  const cyy = new Float64Array(P);
  const w = new Float64Array(P).fill(1);
  const val = new Float64Array(k);
  const fin = new Uint8Array(k);
  let chunkStart = 0;
  let row = 0;
  for (let t = 0; t < len; t++) {
    for (let i = 0; i < k; i++) {
      const v = columns[i]![t]!;
      val[i] = v;
      fin[i] = v - v === 0 ? 1 : 0;
    }
    for (let q = 0; q < P; q++) {
      const i = pairI[q]!;
      const j = pairJ[q]!;
      const obs = (fin[i]! & fin[j]!) === 1;
      const xi = val[i]!;
      const yi = val[j]!;
      let ax = mx[q]!;
      // The same operations, in the same order, as ewmCorrelation.
      if (ax === ax) {
        let wq = w[q]! * f;
        if (obs) {
          const ox = ax;
          const oy = my[q]!;
          let ay = oy;
          if (ax !== xi) ax = (wq * ox + xi) / (wq + 1);
          if (ay !== yi) ay = (wq * oy + yi) / (wq + 1);
          const dx = ox - ax;
          const dy = oy - ay;
          const ex = xi - ax;
          const ey = yi - ay;
          cxy[q] = (wq * (cxy[q]! + dx * dy) + ex * ey) / (wq + 1);
          cxx[q] = (wq * (cxx[q]! + dx * dx) + ex * ex) / (wq + 1);
          cyy[q] = (wq * (cyy[q]! + dy * dy) + ey * ey) / (wq + 1);
          mx[q] = ax;
          my[q] = ay;
          wq += 1;
        }
        w[q] = wq;
      } else if (obs) {
        mx[q] = ax = xi;
        my[q] = yi;
      }
      const at = q * chunkRows + row;
      if (ax !== ax) buf[at] = NaN;
      else {
        const den = Math.sqrt(cxx[q]!) * Math.sqrt(cyy[q]!);
        const v = cxy[q]! / den;
        buf[at] = den > 0 ? (v > 1 ? 1 : v < -1 ? -1 : v) : NaN;
      }
    }
    if (++row === chunkRows || t === len - 1) {
      // The last chunk may be short: close up its pair-major rows.
      if (row < chunkRows) for (let q = 1; q < P; q++) buf.copyWithin(q * row, q * chunkRows, q * chunkRows + row);
      sink.flush(chunkStart, row);
      chunkStart = t + 1;
      row = 0;
    }
  }
  return sink.finish();
}
