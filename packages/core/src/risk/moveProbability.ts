import { normalCdf } from '../stats/index.js';
import { wilsonInterval } from './wilsonInterval.js';

/** A horizon in bars, or in time (milliseconds) for data with gaps. */
export type MoveHorizon = { readonly bars: number } | { readonly ms: number };

/** Bars with highs, lows and closes (a `Bars` satisfies it). */
export interface HlcBars {
  readonly time: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/** The largest rise and fall from every start point within a horizon. */
export interface MoveExtremes {
  /** `up[i]` = max high in the window of start i − close[i] (0 for an empty window); NaN where the window is incomplete. */
  readonly up: Float64Array;
  /** `down[i]` = close[i] − min low in the window (0 for an empty window); NaN where incomplete. */
  readonly down: Float64Array;
  /** Start points with a complete window (they are the first `windows` indices). */
  readonly windows: number;
  /** Mean number of bars per complete window (H in bar mode). */
  readonly meanBars: number;
}

/**
 * For every start point i (the close of bar i), the largest rise (max high
 * − close[i]) and fall (close[i] − min low) over the following horizon, by
 * monotone deques (sliding-window max/min, each bar pushed and popped once):
 * O(n) time whatever the horizon, O(n) memory.
 *
 * Windows:
 * - `{ bars: H }`: bars i+1 … i+H; complete when i + H ≤ n − 1.
 * - `{ ms: D }`: bars j > i opening at or before time[i] + D — for M1 bars
 *   stamped at their opening minute, exactly the D that follow bar i's
 *   close; complete when time[i] + D ≤ time[n−1]. A window that falls in a
 *   market closure holds no bars and counts as no move (0).
 *
 * Bars whose high or low is NaN are left out of every window.
 *
 * @example moveExtremes(m1, { ms: 600 * 60_000 }).up // largest rise within 10 hours of each minute's close
 */
export function moveExtremes(bars: HlcBars, horizon: MoveHorizon): MoveExtremes {
  const { time, high, low, close } = bars;
  const n = Math.min(time.length, high.length, low.length, close.length);
  const up = new Float64Array(n).fill(Number.NaN);
  const down = new Float64Array(n).fill(Number.NaN);
  const byBars = 'bars' in horizon;
  const H = byBars ? Math.floor(horizon.bars) : 0;
  const D = byBars ? 0 : horizon.ms;
  if (n === 0 || (byBars ? !(H >= 1) : !(D > 0))) return { up, down, windows: 0, meanBars: Number.NaN };
  const qMax = new Int32Array(n);
  const qMin = new Int32Array(n);
  let hMax = 0;
  let tMax = 0;
  let hMin = 0;
  let tMin = 0;
  let e = 0; // next bar to enter the windows
  let windows = 0;
  let barSum = 0;
  const tLast = time[n - 1]!;
  for (let i = 0; i < n; i++) {
    let last: number;
    if (byBars) {
      last = i + H;
      if (last > n - 1) break;
    } else {
      const end = time[i]! + D;
      if (end > tLast) break;
      last = e > i ? e - 1 : i;
      while (last + 1 < n && time[last + 1]! <= end) last++;
    }
    if (e <= i) e = i + 1;
    for (; e <= last; e++) {
      const h = high[e]!;
      const l = low[e]!;
      if (h === h) {
        while (tMax > hMax && high[qMax[tMax - 1]!]! <= h) tMax--;
        qMax[tMax++] = e;
      }
      if (l === l) {
        while (tMin > hMin && low[qMin[tMin - 1]!]! >= l) tMin--;
        qMin[tMin++] = e;
      }
    }
    while (hMax < tMax && qMax[hMax]! <= i) hMax++;
    while (hMin < tMin && qMin[hMin]! <= i) hMin++;
    const c = close[i]!;
    up[i] = hMax < tMax ? high[qMax[hMax]!]! - c : 0;
    down[i] = hMin < tMin ? c - low[qMin[hMin]!]! : 0;
    windows++;
    barSum += last - i;
  }
  return { up, down, windows, meanBars: windows > 0 ? barSum / windows : Number.NaN };
}

/** Hits, share and Wilson 95 % interval for one direction. */
export interface MoveSide {
  readonly hits: number;
  readonly share: number;
  readonly lower: number;
  readonly upper: number;
}

/** Move probability for one threshold and horizon. */
export interface MoveProbability {
  /** Threshold in price units. */
  readonly threshold: number;
  /** Complete windows (start points) counted. */
  readonly windows: number;
  /** Price rose at least `threshold` above the start close (on highs). */
  readonly up: MoveSide;
  /** Price fell at least `threshold` below the start close (on lows). */
  readonly down: MoveSide;
  /** Either of the two. */
  readonly either: MoveSide;
  /**
   * Brownian first-passage probability of one side, 2·(1 − Φ(X / (σ√H))):
   * driftless Brownian motion with σ per bar from the same bars (root mean
   * square of close-to-close changes) over H bars (`meanBars`).
   */
  readonly brownian: number;
  /** σ per bar in price units used by `brownian`. */
  readonly sigmaPerBar: number;
  /** H: bars per window (mean bars per complete window for a time horizon). */
  readonly horizonBars: number;
}

/** Relative slack on the threshold so that a decimal touch (1.05230 − 1.05130 vs 0.0010) is not lost to binary rounding. */
export const MOVE_THRESHOLD_SLACK = 1e-9;

/**
 * Empirical probability that price moves at least X up (using highs) and at
 * least X down (using lows) within the horizon from a bar's close, for each
 * threshold, with counts and Wilson 95 % intervals, next to the Brownian
 * first-passage estimate 2·(1 − Φ(X/(σ√H))) from the same data — where
 * the two differ, fat tails or volatility clustering matter.
 *
 * A move counts when it reaches X·(1 − 1e-9) ({@link MOVE_THRESHOLD_SLACK}).
 * Windows overlap, so the hits are far from independent: the Wilson
 * interval treats them as independent and is much too narrow as a
 * statement about the future; it is reported as the binomial interval of
 * the share, as broker tools would, and labelled so.
 *
 * O(n) for the extremes plus O(n) per threshold.
 *
 * Degenerate input: a threshold ≤ 0 or NaN, or no complete window → NaN
 * shares (counts 0).
 *
 * @example moveProbability(m1, [0.005], { ms: 600 * 60_000 })[0].up.share // P(EUR/USD rises 50 pips within 10 h)
 */
export function moveProbability(bars: HlcBars, thresholds: readonly number[], horizon: MoveHorizon): MoveProbability[] {
  return probabilitiesFrom(moveExtremes(bars, horizon), bars.close, thresholds);
}

/**
 * A ladder: {@link moveProbability} for every horizon × threshold, computing
 * the window extremes once per horizon. Result `[h][k]` is horizon h,
 * threshold k.
 *
 * O(n · horizons · (1 + thresholds)).
 *
 * @example moveLadder(h1, [0.002, 0.005, 0.01], [{ bars: 4 }, { bars: 24 }])[1][2].up.share
 */
export function moveLadder(bars: HlcBars, thresholds: readonly number[], horizons: readonly MoveHorizon[]): MoveProbability[][] {
  return horizons.map((h) => probabilitiesFrom(moveExtremes(bars, h), bars.close, thresholds));
}

function rmsStep(close: Float64Array): number {
  let s = 0;
  let k = 0;
  for (let i = 1; i < close.length; i++) {
    const d = close[i]! - close[i - 1]!;
    if (d === d) {
      s += d * d;
      k++;
    }
  }
  return k > 0 ? Math.sqrt(s / k) : Number.NaN;
}

function side(hits: number, n: number): MoveSide {
  const [lower, upper] = wilsonInterval(hits, n);
  return { hits, share: n > 0 ? hits / n : Number.NaN, lower, upper };
}

function probabilitiesFrom(ext: MoveExtremes, close: Float64Array, thresholds: readonly number[]): MoveProbability[] {
  const sigma = rmsStep(close);
  const H = ext.meanBars;
  return thresholds.map((x) => {
    const valid = x > 0 && x < Infinity && ext.windows > 0;
    const n = valid ? ext.windows : 0;
    let u = 0;
    let d = 0;
    let e = 0;
    if (valid) {
      const lim = x * (1 - MOVE_THRESHOLD_SLACK);
      for (let i = 0; i < n; i++) {
        const hu = ext.up[i]! >= lim;
        const hd = ext.down[i]! >= lim;
        if (hu) u++;
        if (hd) d++;
        if (hu || hd) e++;
      }
    }
    const brownian = valid && sigma > 0 ? 2 * normalCdf(-x / (sigma * Math.sqrt(H))) : Number.NaN;
    return { threshold: x, windows: n, up: side(u, n), down: side(d, n), either: side(e, n), brownian, sigmaPerBar: sigma, horizonBars: H };
  });
}
