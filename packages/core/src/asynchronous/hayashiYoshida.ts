import { checkTicks } from './checkTicks.js';

/** The Hayashi–Yoshida estimate for two asynchronously observed series. */
export interface HayashiYoshida {
  /** Σ ΔX(I)·ΔY(J) over overlapping observation intervals. */
  readonly covariance: number;
  /** Realised variance of x on its own times, Σ ΔX². */
  readonly varianceX: number;
  /** Realised variance of y on its own times, Σ ΔY². */
  readonly varianceY: number;
  /** covariance / √(varianceX·varianceY). Not clamped: in small samples |ρ| can exceed 1. */
  readonly correlation: number;
  /** Pairs of overlapping intervals summed (≤ nx + ny − 3). */
  readonly overlaps: number;
}

/**
 * Hayashi–Yoshida covariance and correlation of two series observed at their
 * own irregular times (ticks, or bars of instruments that trade at different
 * moments), with no interpolation onto a common grid:
 *
 *   HY = Σᵢ Σⱼ ΔX(Iᵢ)·ΔY(Jⱼ)·1{Iᵢ ∩ Jⱼ ≠ ∅},
 *
 * Iᵢ = (tᵢ₋₁, tᵢ], Jⱼ = (sⱼ₋₁, sⱼ] the intervals between consecutive
 * observations. Unbiased and consistent for the integrated covariance of the
 * diffusions, where previous-tick sampling on a grid is biased towards 0 as
 * the grid gets finer (the Epps effect, see {@link eppsCurve}). Hayashi &
 * Yoshida (2005), "On covariance estimation of non-synchronously observed
 * diffusion processes", Bernoulli 11(2), 359–379, eq. (1.4). The correlation
 * divides by the realised variances of each series on its own times.
 *
 * `x` and `y` are log prices (levels, not returns) at times `tx`, `ty` (any
 * unit, strictly increasing). Give both series over the same period:
 * intervals outside the other series' span add to its variance and nothing
 * to the covariance.
 *
 * O(nx + ny): a sweep, each interval of x meeting a contiguous run of y's.
 *
 * Degenerate input: fewer than 2 observations of either series, a NaN
 * value, or a constant series give NaN (covariance NaN only for the first
 * two).
 *
 * @throws RangeError when a series has more times than values (or fewer),
 *   or its times are not finite and strictly increasing.
 * @example hayashiYoshida([0, 2, 4], Float64Array.of(0, 1, 3), [1, 3], Float64Array.of(0, 2)).covariance // 6 (ΔY over (1, 3] meets both intervals of x: (1 + 2)·2)
 */
export function hayashiYoshida(tx: ArrayLike<number>, x: ArrayLike<number>, ty: ArrayLike<number>, y: ArrayLike<number>): HayashiYoshida {
  checkTicks('hayashiYoshida', 'x', tx, x);
  checkTicks('hayashiYoshida', 'y', ty, y);
  const nx = tx.length;
  const ny = ty.length;
  const nan = Number.NaN;
  if (nx < 2 || ny < 2) return { covariance: nan, varianceX: nan, varianceY: nan, correlation: nan, overlaps: 0 };
  let vx = 0;
  for (let i = 1; i < nx; i++) vx += (x[i]! - x[i - 1]!) ** 2;
  let vy = 0;
  for (let j = 1; j < ny; j++) vy += (y[j]! - y[j - 1]!) ** 2;
  let cov = 0;
  let overlaps = 0;
  let j0 = 1;
  for (let i = 1; i < nx; i++) {
    const a = tx[i - 1]!;
    const b = tx[i]!;
    // y intervals ending at or before a can meet no later x interval either.
    while (j0 < ny && ty[j0]! <= a) j0++;
    let s = 0;
    // (sⱼ₋₁, sⱼ] meets (a, b] iff sⱼ > a and sⱼ₋₁ < b; the first holds from j0 on.
    for (let j = j0; j < ny && ty[j - 1]! < b; j++) {
      s += y[j]! - y[j - 1]!;
      overlaps++;
    }
    cov += (x[i]! - x[i - 1]!) * s;
  }
  return { covariance: cov, varianceX: vx, varianceY: vy, correlation: cov / Math.sqrt(vx * vy), overlaps };
}
