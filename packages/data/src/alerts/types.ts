/**
 * Alert rules a trader writes once. Pairs are named by their two symbols
 * (`['AUD/USD', 'NZD/USD']`); windows and horizons are in bars of the live
 * matrix (M1 by default). `cooldown` (bars, default 60): after firing, a
 * rule fires again only once its condition has been clear that long.
 */
export type AlertRule =
  /** Rolling ρ leaves its long-run band: |ρ − mean| > k·σ of the last `history` rolling values. */
  | { readonly kind: 'breakdown-band'; readonly id: string; readonly cooldown?: number; readonly pair: readonly [string, string]; readonly k: number; readonly history: number }
  /** Fisher-z test of ρ over the last `window` bars against the `window` before rejects at level `alpha`. */
  | { readonly kind: 'breakdown-fisher'; readonly id: string; readonly cooldown?: number; readonly pair: readonly [string, string]; readonly window: number; readonly alpha: number }
  /** A pair whose rolling |ρ| is at least `minRho` moves apart: the last `horizon` bars' return spread is `z` σ or more. */
  | { readonly kind: 'divergence'; readonly id: string; readonly cooldown?: number; readonly pair: readonly [string, string]; readonly minRho: number; readonly horizon: number; readonly z: number }
  /** Volatility spike: σ of the last `short` bars' returns is `ratio` times the rolling σ or more. */
  | { readonly kind: 'vol-spike'; readonly id: string; readonly cooldown?: number; readonly symbol: string; readonly short: number; readonly ratio: number }
  /** Price moved ±`pips` within `horizonMs` (from the lowest / highest mid in that time). */
  | { readonly kind: 'move'; readonly id: string; readonly cooldown?: number; readonly symbol: string; readonly pips: number; readonly horizonMs: number };

/** A fired alert with its evidence. */
export interface Alert {
  readonly ruleId: string;
  readonly kind: AlertRule['kind'];
  /** Time of the bar or quote that fired it (UTC ms). */
  readonly time: number;
  /** Symbol or `A/B ~ C/D`. */
  readonly subject: string;
  /** One line for people. */
  readonly message: string;
  /** The numbers behind it: values, windows, times. */
  readonly evidence: Readonly<Record<string, number | string>>;
}
