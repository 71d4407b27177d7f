import { allFinite, centeredGram, checkShape } from './centeredGram.js';
import type { ShrunkCovariance } from './types.js';

/**
 * Oracle Approximating Shrinkage of the sample covariance towards the scaled
 * identity μI (μ = tr(S)/k): Σ̂ = (1 − ρ)S + ρμI, with Chen, Wiesel, Eldar &
 * Hero (2010), "Shrinkage algorithms for MMSE covariance estimation", IEEE
 * Trans. Signal Processing 58(10), 5016–5029 — in the form scikit-learn 1.2
 * implements (`sklearn.covariance.OAS`, "from Chen et al.'s implementation"):
 * with α = mean(S²ᵢⱼ), ρ = min((α + μ²) / ((T + 1)(α − μ²/k)), 1), and ρ = 1
 * when the denominator is 0. S is the 1/T covariance of the centred data.
 *
 * `x` holds T observations of k series, row-major (T×k).
 *
 * O(T·k²/2) for S plus O(k²).
 *
 * Degenerate input: T = 0 or a non-finite value gives NaN everywhere; k = 1
 * gives ρ = 0 (as scikit-learn); all-constant data gives ρ = 1 (S = 0 then).
 *
 * @throws RangeError when `x.length` is not T·k.
 * @example oas(Float64Array.of(1, 2, 0, 2, 1, 1, 3, 5, -1, 4, 3, 2, 5, 6, 0), 5, 3).shrinkage // 0.89330509178503… (scikit-learn 1.2 OAS)
 */
export function oas(x: Float64Array, T: number, k: number, options: { assumeCentered?: boolean } = {}): ShrunkCovariance {
  checkShape('oas', x, T, k);
  const cov = new Float64Array(k * k);
  if (T === 0 || !allFinite(x)) return { covariance: cov.fill(Number.NaN), shrinkage: Number.NaN, target: 'identity', targetValue: Number.NaN };
  const { gram } = centeredGram(x, T, k, options.assumeCentered === true);
  let trace = 0;
  for (let i = 0; i < k; i++) trace += gram[i * k + i]!;
  const mu = trace / T / k;
  let shrinkage = 0;
  if (k > 1) {
    let sq = 0;
    for (let i = 0; i < k * k; i++) sq += gram[i]! * gram[i]!;
    const alpha = sq / (T * T) / (k * k);
    const num = alpha + mu * mu;
    const den = (T + 1) * (alpha - (mu * mu) / k);
    shrinkage = den === 0 ? 1 : Math.min(num / den, 1);
  }
  for (let i = 0; i < k * k; i++) cov[i] = ((1 - shrinkage) * gram[i]!) / T;
  for (let i = 0; i < k; i++) cov[i * k + i] = cov[i * k + i]! + shrinkage * mu;
  return { covariance: cov, shrinkage, target: 'identity', targetValue: mu };
}
