import { alignSeries } from '../series/align.js';
import type { PriceSeries } from '../series/types.js';

/**
 * Simple returns per period, each stamped with the time its period ended
 * (`returns[i]` earned from `time[i−1]`, or `start` for i = 0, to `time[i]`).
 */
export interface PeriodReturns {
  readonly time: Float64Array;
  readonly returns: Float64Array;
  /** When the first period began (the first price's time); NaN when unknown (a series of returns). */
  readonly start: number;
}

/**
 * Simple returns P₍ᵢ₊₁₎/Pᵢ − 1 of a price series' closes, stamped with the later
 * time. A missing or non-positive price gives NaN for the returns either side
 * (never a filled value). O(n).
 *
 * @example periodReturns({ symbol: 'X', time: Float64Array.of(1, 2), close: Float64Array.of(100, 110) }).returns // [0.1]
 */
export function periodReturns(prices: PriceSeries): PeriodReturns {
  const n = prices.close.length;
  const m = Math.max(0, n - 1);
  const returns = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const a = prices.close[i]!;
    const b = prices.close[i + 1]!;
    returns[i] = a > 0 && b > 0 && a < Infinity && b < Infinity ? b / a - 1 : Number.NaN;
  }
  return { time: prices.time.slice(1), returns, start: n > 0 ? prices.time[0]! : Number.NaN };
}

/**
 * Returns of an asset and a benchmark over the same periods: the prices are
 * inner-joined on time first, so both returns span identical intervals (a
 * holiday in one series never pairs a two-day return with a one-day one).
 *
 * O(n).
 *
 * @throws Error when the series share fewer than two times, naming both date ranges.
 * @example alignedPeriodReturns(usdjpy, eurusd).asset.time // common dates after the first
 */
export function alignedPeriodReturns(asset: PriceSeries, benchmark: PriceSeries): { asset: PeriodReturns; benchmark: PeriodReturns } {
  const { frame } = alignSeries([asset, benchmark], { kind: 'inner' });
  if (frame.time.length < 2) {
    const range = (s: PriceSeries): string =>
      s.time.length === 0 ? 'no data' : `${new Date(s.time[0]!).toISOString().slice(0, 10)}…${new Date(s.time[s.time.length - 1]!).toISOString().slice(0, 10)}`;
    throw new Error(
      `performance: ${asset.symbol} (${range(asset)}) and ${benchmark.symbol} (${range(benchmark)}) share ${frame.time.length} time${frame.time.length === 1 ? '' : 's'}; need at least 2 overlapping observations`,
    );
  }
  const mk = (j: number, symbol: string): PeriodReturns => periodReturns({ symbol, time: frame.time, close: frame.columns[j]! });
  return { asset: mk(0, asset.symbol), benchmark: mk(1, benchmark.symbol) };
}
