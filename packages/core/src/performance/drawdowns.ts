import type { PeriodReturns } from './periodReturns.js';

/** One drawdown phase: from a peak of the wealth curve to its recovery. */
export interface DrawdownPhase {
  /** Time of the peak (the `start` of the returns when the peak is the initial wealth). */
  readonly peak: number;
  readonly trough: number;
  /** First time wealth regained the peak; NaN while not recovered. */
  readonly recovery: number;
  /** Trough wealth / peak wealth − 1 (negative). */
  readonly depth: number;
  /** Index in the returns of the peak (−1 = before the first return), trough and recovery (−1 if none). */
  readonly peakIndex: number;
  readonly troughIndex: number;
  readonly recoveryIndex: number;
}

/**
 * Every drawdown phase of the wealth curve W₀ = 1, Wᵢ = Π (1 + r): each
 * maximal stretch where W is below its running maximum, with its trough and
 * recovery. Non-finite returns are treated as 0 (no change) for the curve and
 * should be rare; callers validate.
 *
 * O(n).
 *
 * @example drawdownPhases({ time: Float64Array.of(1, 2, 3), returns: Float64Array.of(-0.1, 0.05, 0.1), start: 0 })[0].depth // -0.1
 */
export function drawdownPhases(r: PeriodReturns): DrawdownPhase[] {
  const n = r.returns.length;
  const out: DrawdownPhase[] = [];
  let w = 1;
  let peakW = 1;
  let peakIndex = -1;
  let inDd = false;
  let troughW = 1;
  let troughIndex = -1;
  const at = (i: number): number => (i < 0 ? r.start : r.time[i]!);
  for (let i = 0; i < n; i++) {
    const x = r.returns[i]!;
    if (Number.isFinite(x)) w *= 1 + x;
    if (w >= peakW) {
      if (inDd) {
        out.push({ peak: at(peakIndex), trough: at(troughIndex), recovery: at(i), depth: troughW / peakW - 1, peakIndex, troughIndex, recoveryIndex: i });
        inDd = false;
      }
      peakW = w;
      peakIndex = i;
    } else if (!inDd || w < troughW) {
      inDd = true;
      troughW = w;
      troughIndex = i;
    }
  }
  if (inDd) out.push({ peak: at(peakIndex), trough: at(troughIndex), recovery: Number.NaN, depth: troughW / peakW - 1, peakIndex, troughIndex, recoveryIndex: -1 });
  return out;
}

/**
 * The deepest drawdown phase (the earliest among equal depths), or null
 * when wealth never falls below a previous peak. O(n).
 *
 * @example maxDrawdown(usdjpyReturns)?.depth // -0.2031 (2015-06-05 → 2016-08-18), H.10 USD/JPY 2015–2019
 */
export function maxDrawdown(r: PeriodReturns): DrawdownPhase | null {
  let best: DrawdownPhase | null = null;
  for (const p of drawdownPhases(r)) if (!best || p.depth < best.depth) best = p;
  return best;
}
