import type { CoMoments } from './coMoments.js';

/**
 * Covariance matrix from co-moments: `Cᵢⱼ / (n − ddof)`; `NaN` when
 * `n ≤ ddof`. The diagonal is each series' variance. Never throws.
 *
 * @param ddof - delta degrees of freedom, 1 (sample, NumPy's `np.cov`) by default.
 * @returns `k × k` row-major.
 * @example covarianceOfCoMoments(coMomentsOf([Float64Array.of(1, 2, 3)]))[0] // 1
 */
export function covarianceOfCoMoments(m: CoMoments, ddof = 1): Float64Array {
  const d = m.n - ddof;
  return m.c.map((v) => (d > 0 ? v / d : NaN));
}
