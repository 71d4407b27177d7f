import { countProblem, type FeedStats, type Quote } from './types.js';

/** Options of a {@link TickGate}. */
export interface TickGateOptions {
  /** Symbols accepted (canonical); others are counted as unknown instruments. */
  readonly symbols: readonly string[];
  /**
   * Largest allowed lead of feed time over wall time since the previous
   * quote of the symbol (× `speed`), in ms: beyond it the quote's clock
   * jumped and it is dropped. Default 10 minutes.
   */
  readonly maxJumpMs?: number;
  /** Feed time per wall time (a replay at 60× passes 60). Default 1. */
  readonly speed?: number;
  /** Wall clock (ms); injectable for tests. */
  readonly now?: () => number;
}

/**
 * The one check every live quote passes before it is stored, whatever the
 * feed: a known symbol, finite positive bid and ask (ask ≥ bid is not
 * required — crossed quotes happen), a time that does not go back (else
 * out-of-order), is not the previous quote again (same time, bid and ask:
 * duplicate), and does not run ahead of the wall clock by more than
 * `maxJumpMs` (clock jump). Each rejection is counted in the stats, never
 * thrown. O(1) per quote.
 *
 * @example new TickGate(stats, { symbols: ['EUR/USD'] }).accept({ symbol: 'EUR/USD', time: 0, bid: 0, ask: 1 }) // false, counted as bad-price
 */
export class TickGate {
  /** The last accepted quote of each known symbol (time NaN before its first), updated in place: no allocation per quote. */
  private readonly last = new Map<string, { time: number; bid: number; ask: number; wall: number }>();
  private readonly maxJump: number;
  private readonly speed: number;
  private readonly now: () => number;

  constructor(
    readonly stats: FeedStats,
    options: TickGateOptions,
  ) {
    for (const s of options.symbols) this.last.set(s, { time: NaN, bid: NaN, ask: NaN, wall: NaN });
    this.maxJump = options.maxJumpMs ?? 600_000;
    this.speed = options.speed ?? 1;
    this.now = options.now ?? Date.now;
  }

  /** True when the quote may be stored; otherwise it has been counted. */
  accept(q: Quote): boolean {
    const s = this.stats;
    const prev = this.last.get(q.symbol);
    if (prev === undefined) {
      countProblem(s, 'unknown-instrument', q.symbol);
      return false;
    }
    if (!(q.bid > 0 && q.ask > 0 && q.bid < Infinity && q.ask < Infinity)) {
      countProblem(s, 'bad-price', `${q.symbol} bid ${q.bid} ask ${q.ask}`);
      return false;
    }
    if (!Number.isFinite(q.time)) {
      countProblem(s, 'malformed', `${q.symbol}: time ${q.time}`);
      return false;
    }
    const wall = this.now();
    if (prev.time === prev.time) {
      if (q.time < prev.time) {
        countProblem(s, 'out-of-order', `${q.symbol} ${new Date(q.time).toISOString()} after ${new Date(prev.time).toISOString()}`);
        return false;
      }
      if (q.time === prev.time && q.bid === prev.bid && q.ask === prev.ask) {
        countProblem(s, 'duplicate', `${q.symbol} ${new Date(q.time).toISOString()} ${q.bid}/${q.ask}`);
        return false;
      }
      if (q.time - prev.time > this.maxJump + (wall - prev.wall) * this.speed) {
        countProblem(s, 'clock-jump', `${q.symbol} ${new Date(q.time).toISOString()}, ${Math.round((q.time - prev.time) / 1000)} s after the previous quote`);
        return false;
      }
    }
    prev.time = q.time;
    prev.bid = q.bid;
    prev.ask = q.ask;
    prev.wall = wall;
    s.accepted++;
    s.lastTick = q.time;
    return true;
  }

  /** Time of the last accepted quote of a symbol (NaN when none). */
  lastTime(symbol: string): number {
    return this.last.get(symbol)?.time ?? NaN;
  }

  /** Bid and ask of the last accepted quote of a symbol (undefined when none). */
  lastPrice(symbol: string): { readonly bid: number; readonly ask: number } | undefined {
    const r = this.last.get(symbol);
    return r && r.time === r.time ? r : undefined;
  }

  /**
   * Treats a quote as accepted without checks (backfill fills the gap behind
   * the gate's last time; a restart continues after the stored ticks). A
   * symbol the gate does not know stays unknown.
   */
  advance(q: Quote): void {
    const r = this.last.get(q.symbol);
    if (!r) return;
    r.time = q.time;
    r.bid = q.bid;
    r.ask = q.ask;
    r.wall = this.now();
  }
}
