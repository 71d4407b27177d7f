import { parseSymbol } from '../fx/instrument.js';

/**
 * A position: `amount` units of the instrument's base (a currency, or ounces
 * of a metal, index units …), signed
 * (+ long, − short). `EUR/USD +100000` is long 100,000 EUR and short
 * 100,000 × rate USD.
 */
export interface Position {
  /** Canonical `BASE/QUOTE`. */
  readonly symbol: string;
  readonly amount: number;
}

const AMOUNT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Parses `EUR/USD +100000`, `eurusd -50000`, `GBP/JPY 2e4` or
 * `EUR/USD=100000` (symbol in any spelling `parseSymbol` accepts; amount
 * with optional sign, `_` or `,` thousands separators and `k`/`m` suffix).
 *
 * @throws Error naming the text and the expected form.
 * @example parsePosition('USD/CHF -50k') // { symbol: 'USD/CHF', amount: -50000 }
 * @example parsePosition('XAU_USD 100') // { symbol: 'XAU/USD', amount: 100 }
 */
export function parsePosition(text: string): Position {
  // The symbol's own rule is parseSymbol's; this only finds where it ends (metals, indices and series are longer than six letters).
  const m = /^\s*([A-Za-z][A-Za-z0-9]*(?:[/_\-.][A-Za-z][A-Za-z0-9]*)?)\s*[=:\s]\s*(\S+)\s*$/.exec(text);
  if (!m) throw new Error(`not a position: ${JSON.stringify(text)} (expected e.g. "EUR/USD +100000" or "USD/CHF -50k")`);
  return { symbol: parseSymbol(m[1]!).symbol, amount: parseAmount(m[2]!, text) };
}

function parseAmount(raw: string, text: string): number {
  let s = raw.replace(/[_,]/g, '');
  let mult = 1;
  const suffix = s.slice(-1).toLowerCase();
  if (suffix === 'k' || suffix === 'm') {
    mult = suffix === 'k' ? 1e3 : 1e6;
    s = s.slice(0, -1);
  }
  if (!AMOUNT.test(s)) throw new Error(`not a position amount: ${JSON.stringify(raw)} in ${JSON.stringify(text)} (expected a signed number such as +100000, -50k, 1.5m)`);
  const v = Number(s) * mult;
  if (!Number.isFinite(v)) throw new Error(`position amount out of range: ${JSON.stringify(raw)}`);
  return v;
}

/**
 * The exact inverse of a position: the same exposure written in the
 * inverted pair. `EUR/USD +100000` at 1.1 ↔ `USD/EUR −110000`.
 *
 * @example invertPosition({ symbol: 'EUR/USD', amount: 100000 }, 1.1) // { symbol: 'USD/EUR', amount: -110000.00000000001 }
 */
export function invertPosition(p: Position, rate: number): Position {
  const i = parseSymbol(p.symbol);
  return { symbol: `${i.quote}/${i.base}`, amount: -p.amount * rate };
}
