import { covarianceMatrix, ledoitWolf, ledoitWolfConstantCorrelation, oas } from '@soukan/core';
import { InputError } from '../errors.js';
import { apiName, type ParamLabel } from './paramLabel.js';

/** How the portfolio covariance is estimated: `auto` applies the rule of {@link covarianceModel}. */
export const SHRINK_CHOICES = ['auto', 'none', 'cc', 'lw', 'oas'] as const;
export type ShrinkChoice = (typeof SHRINK_CHOICES)[number];

/**
 * `auto` shrinks when there are fewer than this many daily returns per series
 * (T < 10·k): below it the sample covariance's estimation error in the
 * correlations is no longer small against their size (each ρ̂ has standard
 * error ≈ (1 − ρ²)/√T, and there are k(k − 1)/2 of them feeding wᵀΣw).
 */
export const AUTO_SHRINK_RETURNS_PER_SERIES = 10;

/** The covariance a risk figure was computed from. */
export interface CovarianceModel {
  /** k×k row-major, ddof 1 scale. */
  readonly cov: Float64Array;
  readonly estimator: 'sample' | 'ledoit-wolf-constant-correlation' | 'ledoit-wolf-identity' | 'oas';
  /** Shrinkage intensity applied, in [0, 1]; 0 for the sample covariance. */
  readonly shrinkage: number;
  /** Why this estimator (for the output). */
  readonly rule: string;
}

/** Parses `auto`, `none`, `cc`, `lw` or `oas`. */
export function parseShrink(text: string, label: ParamLabel = apiName): ShrinkChoice {
  const v = text.trim().toLowerCase();
  if (!(SHRINK_CHOICES as readonly string[]).includes(v)) throw new InputError(`${label('shrink')} must be one of ${SHRINK_CHOICES.join(', ')}, got ${JSON.stringify(text)}`);
  return v as ShrinkChoice;
}

/**
 * The covariance matrix of T daily returns of k series (row-major T×k) for
 * portfolio risk: the sample covariance (ddof 1, `numpy.cov`), or a shrunk
 * one. `auto` (the default) uses the sample covariance when there are at
 * least {@link AUTO_SHRINK_RETURNS_PER_SERIES} returns per series and
 * Ledoit–Wolf shrinkage towards constant correlation otherwise. That target
 * keeps each pair's own variance (the identity target would pull USD/JPY's
 * and EUR/CHF's volatilities towards their average) and pulls only the
 * correlations towards their mean, with the intensity estimated from the
 * data (Ledoit & Wolf 2004, "Honey, I shrunk the sample covariance matrix").
 * `cc`, `lw` (identity target, scikit-learn's LedoitWolf) and `oas` force an
 * estimator; `none` forces the sample covariance. Shrunk matrices are
 * rescaled by T/(T − 1) to the ddof-1 scale of the sample one, so with the
 * constant-correlation target the variances are exactly the sample ones.
 * A constant series leaves the sample matrix (with its zero variance) for
 * the caller to refuse by name.
 */
export function covarianceModel(R: Float64Array, T: number, k: number, choice: ShrinkChoice = 'auto'): CovarianceModel {
  const few = T < AUTO_SHRINK_RETURNS_PER_SERIES * k;
  const pick = choice === 'auto' ? (few && k > 1 ? 'cc' : 'none') : choice;
  const why =
    choice === 'auto'
      ? `auto: ${T} returns for ${k} series (${few ? 'fewer' : 'at least'} than ${AUTO_SHRINK_RETURNS_PER_SERIES} per series${few && k > 1 ? ': shrunk' : ''})`
      : `chosen: ${choice}`;
  const sample = covarianceMatrix(R, T, k);
  // A constant series stays in the sample matrix (variance 0) for the caller to refuse by name.
  let constant = false;
  for (let j = 0; j < k; j++) if (!(sample[j * k + j]! > 0)) constant = true;
  if (pick === 'none' || constant) return { cov: sample, estimator: 'sample', shrinkage: 0, rule: why };
  const s = pick === 'cc' ? ledoitWolfConstantCorrelation(R, T, k) : pick === 'lw' ? ledoitWolf(R, T, k) : oas(R, T, k);
  const cov = s.covariance;
  const scale = T / (T - 1);
  for (let i = 0; i < cov.length; i++) cov[i] = cov[i]! * scale;
  const estimator = pick === 'cc' ? 'ledoit-wolf-constant-correlation' : pick === 'lw' ? 'ledoit-wolf-identity' : 'oas';
  return { cov, estimator, shrinkage: s.shrinkage, rule: why };
}
