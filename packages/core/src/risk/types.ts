/**
 * Sign convention for every VaR and ES soukan reports: **losses are
 * positive**. A 99 % one-day VaR of 0.012 means a loss of at least 1.2 % on
 * one day in a hundred; a negative VaR means even the bad quantile is a gain.
 * Inputs are P&L (or returns of the position as held: a short position's
 * P&L is minus the pair's return).
 */
export interface RiskMeasure {
  /** Confidence level c in (0, 1), e.g. 0.99. */
  readonly confidence: number;
  /** Value-at-Risk: −(the (1 − c) quantile of P&L). */
  readonly var: number;
  /** Expected Shortfall: −(mean P&L in the worst (1 − c) tail), ≥ VaR for a coherent model. */
  readonly es: number;
}

/** Which VaR model produced a measure. */
export type VarMethod = 'historical' | 'normal' | 'cornish-fisher' | 'ewma' | 'monte-carlo';

/** True when c is a usable confidence level: strictly between 0 and 1. */
export function validConfidence(c: number): boolean {
  return c > 0 && c < 1;
}
