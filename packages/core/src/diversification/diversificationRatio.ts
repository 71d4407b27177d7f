/**
 * Diversification ratio of a basket of signed positions: the sum of the
 * positions' stand-alone risks over the basket's risk,
 *
 *   DR = Σᵢ |wᵢ|·σᵢ / √(wᵀΣw),
 *
 * Choueifaty & Coignard (2008), "Toward maximum diversification", Journal of
 * Portfolio Management 35(1), 40–51, with stand-alone risks |wᵢ|σᵢ so that
 * shorts count as risk too. DR ≥ 1 always (triangle inequality). 1 means the
 * positions' P&Ls move as one (a long and a short in perfectly
 * anti-correlated pairs included); for k independent equal bets DR = √k;
 * positions that offset each other (hedges) push it higher still. On ECB
 * returns 2015–2019 a long EUR/USD with a short USD/CHF — the same dollar
 * bet twice — gives 1.11; long both, a hedge, 2.19.
 *
 * `cov` is a row-major k×k covariance matrix of the position returns, `w` the
 * signed exposures (money; negative = short). Positions with w = 0 drop out.
 * O(k²).
 *
 * Degenerate input: no non-zero position, a NaN, or zero basket risk give NaN.
 *
 * @throws RangeError when `cov.length` is not k² or `w.length` is not k.
 * @example diversificationRatio(Float64Array.of(1, 0, 0, 1), 2, Float64Array.of(1, -1)) // 1.4142… (√2: two independent bets)
 */
export function diversificationRatio(cov: Float64Array, k: number, w: ArrayLike<number>): number {
  if (cov.length !== k * k) throw new RangeError(`diversificationRatio: matrix length ${cov.length} is not k² = ${k}²`);
  if (w.length !== k) throw new RangeError(`diversificationRatio: ${w.length} positions for a ${k}×${k} matrix`);
  let standAlone = 0;
  let variance = 0;
  for (let i = 0; i < k; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    standAlone += Math.abs(wi) * Math.sqrt(cov[i * k + i]!);
    for (let j = 0; j < k; j++) variance += wi * w[j]! * cov[i * k + j]!;
  }
  return standAlone > 0 && variance > 0 ? standAlone / Math.sqrt(variance) : Number.NaN;
}
