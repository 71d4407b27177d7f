import type { CorrelationMethod } from './types.js';

/**
 * Default minimum number of observations per cell: 20, capped at the number
 * of rows (a matrix of 10 complete rows still gets its coefficients) — the
 * one default of the library, the command line and the API
 * (`@soukan/requests` re-exports it as `DEFAULT_CORRELATION_MIN_PERIODS`).
 * pandas' default (`min_periods=1`) lets two-point pairs through as ±1;
 * fewer than 20 pairwise observations make a coefficient too noisy to read.
 *
 * @example defaultMinPeriods(250) // 20
 * @example defaultMinPeriods(10) // 10
 */
export const DEFAULT_MIN_PERIODS = 20;

/**
 * The minimum observations per cell when none is given: {@link DEFAULT_MIN_PERIODS}
 * capped at the rows (or the window) available.
 *
 * @example defaultMinPeriods(5) // 5
 */
export function defaultMinPeriods(rows: number): number {
  return Math.min(DEFAULT_MIN_PERIODS, rows);
}

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
   * `min_periods`). Default {@link defaultMinPeriods} of the rows; values below 2 act
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
