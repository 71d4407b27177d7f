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

/** The seven pairs of USD against the other majors: OANDA's "Majors". */
const USD_MAJORS = MAJOR_CURRENCIES.filter((c) => c !== 'USD');
/** Currencies OANDA lists as exotics that the ECB's reference rates quote (so every preset pair has free daily data). */
const EXOTICS = ['SEK', 'NOK', 'DKK', 'PLN', 'HUF', 'CZK', 'TRY', 'ZAR', 'MXN', 'SGD', 'HKD', 'THB'];
/** Gold, silver, platinum and palladium in USD, and gold and silver in EUR and JPY. */
const METAL_PAIRS = ['XAU/USD', 'XAG/USD', 'XPT/USD', 'XPD/USD', 'XAU/EUR', 'XAG/EUR', 'XAU/JPY', 'XAG/JPY'];

const JPY_CROSS_BASES = ['USD', 'EUR', 'GBP', 'AUD', 'NZD', 'CAD', 'CHF', 'ZAR', 'MXN', 'TRY', 'CNY', 'HKD', 'SGD'];
const USD_COUNTER = ['EUR', 'GBP', 'AUD', 'NZD', 'CAD', 'CHF', 'JPY', 'SEK', 'NOK', 'DKK', 'PLN', 'HUF', 'CZK', 'TRY', 'ZAR', 'MXN', 'BRL', 'CNY', 'HKD', 'SGD', 'KRW', 'INR'];

/**
 * Named universes (presets). `majors` is exactly the 28 pairs of the eight
 * majors; `jpy-crosses` and `usd-pairs` list what brokers publish; the groups
 * of OANDA's instrument lists: `usd-majors` (its "Majors", the seven USD
 * pairs), `crosses` (the 21 pairs of the eight majors without USD),
 * `exotics` (USD and EUR against the exotic currencies the ECB quotes) and
 * `metals` (XAU, XAG, XPT, XPD). A source that lacks some of a universe's
 * instruments yields the subset it has (the caller says so). Users' own
 * universes, saved by name, live in the data layer.
 */
export const UNIVERSES: Readonly<Record<string, readonly string[]>> = {
  majors: allPairs(MAJOR_CURRENCIES),
  'jpy-crosses': JPY_CROSS_BASES.map((c) => marketPair(c, 'JPY').symbol),
  'usd-pairs': USD_COUNTER.map((c) => marketPair(c, 'USD').symbol),
  'usd-majors': USD_MAJORS.map((c) => marketPair(c, 'USD').symbol),
  crosses: allPairs(USD_MAJORS),
  exotics: [...EXOTICS.map((c) => marketPair(c, 'USD').symbol), ...EXOTICS.filter((c) => c !== 'DKK').map((c) => marketPair('EUR', c).symbol)],
  metals: METAL_PAIRS,
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
