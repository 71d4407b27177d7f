import { applyQt, householderQr, solveR } from '../linalg/householderQr.js';
import type { Frame } from '../series/types.js';
import { components, strengthDesign, type StrengthDesign } from './strengthDesign.js';

/**
 * How the one free level of a strength decomposition is pinned down: pair
 * returns only identify factor differences, so either the factors sum to zero
 * in every period (`zeroSum`, the minimum-norm least-squares solution) or one
 * currency is the numéraire with factor 0 (`numeraire`).
 */
export type StrengthConstraint = { readonly kind: 'zeroSum' } | { readonly kind: 'numeraire'; readonly currency: string };

/** Per-period currency factors and how well the pairs agreed. */
export interface StrengthFactors {
  readonly currencies: readonly string[];
  /** Pair symbols, in the column order of the input. */
  readonly symbols: readonly string[];
  readonly constraint: StrengthConstraint;
  /** Period times (the return frame's times). */
  readonly time: Float64Array;
  /** `factors[c][t]`: log-return factor of currency c in period t; NaN where unidentified. */
  readonly factors: readonly Float64Array[];
  /** 1 when the period's available pairs link every currency, else 0. */
  readonly identified: Uint8Array;
  /** Pairs with a finite return in the period. */
  readonly pairsUsed: Uint16Array;
  /** Root-mean-square residual √(SSR / pairsUsed) of the period's fit, in log-return units. */
  readonly rms: Float64Array;
  /**
   * Uncentred R² = 1 − SSR / Σ r² of the period's fit (there is no intercept):
   * 1 when the pairs are triangularly consistent; NaN when every return is 0.
   */
  readonly r2: Float64Array;
  /** Number of periods with `identified = 0`. */
  readonly unidentified: number;
}

/**
 * Decomposes each period's pair log returns into one factor per currency by
 * least squares: for pair B/Q, r = f_B − f_Q + e, minimising Σ e² over the
 * pairs available in that period.
 *
 * Method: the design with the numéraire's column removed has full column rank
 * exactly when the available pairs link every currency; it is solved by
 * Householder QR (one factorisation per distinct availability pattern, cached
 * as the pseudo-inverse, so a frame with no gaps costs one factorisation).
 * The zero-sum solution is the numéraire solution minus its mean (adding a
 * constant to every factor leaves every pair's fitted return unchanged); it
 * equals the minimum-norm solution `numpy.linalg.lstsq` returns for the full
 * rank-deficient design. Quoting a pair the other way round negates its row
 * and its return together, so the factors do not change.
 *
 * Missing data: a pair with a non-finite return in a period is left out of
 * that period. A period whose available pairs do not link every currency is
 * flagged (`identified = 0`) and its factors, rms and r2 are NaN.
 *
 * Complexity O(T · P · C) for T periods, P pairs and C currencies, plus
 * O(P² C) per distinct availability pattern.
 *
 * @param returns log returns, one column per pair (canonical `BASE/QUOTE` symbols)
 * @param options.currencies currencies to solve for (default: all in the pairs)
 * @throws Error when the pairs cannot identify the factors at all (see {@link strengthDesign}),
 *   or the numéraire is not one of the currencies.
 * @example
 *   // EUR/USD +1 %, USD/JPY −0.5 %, EUR/JPY +0.5 % (consistent)
 *   strengthFactors({ time, symbols: ['EUR/USD', 'USD/JPY', 'EUR/JPY'], columns }).factors
 *   // EUR +0.005, JPY 0, USD −0.005 (zero-sum)
 */
export function strengthFactors(
  returns: Frame,
  options: { currencies?: readonly string[]; constraint?: StrengthConstraint } = {},
): StrengthFactors {
  const design = strengthDesign(returns.symbols, options.currencies);
  const constraint = options.constraint ?? { kind: 'zeroSum' };
  const n = design.currencies.length;
  let num = n - 1;
  if (constraint.kind === 'numeraire') {
    num = design.currencies.indexOf(constraint.currency);
    if (num < 0) throw new Error(`strength: numéraire ${constraint.currency} is not among the currencies ${design.currencies.join(' ')}`);
  }
  const T = returns.time.length;
  const P = design.pairs.length;
  const factors = design.currencies.map(() => new Float64Array(T));
  const identified = new Uint8Array(T);
  const pairsUsed = new Uint16Array(T);
  const rms = new Float64Array(T);
  const r2 = new Float64Array(T);
  const cache = new Map<string, StrengthSolver | null>();
  const avail = new Uint8Array(P);
  const r = new Float64Array(P);
  const f = new Float64Array(n);
  let unidentified = 0;
  let solver: StrengthSolver | null | undefined;
  for (let t = 0; t < T; t++) {
    let m = 0;
    let changed = solver === undefined;
    for (let p = 0; p < P; p++) {
      const v = returns.columns[p]![t]!;
      const ok = Number.isFinite(v) ? 1 : 0;
      if (avail[p] !== ok) changed = true;
      avail[p] = ok;
      if (ok) r[m++] = v;
    }
    pairsUsed[t] = m;
    // Gaps are rare: only a change of availability pattern looks up (or builds) a solver.
    if (changed) {
      const key = avail.join('');
      solver = cache.get(key);
      if (solver === undefined) {
        solver = strengthSolver(design, avail, num);
        cache.set(key, solver);
      }
    }
    if (!solver) {
      unidentified++;
      for (let c = 0; c < n; c++) factors[c]![t] = Number.NaN;
      rms[t] = r2[t] = Number.NaN;
      continue;
    }
    identified[t] = 1;
    solver.solve(r, f);
    if (constraint.kind === 'zeroSum') {
      let mean = 0;
      for (let c = 0; c < n; c++) mean += f[c]!;
      mean /= n;
      for (let c = 0; c < n; c++) f[c] = f[c]! - mean;
    }
    for (let c = 0; c < n; c++) factors[c]![t] = f[c]!;
    let ssr = 0;
    let sst = 0;
    for (let i = 0; i < m; i++) {
      const pr = solver.rows[i]!;
      const e = r[i]! - (f[pr.base]! - f[pr.quote]!);
      ssr += e * e;
      sst += r[i]! * r[i]!;
    }
    rms[t] = Math.sqrt(ssr / m);
    r2[t] = sst > 0 ? 1 - ssr / sst : Number.NaN;
  }
  return {
    currencies: design.currencies,
    symbols: returns.symbols,
    constraint,
    time: returns.time,
    factors,
    identified,
    pairsUsed,
    rms,
    r2,
    unidentified,
  };
}

/** The least-squares solve for one availability pattern of the pairs. */
export interface StrengthSolver {
  /** The available pairs, in order. */
  readonly rows: readonly { base: number; quote: number }[];
  /** Writes all n factors (numéraire 0) for the available returns r[0..m). */
  solve(r: Float64Array, out: Float64Array): void;
}

/**
 * Pseudo-inverse of the design of the available pairs (`avail[p] = 1`), or
 * null when they do not link every currency; `num` is the numéraire's index.
 * Exported for the incremental strength state, which solves period by
 * period with the same solver as {@link strengthFactors}.
 *
 * @example strengthSolver(strengthDesign(['EUR/USD', 'USD/JPY']), Uint8Array.of(1, 1), 2)!.rows.length // 2
 */
export function strengthSolver(design: StrengthDesign, avail: Uint8Array, num: number): StrengthSolver | null {
  const n = design.currencies.length;
  const rows = design.pairs.filter((_, p) => avail[p] === 1);
  if (components(n, rows).length > 1) return null;
  const m = rows.length;
  const k = n - 1;
  const col = (c: number): number => (c < num ? c : c - 1);
  const a = new Float64Array(m * k);
  rows.forEach((p, i) => {
    if (p.base !== num) a[i * k + col(p.base)] = a[i * k + col(p.base)]! + 1;
    if (p.quote !== num) a[i * k + col(p.quote)] = a[i * k + col(p.quote)]! - 1;
  });
  const qr = householderQr(a, m, k);
  if (qr.rank < k) return null;
  // pinv = R⁻¹ Qᵀ, built column by column from the unit vectors; k×m row-major.
  const pinv = new Float64Array(k * m);
  const e = new Float64Array(m);
  const x = new Float64Array(k);
  for (let j = 0; j < m; j++) {
    e.fill(0);
    e[j] = 1;
    solveR(qr, applyQt(qr, e), x, k);
    for (let i = 0; i < k; i++) pinv[i * m + j] = x[i]!;
  }
  return {
    rows,
    solve(r, out) {
      for (let c = 0; c < n; c++) {
        if (c === num) {
          out[c] = 0;
          continue;
        }
        const row = col(c) * m;
        let s = 0;
        for (let j = 0; j < m; j++) s += pinv[row + j]! * r[j]!;
        out[c] = s;
      }
    },
  };
}
