import { symmetricPseudoInverse } from './symmetricPseudoInverse.js';

/**
 * Partial correlation of every pair given all the other series, from the
 * precision matrix P = Σ⁺ (the pseudo-inverse of a covariance or correlation
 * matrix): ρᵢⱼ·rest = −Pᵢⱼ / √(PᵢᵢPⱼⱼ), unit diagonal — R
 * `corpcor::cor2pcor` (Whittaker 1990, "Graphical Models in Applied
 * Multivariate Statistics", §5.7). Scale invariant: a covariance and its
 * correlation matrix give the same result. Feed it a shrunk matrix
 * (`correlationShrink`) when series are many and observations few — that is
 * `corpcor::pcor.shrink`.
 *
 * `m` is row-major k×k, symmetric (upper triangle read). O(k³) (Jacobi
 * eigen-decomposition), for dozens of series.
 *
 * Degenerate input: a non-finite entry gives all NaN; a series whose
 * precision is 0 (in the null space of a singular matrix) gets NaN
 * off-diagonal entries.
 *
 * @throws RangeError when `m.length` is not k².
 * @example partialCorrelation(Float64Array.of(1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1), 3)[1] // 0.3333… (= (0.5 − 0.25)/(1 − 0.25))
 */
export function partialCorrelation(m: Float64Array, k: number): Float64Array {
  if (m.length !== k * k) throw new RangeError(`partialCorrelation: matrix length ${m.length} is not k² = ${k}²`);
  const p = symmetricPseudoInverse(m, k);
  const out = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const d = Math.sqrt(p[i * k + i]! * p[j * k + j]!);
      out[i * k + j] = i === j ? (Number.isNaN(p[i * k + i]!) ? Number.NaN : 1) : d > 0 ? -p[i * k + j]! / d : Number.NaN;
    }
  }
  return out;
}
