import { assetClass } from './assetClass.js';
import { instrument, type Instrument } from './instrument.js';

/**
 * Market quoting priority: of two currencies, the one listed earlier is the
 * base (`EUR/USD`, `GBP/JPY`, `AUD/NZD`, `USD/CAD`, `CHF/JPY`). Currencies not
 * listed rank after USD/CAD/CHF and before JPY (`USD/ZAR`, `ZAR/JPY`), ties
 * broken alphabetically. Metals come first in the order listed; other
 * non-currencies (indices, crypto, a user's series) rank before every
 * currency, as they are quoted in one (`SPX500/USD`, `BTC/JPY`).
 */
export const QUOTING_PRIORITY: readonly string[] = ['XAU', 'XAG', 'XPT', 'XPD', 'EUR', 'GBP', 'AUD', 'NZD', 'USD', 'CAD', 'CHF'];

function rank(c: string): number {
  const i = QUOTING_PRIORITY.indexOf(c);
  if (i >= 0) return i;
  if (assetClass(c) !== 'currency') return -1;
  return c === 'JPY' ? QUOTING_PRIORITY.length + 1 : QUOTING_PRIORITY.length;
}

/**
 * The pair of two currencies in the direction the market quotes it.
 *
 * @example marketPair('JPY', 'USD').symbol // 'USD/JPY'
 * @example marketPair('JPY', 'ZAR').symbol // 'ZAR/JPY'
 */
export function marketPair(a: string, b: string): Instrument {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? instrument(a, b) : instrument(b, a);
  return a < b ? instrument(a, b) : instrument(b, a);
}
