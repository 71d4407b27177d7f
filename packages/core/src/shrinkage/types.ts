/** A shrunk covariance matrix and how far it was pulled towards its target. */
export interface ShrunkCovariance {
  /** k×k row-major, symmetric: δ·F + (1 − δ)·S. */
  readonly covariance: Float64Array;
  /** The shrinkage intensity δ in [0, 1] (NaN when undefined). */
  readonly shrinkage: number;
  /** What the sample covariance S was shrunk towards. */
  readonly target: 'identity' | 'constant-correlation';
  /**
   * The target's one free number: μ = tr(S)/k, the mean variance, for the
   * scaled identity; r̄, the mean sample correlation, for constant correlation.
   */
  readonly targetValue: number;
}
