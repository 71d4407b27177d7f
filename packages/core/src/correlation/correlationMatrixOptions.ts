import type { CorrelationMethod } from './types.js';

/**
 * Default minimum number of observations per cell: 3, the smallest sample on
 * which the t-test behind the p-value has a degree of freedom (with two
 * points every coefficient is ±1). pandas' default (`min_periods=1`) lets
 * two-point pairs through as ±1; raise it for stable estimates (e.g. 20 or a
 * window's length).
 */
export const DEFAULT_MIN_PERIODS = 3;

/**
 * How missing observations are handled:
 * - `'pairwise'`: each pair of columns uses the rows where both are present
 *   (pandas `DataFrame.corr`, R `use = "pairwise.complete.obs"`); cells may
 *   rest on different samples, so the matrix need not be positive
 *   semi-definite.
 * - `'complete'`: only rows where every column is present (listwise
 *   deletion, R `use = "complete.obs"`); one sample for all cells.
 */
export type MissingPolicy = 'pairwise' | 'complete';

/** Options of {@link correlationMatrix}. */
export interface CorrelationMatrixOptions {
  /** Coefficient. Default `'pearson'`. */
  readonly method?: CorrelationMethod;
  /**
   * Minimum number of observations for a cell to get a coefficient (pandas
   * `min_periods`). Default {@link DEFAULT_MIN_PERIODS}; values below 2 act
   * as 2 (a coefficient needs two points).
   */
  readonly minPeriods?: number;
  /** Missing-data policy. Default `'pairwise'`. */
  readonly missing?: MissingPolicy;
  /** Confidence level of the `lo`/`hi` intervals, in (0, 1). Default 0.95. */
  readonly confidence?: number;
  /** Compute p-values and intervals (default true); when false `p`, `lo`, `hi` stay `NaN`. */
  readonly significance?: boolean;
}
