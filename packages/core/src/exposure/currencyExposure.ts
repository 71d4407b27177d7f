import { parseSymbol } from '../fx/instrument.js';
import type { Position } from './position.js';

/**
 * Net amount held in each currency: a position of `amount` in BASE/QUOTE at
 * rate P adds `+amount` BASE and `−amount·P` QUOTE. Currencies appear in
 * order of first use. A position whose rate is NaN makes its quote
 * currency's amount NaN (never silently zero).
 *
 * O(positions).
 *
 * @param rate latest rate (QUOTE per 1 BASE) of a canonical symbol.
 * @throws Error when a symbol is not a currency pair (from `parseSymbol`).
 * @example
 *   currencyExposure([{ symbol: 'EUR/USD', amount: 100000 }, { symbol: 'USD/CHF', amount: -50000 }], (s) => ({ 'EUR/USD': 1.1, 'USD/CHF': 0.9 })[s]!)
 *   // Map { EUR → 100000, USD → −160000, CHF → 45000 }
 */
export function currencyExposure(positions: readonly Position[], rate: (symbol: string) => number): Map<string, number> {
  const out = new Map<string, number>();
  const add = (c: string, v: number): void => {
    out.set(c, (out.get(c) ?? 0) + v);
  };
  for (const p of positions) {
    const i = parseSymbol(p.symbol);
    add(i.base, p.amount);
    add(i.quote, -p.amount * rate(i.symbol));
  }
  return out;
}
