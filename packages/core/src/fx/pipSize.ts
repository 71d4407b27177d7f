import { assetClass, type AssetClass } from './assetClass.js';
import { parseSymbol, type Instrument } from './instrument.js';

/**
 * Pip size by quote currency — the one table soukan uses everywhere.
 *
 * - 0.01 for JPY-quoted pairs and other high-nominal quotes (HUF, ISK, INR,
 *   RUB, THB, PHP, TWD);
 * - 1 for quotes in the thousands (KRW, IDR, VND, COP, CLP);
 * - metals as base by {@link PIP_BY_METAL} (XAU/USD 0.01, XAG/USD 0.0001),
 *   indices and crypto by {@link PIP_BY_CLASS} (SPX500/USD 1);
 * - 0.0001 otherwise.
 */
export const PIP_BY_QUOTE: Readonly<Record<string, number>> = {
  JPY: 0.01,
  HUF: 0.01,
  ISK: 0.01,
  INR: 0.01,
  RUB: 0.01,
  THB: 0.01,
  PHP: 0.01,
  TWD: 0.01,
  KRW: 1,
  IDR: 1,
  VND: 1,
  COP: 1,
  CLP: 1,
};

/**
 * Pip size of metals as base — OANDA's published pip locations
 * (`pipLocation` of its v20 instruments endpoint, the pip is
 * 10^pipLocation): gold, platinum and palladium −2, silver −4. The table and
 * its sources are in docs/instruments.md.
 */
export const PIP_BY_METAL: Readonly<Record<string, number>> = {
  XAU: 0.01,
  XAG: 0.0001,
  XPT: 0.01,
  XPD: 0.01,
};

/**
 * Pip (point) size by the class of the base ({@link assetClass}): stock-index
 * CFDs one index point (OANDA's pipLocation 0); crypto one unit of the quote
 * currency (soukan's choice: brokers differ).
 */
export const PIP_BY_CLASS: Readonly<Partial<Record<AssetClass, number>>> = {
  index: 1,
  crypto: 1,
};

/** Default pip: the fourth decimal. */
export const DEFAULT_PIP = 0.0001;

/**
 * Pip size of an instrument: by its base when that is a metal
 * ({@link PIP_BY_METAL}), index or crypto ({@link PIP_BY_CLASS}), else by its quote currency
 * ({@link PIP_BY_QUOTE}), else {@link DEFAULT_PIP}. A user's own series
 * (a base not in the tables) gets the quote currency's pip.
 *
 * @throws Error when `pair` is text that is not an instrument (see `parseSymbol`).
 * @example pipSize('USD/JPY') // 0.01
 * @example pipSize('EUR/USD') // 0.0001
 * @example pipSize('XAU/USD') // 0.01
 * @example pipSize('XAG/USD') // 0.0001
 * @example pipSize('SPX500_USD') // 1
 */
export function pipSize(pair: Instrument | string): number {
  const i = typeof pair === 'string' ? parseSymbol(pair) : pair;
  return PIP_BY_METAL[i.base] ?? PIP_BY_CLASS[assetClass(i.base)] ?? PIP_BY_QUOTE[i.quote] ?? DEFAULT_PIP;
}
