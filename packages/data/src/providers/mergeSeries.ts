import type { PriceSeries } from '@soukan/core';

const FIELDS = ['close', 'open', 'high', 'low', 'volume'] as const;

/**
 * Union of two sorted series of one symbol by time; at a time both have, the
 * newer series' row wins. Fields the two do not both carry are dropped (a
 * fixing merged with bars keeps only `close`). Also returns how many rows of
 * `newer` were new times.
 *
 * @example mergeSeries({ symbol: 'EUR/USD', time: Float64Array.of(1, 2), close: Float64Array.of(10, 20) }, { symbol: 'EUR/USD', time: Float64Array.of(2, 3), close: Float64Array.of(21, 30) }).added // 1 (closes 10, 21, 30)
 */
export function mergeSeries(older: PriceSeries, newer: PriceSeries): { series: PriceSeries; added: number } {
  const a = older.time;
  const b = newer.time;
  const fields = FIELDS.filter((f) => older[f] !== undefined && newer[f] !== undefined);
  const time: number[] = [];
  const cols = fields.map(() => [] as number[]);
  let i = 0;
  let j = 0;
  let added = 0;
  while (i < a.length || j < b.length) {
    const ta = i < a.length ? a[i]! : Infinity;
    const tb = j < b.length ? b[j]! : Infinity;
    if (tb <= ta) {
      time.push(tb);
      fields.forEach((f, k) => cols[k]!.push(newer[f]![j]!));
      if (tb === ta) i++;
      else added++;
      j++;
    } else {
      time.push(ta);
      fields.forEach((f, k) => cols[k]!.push(older[f]![i]!));
      i++;
    }
  }
  const out: Record<string, unknown> = { symbol: newer.symbol, time: Float64Array.from(time) };
  fields.forEach((f, k) => (out[f] = Float64Array.from(cols[k]!)));
  return { series: out as unknown as PriceSeries, added };
}
