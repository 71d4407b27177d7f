import { mean } from './mean.js';

/** Sample skewness and excess kurtosis (population, "biased" moment ratios). */
export interface ShapeMoments {
  /** g₁ = m₃ / m₂^{3/2}: `scipy.stats.skew(x)` (bias=True). */
  readonly skewness: number;
  /** g₂ = m₄ / m₂² − 3: `scipy.stats.kurtosis(x)` (fisher=True, bias=True). */
  readonly excessKurtosis: number;
}

/**
 * Skewness and excess kurtosis of a sample from its central moments
 * m_k = (1/n) Σ (x − x̄)^k — the moment-ratio estimators g₁, g₂ (Joanes &
 * Gill 1998, "type 1"), SciPy's defaults. Used by the Cornish–Fisher VaR.
 *
 * O(n), no allocation.
 *
 * Degenerate input: fewer than 2 values, any NaN/±Infinity, or a constant
 * sample (m₂ = 0) → NaN for both.
 *
 * @example shapeMoments(Float64Array.of(1, 2, 3, 10)) // { skewness: 1.01823…, excessKurtosis: −0.7696 }
 */
export function shapeMoments(x: Float64Array): ShapeMoments {
  const n = x.length;
  const m = mean(x);
  if (n < 2 || !Number.isFinite(m)) return { skewness: Number.NaN, excessKurtosis: Number.NaN };
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0) || !Number.isFinite(m4)) return { skewness: Number.NaN, excessKurtosis: Number.NaN };
  return { skewness: m3 / Math.pow(m2, 1.5), excessKurtosis: m4 / (m2 * m2) - 3 };
}
