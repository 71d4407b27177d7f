import { cholesky } from '../linalg/cholesky.js';
import { chiSquareSurvival } from '../stats/chiSquareSurvival.js';

/** Jennrich's test of equality of two correlation matrices ({@link jennrichTest}). */
export interface JennrichTest {
  /** The χ² statistic. */
  readonly statistic: number;
  /** Degrees of freedom p(p − 1)/2. */
  readonly df: number;
  /** Upper-tail χ² probability of the statistic. */
  readonly pValue: number;
}

/**
 * Jennrich's (1970) asymptotic χ² test that two correlation matrices from
 * independent samples are equal ("An asymptotic χ² test for the equality of
 * two correlation matrices", JASA 65(330), 904–912):
 * R̄ = (n₁R₁ + n₂R₂)/(n₁ + n₂), c = n₁n₂/(n₁ + n₂), Z = √c · R̄⁻¹(R₁ − R₂),
 * S = I + R̄ ∘ R̄⁻¹ (elementwise product), and
 * χ² = ½ tr(Z²) − dg(Z)ᵀ S⁻¹ dg(Z) with p(p − 1)/2 degrees of freedom.
 *
 * Matrices are row-major p×p. O(p³).
 *
 * Degenerate input: R̄ not positive definite (a singular pooled matrix —
 * e.g. a cross and its two legs), a non-finite entry, p < 2 or n ≤ 0 →
 * NaN statistic and p-value.
 *
 * @example jennrichTest(Float64Array.of(1, 0.5, 0.5, 1), 100, Float64Array.of(1, 0.2, 0.2, 1), 100, 2).pValue // 0.015629… (χ² 5.8441…, df 1)
 */
export function jennrichTest(r1: Float64Array, n1: number, r2: Float64Array, n2: number, p: number): JennrichTest {
  const df = (p * (p - 1)) / 2;
  const nan = { statistic: NaN, df, pValue: NaN };
  if (p < 2 || !(n1 > 0 && n2 > 0) || r1.length < p * p || r2.length < p * p) return nan;
  const pp = p * p;
  const bar = new Float64Array(pp);
  for (let i = 0; i < pp; i++) bar[i] = (n1 * r1[i]! + n2 * r2[i]!) / (n1 + n2);
  const inv = spdInverse(bar, p);
  if (!inv) return nan;
  const c = Math.sqrt((n1 * n2) / (n1 + n2));
  // Z = √c · R̄⁻¹ (R₁ − R₂)
  const z = new Float64Array(pp);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j < p; j++) {
      let acc = 0;
      for (let k = 0; k < p; k++) acc += inv[i * p + k]! * (r1[k * p + j]! - r2[k * p + j]!);
      z[i * p + j] = c * acc;
    }
  }
  let trZ2 = 0;
  for (let i = 0; i < p; i++) for (let k = 0; k < p; k++) trZ2 += z[i * p + k]! * z[k * p + i]!;
  const s = new Float64Array(pp);
  for (let i = 0; i < pp; i++) s[i] = bar[i]! * inv[i]!;
  for (let i = 0; i < p; i++) s[i * p + i] = s[i * p + i]! + 1;
  const sInv = spdInverse(s, p);
  if (!sInv) return nan;
  let quad = 0;
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) quad += z[i * p + i]! * sInv[i * p + j]! * z[j * p + j]!;
  const statistic = 0.5 * trZ2 - quad;
  return { statistic, df, pValue: chiSquareSurvival(statistic, df) };
}

/** Inverse of a symmetric positive-definite matrix through its Cholesky factor; undefined when it is not. */
function spdInverse(a: Float64Array, p: number): Float64Array | undefined {
  const f = cholesky(a, p);
  if (!f.ok || f.rank < p) return undefined;
  const l = f.l;
  // L⁻¹ by forward substitution, then A⁻¹ = L⁻ᵀ L⁻¹.
  const li = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    li[j * p + j] = 1 / l[j * p + j]!;
    for (let i = j + 1; i < p; i++) {
      let acc = 0;
      for (let k = j; k < i; k++) acc += l[i * p + k]! * li[k * p + j]!;
      li[i * p + j] = -acc / l[i * p + i]!;
    }
  }
  const out = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let acc = 0;
      for (let k = i; k < p; k++) acc += li[k * p + i]! * li[k * p + j]!;
      out[i * p + j] = acc;
      out[j * p + i] = acc;
    }
  }
  return out;
}
