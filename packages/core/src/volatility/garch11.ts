import { bfgs } from '../optimize/bfgs.js';
import { nelderMead } from '../optimize/nelderMead.js';
import type { MinimizeResult } from '../optimize/types.js';

/** Options of {@link garch11}. */
export interface Garch11Options {
  /**
   * Mean of the returns: `'zero'` (default; ε = r, as R `tseries::garch`) or
   * `'sample'` (ε = r − mean(r), estimated once, not jointly).
   */
  readonly mean?: 'zero' | 'sample';
  /** Steps of the variance forecast (default 10). */
  readonly horizon?: number;
  /** Bars per year for the annualised long-run and forecast volatility (default NaN: not annualised). */
  readonly periodsPerYear?: number;
}

/** A fitted GARCH(1,1): σ²ₜ = ω + α ε²ₜ₋₁ + β σ²ₜ₋₁. */
export interface Garch11Fit {
  /** ω (tseries' a0), in squared return units per bar. */
  readonly omega: number;
  /** α (tseries' a1). */
  readonly alpha: number;
  /** β (tseries' b1). */
  readonly beta: number;
  /** The mean removed before fitting (0 for `mean: 'zero'`). */
  readonly mu: number;
  /** α + β. */
  readonly persistence: number;
  /** ω / (1 − α − β); NaN when α + β ≥ 1. */
  readonly longRunVariance: number;
  /** Gaussian log-likelihood Σₜ₌₁ⁿ⁻¹ −½[ln 2π + ln σ²ₜ + ε²ₜ/σ²ₜ], conditional on σ²₀ (see {@link garch11}). */
  readonly logLikelihood: number;
  /** Terms in the likelihood: n − 1. */
  readonly nobs: number;
  /** Standard errors of ω, α, β from the outer product of the scores (BHHH), as tseries reports. */
  readonly stdErrors: { readonly omega: number; readonly alpha: number; readonly beta: number };
  /** Conditional variances σ²ₜ for t = 0…n−1 (σ²₀ is the initial value). */
  readonly conditionalVariance: Float64Array;
  /** Forecast σ²ₙ₊ₖ₋₁ for k = 1…horizon (one step ahead first). */
  readonly forecast: Float64Array;
  /** √(Σ forecast): volatility of the sum of the next `horizon` returns. */
  readonly horizonVolatility: number;
  /** √(longRunVariance · periodsPerYear). */
  readonly annualisedLongRun: number;
  readonly periodsPerYear: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly evaluations: number;
  readonly message: string;
}

/**
 * GARCH(1,1) (Bollerslev 1986) fitted by Gaussian (quasi) maximum likelihood.
 *
 * Conditioning, as R `tseries::garch` does, so the two can be compared
 * directly: σ²₀ = (1/n) Σ ε²ₜ (mean square, not demeaned), the first
 * observation only feeds σ²₁, and the likelihood sums t = 1…n−1.
 * `logLikelihood` includes the −½ ln 2π terms (tseries' `logLik`, not its
 * `n.likeli`).
 *
 * Optimisation: the returns are scaled to unit mean square (ω is estimated
 * on that scale and scaled back, so tiny FX variances do not stall the
 * search); parameters are transformed to ω = e^θ₀, α + β = logistic(θ₁),
 * α/(α + β) = logistic(θ₂), which keeps ω > 0, α, β > 0 and α + β < 1; the
 * search evaluates a 7 × 8 grid of (α, β) starts and runs BFGS with the
 * analytic gradient from the best three and the best of each regime (β low,
 * β high, ω → 0; the
 * likelihood has separate local maxima on short samples). Standard
 * errors: inverse of the outer product of per-observation scores.
 *
 * Forecast: σ²ₙ = ω + α ε²ₙ₋₁ + β σ²ₙ₋₁, then σ²ₙ₊ₖ = ω + (α + β) σ²ₙ₊ₖ₋₁.
 *
 * O(n) per likelihood evaluation; about 150–300 evaluations.
 *
 * Degenerate input: fewer than 10 returns, a non-finite return or a
 * constant (all-zero ε) series → NaN parameters, `converged: false`.
 *
 * @example garch11(eurUsdEcbLogReturns2010to2019).persistence // 0.99806… (α 0.02290, β 0.97516)
 */
export function garch11(returns: Float64Array, opts: Garch11Options = {}): Garch11Fit {
  const n = returns.length;
  const horizon = Math.max(0, Math.floor(opts.horizon ?? 10));
  const ppy = opts.periodsPerYear ?? Number.NaN;
  let mu = 0;
  let finite = n >= 10;
  for (let i = 0; i < n && finite; i++) if (!Number.isFinite(returns[i]!)) finite = false;
  if (finite && opts.mean === 'sample') {
    for (let i = 0; i < n; i++) mu += returns[i]!;
    mu /= n;
  }
  const eps = new Float64Array(n);
  let ms = 0;
  for (let i = 0; i < n; i++) {
    eps[i] = returns[i]! - mu;
    ms += eps[i]! * eps[i]!;
  }
  ms /= n;
  if (!finite || !(ms > 0 && ms < Infinity)) return failed(n, mu, horizon, ppy, n < 10 ? 'fewer than 10 returns' : !finite ? 'non-finite return' : 'constant series');

  const s = Math.sqrt(ms);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) y[i] = eps[i]! / s;
  const y2 = new Float64Array(n);
  for (let i = 0; i < n; i++) y2[i] = y[i]! * y[i]!;
  const best = maximise(y2);
  const [wy, alpha, beta] = unpack(best.x);
  const omega = wy * ms;

  const h = new Float64Array(n);
  const nllRaw = negLogLik(
    eps.map((e) => e * e),
    omega,
    alpha,
    beta,
    ms,
    h,
  );
  const nobs = n - 1;
  const logLikelihood = -nllRaw - 0.5 * nobs * Math.log(2 * Math.PI);
  const persistence = alpha + beta;
  const longRunVariance = persistence < 1 ? omega / (1 - persistence) : Number.NaN;
  const forecast = new Float64Array(horizon);
  let hv = 0;
  if (horizon > 0) {
    let f = omega + alpha * eps[n - 1]! * eps[n - 1]! + beta * h[n - 1]!;
    for (let k = 0; k < horizon; k++) {
      forecast[k] = f;
      hv += f;
      f = omega + persistence * f;
    }
  }
  return {
    omega,
    alpha,
    beta,
    mu,
    persistence,
    longRunVariance,
    logLikelihood,
    nobs,
    stdErrors: opgStdErrors(eps, omega, alpha, beta, ms),
    conditionalVariance: h,
    forecast,
    horizonVolatility: Math.sqrt(hv),
    annualisedLongRun: Math.sqrt(longRunVariance * ppy),
    periodsPerYear: ppy,
    converged: best.converged,
    iterations: best.iterations,
    evaluations: best.evaluations,
    message: best.message,
  };
}

/**
 * ω = e^θ₀, persistence p = α + β = 1/(1 + e^−θ₁), α's share of it
 * s = 1/(1 + e^−θ₂): α = p·s, β = p·(1 − s). Persistence and the split are
 * nearly orthogonal directions of the likelihood (the softmax of α and β
 * used before tied them, and the search slid along α → 0, β → 1).
 */
function unpack(th: Float64Array): [number, number, number] {
  const p = logistic(th[1]!);
  const sh = logistic(th[2]!);
  return [Math.exp(th[0]!), p * sh, p * (1 - sh)];
}

function pack(omega: number, alpha: number, beta: number): Float64Array {
  const p = alpha + beta;
  return Float64Array.of(Math.log(omega), Math.log(p / (1 - p)), Math.log(alpha / beta));
}

function logistic(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** Starting grid: α and β (ω by variance targeting, ω = 1 − α − β on unit-mean-square data). */
const GRID_ALPHA = [0.01, 0.03, 0.06, 0.1, 0.15, 0.25, 0.4];
const GRID_BETA = [0.05, 0.3, 0.5, 0.7, 0.8, 0.88, 0.94, 0.98];
/** BFGS runs from this many of the best grid points (plus the best of each regime). */
const STARTS = 3;

interface Maximum {
  readonly x: Float64Array;
  readonly fx: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly evaluations: number;
  readonly message: string;
}

/**
 * Global search on the scaled data (σ²₀ = 1): the likelihood of a GARCH(1,1)
 * has separate local maxima on short or weakly heteroskedastic samples
 * (α ≈ 0 with β → 1 against α > 0 with β ≈ 0), so the likelihood is evaluated
 * on an (α, β) grid and BFGS with the analytic gradient is run from the best
 * grid points and from the best of each regime (β ≤ 0.3; β ≥ 0.94; ω a
 * hundredth of variance targeting), so each kind of maximum is always
 * tried. Nelder–Mead (which does not trust the gradient) polishes only when
 * BFGS did not converge.
 */
function maximise(y2: Float64Array): Maximum {
  const nll = (th: Float64Array): number => {
    const [w, a, b] = unpack(th);
    return negLogLik(y2, w, a, b, 1);
  };
  const grad = (th: Float64Array, g: Float64Array): number => nllGradient(y2, th, g);
  const grid: { x: Float64Array; fx: number; beta: number; small: boolean }[] = [];
  for (const a of GRID_ALPHA) {
    for (const b of GRID_BETA) {
      if (a + b >= 0.995) continue;
      const w = Math.max(1 - a - b, 0.005);
      // ω far below variance targeting too: a maximum with ω → 0 (variance decaying from σ²₀) exists on some samples.
      for (const small of [false, true]) {
        if (small && b < 0.9) continue;
        const x = pack(small ? w / 100 : w, a, b);
        grid.push({ x, fx: nll(x), beta: b, small });
      }
    }
  }
  let evaluations = grid.length;
  let iterations = 0;
  const finite = grid.filter((g) => Number.isFinite(g.fx)).sort((p, q) => p.fx - q.fx);
  if (finite.length === 0) return { x: pack(0.05, 0.05, 0.9), fx: Number.NaN, converged: false, iterations, evaluations, message: 'no finite likelihood on the starting grid' };
  const starts = new Set(finite.slice(0, STARTS));
  const low = finite.find((g) => g.beta <= 0.3);
  const high = finite.find((g) => g.beta >= 0.94 && !g.small);
  const small = finite.find((g) => g.small);
  for (const g of [low, high, small]) if (g) starts.add(g);
  let best: MinimizeResult | undefined;
  for (const s of starts) {
    const r = bfgs(nll, s.x, { gradient: grad, gTol: 1e-9 });
    iterations += r.iterations;
    evaluations += r.evaluations;
    if (Number.isFinite(r.fx) && (!best || r.fx < best.fx)) best = r;
  }
  if (!best) return { x: finite[0]!.x, fx: finite[0]!.fx, converged: false, iterations, evaluations, message: 'BFGS found no finite likelihood' };
  let message = `BFGS from ${starts.size} of ${grid.length} grid starts: ${best.message}`;
  if (!best.converged) {
    const nm = nelderMead(nll, best.x, { restarts: 2, fTol: 1e-14, xTol: 1e-10, step: 0.2 });
    const polish = bfgs(nll, nm.fx <= best.fx ? nm.x : best.x, { gradient: grad, gTol: 1e-9 });
    iterations += nm.iterations + polish.iterations;
    evaluations += nm.evaluations + polish.evaluations;
    message += `; Nelder–Mead (${nm.restarts} restarts): ${nm.message}; BFGS: ${polish.message}`;
    best = [polish, nm, best].reduce((p, q) => (q.fx < p.fx ? q : p));
    best = { ...best, converged: polish.converged || nm.converged };
  }
  return { x: best.x, fx: best.fx, converged: best.converged, iterations, evaluations, message };
}

/** Negative log-likelihood (σ²₀ = 1) and its gradient with respect to θ, by the variance recursion's derivatives. */
function nllGradient(e2: Float64Array, th: Float64Array, g: Float64Array): number {
  const [omega, alpha, beta] = unpack(th);
  const n = e2.length;
  let prev = 1;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  let sum = 0;
  let g0 = 0;
  let g1 = 0;
  let g2 = 0;
  for (let t = 1; t < n; t++) {
    const e2p = e2[t - 1]!;
    const ht = omega + alpha * e2p + beta * prev;
    if (!(ht > 0)) {
      g.fill(0);
      return Number.POSITIVE_INFINITY;
    }
    const n0 = 1 + beta * d0;
    const n1 = e2p + beta * d1;
    const n2 = prev + beta * d2;
    const dl = (0.5 * (1 - e2[t]! / ht)) / ht;
    sum += Math.log(ht) + e2[t]! / ht;
    g0 += dl * n0;
    g1 += dl * n1;
    g2 += dl * n2;
    d0 = n0;
    d1 = n1;
    d2 = n2;
    prev = ht;
  }
  const p = logistic(th[1]!);
  const sh = logistic(th[2]!);
  const dp = p * (1 - p);
  const ds = sh * (1 - sh);
  g[0] = g0 * omega;
  g[1] = g1 * sh * dp + g2 * (1 - sh) * dp;
  g[2] = (g1 - g2) * p * ds;
  return 0.5 * sum;
}

/**
 * Negative log-likelihood without the ln 2π constant, σ²₀ = h0, summed over
 * t = 1…n−1; writes σ²ₜ into `h` when given (h[0] = h0).
 */
export function garch11NegLogLik(e2: Float64Array, omega: number, alpha: number, beta: number, h0: number, h?: Float64Array): number {
  return negLogLik(e2, omega, alpha, beta, h0, h);
}

function negLogLik(e2: Float64Array, omega: number, alpha: number, beta: number, h0: number, h?: Float64Array): number {
  const n = e2.length;
  if (!(omega > 0 && alpha >= 0 && beta >= 0)) return Number.POSITIVE_INFINITY;
  let prev = h0;
  if (h) h[0] = h0;
  let sum = 0;
  for (let t = 1; t < n; t++) {
    const ht = omega + alpha * e2[t - 1]! + beta * prev;
    sum += Math.log(ht) + e2[t]! / ht;
    if (h) h[t] = ht;
    prev = ht;
  }
  return 0.5 * sum;
}

/** BHHH standard errors: inverse of Σₜ gₜgₜᵀ, with gₜ = ∂lₜ/∂(ω, α, β) and σ²₀ held fixed. */
function opgStdErrors(eps: Float64Array, omega: number, alpha: number, beta: number, h0: number): Garch11Fit['stdErrors'] {
  const n = eps.length;
  const m = new Float64Array(9);
  let prev = h0;
  let d0 = 0;
  let d1 = 0;
  let d2 = 0;
  for (let t = 1; t < n; t++) {
    const e2p = eps[t - 1]! * eps[t - 1]!;
    const ht = omega + alpha * e2p + beta * prev;
    const n0 = 1 + beta * d0;
    const n1 = e2p + beta * d1;
    const n2 = prev + beta * d2;
    const dl = (0.5 * (1 - (eps[t]! * eps[t]!) / ht)) / ht;
    const g = [dl * n0, dl * n1, dl * n2];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) m[i * 3 + j] = m[i * 3 + j]! + g[i]! * g[j]!;
    d0 = n0;
    d1 = n1;
    d2 = n2;
    prev = ht;
  }
  const inv = invert3(m);
  return { omega: Math.sqrt(inv[0]!), alpha: Math.sqrt(inv[4]!), beta: Math.sqrt(inv[8]!) };
}

/** Inverse of a 3×3 matrix by cofactors (NaN when singular). */
function invert3(a: Float64Array): Float64Array {
  const [a0, a1, a2, a3, a4, a5, a6, a7, a8] = a as unknown as number[];
  const c0 = a4! * a8! - a5! * a7!;
  const c1 = a5! * a6! - a3! * a8!;
  const c2 = a3! * a7! - a4! * a6!;
  const det = a0! * c0 + a1! * c1 + a2! * c2;
  if (!(Math.abs(det) > 0) || !Number.isFinite(det)) return new Float64Array(9).fill(Number.NaN);
  return Float64Array.of(
    c0 / det,
    (a2! * a7! - a1! * a8!) / det,
    (a1! * a5! - a2! * a4!) / det,
    c1 / det,
    (a0! * a8! - a2! * a6!) / det,
    (a2! * a3! - a0! * a5!) / det,
    c2 / det,
    (a1! * a6! - a0! * a7!) / det,
    (a0! * a4! - a1! * a3!) / det,
  );
}

/**
 * Variance forecast of a GARCH(1,1) from the last residual and conditional
 * variance: σ²ₙ = ω + α ε²ₙ₋₁ + β σ²ₙ₋₁, then σ²ₙ₊ₖ = ω + (α + β) σ²ₙ₊ₖ₋₁.
 *
 * @example garch11Forecast(fit, lastEps, lastH, new Float64Array(10)) // ten one-bar variances
 */
export function garch11Forecast(
  params: { readonly omega: number; readonly alpha: number; readonly beta: number },
  lastEps: number,
  lastVariance: number,
  out: Float64Array,
): Float64Array {
  const { omega, alpha, beta } = params;
  let f = omega + alpha * lastEps * lastEps + beta * lastVariance;
  for (let k = 0; k < out.length; k++) {
    out[k] = f;
    f = omega + (alpha + beta) * f;
  }
  return out;
}

function failed(n: number, mu: number, horizon: number, ppy: number, why: string): Garch11Fit {
  const nan = Number.NaN;
  return {
    omega: nan,
    alpha: nan,
    beta: nan,
    mu,
    persistence: nan,
    longRunVariance: nan,
    logLikelihood: nan,
    nobs: Math.max(0, n - 1),
    stdErrors: { omega: nan, alpha: nan, beta: nan },
    conditionalVariance: new Float64Array(n).fill(nan),
    forecast: new Float64Array(horizon).fill(nan),
    horizonVolatility: nan,
    annualisedLongRun: nan,
    periodsPerYear: ppy,
    converged: false,
    iterations: 0,
    evaluations: 0,
    message: why,
  };
}
