import { normalCdf } from '../stats/normalCdf.js';

/** A test of change between two correlations ({@link fisherZChange}). */
export interface CorrelationChange {
  /** atanh(r₁) − atanh(r₂). */
  readonly difference: number;
  /** The standardised difference, normal under H₀: ρ₁ = ρ₂. */
  readonly z: number;
  /** Two-sided p-value 2·Φ(−|z|). */
  readonly pValue: number;
}

/**
 * Test of equality of two correlations from independent samples (e.g. the
 * current window and the previous one, not overlapping) by Fisher's z
 * transformation: z = (atanh r₁ − atanh r₂) / √(1/(n₁ − 3) + 1/(n₂ − 3)),
 * two-sided p = 2·Φ(−|z|) (Fisher 1921; e.g. Cohen et al., Applied Multiple
 * Regression/Correlation Analysis, 3rd ed., §2.8.2).
 *
 * O(1).
 *
 * Degenerate input: n ≤ 3 in either sample, |r| > 1 or NaN → NaN; |r| = 1
 * gives an infinite z (p = 0) unless both are the same ±1 (NaN).
 *
 * @example fisherZChange(0.8, 60, 0.5, 60).pValue // 0.0033625… (z = 2.9325…)
 */
export function fisherZChange(r1: number, n1: number, r2: number, n2: number): CorrelationChange {
  if (!(n1 > 3 && n2 > 3)) return { difference: NaN, z: NaN, pValue: NaN };
  const difference = Math.atanh(r1) - Math.atanh(r2);
  const z = difference / Math.sqrt(1 / (n1 - 3) + 1 / (n2 - 3));
  return { difference, z, pValue: Number.isNaN(z) ? NaN : 2 * normalCdf(-Math.abs(z)) };
}
