import { bfgs } from '../optimize/bfgs.js';
import { garch11, type Garch11Fit, type Garch11Options } from '../volatility/garch11.js';
import { dccNegLogLik } from './dccNegLogLik.js';

/** Options of {@link dccFit}. */
export interface DccOptions {
  /** Mean of each series for the GARCH step (as {@link garch11}: `'zero'` default, or `'sample'`). */
  readonly mean?: Garch11Options['mean'];
  /** Keep the conditional correlation series of every pair (default true). */
  readonly keepCorrelations?: boolean;
}

/** A fitted DCC(1,1)-GARCH(1,1) model ({@link dccFit}). */
export interface DccFit {
  /** Number of series. */
  readonly k: number;
  /** Observations (returns) per series. */
  readonly T: number;
  /** The univariate GARCH(1,1) fits, one per series (first step). */
  readonly garch: readonly Garch11Fit[];
  /** DCC a (news coefficient). */
  readonly a: number;
  /** DCC b (decay). */
  readonly b: number;
  /** Q̄ = (1/T) Σ zₜzₜᵀ, k×k row-major: the target of the recursion. */
  readonly qbar: Float64Array;
  /** Correlation part of the log-likelihood, −½ Σₜ₌₁ᵀ⁻¹ [ln|Rₜ| + zₜᵀRₜ⁻¹zₜ − zₜᵀzₜ]. */
  readonly correlationLogLikelihood: number;
  /** Gaussian log-likelihood of the whole model: Σ GARCH log-likelihoods + the correlation part (Engle 2002, eq. 26). */
  readonly logLikelihood: number;
  /** Pairs (i, j), i < j, in row order: pairI[p], pairJ[p]. */
  readonly pairI: Int32Array;
  readonly pairJ: Int32Array;
  /** Conditional correlation of pair p at time t: correlations[p·T + t] (t = 0 is R₀ from Q̄); empty unless kept. */
  readonly correlations: Float64Array;
  /** Standardised residuals zₜ,ᵢ = εₜ,ᵢ/σₜ,ᵢ, time-major (z[t·k + i]). */
  readonly z: Float64Array;
  /** Q_T−1 (k×k), the last conditional Q, for forecasts. */
  readonly lastQ: Float64Array;
  /** z_T−1, the last standardised residuals, for forecasts. */
  readonly lastZ: Float64Array;
  readonly converged: boolean;
  readonly evaluations: number;
  readonly message: string;
}

/** Starting points (a, b) of the second step; BFGS runs from the best of them. */
const STARTS: readonly (readonly [number, number])[] = [
  [0.01, 0.97],
  [0.03, 0.95],
  [0.05, 0.9],
  [0.1, 0.8],
  [0.02, 0.5],
  [0.005, 0.99],
];

/**
 * DCC(1,1)-GARCH(1,1) (Engle, "Dynamic conditional correlation", JBES 20(3),
 * 2002) fitted by two-step Gaussian quasi maximum likelihood:
 *
 * 1. a GARCH(1,1) per series ({@link garch11}: zero mean by default, σ²₀ the
 *    mean square, likelihood over t = 1…T−1), standardised residuals
 *    zₜ,ᵢ = εₜ,ᵢ/σₜ,ᵢ;
 * 2. Q̄ = (1/T) Σ zₜzₜᵀ, Q₀ = Q̄, Qₜ = (1 − a − b)Q̄ + a zₜ₋₁zₜ₋₁ᵀ + b Qₜ₋₁,
 *    Rₜ = diag(Qₜ)^−½ Qₜ diag(Qₜ)^−½, and (a, b) maximise the correlation
 *    part −½ Σₜ₌₁ᵀ⁻¹ [ln|Rₜ| + zₜᵀRₜ⁻¹zₜ − zₜᵀzₜ] subject to a, b ≥ 0,
 *    a + b < 1 ({@link dccNegLogLik}).
 *
 * The second step is searched in a + b = logistic(θ₁), a/(a + b) =
 * logistic(θ₂) by BFGS (central-difference gradient) from the best of six
 * starting points.
 *
 * Complexity: the k GARCH fits, O(T·k) each evaluation, plus
 * O(T·k³/6) per evaluation of the second step (a few dozen evaluations).
 *
 * Degenerate input: a series whose GARCH fit fails (fewer than 10 returns,
 * a non-finite or constant series) → NaN a, b and likelihoods,
 * `converged: false`, `message` naming the series.
 *
 * @throws RangeError when fewer than two series are given or lengths differ.
 * @example dccFit([eurUsd, gbpUsd, usdJpy]).a // ≈ 0.03 on daily FX returns (b ≈ 0.95)
 */
export function dccFit(returns: readonly Float64Array[], opts: DccOptions = {}): DccFit {
  const k = returns.length;
  if (k < 2) throw new RangeError(`dccFit: need at least 2 series, got ${k}`);
  const T = returns[0]!.length;
  for (let i = 1; i < k; i++) if (returns[i]!.length !== T) throw new RangeError(`dccFit: series ${i} has ${returns[i]!.length} returns, series 0 has ${T}`);
  const garch = returns.map((r) => garch11(r, { mean: opts.mean, horizon: 0 }));
  const npairs = (k * (k - 1)) / 2;
  const pairI = new Int32Array(npairs);
  const pairJ = new Int32Array(npairs);
  for (let i = 0, p = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++, p++) {
      pairI[p] = i;
      pairJ[p] = j;
    }
  }
  const bad = garch.findIndex((g) => !Number.isFinite(g.logLikelihood));
  if (bad >= 0) {
    const nan = Number.NaN;
    return {
      k, T, garch, a: nan, b: nan, qbar: new Float64Array(k * k).fill(nan), correlationLogLikelihood: nan, logLikelihood: nan, pairI, pairJ,
      correlations: new Float64Array(0), z: new Float64Array(0), lastQ: new Float64Array(k * k).fill(nan), lastZ: new Float64Array(k).fill(nan),
      converged: false, evaluations: 0, message: `series ${bad}: GARCH(1,1) fit failed (${garch[bad]!.message})`,
    };
  }
  const z = new Float64Array(T * k);
  for (let i = 0; i < k; i++) {
    const r = returns[i]!;
    const g = garch[i]!;
    const h = g.conditionalVariance;
    for (let t = 0; t < T; t++) z[t * k + i] = (r[t]! - g.mu) / Math.sqrt(h[t]!);
  }
  const qbar = new Float64Array(k * k);
  for (let t = 0; t < T; t++) {
    const o = t * k;
    for (let i = 0; i < k; i++) {
      const zi = z[o + i]!;
      for (let j = 0; j <= i; j++) qbar[i * k + j] = qbar[i * k + j]! + zi * z[o + j]!;
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      const v = qbar[i * k + j]! / T;
      qbar[i * k + j] = v;
      qbar[j * k + i] = v;
    }
  }
  const work = new Float64Array(2 * k * k + k);
  const nll = (th: Float64Array): number => {
    const [a, b] = unpack(th);
    return dccNegLogLik(z, T, k, qbar, a, b, work);
  };
  let start = pack(STARTS[0]![0], STARTS[0]![1]);
  let startF = Number.POSITIVE_INFINITY;
  for (const [a, b] of STARTS) {
    const th = pack(a, b);
    const f = nll(th);
    if (f < startF) {
      startF = f;
      start = th;
    }
  }
  const opt = bfgs(nll, start, { gTol: 1e-9 });
  const [a, b] = unpack(opt.x);
  const correlations = new Float64Array(opts.keepCorrelations === false ? 0 : npairs * T);
  const nllC = dccNegLogLik(z, T, k, qbar, a, b, work, opts.keepCorrelations === false ? undefined : correlations);
  const correlationLogLikelihood = -nllC;
  let logLikelihood = correlationLogLikelihood;
  for (const g of garch) logLikelihood += g.logLikelihood;
  // Q_T−1: the recursion's last state, which dccNegLogLik left in work[0, k²) (lower triangle).
  const lastQ = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      lastQ[i * k + j] = work[i * k + j]!;
      lastQ[j * k + i] = work[i * k + j]!;
    }
  }
  return {
    k, T, garch, a, b, qbar, correlationLogLikelihood, logLikelihood, pairI, pairJ, correlations, z, lastQ,
    lastZ: z.slice((T - 1) * k, T * k),
    converged: opt.converged,
    evaluations: opt.evaluations + STARTS.length + 1,
    message: `BFGS: ${opt.message}`,
  };
}

function logistic(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
function unpack(th: Float64Array): [number, number] {
  const p = logistic(th[0]!);
  const s = logistic(th[1]!);
  return [p * s, p * (1 - s)];
}
function pack(a: number, b: number): Float64Array {
  const p = a + b;
  return Float64Array.of(Math.log(p / (1 - p)), Math.log(a / b));
}
