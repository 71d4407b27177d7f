import { chiSquareSurvival } from '../stats/chiSquareSurvival.js';

/** A likelihood-ratio statistic and its asymptotic chi-square p-value. */
export interface LikelihoodRatio {
  readonly lr: number;
  readonly df: 1 | 2;
  readonly pValue: number;
}

/** x·ln(y) with 0·ln 0 = 0 (SciPy's `xlogy`). */
function xlogy(x: number, y: number): number {
  return x === 0 ? 0 : x * Math.log(y);
}

/**
 * Kupiec's proportion-of-failures test (Kupiec 1995, "Techniques for
 * verifying the accuracy of risk measurement models", J. Derivatives 3(2)):
 * with x breaches in n days and expected rate p = 1 − c,
 * LR = −2[(n−x) ln(1−p) + x ln p] + 2[(n−x) ln(1−x/n) + x ln(x/n)] ~ χ²(1),
 * with 0·ln 0 = 0.
 *
 * O(1).
 *
 * Degenerate input: n < 1, x outside [0, n], p outside (0, 1) → NaN.
 *
 * @example kupiecPof(5, 250, 0.01) // { lr: 1.9568…, df: 1, pValue: 0.1618… }
 */
export function kupiecPof(breaches: number, n: number, p: number): LikelihoodRatio {
  if (!(n >= 1 && breaches >= 0 && breaches <= n && p > 0 && p < 1)) return { lr: Number.NaN, df: 1, pValue: Number.NaN };
  const x = breaches;
  const phat = x / n;
  const lr = -2 * (xlogy(n - x, 1 - p) + xlogy(x, p)) + 2 * (xlogy(n - x, 1 - phat) + xlogy(x, phat));
  const v = Math.max(0, lr);
  return { lr: v, df: 1, pValue: chiSquareSurvival(v, 1) };
}

/** Christoffersen's independence test with its transition counts. */
export interface IndependenceTest extends LikelihoodRatio {
  /** Transitions no-breach → no-breach, no-breach → breach, breach → no-breach, breach → breach. */
  readonly n00: number;
  readonly n01: number;
  readonly n10: number;
  readonly n11: number;
}

/**
 * Christoffersen's (1998) Markov independence test of a breach sequence
 * ("Evaluating interval forecasts", International Economic Review 39(4)):
 * from the first-order transition counts nᵢⱼ (state i today, j tomorrow),
 * π₀ = n01/(n00+n01), π₁ = n11/(n10+n11), π = (n01+n11)/(n00+n01+n10+n11),
 * LR = −2 ln[(1−π)^{n00+n10} π^{n01+n11}] + 2 ln[(1−π₀)^{n00} π₀^{n01} (1−π₁)^{n10} π₁^{n11}]
 * ~ χ²(1), with 0·ln 0 = 0 (an empty row contributes nothing).
 *
 * O(n), no allocation.
 *
 * Degenerate input: fewer than 2 observations → NaN.
 *
 * @example christoffersenIndependence(Uint8Array.of(0, 1, 1, 0, 0, 0, 1, 0)).lr // 0.19645…
 */
export function christoffersenIndependence(hits: ArrayLike<number>): IndependenceTest {
  let n00 = 0;
  let n01 = 0;
  let n10 = 0;
  let n11 = 0;
  for (let t = 1; t < hits.length; t++) {
    const a = hits[t - 1] ? 1 : 0;
    const b = hits[t] ? 1 : 0;
    if (a === 0) {
      if (b === 0) n00++;
      else n01++;
    } else if (b === 0) n10++;
    else n11++;
  }
  const total = n00 + n01 + n10 + n11;
  if (total < 1) return { lr: Number.NaN, df: 1, pValue: Number.NaN, n00, n01, n10, n11 };
  const pi0 = n00 + n01 > 0 ? n01 / (n00 + n01) : 0;
  const pi1 = n10 + n11 > 0 ? n11 / (n10 + n11) : 0;
  const pi = (n01 + n11) / total;
  const l0 = xlogy(n00 + n10, 1 - pi) + xlogy(n01 + n11, pi);
  const l1 = xlogy(n00, 1 - pi0) + xlogy(n01, pi0) + xlogy(n10, 1 - pi1) + xlogy(n11, pi1);
  const lr = Math.max(0, -2 * (l0 - l1));
  return { lr, df: 1, pValue: chiSquareSurvival(lr, 1), n00, n01, n10, n11 };
}

/** Backtest of a VaR forecast series against realised P&L. */
export interface VarBacktest {
  readonly confidence: number;
  /** Days with both a P&L and a VaR forecast. */
  readonly n: number;
  /** Days whose loss exceeded the VaR (P&L < −VaR). */
  readonly breaches: number;
  /** n · (1 − c). */
  readonly expected: number;
  /** Indices (into the input arrays) of the breach days, ascending. */
  readonly breachIndex: Int32Array;
  readonly kupiec: LikelihoodRatio;
  readonly independence: IndependenceTest;
  /** Christoffersen's conditional coverage: LR_pof + LR_ind ~ χ²(2). */
  readonly conditionalCoverage: LikelihoodRatio;
}

/**
 * Backtests VaR forecasts: day t is a breach when `pnl[t] < −varForecast[t]`
 * (a loss strictly larger than the VaR; forecasts must use data up to t − 1
 * only, as {@link rollingVaR} produces). Days where either value is NaN are
 * left out (the breach sequence is the remaining days in order). Reports
 * Kupiec's POF, Christoffersen's independence and their sum, the
 * conditional-coverage statistic.
 *
 * O(n).
 *
 * Degenerate input: mismatched lengths or no usable day → NaN statistics.
 *
 * @example varBacktest(pnl, forecasts, 0.99).kupiec.pValue
 */
export function varBacktest(pnl: Float64Array, varForecast: Float64Array, confidence: number): VarBacktest {
  const len = pnl.length === varForecast.length ? pnl.length : 0;
  const hits = new Uint8Array(len);
  const idx = new Int32Array(len);
  let n = 0;
  let x = 0;
  for (let t = 0; t < len; t++) {
    const v = varForecast[t]!;
    const p = pnl[t]!;
    if (Number.isNaN(v) || Number.isNaN(p)) continue;
    const hit = p < -v ? 1 : 0;
    hits[n++] = hit;
    if (hit) idx[x++] = t;
  }
  const kupiec = kupiecPof(x, n, 1 - confidence);
  const independence = christoffersenIndependence(hits.subarray(0, n));
  const cc = kupiec.lr + independence.lr;
  return {
    confidence,
    n,
    breaches: x,
    expected: n * (1 - confidence),
    breachIndex: idx.slice(0, x),
    kupiec,
    independence,
    conditionalCoverage: { lr: cc, df: 2, pValue: chiSquareSurvival(cc, 2) },
  };
}
