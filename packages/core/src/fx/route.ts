import { parseSymbol, type Instrument } from './instrument.js';

/** One leg of a route: a quoted symbol, used as is or inverted. */
export interface Leg {
  readonly symbol: string;
  readonly invert: boolean;
}

/**
 * How to build a target pair from quoted ones: its rate is the product of the
 * legs' rates (each inverted where `invert`). One leg for a direct or inverted
 * quote, two for a cross through a common currency.
 */
export interface Route {
  readonly target: Instrument;
  readonly legs: readonly Leg[];
  /** The common currency of a two-leg cross. */
  readonly via?: string;
}

/**
 * Finds the shortest exact route to `target` through the quoted symbols:
 * direct, inverted, or a cross through one common currency. When several
 * currencies could serve, `preferVia` decides (default USD, then EUR, then the
 * first found), so results are deterministic.
 *
 * X/Y via C = (X/C) · (C/Y): from ECB data (EUR base), `USD/JPY` = EUR/JPY ÷ EUR/USD.
 *
 * @returns the route, or `null` when the pair cannot be built exactly.
 * @example findRoute('USD/JPY', ['EUR/USD', 'EUR/JPY'])
 *   // { legs: [{ symbol: 'EUR/USD', invert: true }, { symbol: 'EUR/JPY', invert: false }], via: 'EUR' }
 */
export function findRoute(target: Instrument | string, quoted: readonly string[], preferVia: readonly string[] = ['USD', 'EUR']): Route | null {
  const t = typeof target === 'string' ? parseSymbol(target) : target;
  const set = new Set(quoted);
  if (set.has(t.symbol)) return { target: t, legs: [{ symbol: t.symbol, invert: false }] };
  const inv = `${t.quote}/${t.base}`;
  if (set.has(inv)) return { target: t, legs: [{ symbol: inv, invert: true }] };

  // leg(X→C): a symbol giving units of C per 1 X.
  const leg = (from: string, to: string): Leg | null => {
    if (set.has(`${from}/${to}`)) return { symbol: `${from}/${to}`, invert: false };
    if (set.has(`${to}/${from}`)) return { symbol: `${to}/${from}`, invert: true };
    return null;
  };
  const currencies = new Set<string>();
  for (const s of quoted) {
    const i = parseSymbol(s);
    currencies.add(i.base);
    currencies.add(i.quote);
  }
  const candidates = [...preferVia.filter((c) => currencies.has(c)), ...[...currencies].filter((c) => !preferVia.includes(c))];
  for (const via of candidates) {
    if (via === t.base || via === t.quote) continue;
    const a = leg(t.base, via);
    const b = leg(via, t.quote);
    if (a && b) return { target: t, legs: [a, b], via };
  }
  return null;
}

/** Every currency that appears in a list of symbols, sorted. */
export function currenciesOf(symbols: readonly string[]): string[] {
  const s = new Set<string>();
  for (const sym of symbols) {
    const i = parseSymbol(sym);
    s.add(i.base);
    s.add(i.quote);
  }
  return [...s].sort();
}
