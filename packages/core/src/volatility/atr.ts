import { estimateFromVariance, type VolatilityEstimate } from './types.js';

/**
 * Average True Range by Wilder's smoothing (J. W. Wilder, New Concepts in
 * Technical Trading Systems, 1978), in price units, written into `out`
 * (length n). True range needs the previous close, so it starts at bar 1:
 * TRᵢ = max(Hᵢ − Lᵢ, |Hᵢ − Cᵢ₋₁|, |Lᵢ − Cᵢ₋₁|). The first value,
 * `out[period]`, is the mean of TR₁…TR_period; then
 * ATRᵢ = (ATRᵢ₋₁ · (period − 1) + TRᵢ) / period. Earlier entries are NaN.
 * This is TA-Lib's `ATR` convention (MetaTrader's built-in ATR is a simple
 * moving average of TR instead).
 *
 * O(n), no allocation beyond `out`.
 *
 * Degenerate input: period < 1 or n ≤ period → all NaN; a NaN price
 * poisons every later value (gaps are not filled).
 *
 * @example atrInto(bars.high, bars.low, bars.close, 14, new Float64Array(n))[n - 1] // latest ATR(14)
 */
export function atrInto(high: Float64Array, low: Float64Array, close: Float64Array, period: number, out: Float64Array): Float64Array {
  const n = close.length;
  out.fill(Number.NaN, 0, n);
  if (!(period >= 1) || !Number.isInteger(period) || n <= period || high.length !== n || low.length !== n) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++) sum += trueRange(high[i]!, low[i]!, close[i - 1]!);
  let a = sum / period;
  out[period] = a;
  for (let i = period + 1; i < n; i++) {
    a = (a * (period - 1) + trueRange(high[i]!, low[i]!, close[i - 1]!)) / period;
    out[i] = a;
  }
  return out;
}

function trueRange(h: number, l: number, pc: number): number {
  return Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
}

/** Latest ATR and what it means in pips, percent and as an annualised scale. */
export interface AtrResult {
  /** Wilder ATR series in price units (NaN before index `period`). */
  readonly series: Float64Array;
  /** Latest ATR in price units. */
  readonly atr: number;
  /** Latest ATR in pips. */
  readonly pips: number;
  /** Latest ATR as a fraction of the latest close. */
  readonly fraction: number;
  /**
   * `fraction · √periodsPerYear` in `sigma`/`annualised`. ATR is a mean
   * range, not a standard deviation: for a driftless Brownian motion the
   * expected range of a bar is √(8/π) σ ≈ 1.596 σ, so divide by that to
   * compare with the σ estimators. Returned for completeness, labelled.
   */
  readonly scaled: VolatilityEstimate;
  readonly period: number;
}

/**
 * Wilder ATR of bars with the latest value in price units, pips and percent.
 *
 * @example atr(eurUsdD1Bars2017, 14, 0.0001, 260).pips // 69.27… (HistData 2017, last D1 bar)
 */
export function atr(
  bars: { readonly high: Float64Array; readonly low: Float64Array; readonly close: Float64Array },
  period: number,
  pip: number,
  periodsPerYear: number,
): AtrResult {
  const n = bars.close.length;
  const series = atrInto(bars.high, bars.low, bars.close, period, new Float64Array(n));
  const last = n > 0 ? series[n - 1]! : Number.NaN;
  const fraction = n > 0 ? last / bars.close[n - 1]! : Number.NaN;
  const scaled = estimateFromVariance(fraction * fraction, periodsPerYear, Math.max(0, n - 1));
  return { series, atr: last, pips: last / pip, fraction, scaled, period };
}
