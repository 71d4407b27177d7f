import { cholesky } from '../linalg/cholesky.js';
import { normalFill } from '../random/normal.js';
import { Xoshiro256 } from '../random/xoshiro256.js';
import { historicalFromSorted, nanMeasure } from './historicalVaR.js';
import { DEFAULT_QUANTILE_METHOD, type QuantileMethod } from './quantile.js';
import { validConfidence, type RiskMeasure } from './types.js';

/** Options of {@link monteCarloVaR}. */
export interface MonteCarloOptions {
  /** Number of simulated scenarios (default 100,000). */
  readonly paths?: number;
  /** PRNG seed (xoshiro256** via splitmix64); the same seed gives the same result. Default 1. */
  readonly seed?: number;
  /** Periods per scenario: returns ~ N(μh, Σh) (default 1). */
  readonly horizon?: number;
  /** Mean return per period of each factor (default zero). */
  readonly mean?: Float64Array;
  /**
   * `'linear'` (default): P&L = Σ wᵢ rᵢ — consistent with the parametric
   * normal VaR, to which it converges. `'exp'`: P&L = Σ wᵢ (e^{rᵢ} − 1),
   * full revaluation of positions whose value follows the log return.
   */
  readonly revaluation?: 'linear' | 'exp';
  /** Quantile definition for VaR on the simulated P&L (default `linear`). */
  readonly quantileMethod?: QuantileMethod;
  /** Keep the simulated P&L (sorted ascending) in the result. */
  readonly keepPnl?: boolean;
}

/** Result of {@link monteCarloVaR}. */
export interface MonteCarloResult {
  readonly measures: RiskMeasure[];
  readonly paths: number;
  readonly seed: number;
  /** Rank of the covariance matrix as factorised (< k when factors are collinear). */
  readonly rank: number;
  /** Simulated P&L, sorted ascending, when `keepPnl`. */
  readonly pnl?: Float64Array;
}

/**
 * Monte Carlo VaR/ES of a portfolio of k linear exposures to jointly normal
 * factor returns with covariance Σ (row-major k×k, per period), losses
 * positive. Correlated draws are r = μh + √h·L·z with L the Cholesky factor
 * of Σ (rank-deficient Σ allowed, see {@link cholesky}) and z i.i.d. N(0, 1)
 * from xoshiro256** + Marsaglia's polar method; VaR and ES are then read off
 * the simulated P&L as in {@link historicalVaR}.
 *
 * Reproducible: the draws depend only on `seed`, `paths` and k.
 * O(paths · k²) time, O(paths + k²) memory.
 *
 * Degenerate input: Σ not positive semi-definite or non-finite, lengths
 * that do not match k, paths < 1 → NaN measures.
 *
 * @example monteCarloVaR(cov, 10, exposures, [0.99], { paths: 100_000, seed: 7 }).measures[0].var
 */
export function monteCarloVaR(cov: Float64Array, k: number, exposure: Float64Array, confidences: readonly number[], opts: MonteCarloOptions = {}): MonteCarloResult {
  const paths = Math.floor(opts.paths ?? 100_000);
  const seed = opts.seed ?? 1;
  const h = opts.horizon ?? 1;
  const method = opts.quantileMethod ?? DEFAULT_QUANTILE_METHOD;
  const fail = (rank = 0): MonteCarloResult => ({ measures: confidences.map(nanMeasure), paths, seed, rank });
  if (!(paths >= 1) || cov.length !== k * k || exposure.length !== k || !(h > 0) || (opts.mean && opts.mean.length !== k)) return fail();
  const { l, ok, rank } = cholesky(cov, k);
  if (!ok) return fail();
  const sh = Math.sqrt(h);
  // Fold √h and the exposures into the factor: P&L (linear) = Σᵢ wᵢ μᵢh + Σⱼ (Σᵢ wᵢ Lᵢⱼ √h) zⱼ.
  const lh = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) lh[i] = l[i]! * sh;
  const mu = new Float64Array(k);
  if (opts.mean) for (let i = 0; i < k; i++) mu[i] = opts.mean[i]! * h;
  const exp = opts.revaluation === 'exp';
  let wl: Float64Array | undefined;
  let muPnl = 0;
  if (!exp) {
    wl = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let i = j; i < k; i++) s += exposure[i]! * lh[i * k + j]!;
      wl[j] = s;
    }
    for (let i = 0; i < k; i++) muPnl += exposure[i]! * mu[i]!;
  }
  const rng = new Xoshiro256(seed);
  const pnl = new Float64Array(paths);
  // Draw in blocks so memory stays O(block · k).
  const block = 4096;
  const z = new Float64Array(block * k);
  for (let start = 0; start < paths; start += block) {
    const m = Math.min(block, paths - start);
    normalFill(rng, z.subarray(0, m * k));
    for (let p = 0; p < m; p++) {
      const zp = p * k;
      let v = 0;
      if (wl) {
        v = muPnl;
        for (let j = 0; j < k; j++) v += wl[j]! * z[zp + j]!;
      } else {
        for (let i = 0; i < k; i++) {
          let r = mu[i]!;
          const row = i * k;
          for (let j = 0; j <= i; j++) r += lh[row + j]! * z[zp + j]!;
          v += exposure[i]! * Math.expm1(r);
        }
      }
      pnl[start + p] = v;
    }
  }
  pnl.sort();
  const measures = confidences.map((c) => (validConfidence(c) ? historicalFromSorted(pnl, c, method) : nanMeasure(c)));
  return opts.keepPnl ? { measures, paths, seed, rank, pnl } : { measures, paths, seed, rank };
}
