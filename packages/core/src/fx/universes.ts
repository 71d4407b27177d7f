import { marketPair } from './convention.js';

/** The eight major currencies, in market priority order. */
export const MAJOR_CURRENCIES: readonly string[] = ['EUR', 'GBP', 'AUD', 'NZD', 'USD', 'CAD', 'CHF', 'JPY'];

/** Every pair among a set of currencies, market-quoted, in priority order. */
export function allPairs(currencies: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < currencies.length; i++) {
    for (let j = i + 1; j < currencies.length; j++) out.push(marketPair(currencies[i]!, currencies[j]!).symbol);
  }
  return out;
}

const JPY_CROSS_BASES = ['USD', 'EUR', 'GBP', 'AUD', 'NZD', 'CAD', 'CHF', 'ZAR', 'MXN', 'TRY', 'CNY', 'HKD', 'SGD'];
const USD_COUNTER = ['EUR', 'GBP', 'AUD', 'NZD', 'CAD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'HUF', 'CZK', 'TRY', 'ZAR', 'MXN', 'BRL', 'CNY', 'HKD', 'SGD', 'KRW', 'INR'];

/**
 * Named universes. `majors` is exactly the 28 pairs of the eight majors;
 * `jpy-crosses` and `usd-pairs` list what brokers publish, and a source that
 * lacks some of those currencies yields the subset it has (the caller says so).
 */
export const UNIVERSES: Readonly<Record<string, readonly string[]>> = {
  majors: allPairs(MAJOR_CURRENCIES),
  'jpy-crosses': JPY_CROSS_BASES.map((c) => marketPair(c, 'JPY').symbol),
  'usd-pairs': USD_COUNTER.map((c) => marketPair(c, 'USD').symbol),
};

/**
 * Symbols of a named universe.
 *
 * @throws Error naming the known universes when `name` is not one.
 * @example universe('majors').length // 28
 */
export function universe(name: string): readonly string[] {
  const u = UNIVERSES[name.toLowerCase()];
  if (!u) throw new Error(`unknown universe ${JSON.stringify(name)}; known: ${Object.keys(UNIVERSES).join(', ')}`);
  return u;
}
