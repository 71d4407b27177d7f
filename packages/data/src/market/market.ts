import {
  alignSeries,
  allPairs,
  crossSeries,
  currenciesOf,
  findRoute,
  parseSymbol,
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

  /**
   * @param series quoted series (canonical symbols, one per symbol)
   * @param label what the data is, for messages ("ECB euro reference rates")
   */
  constructor(
    series: readonly PriceSeries[],
    readonly label = 'the data',
  ) {
    const m = new Map<string, PriceSeries>();
    for (const s of series) m.set(s.symbol, s);
    this.bySymbol = m;
    this.quoted = [...m.keys()];
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
      throw new InputError(`${(e as Error).message}; closest: ${closest(text, this.addressable()).join(', ')}`);
    }
    const missing = [target.base, target.quote].filter((c) => !this.currencies.includes(c));
    if (missing.length > 0) {
      throw new InputError(
        `unknown symbol ${target.symbol}: ${this.label} has no ${missing.join(' or ')}; closest: ${closest(text, this.addressable()).join(', ')}; currencies: ${this.currencies.join(' ')}`,
      );
    }
    const r = findRoute(target, this.quoted);
    if (!r) {
      throw new InputError(`cannot build ${target.symbol} from ${this.label} (no quoted pair or common currency links ${target.base} and ${target.quote}); quoted: ${this.quoted.join(' ')}`);
    }
    return r;
  }

  /** The series of any addressable symbol (quoted, inverted or crossed). */
  series(text: string): PriceSeries {
    return crossSeries(this.route(text), (s) => this.bySymbol.get(s)!);
  }

  /** Several symbols on one time index by an alignment policy. */
  frame(symbols: readonly string[], policy: AlignPolicy = { kind: 'inner' }): AlignResult {
    return alignSeries(
      symbols.map((s) => this.series(s)),
      policy,
    );
  }

  /** Market-convention pairs among all currencies, for suggestions. */
  addressable(): string[] {
    return allPairs(this.currencies).filter((s) => findRoute(s, this.quoted) !== null);
  }
}
