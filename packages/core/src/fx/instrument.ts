/**
 * An instrument quoted in another: a rate is units of `quote` per 1 `base`.
 * `EUR/USD = 1.17` means 1 EUR costs 1.17 USD; `XAU/USD = 2650` means one troy
 * ounce of gold costs 2650 USD; `SPX500/USD` is the S&P 500 in USD.
 */
export interface Instrument {
  readonly base: string;
  readonly quote: string;
  /** Canonical form `BASE/QUOTE`. */
  readonly symbol: string;
}

/**
 * The accepted spellings of an instrument, the one rule (front ends check
 * text with it before {@link parseSymbol}): two three-letter codes with or
 * without a separator (`EURUSD`, `EUR/USD`), or two codes of 3–12 letters
 * and digits starting with a letter, with a separator (`SPX500_USD`,
 * `XAU/USD`, `MYFUND/JPY`). The separator is one of `/ _ - .` or a space;
 * any case.
 *
 * @example SYMBOL_TEXT.test('spx500_usd') // true
 * @example SYMBOL_TEXT.test('SPX500USD') // false
 */
export const SYMBOL_TEXT = /^(?:([A-Z]{3})([A-Z]{3})|([A-Z][A-Z0-9]{2,11})[/_\-. ]([A-Z][A-Z0-9]{2,11}))$/i;

/**
 * Parses `EUR/USD`, `EURUSD`, `eur_usd`, `EUR-USD`, `EUR.USD` or `EUR USD`
 * (any case, surrounding blanks ignored) into an {@link Instrument}. Beyond
 * currencies, a side written with a separator may be any code of 3–12
 * letters and digits starting with a letter: metals (`XAU/USD`), indices
 * (`SPX500_USD`, OANDA's spelling), crypto (`BTC/USD`) or a user's own
 * series (`MYFUND/JPY`); see {@link SYMBOL_TEXT} and {@link assetClass}.
 * Only the syntax is checked: whether a source quotes the codes is the data
 * layer's question.
 *
 * @throws Error naming the text when it is not two codes, or both are equal.
 * @example parseSymbol('eur_usd') // { base: 'EUR', quote: 'USD', symbol: 'EUR/USD' }
 * @example parseSymbol('spx500_usd').symbol // 'SPX500/USD'
 */
export function parseSymbol(text: string): Instrument {
  const m = SYMBOL_TEXT.exec(text.trim().toUpperCase());
  if (!m) throw new Error(`not a currency pair: ${JSON.stringify(text)} (expected e.g. EUR/USD, EURUSD or eur_usd)`);
  const base = (m[1] ?? m[3])!;
  const quote = (m[2] ?? m[4])!;
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
