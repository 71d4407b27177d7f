import { allFinite, centeredGram, checkShape } from './centeredGram.js';
import type { ShrunkCovariance } from './types.js';

/**
 * Ledoit–Wolf shrinkage of the sample covariance towards the scaled identity
 * μI (μ = tr(S)/k, the mean variance): Σ̂ = (1 − δ)S + δμI, with the
 * intensity δ that minimises the expected Frobenius loss, estimated as in
 * Ledoit & Wolf (2004), "A well-conditioned estimator for large-dimensional
 * covariance matrices", J. Multivariate Analysis 88(2), 365–411 — in
 * scikit-learn's form (`sklearn.covariance.LedoitWolf`, 1.2): S is the 1/T
 * covariance of the centred data, δ = min(b̄², d²)/d² with
 * d² = ‖S − μI‖²/k and b̄² = (Σₜ‖xₜ‖⁴/T − ‖S‖²)/(kT).
 *
 * `x` holds T observations of k series, row-major (T×k). The estimate is
 * well conditioned even when k ≥ T, where S is singular.
 *
 * O(T·k²/2) for S (the blocked Gram kernel) plus O(T·k + k²) for δ: the
 * intensity costs no more than one pass over the data, since
 * Σᵢⱼ Σₜ xₜᵢ²xₜⱼ² = Σₜ (Σᵢ xₜᵢ²)².
 *
 * Degenerate input: T = 0 or a non-finite value gives NaN everywhere; k = 1
 * gives δ = 0 (as scikit-learn); all-constant data gives δ = 0.
 *
 * @throws RangeError when `x.length` is not T·k.
 * @example ledoitWolf(Float64Array.of(1, 2, 0, 2, 1, 1, 3, 5, -1, 4, 3, 2, 5, 6, 0), 5, 3).shrinkage // 0.33476202342387… (scikit-learn 1.2 LedoitWolf)
 */
export function ledoitWolf(x: Float64Array, T: number, k: number, options: { assumeCentered?: boolean } = {}): ShrunkCovariance {
  checkShape('ledoitWolf', x, T, k);
  const cov = new Float64Array(k * k);
  if (T === 0 || !allFinite(x)) return { covariance: cov.fill(Number.NaN), shrinkage: Number.NaN, target: 'identity', targetValue: Number.NaN };
  const { z, gram } = centeredGram(x, T, k, options.assumeCentered === true);
  let trace = 0;
  for (let i = 0; i < k; i++) trace += gram[i * k + i]!;
  const mu = trace / T / k;
  let shrinkage = 0;
  if (k > 1) {
    // β_ = Σₜ (Σᵢ zₜᵢ²)² (scikit-learn's sum of (X²)ᵀX²), δ_ = Σᵢⱼ (Σₜ zₜᵢ zₜⱼ)² / T².
    const rowSq = new Float64Array(T);
    for (let i = 0; i < k; i++) {
      const o = i * T;
      for (let t = 0; t < T; t++) {
        const v = z[o + t]!;
        rowSq[t] = rowSq[t]! + v * v;
      }
    }
    let betaSum = 0;
    for (let t = 0; t < T; t++) betaSum += rowSq[t]! * rowSq[t]!;
    let deltaSum = 0;
    for (let i = 0; i < k * k; i++) deltaSum += gram[i]! * gram[i]!;
    deltaSum /= T * T;
    let beta = (betaSum / T - deltaSum) / (k * T);
    const delta = (deltaSum - 2 * mu * (trace / T) + k * mu * mu) / k;
    beta = Math.min(beta, delta);
    shrinkage = beta === 0 ? 0 : beta / delta;
  }
  for (let i = 0; i < k * k; i++) cov[i] = ((1 - shrinkage) * gram[i]!) / T;
  for (let i = 0; i < k; i++) cov[i * k + i] = cov[i * k + i]! + shrinkage * mu;
  return { covariance: cov, shrinkage, target: 'identity', targetValue: mu };
}
