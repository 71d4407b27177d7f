import { strengthDesign, type StrengthDesign } from '../strength/strengthDesign.js';
import { strengthSolver, type StrengthConstraint, type StrengthSolver } from '../strength/strengthFactors.js';

/**
 * Currency strength updated one period at a time: each {@link push} of the
 * pairs' log returns solves the period's least-squares factors (as
 * `strengthFactors`, with the same solver, cached per availability pattern)
 * and adds them to the cumulative factor, so the index equals
 * `strengthIndex(strengthFactors(…), …)` rebased at the first time, to the
 * bit. O(pairs × currencies) per push once the pattern's solver is built.
 *
 * @throws Error when the pairs cannot identify the factors (see `strengthDesign`) or the numéraire is unknown.
 * @example
 * const s = new StrengthState(['EUR/USD', 'USD/JPY', 'EUR/JPY']);
 * s.push([0.01, -0.005, 0.005]);
 * s.index()[s.currencies.indexOf('EUR')] // 100 · e^0.005
 */
export class StrengthState {
  readonly currencies: readonly string[];
  /** Periods pushed, and those whose pairs did not link every currency (they add nothing). */
  rows = 0;
  unidentified = 0;
  private readonly design: StrengthDesign;
  private readonly num: number;
  private readonly zeroSum: boolean;
  private readonly cache = new Map<string, StrengthSolver | null>();
  private readonly avail: Uint8Array;
  private readonly r: Float64Array;
  private readonly f: Float64Array;
  private readonly cum: Float64Array;
  private solver: StrengthSolver | null | undefined;

  constructor(
    readonly symbols: readonly string[],
    options: { currencies?: readonly string[]; constraint?: StrengthConstraint; baseValue?: number } = {},
  ) {
    this.design = strengthDesign(symbols, options.currencies);
    this.currencies = this.design.currencies;
    const n = this.currencies.length;
    const c = options.constraint ?? { kind: 'zeroSum' };
    this.zeroSum = c.kind === 'zeroSum';
    this.num = c.kind === 'numeraire' ? this.currencies.indexOf(c.currency) : n - 1;
    if (this.num < 0) throw new Error(`strength: numéraire ${(c as { currency: string }).currency} is not among the currencies ${this.currencies.join(' ')}`);
    this.baseValue = options.baseValue ?? 100;
    this.avail = new Uint8Array(this.design.pairs.length);
    this.r = new Float64Array(this.design.pairs.length);
    this.f = new Float64Array(n);
    this.cum = new Float64Array(n);
  }

  readonly baseValue: number;

  /**
   * Adds one period's log returns (one per symbol; non-finite = pair not
   * available). Returns the period's factors (a reused buffer), or null when
   * the period was not identified.
   */
  push(returns: ArrayLike<number>): Float64Array | null {
    const P = this.design.pairs.length;
    const n = this.currencies.length;
    let m = 0;
    let changed = this.solver === undefined;
    for (let p = 0; p < P; p++) {
      const v = returns[p]!;
      const ok = v - v === 0 ? 1 : 0;
      if (this.avail[p] !== ok) changed = true;
      this.avail[p] = ok;
      if (ok) this.r[m++] = v;
    }
    if (changed) {
      const key = this.avail.join('');
      this.solver = this.cache.get(key);
      if (this.solver === undefined) {
        this.solver = strengthSolver(this.design, this.avail, this.num);
        this.cache.set(key, this.solver);
      }
    }
    this.rows++;
    if (!this.solver) {
      this.unidentified++;
      return null;
    }
    const f = this.f;
    this.solver.solve(this.r, f);
    if (this.zeroSum) {
      let mean = 0;
      for (let c = 0; c < n; c++) mean += f[c]!;
      mean /= n;
      for (let c = 0; c < n; c++) f[c] = f[c]! - mean;
    }
    for (let c = 0; c < n; c++) this.cum[c] = this.cum[c]! + f[c]!;
    return f;
  }

  /** Each currency's index now: `baseValue · exp(cumulative factor)`, in `currencies` order. */
  index(out: Float64Array = new Float64Array(this.currencies.length)): Float64Array {
    for (let c = 0; c < out.length; c++) out[c] = this.baseValue * Math.exp(this.cum[c]!);
    return out;
  }
}
