import { AllPairsSink, type AllPairsOutputOptions, type AllPairsResult } from './allPairsOutput.js';
import { EwmCorrelationState } from '../incremental/ewmCorrelationState.js';
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
 * co-moments) per pair, run over all pairs row by row — the streaming
 * {@link EwmCorrelationState}, fed the rows in order. There is nothing to
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
  ewmDecay(fn, lambda); // validates λ with this function's name in the message
  const P = (k * (k - 1)) / 2;
  const sink = new AllPairsSink(fn, k, len, P, options);
  if (P === 0) return sink.finish();
  sink.group(0, P);
  const buf = sink.buf;
  const chunkRows = sink.chunkRows;
  const state = new EwmCorrelationState(k, lambda);
  const val = new Float64Array(k);
  let chunkStart = 0;
  let row = 0;
  for (let t = 0; t < len; t++) {
    for (let i = 0; i < k; i++) val[i] = columns[i]![t]!;
    state.push(val);
    for (let q = 0; q < P; q++) buf[q * chunkRows + row] = state.correlation(q);
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
