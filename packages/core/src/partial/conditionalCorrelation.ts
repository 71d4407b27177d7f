import { symmetricPseudoInverse } from './symmetricPseudoInverse.js';

/** Correlation of some series given others. */
export interface ConditionalCorrelation {
  /** q×q row-major correlation matrix of the kept series given the chosen ones. */
  readonly correlation: Float64Array;
  /** Indices (into the input matrix) of the kept series, in order: row i of `correlation` is series keep[i]. */
  readonly keep: readonly number[];
}

/**
 * Correlation of the series not in `given`, net of the series in `given`
 * (e.g. EUR/USD and GBP/USD net of a dollar factor): the correlation matrix
 * of the conditional covariance
 *
 *   Σ_XX·Z = Σ_XX − Σ_XZ Σ_ZZ⁺ Σ_ZX,
 *
 * which is the inverse of the X block of the precision matrix Σ⁻¹ (block
 * inversion; Whittaker 1990, "Graphical Models in Applied Multivariate
 * Statistics", §5.7) and the covariance of the residuals of each X regressed
 * on Z and a constant. The Schur-complement route needs only Σ_ZZ to be
 * invertible — Σ itself may be singular, as it is when the dollar factor is
 * an average of the pairs being compared. Σ_ZZ⁺ is a pseudo-inverse.
 *
 * `m` is a row-major k×k covariance (or correlation) matrix; `given` the
 * indices of the conditioning series. O(q²·g + g³).
 *
 * Degenerate input: a non-finite entry gives NaN; a series that Z explains
 * completely (conditional variance ≤ 0) gets NaN off the diagonal.
 *
 * @throws RangeError when `m.length` is not k², or an index in `given` is
 *   out of range or repeated.
 * @example conditionalCorrelation(Float64Array.of(1, 0.5, 0.5, 0.5, 1, 0.5, 0.5, 0.5, 1), 3, [2]).correlation[1] // 0.3333…
 */
export function conditionalCorrelation(m: Float64Array, k: number, given: readonly number[]): ConditionalCorrelation {
  if (m.length !== k * k) throw new RangeError(`conditionalCorrelation: matrix length ${m.length} is not k² = ${k}²`);
  const seen = new Set<number>();
  for (const g of given) {
    if (!Number.isInteger(g) || g < 0 || g >= k) throw new RangeError(`conditionalCorrelation: given index ${g} is not in 0…${k - 1}`);
    if (seen.has(g)) throw new RangeError(`conditionalCorrelation: given index ${g} repeated`);
    seen.add(g);
  }
  const keep: number[] = [];
  for (let i = 0; i < k; i++) if (!seen.has(i)) keep.push(i);
  const q = keep.length;
  const g = given.length;
  const szz = new Float64Array(g * g);
  for (let a = 0; a < g; a++) for (let b = 0; b < g; b++) szz[a * g + b] = m[given[a]! * k + given[b]!]!;
  const inv = symmetricPseudoInverse(szz, g);
  // B = Σ_XZ Σ_ZZ⁺ (q×g), then Σ_XX − B Σ_ZX.
  const bxz = new Float64Array(q * g);
  for (let i = 0; i < q; i++) {
    for (let b = 0; b < g; b++) {
      let s = 0;
      for (let a = 0; a < g; a++) s += m[keep[i]! * k + given[a]!]! * inv[a * g + b]!;
      bxz[i * g + b] = s;
    }
  }
  const c = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = i; j < q; j++) {
      let s = m[keep[i]! * k + keep[j]!]!;
      for (let b = 0; b < g; b++) s -= bxz[i * g + b]! * m[given[b]! * k + keep[j]!]!;
      c[i * q + j] = s;
      c[j * q + i] = s;
    }
  }
  const out = new Float64Array(q * q);
  for (let i = 0; i < q; i++) {
    for (let j = 0; j < q; j++) {
      const vi = c[i * q + i]!;
      const vj = c[j * q + j]!;
      if (i === j) out[i * q + j] = Number.isNaN(vi) ? Number.NaN : 1;
      else out[i * q + j] = vi > 0 && vj > 0 ? c[i * q + j]! / Math.sqrt(vi * vj) : Number.NaN;
    }
  }
  return { correlation: out, keep };
}
