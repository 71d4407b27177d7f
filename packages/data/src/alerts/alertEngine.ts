import { CompensatedSums, fisherZChange, parseSymbol, pipSize, RollingCorrelationState, RollingVolatilityState, WindowRing } from '@soukan/core';
import { InputError } from '../errors.js';
import type { LiveMatrix, MatrixUpdate } from '../feeds/liveMatrix.js';
import type { Quote } from '../feeds/types.js';
import type { Alert, AlertRule } from './types.js';
import { WindowExtreme } from './windowExtreme.js';

const iso = (t: number): string => new Date(t).toISOString().replace('.000Z', 'Z');

/** Mean and standard deviation (ddof 1) of the last n values pushed, compensated. */
class History {
  private readonly ring: WindowRing;
  private readonly sums = new CompensatedSums(2);
  private n = 0;
  constructor(readonly size: number) {
    this.ring = new WindowRing(1, size);
  }
  push(v: number): void {
    const old = this.ring.push([v]);
    this.sums.add(0, v);
    this.sums.add(1, v * v);
    if (old) {
      this.sums.add(0, -old[0]!);
      this.sums.add(1, -(old[0]! * old[0]!));
    } else this.n++;
  }
  get full(): boolean {
    return this.n === this.size;
  }
  mean(): number {
    return this.sums.value(0) / this.n;
  }
  sd(): number {
    const m = this.mean();
    return Math.sqrt(Math.max(0, (this.sums.value(1) - this.n * m * m) / (this.n - 1)));
  }
}

/** Bars a condition must stay clear before its rule fires again (rules' `cooldown`). */
const COOLDOWN = 60;

/** An alert of `rule` at `time` (UTC ms) about `subject`, with its message and evidence. */
function alertOf(rule: AlertRule, time: number, subject: string, message: string, evidence: Alert['evidence']): Alert {
  return { ruleId: rule.id, kind: rule.kind, time, subject, message, evidence };
}

/**
 * De-duplication: an alert fires when the condition starts to hold, and the
 * rule re-arms only after the condition has been clear for `cooldown`
 * consecutive bars — a correlation hovering at the edge of its band raises
 * one alert, not one per crossing.
 */
class Arming {
  private active = false;
  private clear = 0;
  constructor(private readonly cooldown: number) {}
  /** True when `hit` should fire now. */
  fire(hit: boolean): boolean {
    if (hit) {
      this.clear = 0;
      if (this.active) return false;
      this.active = true;
      return true;
    }
    if (this.active && ++this.clear >= this.cooldown) this.active = false;
    return false;
  }
}

interface RuleState {
  readonly rule: AlertRule;
  check(u: MatrixUpdate): Alert | null;
  quote?(q: Quote): Alert | null;
}

/**
 * Evaluates alert rules on a {@link LiveMatrix}'s bar updates (and on quotes
 * for `move` rules) in O(1) per rule per bar, and fires each alert once when
 * its condition starts to hold — it re-arms only after the condition has
 * cleared — with the evidence (values, windows, times) attached. See
 * docs/live.md for each rule's definition.
 *
 * @throws InputError for a rule naming a symbol the matrix does not have, or a bad parameter.
 * @example new AlertEngine(matrix, [{ kind: 'breakdown-band', id: 'aud-nzd', pair: ['AUD/USD', 'NZD/USD'], k: 4, history: 10080 }], (a) => console.log(a.message))
 */
export class AlertEngine {
  private readonly states: RuleState[];
  private readonly quoteStates: RuleState[];
  /** Alerts fired so far (the latest 1,000). */
  readonly fired: Alert[] = [];

  constructor(
    private readonly matrix: LiveMatrix,
    rules: readonly AlertRule[],
    private readonly onAlert: (a: Alert) => void = () => {},
  ) {
    const ids = new Set<string>();
    for (const r of rules) {
      if (ids.has(r.id)) throw new InputError(`alert rule id ${r.id} is used twice`, { field: 'id', text: r.id });
      ids.add(r.id);
    }
    this.states = rules.map((r) => this.stateOf(r));
    this.quoteStates = this.states.filter((s) => s.quote);
    matrix.onUpdate((u) => {
      for (const s of this.states) {
        const a = s.check(u);
        if (a) this.fire(a);
      }
    });
  }

  /** Feeds a quote to the `move` rules. */
  push(q: Quote): void {
    for (const s of this.quoteStates) {
      const a = s.quote!(q);
      if (a) this.fire(a);
    }
  }

  private fire(a: Alert): void {
    this.fired.push(a);
    if (this.fired.length > 1000) this.fired.shift();
    this.onAlert(a);
  }

  private col(symbol: string, rule: string): number {
    let s: string;
    try {
      s = parseSymbol(symbol).symbol;
    } catch {
      throw new InputError(`alert rule ${rule}: not a currency pair`, { field: 'symbol', text: symbol });
    }
    const i = this.matrix.symbols.indexOf(s);
    if (i < 0) throw new InputError(`alert rule ${rule}: ${s} is not among the live symbols (${this.matrix.symbols.join(' ')})`, { field: 'symbol', text: symbol });
    return i;
  }

  private pairIndex(pair: readonly [string, string], rule: string): { i: number; j: number; q: number; subject: string } {
    let i = this.col(pair[0], rule);
    let j = this.col(pair[1], rule);
    if (i === j) throw new InputError(`alert rule ${rule}: a pair needs two different symbols`, { field: 'pair', text: pair.join(',') });
    if (i > j) [i, j] = [j, i];
    const k = this.matrix.symbols.length;
    const q = i * k - (i * (i + 1)) / 2 + (j - i - 1);
    return { i, j, q, subject: `${this.matrix.symbols[i]} ~ ${this.matrix.symbols[j]}` };
  }

  private stateOf(rule: AlertRule): RuleState {
    const positive = (name: string, v: number, integer = false): void => {
      if (!(v > 0 && Number.isFinite(v) && (!integer || Number.isInteger(v)))) throw new InputError(`alert rule ${rule.id}: ${name} must be a positive ${integer ? 'integer' : 'number'}`, { field: name, text: String(v) });
    };
    switch (rule.kind) {
      case 'breakdown-band': {
        positive('k', rule.k);
        positive('history', rule.history, true);
        const { q, subject } = this.pairIndex(rule.pair, rule.id);
        const h = new History(rule.history);
        const arm = new Arming(rule.cooldown ?? COOLDOWN);
        const s: RuleState = {
          rule,
          check: (u) => {
            const rho = u.rolling[q]!;
            if (Number.isNaN(rho)) return null;
            let alert: Alert | null = null;
            if (h.full) {
              const mean = h.mean();
              const sd = h.sd();
              const out = Math.abs(rho - mean) > rule.k * sd;
              if (arm.fire(out)) {
                alert = alertOf(rule, u.time, subject, `${subject}: rolling ρ ${rho.toFixed(3)} left its band ${(mean - rule.k * sd).toFixed(3)} … ${(mean + rule.k * sd).toFixed(3)} (mean ${mean.toFixed(3)} ± ${rule.k}σ of the last ${rule.history} values) at ${iso(u.time)}`, { rho, mean, sd, k: rule.k, history: rule.history, window: this.matrix.rolling.window, time: iso(u.time) });
              }
            }
            h.push(rho);
            return alert;
          },
        };
        return s;
      }
      case 'breakdown-fisher': {
        positive('window', rule.window, true);
        if (!(rule.alpha > 0 && rule.alpha < 1)) throw new InputError(`alert rule ${rule.id}: alpha must be in (0, 1)`, { field: 'alpha', text: String(rule.alpha) });
        const { i, j, subject } = this.pairIndex(rule.pair, rule.id);
        const W = rule.window;
        const last = new RollingCorrelationState(2, W);
        const prev = new RollingCorrelationState(2, W);
        const delay = new WindowRing(2, W);
        const row = new Float64Array(2);
        const arm = new Arming(rule.cooldown ?? COOLDOWN);
        const s: RuleState = {
          rule,
          check: (u) => {
            row[0] = u.returns[i]!;
            row[1] = u.returns[j]!;
            last.push(row);
            const old = delay.push(row);
            if (old) prev.push(old);
            if (prev.rows < W) return null;
            const r1 = last.correlation(0);
            const r2 = prev.correlation(0);
            const { z, pValue } = fisherZChange(r1, W, r2, W);
            if (Number.isNaN(pValue)) return null;
            const hit = pValue < rule.alpha;
            let alert: Alert | null = null;
            if (arm.fire(hit)) {
              alert = alertOf(rule, u.time, subject, `${subject}: ρ ${r1.toFixed(3)} over the last ${W} bars vs ${r2.toFixed(3)} over the ${W} before — Fisher z ${z.toFixed(2)}, p ${pValue.toExponential(2)} < ${rule.alpha} at ${iso(u.time)}`, { rhoLast: r1, rhoPrevious: r2, z, p: pValue, alpha: rule.alpha, window: W, time: iso(u.time) });
            }
            return alert;
          },
        };
        return s;
      }
      case 'divergence': {
        positive('horizon', rule.horizon, true);
        positive('z', rule.z);
        if (!(rule.minRho > 0 && rule.minRho < 1)) throw new InputError(`alert rule ${rule.id}: minRho must be in (0, 1)`, { field: 'minRho', text: String(rule.minRho) });
        const { i, j, q, subject } = this.pairIndex(rule.pair, rule.id);
        const spreadVol = new RollingVolatilityState(1, this.matrix.rolling.window, { minPeriods: Math.min(this.matrix.rolling.window, 30) });
        const recent = new WindowRing(1, rule.horizon);
        const sum = new CompensatedSums(1);
        const one = new Float64Array(1);
        const arm = new Arming(rule.cooldown ?? COOLDOWN);
        const s: RuleState = {
          rule,
          check: (u) => {
            const rho = u.rolling[q]!;
            const sa = u.vol[i]!;
            const sb = u.vol[j]!;
            const ra = u.returns[i]!;
            const rb = u.returns[j]!;
            // The spread of the pair's returns under the rolling hedge ratio β = ρ σa/σb.
            const beta = rho * (sa / sb);
            const d = Number.isFinite(beta) ? ra - beta * rb : NaN;
            one[0] = Number.isFinite(d) ? d : 0;
            spreadVol.push([d]);
            const old = recent.push(one);
            sum.add(0, one[0]!);
            if (old) sum.add(0, -old[0]!);
            const sd = spreadVol.stdOf(0);
            if (recent.size < rule.horizon || !(sd > 0) || !(Math.abs(rho) >= rule.minRho)) {
              arm.fire(false);
              return null;
            }
            const zz = sum.value(0) / (sd * Math.sqrt(rule.horizon));
            const hit = Math.abs(zz) >= rule.z;
            let alert: Alert | null = null;
            if (arm.fire(hit)) {
              alert = alertOf(rule, u.time, subject, `${subject} (ρ ${rho.toFixed(2)}) diverged: the last ${rule.horizon} bars' return spread is ${zz.toFixed(2)}σ at ${iso(u.time)}`, { rho, beta, z: zz, spreadSd: sd, horizon: rule.horizon, window: this.matrix.rolling.window, time: iso(u.time) });
            }
            return alert;
          },
        };
        return s;
      }
      case 'vol-spike': {
        positive('short', rule.short, true);
        positive('ratio', rule.ratio);
        const i = this.col(rule.symbol, rule.id);
        const short = new RollingVolatilityState(1, rule.short);
        const one = new Float64Array(1);
        const arm = new Arming(rule.cooldown ?? COOLDOWN);
        const s: RuleState = {
          rule,
          check: (u) => {
            one[0] = u.returns[i]!;
            short.push(one);
            const a = short.stdOf(0);
            const b = u.vol[i]!;
            if (!(a >= 0 && b > 0)) return null;
            const ratio = a / b;
            const hit = ratio >= rule.ratio;
            let alert: Alert | null = null;
            if (arm.fire(hit)) {
              alert = alertOf(rule, u.time, this.matrix.symbols[i]!, `${this.matrix.symbols[i]}: volatility of the last ${rule.short} bars is ${ratio.toFixed(1)}× the ${this.matrix.vol.window}-bar level at ${iso(u.time)}`, { shortSd: a, longSd: b, ratio, short: rule.short, window: this.matrix.vol.window, time: iso(u.time) });
            }
            return alert;
          },
        };
        return s;
      }
      case 'move': {
        positive('pips', rule.pips);
        positive('horizonMs', rule.horizonMs);
        const sym = this.matrix.symbols[this.col(rule.symbol, rule.id)]!;
        const pip = pipSize(sym);
        // Monotonic deques of (time, mid): the lowest and highest mid within the horizon, O(1) amortised, nothing allocated per quote.
        const lo = new WindowExtreme('min');
        const hi = new WindowExtreme('max');
        const s: RuleState = {
          rule,
          check: () => null,
          quote: (qt) => {
            if (qt.symbol !== sym) return null;
            const m = (qt.bid + qt.ask) / 2;
            const cut = qt.time - rule.horizonMs;
            lo.evictBefore(cut);
            hi.evictBefore(cut);
            lo.push(qt.time, m);
            hi.push(qt.time, m);
            const up = (m - lo.value) / pip;
            const down = (hi.value - m) / pip;
            const moved = up >= rule.pips ? up : down >= rule.pips ? -down : 0;
            if (moved === 0) return null;
            const from: [number, number] = moved > 0 ? [lo.time, lo.value] : [hi.time, hi.value];
            // Start afresh from this quote: the same move never fires twice.
            lo.reset(qt.time, m);
            hi.reset(qt.time, m);
            return alertOf(rule, qt.time, sym, `${sym} ${moved > 0 ? 'up' : 'down'} ${Math.abs(moved).toFixed(1)} pips in ${Math.round((qt.time - from[0]) / 1000)} s (from ${from[1]} at ${iso(from[0])} to ${m} at ${iso(qt.time)})`, { pips: moved, from: from[1], to: m, fromTime: iso(from[0]), time: iso(qt.time), horizonMs: rule.horizonMs });
          },
        };
        return s;
      }
    }
  }
}
