/** An objective to minimise: reads `x`, must not keep or modify it. */
export type Objective = (x: Float64Array) => number;

/** Outcome of a minimiser. */
export interface MinimizeResult {
  /** Best point found. */
  readonly x: Float64Array;
  /** Objective at `x`. */
  readonly fx: number;
  /** Iterations (simplex steps, or quasi-Newton steps) over all restarts. */
  readonly iterations: number;
  /** Objective evaluations over all restarts. */
  readonly evaluations: number;
  /** True when a convergence test was met before the iteration limit. */
  readonly converged: boolean;
  /** Restarts performed after the first run. */
  readonly restarts: number;
  /** Which test stopped the search ("fTol and xTol", "gradient", "iteration limit", …). */
  readonly message: string;
}
