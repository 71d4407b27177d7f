import { correlationShrink } from './correlationShrink.js';
import { ledoitWolf } from './ledoitWolf.js';
import { ledoitWolfConstantCorrelation } from './ledoitWolfConstantCorrelation.js';
import { oas } from './oas.js';

/** Shrinkage estimators a correlation matrix can be computed with. */
export const SHRINK_METHODS = ['lw', 'oas', 'cc', 'ss'] as const;
export type ShrinkMethod = (typeof SHRINK_METHODS)[number];

/** A correlation matrix from a shrunk estimator, with the intensity applied. */
export interface ShrunkCorrelationMatrix {
  /** k×k row-major, symmetric, unit diagonal (NaN everywhere when undefined). */
  readonly correlation: Float64Array;
  /** The shrinkage intensity in [0, 1]: δ of the covariance estimators, λ of Schäfer–Strimmer. */
  readonly intensity: number;
  /** What the estimate was pulled towards. */
  readonly target: 'identity-covariance' | 'constant-correlation' | 'identity-correlation';
  /** The method's name in words (for labels). */
  readonly estimator: 'ledoit-wolf-identity' | 'oas' | 'ledoit-wolf-constant-correlation' | 'schafer-strimmer';
}

/**
 * The correlation matrix of a shrinkage estimator: `lw` (Ledoit–Wolf 2004,
 * scaled-identity target, scikit-learn `LedoitWolf`), `oas` (Chen et al.
 * 2010, scikit-learn `OAS`), `cc` (Ledoit–Wolf 2004, constant-correlation
 * target) — each the shrunk covariance Σ̂ rescaled to unit diagonal,
 * ĉᵢⱼ = Σ̂ᵢⱼ/√(Σ̂ᵢᵢΣ̂ⱼⱼ) — or `ss` (Schäfer & Strimmer 2005, the
 * correlation itself shrunk towards the identity, R `corpcor::cor.shrink`).
 *
 * With the identity-covariance targets the correlations shrink by more for
 * low-variance pairs than for volatile ones (the target adds the mean
 * variance to every diagonal); `cc` gives (1 − δ)·rᵢⱼ + δ·r̄ and `ss`
 * (1 − λ)·rᵢⱼ, the same pull for every cell.
 *
 * `x` holds T observations of k series, row-major (T×k), complete.
 * O(T·k²/2).
 *
 * Degenerate input as the estimators: NaN when T is too small or a value is
 * not finite. A constant column: correlations 0 for `lw` and `oas` (the
 * target lends it variance) and `ss` (as corpcor), NaN for `cc`.
 *
 * @throws RangeError when `x.length` is not T·k.
 * @example shrunkCorrelation(Float64Array.of(1, 2, 0, 2, 1, 1, 3, 5, -1, 4, 3, 2, 5, 6, 0), 5, 3, 'ss').correlation[1] // 0.48952… ((1 − 0.35800)·0.76249, corpcor 1.6.10 cor.shrink)
 */
export function shrunkCorrelation(x: Float64Array, T: number, k: number, method: ShrinkMethod): ShrunkCorrelationMatrix {
  if (method === 'ss') {
    const s = correlationShrink(x, T, k);
    return { correlation: s.correlation, intensity: s.lambda, target: 'identity-correlation', estimator: 'schafer-strimmer' };
  }
  const s = method === 'lw' ? ledoitWolf(x, T, k) : method === 'oas' ? oas(x, T, k) : ledoitWolfConstantCorrelation(x, T, k);
  const c = s.covariance;
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) r[i * k + j] = i === j ? (c[i * k + i]! > 0 ? 1 : Number.NaN) : c[i * k + j]! / Math.sqrt(c[i * k + i]! * c[j * k + j]!);
  }
  return {
    correlation: r,
    intensity: s.shrinkage,
    target: method === 'cc' ? 'constant-correlation' : 'identity-covariance',
    estimator: method === 'lw' ? 'ledoit-wolf-identity' : method === 'oas' ? 'oas' : 'ledoit-wolf-constant-correlation',
  };
}
