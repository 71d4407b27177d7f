import {
  alignSeries,
  allPairs,
  crossSeries,
  currenciesOf,
  findRoute,
  parseSymbol,
  resampleBars,
  TIMEFRAME_MINUTES,
  type Timeframe,
  type AlignPolicy,
  type AlignResult,
  type PriceSeries,
  type Route,
} from '@soukan/core';
import { InputError } from '../errors.js';
import { closest } from './closest.js';

/**
 * Every instrument a set of quoted series can address: the quoted pairs, their
 * exact inverses, and every cross through one common currency. From ECB data
 * (EUR/xxx) that is every pair of its 41 currencies; from H.10 data every pair
 * through USD.
 */
export class Market {
  /** Quoted series by canonical symbol. */
  readonly bySymbol: ReadonlyMap<string, PriceSeries>;
  /** Canonical symbols as quoted by the source. */
  readonly quoted: readonly string[];
  /** Currencies that appear in the quoted symbols, sorted. */
  readonly currencies: readonly string[];

  /** What the data is, for messages ("ECB euro reference rates"). */
  readonly label: string;
  /** Daily fixings/bars, or intraday bars. */
  readonly frequency: 'daily' | 'intraday';

  /**
   * @param series quoted series (canonical symbols, one per symbol)
   * @param options.quoted the quoted symbols when `series` holds only some of
   *   them (a market whose series are fetched on demand, see `QueryMarket`)
   */
  constructor(series: readonly PriceSeries[], options: { label?: string; frequency?: 'daily' | 'intraday'; quoted?: readonly string[] } = {}) {
    this.label = options.label ?? 'the data';
    this.frequency = options.frequency ?? 'daily';
    const m = new Map<string, PriceSeries>();
    for (const s of series) m.set(s.symbol, s);
    this.bySymbol = m;
    this.quoted = options.quoted ? [...options.quoted] : [...m.keys()];
    this.currencies = currenciesOf(this.quoted);
  }

  /**
   * How a symbol is built from the quoted series.
   *
   * @throws InputError for text that is not a pair, a currency the data does
   *   not have (listing those it has), or a pair no exact route reaches
   *   (suggesting the closest addressable pairs).
   */
  route(text: string): Route {
    let target;
    try {
      target = parseSymbol(text);
    } catch (e) {
      throw new InputError(`${(e as Error).message}; closest: ${closest(text, this.addressable()).join(', ')}`, { code: 'unknown-symbol', params: { symbol: text } });
    }
    const missing = [target.base, target.quote].filter((c) => !this.currencies.includes(c));
    if (missing.length > 0) {
      throw new InputError(
        `unknown symbol ${target.symbol}: ${this.label} has no ${missing.join(' or ')}; closest: ${closest(text, this.addressable()).join(', ')}; currencies: ${this.currencies.join(' ')}`,
        { code: 'unknown-symbol', params: { symbol: target.symbol } },
      );
    }
    const r = findRoute(target, this.quoted);
    if (!r) {
      throw new InputError(
        `cannot build ${target.symbol} from ${this.label} (no quoted pair or common currency links ${target.base} and ${target.quote}); quoted: ${this.quoted.join(' ')}`,
        { code: 'unreachable-symbol', params: { symbol: target.symbol } },
      );
    }
    return r;
  }

  private readonly built = new Map<string, PriceSeries>();

  /** The series of any addressable symbol (quoted, inverted or crossed); built once, then reused. */
  series(text: string): PriceSeries {
    const route = this.route(text);
    let s = this.built.get(route.target.symbol);
    if (!s) {
      s = crossSeries(route, (q) => this.bySymbol.get(q)!);
      this.built.set(route.target.symbol, s);
    }
    return s;
  }

  /**
   * Several symbols on one time index by an alignment policy, optionally
   * resampled first. Crosses are built at the data's own resolution (minute by
   * minute for M1 bars) and then resampled, so a cross's close is the product
   * of its legs' closes at the same minute.
   *
   * @throws InputError when an intraday timeframe is asked of daily data.
   */
  frame(symbols: readonly string[], policy: AlignPolicy = { kind: 'inner' }, timeframe?: Timeframe): AlignResult {
    if (timeframe && this.frequency === 'daily' && TIMEFRAME_MINUTES[timeframe] < TIMEFRAME_MINUTES.D1) {
      throw new InputError(`timeframe ${timeframe} needs intraday data; ${this.label} is daily (use D1 or W1)`, { code: 'timeframe-needs-intraday', params: { timeframe } });
    }
    return alignSeries(this.framed(symbols, timeframe), policy);
  }

  /**
   * The series {@link Market.frame} aligns: each symbol built at the data's
   * resolution, then resampled (daily data at D1 is left as it is). A market
   * whose bars are built elsewhere (in a store) overrides this.
   */
  protected framed(symbols: readonly string[], timeframe: Timeframe | undefined): PriceSeries[] {
    const series = symbols.map((s) => this.series(s));
    return timeframe && !(this.frequency === 'daily' && timeframe === 'D1') ? series.map((s) => resampleBars(s, timeframe).bars) : series;
  }

  /** Market-convention pairs among all currencies, for suggestions. */
  addressable(): string[] {
    return allPairs(this.currencies).filter((s) => findRoute(s, this.quoted) !== null);
  }
}
