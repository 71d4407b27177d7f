import type { DccFit } from './dccFit.js';

/**
 * Forecasts of the conditional correlation matrix of a fitted DCC(1,1),
 * for steps 1…horizon after the last observation.
 *
 * One step is exact: Q_T = (1 − a − b)Q̄ + a z_T−1 z_T−1ᵀ + b Q_T−1,
 * R_T+1|T = diag(Q_T)^−½ Q_T diag(Q_T)^−½. Beyond it the recursion is not
 * linear in R, and this uses Engle & Sheppard's (2001, NBER WP 8554, §3)
 * approximation E[Rₜ₊ₕ] ≈ E[Qₜ₊ₕ] with R̄ ≈ Q̄:
 * R_T+h ≈ (1 − (a + b)^(h−1)) R̄ + (a + b)^(h−1) R_T+1, with R̄ = Q̄
 * rescaled to a unit diagonal — a geometric pull from the one-step matrix to
 * the long-run correlation at rate a + b.
 *
 * Returns `horizon` k×k row-major matrices, one step ahead first.
 * O(horizon · k²).
 *
 * Degenerate input: a fit with NaN parameters gives NaN matrices; horizon
 * < 1 gives none.
 *
 * @example dccForecast(fit, 10)[9] // the 10-step-ahead correlation matrix
 */
export function dccForecast(fit: DccFit, horizon: number): Float64Array[] {
  const { k, a, b, qbar, lastQ, lastZ } = fit;
  const n = Math.max(0, Math.floor(horizon));
  const kk = k * k;
  const q1 = new Float64Array(kk);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) q1[i * k + j] = (1 - a - b) * qbar[i * k + j]! + a * lastZ[i]! * lastZ[j]! + b * lastQ[i * k + j]!;
  const r1 = toCorrelation(q1, k);
  const rbar = toCorrelation(qbar, k);
  const out: Float64Array[] = [];
  for (let h = 1; h <= n; h++) {
    const w = (a + b) ** (h - 1);
    const m = new Float64Array(kk);
    for (let i = 0; i < kk; i++) m[i] = (1 - w) * rbar[i]! + w * r1[i]!;
    out.push(m);
  }
  return out;
}

function toCorrelation(q: Float64Array, k: number): Float64Array {
  const r = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) r[i * k + j] = i === j ? 1 : q[i * k + j]! / Math.sqrt(q[i * k + i]! * q[j * k + j]!);
  }
  return r;
}
