/** Correlation coefficient: Pearson's r, Spearman's ρ or Kendall's τ-b. */
export type CorrelationMethod = 'pearson' | 'spearman' | 'kendall';

/**
 * Why a coefficient is `NaN`: fewer observations than required, or an input
 * that does not vary over the observations used (its correlation is
 * undefined). `null` when the coefficient is a number.
 */
export type CorrelationReason = null | 'too-few-observations' | 'constant-input';

/** A coefficient with its sample size, two-sided p-value and confidence interval. */
export interface CorrelationTest {
  /** The coefficient, in [−1, 1]; `NaN` when undefined. */
  readonly r: number;
  /** Number of observations used. */
  readonly n: number;
  /** Two-sided p-value of H0: no association. */
  readonly p: number;
  /** Lower end of the confidence interval (Fisher z). */
  readonly lo: number;
  /** Upper end of the confidence interval (Fisher z). */
  readonly hi: number;
  /** Why `r` is `NaN`, or `null`. */
  readonly reason: CorrelationReason;
}

/** Options shared by the significance functions. */
export interface CorrelationTestOptions {
  /** Confidence level of the interval, in (0, 1). Default 0.95. */
  readonly confidence?: number;
}

/** Default confidence level of correlation intervals. */
export const DEFAULT_CONFIDENCE = 0.95;
