/**
 * Negative correlation log-likelihood of a DCC(1,1) (Engle 2002, eq. 26's
 * second-step term), without constants:
 *
 *   ½ Σₜ₌₁ᵀ⁻¹ [ln|Rₜ| + zₜᵀRₜ⁻¹zₜ − zₜᵀzₜ],
 *
 * with Q₀ = Q̄, Qₜ = (1 − a − b)Q̄ + a zₜ₋₁zₜ₋₁ᵀ + b Qₜ₋₁ and
 * Rₜ = diag(Qₜ)^−½ Qₜ diag(Qₜ)^−½ (the first observation only feeds Q₁, as
 * the GARCH step conditions on its first return).
 *
 * `z` holds the standardised residuals time-major (zₜ,ᵢ at t·k + i); `qbar` is
 * k×k row-major. When `out` is given (length k(k−1)/2 · T), the correlation
 * of pair p = (i, j), i < j in row order, at time t is written to
 * out[p·T + t], for t = 0…T−1 (R₀ from Q̄). `work` needs 2k² + k doubles.
 *
 * O(T·k³/6): one Cholesky factorisation of Rₜ per step.
 *
 * Degenerate input: a < 0, b < 0 or a + b ≥ 1 → +∞; an Rₜ that is not
 * positive definite → +∞.
 *
 * @example dccNegLogLik(z, 1000, 3, qbar, 0.03, 0.95) // the value the optimiser minimises
 */
export function dccNegLogLik(
  z: Float64Array,
  T: number,
  k: number,
  qbar: Float64Array,
  a: number,
  b: number,
  work: Float64Array = new Float64Array(2 * k * k + k),
  out?: Float64Array,
): number {
  if (!(a >= 0 && b >= 0 && a + b < 1)) return Number.POSITIVE_INFINITY;
  const kk = k * k;
  const q = work.subarray(0, kk);
  const l = work.subarray(kk, 2 * kk);
  const y = work.subarray(2 * kk, 2 * kk + k);
  q.set(qbar.subarray(0, kk));
  const c = 1 - a - b;
  if (out) writeCorrelations(q, k, T, 0, out);
  let sum = 0;
  for (let t = 1; t < T; t++) {
    const zp = (t - 1) * k;
    for (let i = 0; i < k; i++) {
      const ai = a * z[zp + i]!;
      const row = i * k;
      for (let j = 0; j <= i; j++) q[row + j] = c * qbar[row + j]! + ai * z[zp + j]! + b * q[row + j]!;
    }
    if (out) writeCorrelations(q, k, T, t, out);
    // Rₜ into l (lower triangle), then its Cholesky factor in place.
    for (let i = 0; i < k; i++) l[i * k + i] = 1 / Math.sqrt(q[i * k + i]!);
    for (let i = 0; i < k; i++) {
      const si = l[i * k + i]!;
      for (let j = 0; j < i; j++) l[i * k + j] = q[i * k + j]! * si * l[j * k + j]!;
    }
    for (let i = 0; i < k; i++) l[i * k + i] = 1;
    let logDet = 0;
    for (let i = 0; i < k; i++) {
      const ri = i * k;
      for (let j = 0; j <= i; j++) {
        const rj = j * k;
        let s = l[ri + j]!;
        for (let m = 0; m < j; m++) s -= l[ri + m]! * l[rj + m]!;
        if (i === j) {
          if (!(s > 0)) return Number.POSITIVE_INFINITY;
          const d = Math.sqrt(s);
          l[ri + i] = d;
          logDet += Math.log(d);
        } else l[ri + j] = s / l[rj + j]!;
      }
    }
    // zᵀR⁻¹z = |L⁻¹z|², by forward substitution; zᵀz subtracted as it goes.
    const zt = t * k;
    let quad = 0;
    for (let i = 0; i < k; i++) {
      const ri = i * k;
      let s = z[zt + i]!;
      for (let m = 0; m < i; m++) s -= l[ri + m]! * y[m]!;
      const yi = s / l[ri + i]!;
      y[i] = yi;
      quad += yi * yi - z[zt + i]! * z[zt + i]!;
    }
    sum += 2 * logDet + quad;
  }
  return 0.5 * sum;
}

function writeCorrelations(q: Float64Array, k: number, T: number, t: number, out: Float64Array): void {
  let p = 0;
  for (let i = 0; i < k; i++) {
    const qi = q[i * k + i]!;
    for (let j = i + 1; j < k; j++) out[p++ * T + t] = q[j * k + i]! / Math.sqrt(qi * q[j * k + j]!);
  }
}
