import type { Timeframe } from '@soukan/core';
import type { MomentsRequest } from './frameMoments.js';

/**
 * Data a computation asked a {@link QueryMarket} for that it does not hold
 * yet: closes of symbols at a timeframe (built by the store), or quoted
 * series at the stored resolution (when an algorithm needs the rows).
 */
export interface MarketNeed {
  /** Quoted symbols whose stored rows are needed. */
  readonly raw?: readonly string[];
  /** Symbols (canonical) whose closes at `timeframe` are needed. */
  readonly closes?: { readonly symbols: readonly string[]; readonly timeframe: Timeframe };
  /** Sufficient statistics of a correlation frame, computed in the store. */
  readonly moments?: MomentsRequest;
}

/**
 * Thrown by a {@link QueryMarket} when a computation touches data it has not
 * fetched; {@link answer} fetches it and runs the computation again. It is
 * not an input error: callers that catch errors to word them pass it on.
 *
 * @example new NeedData({ closes: { symbols: ['EUR/USD'], timeframe: 'H1' } }).need.closes.timeframe // 'H1'
 */
export class NeedData extends Error {
  override readonly name = 'NeedData';
  constructor(readonly need: MarketNeed) {
    super(
      `needs ${need.raw ? `the rows of ${need.raw.join(' ')}` : need.moments ? `the ${need.moments.timeframe} moments of ${need.moments.symbols.join(' ')}` : `${need.closes!.timeframe} closes of ${need.closes!.symbols.join(' ')}`}`,
    );
  }
}
