import { TIMEFRAME_MINUTES, type AlignPolicy, type AlignResult, type PriceSeries, type Timeframe } from '@soukan/core';
import { InputError } from '../errors.js';
import { Market } from '../market/market.js';

/**
 * A {@link Market} whose series came from the store, possibly already
 * resampled there. It behaves like a market read from files; in addition it
 * knows its source, the timeframe it was loaded at, and notes for the user.
 *
 * @example (await store.market({ source: 'HistData', timeframe: 'H1' })).frame(['EUR/USD', 'USD/JPY']).frame.time.length // hours both pairs traded
 */
export class StoreMarket extends Market {
  /** The store's source name (`HistData`, `ECB`, …). */
  readonly source: string;
  /** Timeframe the series were resampled to in the store (undefined: stored resolution). */
  readonly timeframe?: Timeframe;
  /** Which source was chosen, caveats. */
  readonly notes: readonly string[];

  constructor(
    series: readonly PriceSeries[],
    options: { source: string; frequency: 'daily' | 'intraday'; timeframe?: Timeframe; notes?: readonly string[]; label?: string; quoted?: readonly string[] },
  ) {
    super(series, { label: options.label ?? `the ${options.source} data`, frequency: options.frequency, quoted: options.quoted });
    this.source = options.source;
    this.timeframe = options.timeframe;
    this.notes = options.notes ?? [];
  }

  /**
   * As {@link Market.frame}; a timeframe finer than the one the market was
   * loaded at is refused (bars cannot be split).
   *
   * @throws InputError for a timeframe finer than {@link StoreMarket.timeframe}.
   * @example m.frame(['EUR/USD'], { kind: 'inner' }, 'M5') // throws when m was loaded at H1
   */
  override frame(symbols: readonly string[], policy: AlignPolicy = { kind: 'inner' }, timeframe?: Timeframe): AlignResult {
    if (this.timeframe && timeframe && TIMEFRAME_MINUTES[timeframe] < TIMEFRAME_MINUTES[this.timeframe]) {
      throw new InputError(`timeframe ${timeframe} is finer than the ${this.timeframe} bars loaded from the store; load the market with timeframe ${timeframe}`);
    }
    return super.frame(symbols, policy, timeframe);
  }
}
