import type { CoMoments } from './coMoments.js';

/**
 * Pearson correlation matrix from co-moments: `ρᵢⱼ = Cᵢⱼ / √(Cᵢᵢ·Cⱼⱼ)`,
 * clamped to [−1, 1] (rounding can step just outside), diagonal 1.
 * `NaN` where fewer than 2 observations or a series is constant (`Cᵢᵢ = 0`).
 * Never throws.
 *
 * @returns `k × k` row-major.
 * @example correlationOfCoMoments(coMomentsOf([Float64Array.of(1, 2, 3), Float64Array.of(3, 2, 1)]))[1] // -1
 */
export function correlationOfCoMoments(m: CoMoments): Float64Array {
  const { k, n, c } = m;
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const vi = c[i * k + i]!;
      const vj = c[j * k + j]!;
      if (n < 2 || !(vi > 0) || !(vj > 0)) out[i * k + j] = NaN;
      else if (i === j) out[i * k + j] = 1;
      else out[i * k + j] = Math.max(-1, Math.min(1, c[i * k + j]! / Math.sqrt(vi * vj)));
    }
  }
  return out;
}
