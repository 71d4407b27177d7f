import type { Route } from '../fx/route.js';
import { intersectTimes } from './align.js';
import type { PriceSeries } from './types.js';

/**
 * Builds the target of a route from its legs' series: at every time all legs
 * share, the rate is the product of the legs' rates, each inverted where the
 * route says. Inversion and crossing are exact for fixings and for open and
 * close; a cross's high and low cannot be derived from its legs' bars (the
 * legs' extremes need not coincide in time), so the result carries `close`
 * and, when every leg has it, `open` — never invented highs or lows. A
 * one-leg, non-inverted route returns the leg itself.
 *
 * @param get returns the quoted series for a leg symbol.
 * @example crossSeries(findRoute('USD/JPY', ['EUR/USD', 'EUR/JPY'])!, get).close // EUR/JPY ÷ EUR/USD
 */
export function crossSeries(route: Route, get: (symbol: string) => PriceSeries): PriceSeries {
  const legs = route.legs.map((l) => ({ leg: l, s: get(l.symbol) }));
  if (legs.length === 1 && !legs[0]!.leg.invert) {
    const s = legs[0]!.s;
    return s.symbol === route.target.symbol ? s : { ...s, symbol: route.target.symbol };
  }
  const time = legs.length === 1 ? legs[0]!.s.time.slice() : intersectTimes(legs.map((x) => x.s.time));
  const n = time.length;
  // Multiply the straight legs and divide by the inverted ones in one step, so
  // a cross through EUR is exactly rate[Y] / rate[X] as the ECB defines it.
  const num = new Float64Array(n).fill(1);
  const den = new Float64Array(n).fill(1);
  const hasOpen = legs.every((x) => x.s.open !== undefined);
  const numO = hasOpen ? new Float64Array(n).fill(1) : undefined;
  const denO = hasOpen ? new Float64Array(n).fill(1) : undefined;
  for (const { leg, s } of legs) {
    const acc = leg.invert ? den : num;
    const accO = leg.invert ? denO : numO;
    let p = 0;
    for (let i = 0; i < n; i++) {
      while (s.time[p]! < time[i]!) p++;
      acc[i] = acc[i]! * s.close[p]!;
      if (accO) accO[i] = accO[i]! * s.open![p]!;
    }
  }
  const close = num;
  for (let i = 0; i < n; i++) close[i] = num[i]! / den[i]!;
  let open: Float64Array | undefined;
  if (numO && denO) {
    open = numO;
    for (let i = 0; i < n; i++) open[i] = numO[i]! / denO[i]!;
  }
  return open ? { symbol: route.target.symbol, time, close, open } : { symbol: route.target.symbol, time, close };
}
