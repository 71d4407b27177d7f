import { parseSymbol } from '../fx/instrument.js';

/** One pair of a strength design: column indices of its base and quote currencies. */
export interface StrengthPair {
  readonly symbol: string;
  readonly base: number;
  readonly quote: number;
}

/** Which currencies are solved for and how each pair links two of them. */
export interface StrengthDesign {
  readonly currencies: readonly string[];
  readonly pairs: readonly StrengthPair[];
}

/**
 * Validates a set of pairs for a currency-strength decomposition: every pair
 * must be between two currencies of the set, every currency must appear in a
 * pair, and the pairs must link all currencies (otherwise the relative level
 * of two groups is not identified).
 *
 * @param currencies the currencies to solve for; default every currency in the pairs, sorted
 * @throws Error naming the problem: fewer than two currencies, a pair outside
 *   the set, a currency in no pair, or the groups the pairs leave unlinked.
 * @example strengthDesign(['EUR/USD', 'USD/JPY']).currencies // ['EUR', 'JPY', 'USD']
 */
export function strengthDesign(symbols: readonly string[], currencies?: readonly string[]): StrengthDesign {
  const parsed = symbols.map((s) => parseSymbol(s));
  const set = currencies ? [...currencies] : [...new Set(parsed.flatMap((p) => [p.base, p.quote]))].sort();
  if (new Set(set).size !== set.length) throw new Error(`strength: currencies listed twice in ${set.join(' ')}`);
  if (set.length < 2) throw new Error(`strength: needs at least 2 currencies, got ${set.length} (${set.join(' ') || 'none'})`);
  const index = new Map(set.map((c, i) => [c, i]));
  const pairs = parsed.map((p) => {
    const b = index.get(p.base);
    const q = index.get(p.quote);
    if (b === undefined || q === undefined) {
      throw new Error(`strength: pair ${p.symbol} has ${b === undefined ? p.base : p.quote}, which is not among the currencies ${set.join(' ')}`);
    }
    return { symbol: p.symbol, base: b, quote: q };
  });
  const seen = new Uint8Array(set.length);
  for (const p of pairs) seen[p.base] = seen[p.quote] = 1;
  const absent = set.filter((_, i) => !seen[i]);
  if (absent.length > 0) {
    throw new Error(`strength: ${absent.join(' ')} ${absent.length > 1 ? 'are' : 'is'} in no pair; each currency needs at least one pair (pairs: ${symbols.join(' ') || 'none'})`);
  }
  const groups = components(set.length, pairs);
  if (groups.length > 1) {
    const names = groups.map((g) => `{${g.map((i) => set[i]).join(' ')}}`);
    throw new Error(`strength: the pairs do not link all currencies: ${names.join(' and ')} have no pair between them, so their relative strength is not identified`);
  }
  return { currencies: set, pairs };
}

/**
 * Connected components of the currency graph whose edges are the given pairs
 * (union–find, O(P α(C))).
 *
 * @internal
 * @example components(3, [{ base: 0, quote: 1 }]) // [[0, 1], [2]]
 */
export function components(n: number, pairs: readonly { base: number; quote: number }[]): number[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (const p of pairs) parent[find(p.base)] = find(p.quote);
  const byRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = byRoot.get(r);
    if (g) g.push(i);
    else byRoot.set(r, [i]);
  }
  return [...byRoot.values()];
}
