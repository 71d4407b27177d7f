import { allFinite, centeredGram, checkShape } from './centeredGram.js';

/** A shrunk correlation matrix and its intensity. */
export interface ShrunkCorrelation {
  /** k×k row-major, symmetric, unit diagonal: (1 − λ)·R off the diagonal. */
  readonly correlation: Float64Array;
  /** The shrinkage intensity λ in [0, 1] (NaN when undefined). */
  readonly lambda: number;
}

/**
 * Schäfer–Strimmer shrinkage of the sample correlation matrix R towards the
 * identity: r̂ᵢⱼ = (1 − λ)·rᵢⱼ for i ≠ j, with the intensity
 *
 *   λ = Σᵢ≠ⱼ V̂ar(rᵢⱼ) / Σᵢ≠ⱼ rᵢⱼ², clamped to [0, 1],
 *
 * where V̂ar(rᵢⱼ) is the empirical variance of the products wₜᵢⱼ = xₜᵢxₜⱼ
 * of the standardised data (Schäfer & Strimmer 2005, "A shrinkage approach
 * to large-scale covariance matrix estimation and implications for
 * functional genomics", Stat. Appl. Genet. Mol. Biol. 4(1), art. 32, table 1
 * target D) — computed exactly as R `corpcor::cor.shrink` 1.6.10 does with
 * equal weights: data standardised with the n − 1 standard deviation, and
 * λ = (Σᵢ≠ⱼ Σₜ xₜᵢ²xₜⱼ²/n − Σᵢ≠ⱼ (Σₜ xₜᵢxₜⱼ/n)²) / ((n − 1)·Σᵢ≠ⱼ (Σₜ xₜᵢxₜⱼ/n)²),
 * λ = 1 when the denominator is 0.
 *
 * `x` holds T observations of k series, row-major (T×k). O(T·k²/2) for R
 * (blocked Gram kernel) plus O(T·k + k²) for λ.
 *
 * Degenerate input: T < 3 (corpcor refuses it) or a non-finite value gives
 * NaN everywhere; k = 1 gives [1] with λ = 1 (as corpcor). A constant column
 * is handled as corpcor handles it: standardised to zeros, so its
 * correlations are 0 and its diagonal 1.
 *
 * @throws RangeError when `x.length` is not T·k.
 * @example correlationShrink(Float64Array.of(1, 2, 0, 2, 1, 1, 3, 5, -1, 4, 3, 2, 5, 6, 0), 5, 3).lambda // 0.35799895779051… (corpcor 1.6.10 cor.shrink)
 */
export function correlationShrink(x: Float64Array, T: number, k: number): ShrunkCorrelation {
  checkShape('correlationShrink', x, T, k);
  const r = new Float64Array(k * k);
  if (T < 3 || !allFinite(x)) return { correlation: r.fill(Number.NaN), lambda: Number.NaN };
  if (k === 1) return { correlation: r.fill(1), lambda: 1 };
  const { z, gram } = centeredGram(x, T, k);
  // Standardise in place: zᵢ/sdᵢ, sd with n − 1; constant columns become 0.
  const scale = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const v = gram[i * k + i]! / (T - 1);
    scale[i] = v > 0 ? 1 / Math.sqrt(v) : 0;
  }
  const q = new Float64Array(T);
  let q4 = 0;
  for (let i = 0; i < k; i++) {
    const o = i * T;
    const f = scale[i]!;
    for (let t = 0; t < T; t++) {
      const v = z[o + t]! * f;
      const v2 = v * v;
      q[t] = q[t]! + v2;
      q4 += v2 * v2;
    }
  }
  let sq = 0;
  for (let t = 0; t < T; t++) sq += q[t]! * q[t]!;
  const sER2 = (sq - q4) / T;
  let sE2R = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const g = (gram[i * k + j]! * scale[i]! * scale[j]!) / T;
      sE2R += g * g;
    }
  }
  const lambda = sE2R === 0 ? 1 : Math.max(0, Math.min(1, ((sER2 - sE2R) / sE2R) * (1 / (T - 1))));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      r[i * k + j] = i === j ? 1 : ((1 - lambda) * gram[i * k + j]! * scale[i]! * scale[j]!) / (T - 1);
    }
  }
  return { correlation: r, lambda };
}
