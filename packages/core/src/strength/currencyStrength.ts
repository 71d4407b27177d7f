import { frameReturns } from '../series/returns.js';
import type { Frame } from '../series/types.js';
import { strengthFactors, type StrengthConstraint, type StrengthFactors } from './strengthFactors.js';
import { strengthIndex, strengthRanking, type StrengthIndex, type StrengthRank } from './strengthIndex.js';

/** Everything `soukan strength` shows: factors, the rebased index and the latest ranking. */
export interface CurrencyStrength {
  readonly factors: StrengthFactors;
  readonly index: StrengthIndex;
  readonly ranking: readonly StrengthRank[];
}

/**
 * Least-squares currency strength from pair prices: log returns between
 * consecutive rows ({@link frameReturns}), per-period factors
 * ({@link strengthFactors}), cumulated and rebased ({@link strengthIndex}),
 * ranked at the last time ({@link strengthRanking}).
 *
 * O(T · P · C).
 *
 * @param prices price levels, one column per pair, NaN where missing (never filled)
 * @throws Error when the pairs cannot identify the factors, or the base time precedes the data.
 * @example currencyStrength(market.frame(universe('majors')).frame, { baseTime }).ranking[0].currency // 'AUD' for the ECB majors over the 250 returns to 2026-04-13
 */
export function currencyStrength(
  prices: Frame,
  options: { currencies?: readonly string[]; constraint?: StrengthConstraint; baseTime?: number; baseValue?: number } = {},
): CurrencyStrength {
  if (prices.time.length === 0) throw new Error('strength: no observations');
  const factors = strengthFactors(frameReturns(prices, 'log'), options);
  const index = strengthIndex(factors, prices.time[0]!, options);
  return { factors, index, ranking: strengthRanking(index, factors) };
}
