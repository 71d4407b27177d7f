import { checkLengths } from '../correlation/checkLengths.js';
import { pearsonKernel } from '../correlation/pearson.js';
import { pearsonPValue } from '../correlation/pearsonPValue.js';

/** Cross-correlation of two series over a range of lags. */
export interface CrossCorrelation {
  /** The lags −maxLag … maxLag. At lag k, xₜ is paired with yₜ₊ₖ: k > 0 means x leads y by k periods. */
  readonly lags: Int32Array;
  /** Pearson's r of the pairs at each lag (NaN with fewer than 3 pairs or a constant side). */
  readonly r: Float64Array;
  /** Pairs used at each lag (both values finite). */
  readonly n: Int32Array;
  /** Two-sided p-value of each r under H0: ρ = 0 (t-test, n − 2 degrees of freedom). */
  readonly p: Float64Array;
  /** The lag of largest |r| (the first if tied), or null when no lag has a finite r. */
  readonly best: {
    readonly lag: number;
    readonly r: number;
    readonly n: number;
    readonly p: number;
    /** p × (number of lags tested), capped at 1: Bonferroni for having picked the largest of 2·maxLag + 1. */
    readonly pAdjusted: number;
  } | null;
}

/**
 * Cross-correlation ρ(k) = corr(xₜ, yₜ₊ₖ) for k = −maxLag … maxLag: at each
 * lag the Pearson correlation of the overlapping pairs (each side centred on
 * its own mean over those pairs; pairs with a non-finite value dropped), as
 * pandas `x.corr(y.shift(-k))` computes it. Positive k: x leads y.
 *
 * Significance, per lag: the exact two-sided t-test of ρ = 0 for the n pairs
 * at that lag (t = r√((n−2)/(1−r²)), Student's t with n − 2 df; SciPy
 * `pearsonr`) — valid for serially uncorrelated series such as FX returns;
 * for autocorrelated series it overstates significance (Bartlett 1935) and
 * the series should be prewhitened first. The lag of maximum |ρ| is reported
 * with its p-value times the number of lags tried (Bonferroni), because the
 * largest of 2·maxLag + 1 coefficients is not one test.
 *
 * O(n · (2·maxLag + 1)).
 *
 * @throws RangeError when the lengths differ or maxLag is not a whole number
 *   in 0 … n − 1.
 * @example crossCorrelation(Float64Array.of(1, 3, 2, 5, 4, 6), Float64Array.of(0, 1, 3, 2, 5, 4), 1).best?.lag // 1 (y repeats x one step later)
 */
export function crossCorrelation(x: ArrayLike<number>, y: ArrayLike<number>, maxLag: number): CrossCorrelation {
  const n = checkLengths('crossCorrelation', x, y);
  if (!Number.isInteger(maxLag) || maxLag < 0 || (n > 0 && maxLag > n - 1)) {
    throw new RangeError(`crossCorrelation: maxLag must be a whole number in 0…${Math.max(0, n - 1)}, got ${maxLag}`);
  }
  const m = 2 * maxLag + 1;
  const lags = new Int32Array(m);
  const r = new Float64Array(m);
  const count = new Int32Array(m);
  const p = new Float64Array(m);
  const bx = new Float64Array(n);
  const by = new Float64Array(n);
  let best = -1;
  for (let i = 0; i < m; i++) {
    const k = i - maxLag;
    lags[i] = k;
    let c = 0;
    for (let t = Math.max(0, -k); t < n && t + k < n; t++) {
      const a = x[t]!;
      const b = y[t + k]!;
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      bx[c] = a;
      by[c++] = b;
    }
    count[i] = c;
    const rho = c >= 3 ? pearsonKernel(bx, by, c) : Number.NaN;
    r[i] = rho;
    p[i] = Number.isNaN(rho) ? Number.NaN : pearsonPValue(rho, c);
    if (!Number.isNaN(rho) && (best < 0 || Math.abs(rho) > Math.abs(r[best]!))) best = i;
  }
  return {
    lags,
    r,
    n: count,
    p,
    best: best < 0 ? null : { lag: lags[best]!, r: r[best]!, n: count[best]!, p: p[best]!, pAdjusted: Math.min(1, p[best]! * m) },
  };
}
