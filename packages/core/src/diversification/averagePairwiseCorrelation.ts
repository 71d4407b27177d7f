/** Average correlation between the positions of a basket, signs applied. */
export interface AveragePairwiseCorrelation {
  /** Mean of sᵢsⱼρᵢⱼ over the pairs of non-zero positions (sᵢ = sign wᵢ). */
  readonly equalWeighted: number;
  /**
   * Σᵢ<ⱼ wᵢwⱼσᵢσⱼρᵢⱼ / Σᵢ<ⱼ |wᵢwⱼ|σᵢσⱼ: the single correlation ρ̄ that,
   * put in every pair, gives the basket its actual variance
   * wᵀΣw = Σ wᵢ²σᵢ² + 2ρ̄ Σᵢ<ⱼ |wᵢwⱼ|σᵢσⱼ.
   */
  readonly riskWeighted: number;
  /** Pairs of non-zero positions. */
  readonly pairs: number;
}

/**
 * Average pairwise correlation of a basket of signed positions: the
 * correlation between two positions' P&L is sᵢsⱼρᵢⱼ (a short flips the
 * sign), averaged over pairs both equally and weighted by the pairs' risk
 * |wᵢwⱼ|σᵢσⱼ. The risk-weighted one is the basket's implied average
 * correlation (as in the CBOE implied-correlation index construction): near
 * +1 the positions are one bet, near 0 independent ones, below 0 they hedge
 * each other.
 *
 * `cov` is a row-major k×k covariance matrix of the position returns (a
 * correlation matrix gives the same equal-weighted value and weights by |w|
 * alone), `w` the signed exposures; positions with w = 0 drop out. O(k²).
 *
 * Degenerate input: fewer than two non-zero positions, a NaN, or a position
 * with zero variance give NaN.
 *
 * @throws RangeError when `cov.length` is not k² or `w.length` is not k.
 * @example averagePairwiseCorrelation(Float64Array.of(1, 0.8, 0.8, 1), 2, Float64Array.of(1, -1)).equalWeighted // −0.8 (long one, short the other)
 */
export function averagePairwiseCorrelation(cov: Float64Array, k: number, w: ArrayLike<number>): AveragePairwiseCorrelation {
  if (cov.length !== k * k) throw new RangeError(`averagePairwiseCorrelation: matrix length ${cov.length} is not k² = ${k}²`);
  if (w.length !== k) throw new RangeError(`averagePairwiseCorrelation: ${w.length} positions for a ${k}×${k} matrix`);
  let sum = 0;
  let num = 0;
  let den = 0;
  let pairs = 0;
  for (let i = 0; i < k; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const si = Math.sqrt(cov[i * k + i]!);
    for (let j = i + 1; j < k; j++) {
      const wj = w[j]!;
      if (wj === 0) continue;
      const sj = Math.sqrt(cov[j * k + j]!);
      const c = cov[i * k + j]!;
      sum += (Math.sign(wi) * Math.sign(wj) * c) / (si * sj);
      num += wi * wj * c;
      den += Math.abs(wi * wj) * si * sj;
      pairs++;
    }
  }
  const nan = Number.NaN;
  if (pairs === 0) return { equalWeighted: nan, riskWeighted: nan, pairs };
  const eq = sum / pairs;
  return { equalWeighted: Number.isFinite(eq) ? eq : nan, riskWeighted: den > 0 ? num / den : nan, pairs };
}
