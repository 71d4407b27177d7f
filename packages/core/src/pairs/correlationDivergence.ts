import { rollingCorrelation } from '../correlation/rollingCorrelation.js';
import { rollingMeanStd } from './rollingMeanStd.js';

/** Options of {@link correlationDivergence}. */
export interface DivergenceOptions {
  /** Short correlation window (default 20 observations). */
  readonly short?: number;
  /** Long correlation window, also the history over which the short correlation's own sd is measured (default 120). */
  readonly long?: number;
  /** Alert threshold in standard deviations (default 2). */
  readonly k?: number;
}

/** A run of consecutive alerts. */
export interface DivergenceEpisode {
  /** Index of the first and last alerting observation. */
  readonly start: number;
  readonly end: number;
  /** z with the largest |z| in the run. */
  readonly peakZ: number;
}

/** Short- against long-window correlation of two return series, and when they part. */
export interface CorrelationDivergence {
  readonly short: number;
  readonly long: number;
  readonly k: number;
  /** Rolling Pearson correlation over `short` observations. */
  readonly shortCorr: Float64Array;
  /** Rolling Pearson correlation over `long` observations. */
  readonly longCorr: Float64Array;
  /** Sample sd (ddof 1) of `shortCorr` over the trailing `long` observations. */
  readonly sd: Float64Array;
  /** (shortCorr − longCorr) / sd. */
  readonly z: Float64Array;
  /** 1 where |z| > k. */
  readonly alert: Uint8Array;
  readonly episodes: readonly DivergenceEpisode[];
}

/**
 * Correlation-divergence alert for a pair trade: the short-window
 * correlation of the two legs' returns is compared with the long-window one,
 * in units of the short correlation's own variability — its sample standard
 * deviation over the trailing `long` observations:
 * z_t = (ρ_short(t) − ρ_long(t)) / sd(ρ_short over t−long+1…t), alert when
 * |z_t| > k. Equal to pandas `(s - l) / s.rolling(long).std()` with
 * `s = x.rolling(short).corr(y)`, `l = x.rolling(long).corr(y)`.
 *
 * Method: `rollingCorrelation` (pandas-exact rolling Pearson) and
 * {@link rollingMeanStd}; O(n).
 *
 * Degenerate input: the first short + long − 2 observations have no z (NaN,
 * no alert); windows with missing values follow `rollingCorrelation`
 * (complete pairs only) and give NaN sd where the short correlation is NaN.
 *
 * @throws RangeError when the lengths differ; Error when short ≥ long, a window < 2 or k ≤ 0.
 * @example correlationDivergence(rAud, rNzd, { short: 20, long: 120, k: 2 }).episodes.length // 43 for AUD/USD vs NZD/USD daily log returns, H.10 2010–2019
 */
export function correlationDivergence(x: ArrayLike<number>, y: ArrayLike<number>, options: DivergenceOptions = {}): CorrelationDivergence {
  const short = options.short ?? 20;
  const long = options.long ?? 120;
  const k = options.k ?? 2;
  if (!Number.isInteger(short) || !Number.isInteger(long) || short < 2 || long <= short) {
    throw new Error(`correlationDivergence: windows must be whole numbers with 2 ≤ short < long, got short ${short}, long ${long}`);
  }
  if (!(k > 0)) throw new Error(`correlationDivergence: k must be > 0, got ${k}`);
  const shortCorr = rollingCorrelation(x, y, short);
  const longCorr = rollingCorrelation(x, y, long);
  const { sd } = rollingMeanStd(shortCorr, long);
  const n = shortCorr.length;
  const z = new Float64Array(n);
  const alert = new Uint8Array(n);
  const episodes: DivergenceEpisode[] = [];
  let open = -1;
  let peak = 0;
  for (let i = 0; i < n; i++) {
    z[i] = (shortCorr[i]! - longCorr[i]!) / sd[i]!;
    const on = Math.abs(z[i]!) > k;
    alert[i] = on ? 1 : 0;
    if (on) {
      if (open < 0) {
        open = i;
        peak = z[i]!;
      } else if (Math.abs(z[i]!) > Math.abs(peak)) peak = z[i]!;
    } else if (open >= 0) {
      episodes.push({ start: open, end: i - 1, peakZ: peak });
      open = -1;
    }
  }
  if (open >= 0) episodes.push({ start: open, end: n - 1, peakZ: peak });
  return { short, long, k, shortCorr, longCorr, sd, z, alert, episodes };
}
