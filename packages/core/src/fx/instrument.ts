/**
 * An FX instrument: a rate is units of `quote` per 1 `base`.
 * `EUR/USD = 1.17` means 1 EUR costs 1.17 USD.
 */
export interface Instrument {
  readonly base: string;
  readonly quote: string;
  /** Canonical form `BASE/QUOTE`. */
  readonly symbol: string;
}

const CODE = /^[A-Z]{3}$/;

/**
 * Parses `EUR/USD`, `EURUSD`, `eur_usd`, `EUR-USD`, `EUR.USD` or `EUR USD`
 * (any case) into an {@link Instrument}. Only the syntax is checked: whether a
 * source quotes the currencies is the data layer's question.
 *
 * @throws Error when the text is not two three-letter codes, or both are equal.
 * @example parseSymbol('eur_usd') // { base: 'EUR', quote: 'USD', symbol: 'EUR/USD' }
 */
export function parseSymbol(text: string): Instrument {
  const t = text.trim().toUpperCase();
  let base: string;
  let quote: string;
  const parts = t.split(/[/_\-. ]/).filter((p) => p.length > 0);
  if (parts.length === 2) {
    [base, quote] = parts as [string, string];
  } else if (parts.length === 1 && t.length === 6) {
    base = t.slice(0, 3);
    quote = t.slice(3);
  } else {
    throw new Error(`not a currency pair: ${JSON.stringify(text)} (expected e.g. EUR/USD, EURUSD or eur_usd)`);
  }
  if (!CODE.test(base) || !CODE.test(quote)) {
    throw new Error(`not a currency pair: ${JSON.stringify(text)} (expected e.g. EUR/USD, EURUSD or eur_usd)`);
  }
  if (base === quote) throw new Error(`not a currency pair: ${JSON.stringify(text)} (base and quote are both ${base})`);
  return instrument(base, quote);
}

/** Builds an instrument from two currency codes (no validation beyond the type). */
export function instrument(base: string, quote: string): Instrument {
  return { base, quote, symbol: `${base}/${quote}` };
}

/** The same pair quoted the other way round: `EUR/USD` → `USD/EUR`. */
export function invert(i: Instrument): Instrument {
  return instrument(i.quote, i.base);
}

/** Canonical `BASE/QUOTE` form of any accepted spelling. */
export function canonicalSymbol(text: string): string {
  return parseSymbol(text).symbol;
}
