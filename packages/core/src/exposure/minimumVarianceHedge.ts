/** The variance-minimising hedge in one instrument. */
export interface MinimumVarianceHedge {
  /** Exposure to add in the hedge instrument (account-currency value of its base notional; negative = sell). */
  readonly exposure: number;
  /** P&L standard deviation per period before and after the hedge. */
  readonly sigmaBefore: number;
  readonly sigmaAfter: number;
  /** 1 − σ²_after / σ²_before: the share of variance removed (the squared correlation of portfolio and hedge). */
  readonly varianceReduction: number;
}

/**
 * The single position in factor j that minimises the variance of the
 * portfolio's P&L: adding exposure x to factor j gives
 * Var = wᵀΣw + 2x(Σw)ⱼ + x²Σⱼⱼ, minimised at x* = −(Σw)ⱼ/Σⱼⱼ, leaving
 * wᵀΣw − (Σw)ⱼ²/Σⱼⱼ. (Ederington 1979's minimum-variance hedge ratio.)
 * The existing exposure in j, if any, is part of w; x* is added to it.
 * Divide `exposure` by the account value of one unit of the hedge pair's
 * base currency to get the amount to trade.
 *
 * O(k).
 *
 * Degenerate input: Σⱼⱼ ≤ 0, j out of range, mismatched lengths → NaN.
 *
 * @example minimumVarianceHedge(Float64Array.of(1, 0.5, 0.5, 1), 2, Float64Array.of(100, 0), 1).exposure // −50
 */
export function minimumVarianceHedge(cov: Float64Array, k: number, w: Float64Array, j: number): MinimumVarianceHedge {
  const nan = Number.NaN;
  if (cov.length !== k * k || w.length !== k || !(j >= 0 && j < k) || !Number.isInteger(j)) {
    return { exposure: nan, sigmaBefore: nan, sigmaAfter: nan, varianceReduction: nan };
  }
  let v = 0;
  let swj = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let l = 0; l < k; l++) s += cov[i * k + l]! * w[l]!;
    v += w[i]! * s;
    if (i === j) swj = s;
  }
  const sjj = cov[j * k + j]!;
  if (!(sjj > 0) || !(v >= 0)) return { exposure: nan, sigmaBefore: Math.sqrt(v), sigmaAfter: nan, varianceReduction: nan };
  const x = -swj / sjj;
  const after = Math.max(0, v - (swj * swj) / sjj);
  return { exposure: x, sigmaBefore: Math.sqrt(v), sigmaAfter: Math.sqrt(after), varianceReduction: v > 0 ? 1 - after / v : nan };
}
