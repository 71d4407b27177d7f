/** One quote from a live feed: canonical symbol, UTC ms, bid and ask. */
export interface Quote {
  readonly symbol: string;
  readonly time: number;
  readonly bid: number;
  readonly ask: number;
}

/** Why a message or quote was not stored. */
export type FeedProblem = 'malformed' | 'unknown-instrument' | 'bad-price' | 'duplicate' | 'out-of-order' | 'clock-jump';

/**
 * What a feed did, counted: every message is either stored, a heartbeat, or
 * one of the problems — never silently lost.
 */
export interface FeedStats {
  /** Messages read from the source (lines, frames). */
  messages: number;
  heartbeats: number;
  /** Quotes accepted (and persisted once, by the recorder). */
  accepted: number;
  /** Quotes filled in from the candles endpoint after a reconnect. */
  backfilled: number;
  reconnects: number;
  /** Times the heartbeat watchdog found the stream silent. */
  stalls: number;
  readonly problems: Record<FeedProblem, number>;
  /** The first few problems, with the offending text, for the report. */
  readonly samples: { problem: FeedProblem; detail: string }[];
  /** Time of the last accepted quote (UTC ms; NaN before the first). */
  lastTick: number;
}

/**
 * Empty counters.
 *
 * @example newFeedStats().problems.duplicate // 0
 */
export function newFeedStats(): FeedStats {
  return {
    messages: 0,
    heartbeats: 0,
    accepted: 0,
    backfilled: 0,
    reconnects: 0,
    stalls: 0,
    problems: { malformed: 0, 'unknown-instrument': 0, 'bad-price': 0, duplicate: 0, 'out-of-order': 0, 'clock-jump': 0 },
    samples: [],
    lastTick: NaN,
  };
}

/**
 * Counts a problem and keeps the first ten with their text.
 *
 * @example countProblem(stats, 'malformed', 'not JSON: "{oops"')
 */
export function countProblem(stats: FeedStats, problem: FeedProblem, detail: string): void {
  stats.problems[problem]++;
  if (stats.samples.length < 10) stats.samples.push({ problem, detail: detail.length > 160 ? `${detail.slice(0, 157)}…` : detail });
}

/**
 * One line summarising a feed's counters, for logs and `soukan watch`.
 *
 * @example feedSummary(stats) // '1,204 accepted, 3 heartbeats, 0 reconnects; dropped: 1 duplicate, 1 malformed'
 */
export function feedSummary(s: FeedStats): string {
  const num = (n: number): string => n.toLocaleString('en-US');
  const dropped = Object.entries(s.problems)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${num(n)} ${k}`);
  return `${num(s.accepted)} accepted${s.backfilled ? ` (${num(s.backfilled)} backfilled)` : ''}, ${num(s.heartbeats)} heartbeats, ${num(s.reconnects)} reconnects${s.stalls ? `, ${num(s.stalls)} stalls` : ''}; dropped: ${dropped.join(', ') || 'none'}`;
}
