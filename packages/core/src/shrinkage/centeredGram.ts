import { gramUpper } from '../correlation/gramUpper.js';

/** Centred data in series-major order and its cross-product matrix. */
export interface CenteredGram {
  /** k rows of length T: series i at `z[i*T + t]`, its mean removed (or not, when assumed centred). */
  readonly z: Float64Array;
  /** Full symmetric k×k matrix Σₜ zᵢₜ zⱼₜ (not divided by anything), row-major. */
  readonly gram: Float64Array;
  /** Column means that were removed (zeros when assumed centred). */
  readonly mean: Float64Array;
}

/**
 * Checks the shape of a T×k row-major data matrix for the shrinkage
 * estimators; a wrong length is a caller's error, so it throws.
 *
 * @internal not part of the package API (used inside core/shrinkage).
 */
export function checkShape(name: string, x: Float64Array, T: number, k: number): void {
  if (!Number.isInteger(T) || T < 0 || !Number.isInteger(k) || k < 0) throw new RangeError(`${name}: T and k must be whole numbers ≥ 0 (got ${T}, ${k})`);
  if (x.length !== T * k) throw new RangeError(`${name}: data length ${x.length} is not T·k = ${T}·${k}`);
}

/** True when every value is finite. @internal */
export function allFinite(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (!Number.isFinite(x[i]!)) return false;
  return true;
}

/**
 * Removes column means from T×k row-major data, transposes it to series-major
 * order and forms the cross-product matrix with the cache-blocked Gram kernel
 * the correlation matrix uses (one triangle, mirrored). This is the
 * O(T·k²/2) part every shrinkage estimator shares with the plain sample
 * covariance; their own extra work is O(T·k + k²).
 *
 * @internal not part of the package API (used inside core/shrinkage).
 */
export function centeredGram(x: Float64Array, T: number, k: number, assumeCentered = false): CenteredGram {
  const mean = new Float64Array(k);
  if (!assumeCentered && T > 0) {
    for (let t = 0; t < T; t++) {
      const row = t * k;
      for (let i = 0; i < k; i++) mean[i] = mean[i]! + x[row + i]!;
    }
    for (let i = 0; i < k; i++) mean[i] = mean[i]! / T;
  }
  const z = new Float64Array(k * T);
  for (let t = 0; t < T; t++) {
    const row = t * k;
    for (let i = 0; i < k; i++) z[i * T + t] = x[row + i]! - mean[i]!;
  }
  const gram = new Float64Array(k * k);
  gramUpper(z, k, T, gram);
  for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) gram[i * k + j] = gram[j * k + i]!;
  return { z, gram, mean };
}
