import { EwmaVarianceState, EwmCorrelationState, RollingCorrelationState, RollingVolatilityState } from '@soukan/core';
import type { Quote } from './types.js';

/** Options of a {@link LiveMatrix}. */
export interface LiveMatrixOptions {
  /** Bar length in ms (default 60 000: M1). */
  readonly stepMs?: number;
  /** Rolling window in bars (default 1,440: a day of minutes). */
  readonly window?: number;
  /** Minimum complete pairs per window (default: the window). */
  readonly minPeriods?: number;
  /** EWM decay for the exponentially weighted matrix and EWMA variance (default 0.99). */
  readonly lambda?: number;
}

/** The analytics after a bar closed. */
export interface MatrixUpdate {
  /** Opening time of the bar that closed (UTC ms). */
  readonly time: number;
  readonly symbols: readonly string[];
  /** Rolling ρ per pair (pair order (0,1), (0,2), …), NaN where not defined yet. */
  readonly rolling: Float64Array;
  /** EWM ρ per pair. */
  readonly ewm: Float64Array;
  /** Rolling standard deviation of each symbol's bar log returns. */
  readonly vol: Float64Array;
  /** EWMA variance of each symbol's bar log returns. */
  readonly ewmaVar: Float64Array;
  /** The bar's log returns (NaN where a symbol had no quote in this bar or the previous one). */
  readonly returns: Float64Array;
  /** Mid close of each symbol in this bar (NaN when it had no quote). */
  readonly close: Float64Array;
}

/**
 * The correlation matrix that updates while the market moves: quotes come
 * in (any symbol, in time order), mid prices `(bid + ask) / 2` are bucketed
 * into bars of `stepMs` on the UTC clock, and when a quote opens a new bar
 * the closed bar's log returns (`ln(close / previous bar's close)`, NaN for a
 * symbol missing in either bar — pairwise-complete, as the batch functions
 * treat a union-of-times frame) are pushed into the incremental states of
 * `@soukan/core`. O(1) per quote; O(pairs) per bar. Listeners receive each
 * update (buffers reused: copy what you keep).
 *
 * @example const m = new LiveMatrix(['EUR/USD', 'GBP/USD']); m.onUpdate((u) => draw(u.rolling)); feed.onQuote = (q) => m.push(q)
 */
export class LiveMatrix {
  readonly rolling: RollingCorrelationState;
  readonly ewm: EwmCorrelationState;
  readonly vol: RollingVolatilityState;
  readonly ewmaVar: EwmaVarianceState;
  private readonly index = new Map<string, number>();
  private readonly step: number;
  private bucket = NaN;
  private readonly mid: Float64Array;
  private readonly prev: Float64Array;
  private readonly returns: Float64Array;
  private readonly lastClose: Float64Array;
  private readonly update: MatrixUpdate;
  private readonly listeners: ((u: MatrixUpdate) => void)[] = [];
  /** Bars closed so far. */
  bars = 0;
  /** Opening time of the last closed bar (UTC ms; NaN before the first). */
  lastBar = NaN;

  constructor(
    readonly symbols: readonly string[],
    options: LiveMatrixOptions = {},
  ) {
    const k = symbols.length;
    symbols.forEach((s, i) => this.index.set(s, i));
    this.step = options.stepMs ?? 60_000;
    const window = options.window ?? 1440;
    const lambda = options.lambda ?? 0.99;
    this.rolling = new RollingCorrelationState(k, window, { minPeriods: options.minPeriods });
    this.ewm = new EwmCorrelationState(k, lambda);
    this.vol = new RollingVolatilityState(k, window, { minPeriods: options.minPeriods });
    this.ewmaVar = new EwmaVarianceState(k, lambda);
    this.mid = new Float64Array(k).fill(NaN);
    this.prev = new Float64Array(k).fill(NaN);
    this.returns = new Float64Array(k);
    this.lastClose = new Float64Array(k).fill(NaN);
    const P = (k * (k - 1)) / 2;
    this.update = { time: NaN, symbols, rolling: new Float64Array(P), ewm: new Float64Array(P), vol: new Float64Array(k), ewmaVar: new Float64Array(k), returns: this.returns, close: this.lastClose };
  }

  /** Calls `fn` after every closed bar. */
  onUpdate(fn: (u: MatrixUpdate) => void): void {
    this.listeners.push(fn);
  }

  /** Takes one (gate-accepted) quote; symbols not in the matrix are ignored. */
  push(q: Quote): void {
    const i = this.index.get(q.symbol);
    if (i !== undefined) this.pushAt(i, q.time, (q.bid + q.ask) / 2);
  }

  /**
   * Takes the mid price of the symbol at index `i` of {@link symbols} at
   * `time` (a caller feeding several matrices of the same symbols looks the
   * symbol up once).
   */
  pushAt(i: number, time: number, mid: number): void {
    const b = Math.floor(time / this.step);
    if (b !== this.bucket) {
      if (this.bucket === this.bucket) this.close();
      this.bucket = b;
    }
    this.mid[i] = mid;
  }

  /** Closes the current bar now (at the end of a replay, or on a timer when the market is quiet). */
  flush(): void {
    if (this.bucket === this.bucket) this.close();
    this.bucket = NaN;
  }

  /**
   * Closes the current bar and forgets the previous closes, so the next
   * bar's return is NaN: a session matrix restarts at each session open
   * rather than counting the move across the closed hours as one bar.
   */
  restart(): void {
    this.flush();
    this.prev.fill(NaN);
  }

  /**
   * The analytics as of the last closed bar, read from the states now —
   * O(pairs), for a reader that looks less often than bars close (buffers
   * reused: copy what you keep).
   */
  current(): MatrixUpdate {
    const u = this.update as { time: number } & MatrixUpdate;
    u.time = this.lastBar;
    this.rolling.correlations(u.rolling);
    this.ewm.correlations(u.ewm);
    this.vol.std(u.vol);
    this.ewmaVar.variance(u.ewmaVar);
    return u;
  }

  private close(): void {
    const k = this.symbols.length;
    for (let i = 0; i < k; i++) {
      const c = this.mid[i]!;
      const p = this.prev[i]!;
      this.returns[i] = c > 0 && p > 0 ? Math.log(c / p) : NaN;
    }
    this.rolling.push(this.returns);
    this.ewm.push(this.returns);
    this.vol.push(this.returns);
    this.ewmaVar.push(this.returns);
    this.bars++;
    this.lastBar = this.bucket * this.step;
    this.lastClose.set(this.mid);
    if (this.listeners.length > 0) {
      const u = this.current();
      for (const fn of this.listeners) fn(u);
    }
    this.prev.set(this.mid);
    this.mid.fill(NaN);
  }
}
