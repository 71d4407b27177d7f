import { upperBound } from '../series/window.js';
import type { StrengthFactors } from './strengthFactors.js';

/** Cumulated currency factors rebased to a value at a base time. */
export interface StrengthIndex {
  readonly currencies: readonly string[];
  /**
   * Index times: the time of the first price, then each period's time
   * (length = periods + 1).
   */
  readonly time: Float64Array;
  /** `values[c][i]` = base · exp(F_c(tᵢ) − F_c(t_base)), F the cumulative factor. */
  readonly values: readonly Float64Array[];
  /** Row of `time` the index is rebased at (the last row at or before the requested base time). */
  readonly baseRow: number;
  readonly baseValue: number;
  /**
   * Periods whose factors were not identified; they add nothing to the
   * cumulative factor (the index stays flat across them and they are counted
   * here, never filled silently).
   */
  readonly unidentified: number;
}

/**
 * Cumulates per-period log factors into an index per currency and rebases it
 * so that every currency is worth `baseValue` at the base time:
 * `I_c(t) = baseValue · exp(Σ_{s ≤ t} f_c(s) − Σ_{s ≤ t_base} f_c(s))`.
 * With the zero-sum constraint the log indices average to ln(baseValue) at
 * every time (a geometric-mean-one basket).
 *
 * O(T · C).
 *
 * @param startTime time of the first price (the period before the first return)
 * @param options.baseTime rebase at the last index time ≤ this (default: the first time)
 * @throws Error when `baseTime` is before `startTime`.
 * @example strengthIndex(f, prices.time[0], { baseTime: Date.UTC(2024, 0, 2) }).values[0] // 100 on 2 Jan 2024
 */
export function strengthIndex(f: StrengthFactors, startTime: number, options: { baseTime?: number; baseValue?: number } = {}): StrengthIndex {
  const T = f.time.length;
  const time = new Float64Array(T + 1);
  time[0] = startTime;
  time.set(f.time, 1);
  const baseValue = options.baseValue ?? 100;
  let baseRow = 0;
  if (options.baseTime !== undefined) {
    baseRow = upperBound(time, options.baseTime) - 1;
    if (baseRow < 0) {
      throw new Error(`strength: base time ${new Date(options.baseTime).toISOString()} is before the first observation ${new Date(startTime).toISOString()}`);
    }
  }
  const values = f.factors.map((fc) => {
    const cum = new Float64Array(T + 1);
    for (let t = 0; t < T; t++) {
      const v = fc[t]!;
      cum[t + 1] = cum[t]! + (f.identified[t] ? v : 0);
    }
    const at = cum[baseRow]!;
    for (let i = 0; i <= T; i++) cum[i] = baseValue * Math.exp(cum[i]! - at);
    return cum;
  });
  return { currencies: f.currencies, time, values, baseRow, baseValue, unidentified: f.unidentified };
}

/** One currency's line of a strength ranking. */
export interface StrengthRank {
  readonly currency: string;
  /** 1 = strongest. */
  readonly rank: number;
  /** Index value at the last time. */
  readonly index: number;
  /** Change since the base time, in per cent: index / base − 1. */
  readonly changePct: number;
  /** Factor of the last identified period, in per cent (100 · log return). */
  readonly lastPeriodPct: number;
}

/**
 * Ranks currencies by their index at the last time (strongest first); ties
 * keep the currencies' order. Also reports each one's move in the last
 * identified period. O(C log C).
 *
 * @example strengthRanking(index, factors)[0].currency // the strongest currency since the base time
 */
export function strengthRanking(index: StrengthIndex, f: StrengthFactors): StrengthRank[] {
  const last = index.time.length - 1;
  let lastPeriod = f.time.length - 1;
  while (lastPeriod >= 0 && !f.identified[lastPeriod]) lastPeriod--;
  const rows = index.currencies.map((currency, c) => ({
    currency,
    index: index.values[c]![last]!,
    changePct: 100 * (index.values[c]![last]! / index.baseValue - 1),
    lastPeriodPct: lastPeriod >= 0 ? 100 * f.factors[c]![lastPeriod]! : Number.NaN,
  }));
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => b.r.index - a.r.index || a.i - b.i)
    .map(({ r }, k) => ({ currency: r.currency, rank: k + 1, index: r.index, changePct: r.changePct, lastPeriodPct: r.lastPeriodPct }));
}
