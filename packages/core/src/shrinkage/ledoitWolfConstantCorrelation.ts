import { allFinite, centeredGram, checkShape } from './centeredGram.js';
import type { ShrunkCovariance } from './types.js';

/**
 * Ledoit–Wolf shrinkage of the sample covariance towards the
 * constant-correlation matrix F (fᵢᵢ = sᵢᵢ, fᵢⱼ = r̄·√(sᵢᵢsⱼⱼ), r̄ the mean
 * of the sample correlations): Σ̂ = δF + (1 − δ)S, with
 * δ = max(0, min(κ̂/T, 1)), κ̂ = (π̂ − ρ̂)/γ̂, as in Ledoit & Wolf (2004),
 * "Honey, I shrunk the sample covariance matrix", Journal of Portfolio
 * Management 30(4), 110–119 (S is the 1/T sample covariance, as there):
 *
 * - π̂ = Σᵢⱼ (1/T)Σₜ (cₜᵢcₜⱼ − sᵢⱼ)², the sum of the asymptotic variances of
 *   √T·sᵢⱼ (c the centred data);
 * - ρ̂ = Σᵢ π̂ᵢᵢ + Σᵢ≠ⱼ (r̄/2)(√(sⱼⱼ/sᵢᵢ)·ϑ̂ᵢᵢ,ᵢⱼ + √(sᵢᵢ/sⱼⱼ)·ϑ̂ⱼⱼ,ᵢⱼ), with
 *   ϑ̂ᵢᵢ,ᵢⱼ = (1/T)Σₜ (cₜᵢ² − sᵢᵢ)(cₜᵢcₜⱼ − sᵢⱼ);
 * - γ̂ = ‖F − S‖², the misspecification of the target.
 *
 * The sums over pairs fold into sums over t of row totals, so the intensity
 * costs O(T·k + k²) on top of S's O(T·k²/2): e.g. Σⱼ √sⱼⱼ·ϑ̂ᵢᵢ,ᵢⱼ =
 * (1/T)Σₜ cₜᵢ³·(Σⱼ √sⱼⱼ cₜⱼ) − sᵢᵢ·Σⱼ √sⱼⱼ sᵢⱼ.
 *
 * `x` holds T observations of k series, row-major (T×k).
 *
 * Degenerate input: T < 2, k < 2, a non-finite value or a constant column
 * (its correlations, hence r̄, are undefined) give NaN everywhere; a sample
 * matrix that already is constant-correlation (γ̂ = 0) gives δ = 0.
 *
 * @throws RangeError when `x.length` is not T·k.
 * @example ledoitWolfConstantCorrelation(Float64Array.of(1, 2, 0, 2, 1, 1, 3, 5, -1, 4, 3, 2, 5, 6, 0), 5, 3).shrinkage // 0.25699391192275…
 */
export function ledoitWolfConstantCorrelation(x: Float64Array, T: number, k: number): ShrunkCovariance {
  checkShape('ledoitWolfConstantCorrelation', x, T, k);
  const cov = new Float64Array(k * k);
  const nan = (): ShrunkCovariance => ({ covariance: cov.fill(Number.NaN), shrinkage: Number.NaN, target: 'constant-correlation', targetValue: Number.NaN });
  if (T < 2 || k < 2 || !allFinite(x)) return nan();
  const { z, gram } = centeredGram(x, T, k);
  const s = gram;
  for (let i = 0; i < k * k; i++) s[i] = s[i]! / T;
  const sd = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const v = s[i * k + i]!;
    if (!(v > 0)) return nan();
    sd[i] = Math.sqrt(v);
  }
  let rsum = 0;
  for (let i = 0; i < k; i++) for (let j = i + 1; j < k; j++) rsum += s[i * k + j]! / (sd[i]! * sd[j]!);
  const rbar = (2 * rsum) / (k * (k - 1));

  // Per-observation totals: q = Σᵢ cₜᵢ², u = Σⱼ √sⱼⱼ cₜⱼ.
  const q = new Float64Array(T);
  const u = new Float64Array(T);
  for (let i = 0; i < k; i++) {
    const o = i * T;
    const si = sd[i]!;
    for (let t = 0; t < T; t++) {
      const v = z[o + t]!;
      q[t] = q[t]! + v * v;
      u[t] = u[t]! + si * v;
    }
  }
  let s2 = 0;
  for (let i = 0; i < k * k; i++) s2 += s[i]! * s[i]!;
  let q2 = 0;
  for (let t = 0; t < T; t++) q2 += q[t]! * q[t]!;
  const piHat = q2 / T - s2;

  let piDiag = 0;
  let thetaTerm = 0;
  for (let i = 0; i < k; i++) {
    const o = i * T;
    const sii = s[i * k + i]!;
    const si = sd[i]!;
    let c4 = 0;
    let c3u = 0;
    for (let t = 0; t < T; t++) {
      const v = z[o + t]!;
      const v3 = v * v * v;
      c4 += v3 * v;
      c3u += v3 * u[t]!;
    }
    piDiag += c4 / T - sii * sii;
    let rowSd = 0;
    for (let j = 0; j < k; j++) rowSd += sd[j]! * s[i * k + j]!;
    // Σⱼ≠ᵢ √sⱼⱼ ϑ̂ᵢᵢ,ᵢⱼ: the j = i terms (√sᵢᵢ·cₜᵢ⁴ and √sᵢᵢ·sᵢᵢ²) taken out.
    const a = (c3u - si * c4) / T - sii * (rowSd - si * sii);
    thetaTerm += a / si;
  }
  // The two ϑ̂ terms of each unordered pair are the same sum with i and j swapped.
  const rhoHat = piDiag + rbar * thetaTerm;

  let gamma = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const d = rbar * sd[i]! * sd[j]! - s[i * k + j]!;
      gamma += d * d;
    }
  }
  const kappa = (piHat - rhoHat) / gamma;
  const delta = gamma === 0 ? 0 : Math.max(0, Math.min(kappa / T, 1));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const sij = s[i * k + j]!;
      cov[i * k + j] = i === j ? sij : delta * rbar * sd[i]! * sd[j]! + (1 - delta) * sij;
    }
  }
  return { covariance: cov, shrinkage: delta, target: 'constant-correlation', targetValue: rbar };
}
