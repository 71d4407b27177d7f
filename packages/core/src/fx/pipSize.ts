import { parseSymbol, type Instrument } from './instrument.js';

/**
 * Pip size by quote currency — the one table soukan uses everywhere.
 *
 * - 0.01 for JPY-quoted pairs and other high-nominal quotes (HUF, ISK, INR,
 *   RUB, THB, PHP, TWD);
 * - 1 for quotes in the thousands (KRW, IDR, VND, COP, CLP);
 * - metals as base by their own table (XAU/USD pip 0.01, XAG/USD 0.001);
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

/** Pip size of metals quoted against a currency, by metal. */
export const PIP_BY_METAL: Readonly<Record<string, number>> = {
  XAU: 0.01,
  XAG: 0.001,
  XPT: 0.01,
  XPD: 0.01,
};

/** Default pip: the fourth decimal. */
export const DEFAULT_PIP = 0.0001;

/**
 * Pip size of an instrument.
 *
 * @example pipSize('USD/JPY') // 0.01
 * @example pipSize('EUR/USD') // 0.0001
 * @example pipSize('XAU/USD') // 0.01
 */
export function pipSize(pair: Instrument | string): number {
  const i = typeof pair === 'string' ? parseSymbol(pair) : pair;
  return PIP_BY_METAL[i.base] ?? PIP_BY_QUOTE[i.quote] ?? DEFAULT_PIP;
}
