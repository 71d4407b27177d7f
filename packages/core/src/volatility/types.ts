/** Open, high, low and close prices of bars (a `Bars` satisfies it). */
export interface OhlcArrays {
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly close: Float64Array;
}

/** A volatility estimate per bar and annualised, with the factor used. */
export interface VolatilityEstimate {
  /** Standard deviation of log returns per bar (a fraction: 0.006 = 0.6 %). */
  readonly sigma: number;
  /** `sigma · √periodsPerYear`. */
  readonly annualised: number;
  /** The annualisation factor: bars per year, as given by the caller. */
  readonly periodsPerYear: number;
  /** Number of bar (or return) terms the estimate averages. */
  readonly n: number;
}

/** Builds an estimate from a per-bar variance; NaN when the variance is not a finite number ≥ 0. */
export function estimateFromVariance(variance: number, periodsPerYear: number, n: number): VolatilityEstimate {
  const sigma = variance >= 0 && variance < Infinity ? Math.sqrt(variance) : Number.NaN;
  return { sigma, annualised: sigma * Math.sqrt(periodsPerYear), periodsPerYear, n };
}
