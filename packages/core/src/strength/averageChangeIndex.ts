import { parseSymbol } from '../fx/instrument.js';
import { upperBound } from '../series/window.js';
import type { Frame } from '../series/types.js';

/**
 * The simple currency index that web tools publish, labelled as such:
 * "average % change against the other currencies" since a base time.
 */
export interface AverageChangeIndex {
  /** Always `'average % change against the other currencies'`: this is not a least-squares factor. */
  readonly method: 'average % change against the other currencies';
  readonly currencies: readonly string[];
  readonly time: Float64Array;
  /** `values[c][i]` = baseValue · (1 + mean over c's pairs of the change of c's value since the base row). */
  readonly values: readonly Float64Array[];
  readonly baseRow: number;
  readonly baseValue: number;
  /** `pairsUsed[c][i]`: how many pairs entered currency c's average at row i. */
  readonly pairsUsed: readonly Uint16Array[];
}

/**
 * The web-tool currency index (e.g. Mataf's): for currency c at time t, the
 * arithmetic mean over every pair containing c of the per-cent change of c's
 * value since the base time — `P_t/P_base − 1` when c is the pair's base,
 * `P_base/P_t − 1` when it is the quote — as `baseValue · (1 + mean)`.
 *
 * Unlike least-squares factors these do not sum to zero, depend on which
 * pairs are present, and mix arithmetic changes of reciprocal rates (a pair
 * up 10 % and its inverse down 9.09 %); it is offered for comparison.
 *
 * Missing data: a pair without a price at the base row or at t is left out of
 * that average (`pairsUsed` says how many remained); with none left the value is NaN.
 *
 * O(T · P).
 *
 * @param prices price levels, one column per pair
 * @param options.baseTime base at the last row at or before this time (default: the first row)
 * @throws Error when `baseTime` is before the first row.
 * @example averageChangeIndex(frame).values[0][1] // 110 when EUR/USD and EUR/JPY are both up 10 % (EUR first of EUR, JPY, USD)
 */
export function averageChangeIndex(
  prices: Frame,
  options: { currencies?: readonly string[]; baseTime?: number; baseValue?: number } = {},
): AverageChangeIndex {
  const parsed = prices.symbols.map((s) => parseSymbol(s));
  const currencies = options.currencies ? [...options.currencies] : [...new Set(parsed.flatMap((p) => [p.base, p.quote]))].sort();
  const T = prices.time.length;
  const baseValue = options.baseValue ?? 100;
  let baseRow = 0;
  if (options.baseTime !== undefined) {
    baseRow = upperBound(prices.time, options.baseTime) - 1;
    if (baseRow < 0) throw new Error(`strength: base time ${new Date(options.baseTime).toISOString()} is before the first observation`);
  }
  const values: Float64Array[] = [];
  const used: Uint16Array[] = [];
  for (const c of currencies) {
    const sum = new Float64Array(T);
    const cnt = new Uint16Array(T);
    parsed.forEach((p, j) => {
      const sign = p.base === c ? 1 : p.quote === c ? -1 : 0;
      if (sign === 0) return;
      const col = prices.columns[j]!;
      const b = col[baseRow]!;
      if (!(b > 0 && b < Infinity)) return;
      for (let t = 0; t < T; t++) {
        const v = col[t]!;
        if (!(v > 0 && v < Infinity)) continue;
        sum[t] = sum[t]! + (sign > 0 ? v / b - 1 : b / v - 1);
        cnt[t] = cnt[t]! + 1;
      }
    });
    const out = new Float64Array(T);
    for (let t = 0; t < T; t++) out[t] = cnt[t]! > 0 ? baseValue * (1 + sum[t]! / cnt[t]!) : Number.NaN;
    values.push(out);
    used.push(cnt);
  }
  return { method: 'average % change against the other currencies', currencies, time: prices.time, values, baseRow, baseValue, pairsUsed: used };
}
