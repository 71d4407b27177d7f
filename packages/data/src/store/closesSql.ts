/**
 * Closes of pairs at a timeframe from the quarter-hour rollup: stored and
 * inverted pairs directly, crosses from the rollup of their two legs,
 * touching the legs' minute rows only for the quarters where the rollup
 * cannot say.
 *
 * A cross's close at a bar is the product of its legs' closes at the last
 * minute both legs have in the bar (core's `crossSeries`, then
 * `resampleBars`). In a quarter where both legs' last minutes coincide
 * (`t1`), that minute is the quarter's last common minute, and the legs'
 * quarter closes are its closes — the usual case for liquid 1-minute data.
 * Quarters whose last minutes differ are settled from the rows: the last
 * minute both legs have in that quarter, if any. A bar's close is then the
 * close of its latest quarter with a common minute. Only `close` can be had
 * this way: a cross's open, high and low need the rows (see barsSql.ts).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, TIMEFRAME_MINUTES, type Timeframe } from '@soukan/core';
import { floorDiv, int, QUARTER_MS, type SqlLeg } from './barsSql.js';

/**
 * The SQL expression of a bucket key over a rollup relation with columns
 * `q`, `td`, `h4` (default convention).
 *
 * @throws Error for a timeframe finer than a quarter-hour.
 * @example rollupKeySql('D1') // 'td'
 */
export function rollupKeySql(timeframe: Timeframe): string {
  const size = TIMEFRAME_MINUTES[timeframe] * MINUTE_MS;
  if (size < QUARTER_MS) throw new Error(`closesSql: ${timeframe} is finer than a quarter-hour`);
  if (size <= HOUR_MS) return `${floorDiv(`q * ${QUARTER_MS}`, size)} * ${size}`;
  if (size === 4 * HOUR_MS) return 'h4';
  if (timeframe === 'D1') return 'td';
  if (timeframe === 'W1') return `td - (((${floorDiv('td', DAY_MS)} + 4) % 7 + 6) % 7) * ${DAY_MS}`;
  throw new Error(`closesSql: no bucket rule for ${timeframe}`);
}

/**
 * One query returning `i, time, close` (DOUBLE) for several routes over
 * stored bar series (one leg, as is or inverted, or two legs crossed) at a
 * timeframe of 15 minutes or more under the default convention, ordered by
 * route index `i` then time: the closes `resampleBars(crossSeries(…),
 * timeframe)` gives for each. One query lets the engine read each leg's
 * rollup and rows once for all the crosses that use it.
 *
 * @throws Error for a route that is not one or two legs of kind `bars`.
 * @example closesSql([[{ id: 3, kind: 'bars', invert: false }], [{ id: 3, kind: 'bars', invert: false }, { id: 4, kind: 'bars', invert: true }]], 'H1') // EUR/USD and EUR/GBP
 */
export function closesSql(routes: readonly (readonly SqlLeg[])[], timeframe: Timeframe): string {
  const key = rollupKeySql(timeframe);
  const singles: string[] = [];
  const pairs: string[] = [];
  const legIds = new Set<string>();
  routes.forEach((legs, i) => {
    if (legs.length < 1 || legs.length > 2 || legs.some((l) => l.kind !== 'bars')) throw new Error('closesSql: routes are one or two legs of stored bars');
    const ids = legs.map((l) => int(l.id, 'series id'));
    if (legs.length === 1) {
      singles.push(`SELECT ${i} AS i, q, t1 AS t, ${legs[0]!.invert ? '1.0 / close' : 'close'} AS c, weekend, td, h4 FROM bars_q WHERE series_id = ${ids[0]}`);
    } else {
      ids.forEach((id) => legIds.add(id));
      pairs.push(`(${i}, ${ids[0]}, ${ids[1]}, ${legs[0]!.invert}, ${legs[1]!.invert})`);
    }
  });
  const parts = [...singles];
  let ctes = '';
  if (pairs.length > 0) {
    const Q = QUARTER_MS;
    // core's crossSeries order, per row: straight legs multiplied, inverted divided.
    const value = `CASE WHEN NOT p.va AND NOT p.vb THEN (ca * cb) / (1.0) WHEN NOT p.va THEN (ca) / (cb) WHEN NOT p.vb THEN (cb) / (ca) ELSE (1.0) / (ca * cb) END`;
    ctes = `p(i, a, b, va, vb) AS (VALUES ${pairs.join(', ')}),
    j AS MATERIALIZED (
      SELECT p.i, x.q, x.t1 AS ta, y.t1 AS tb, x.close AS ca, y.close AS cb, x.weekend, x.td, x.h4
      FROM p JOIN bars_q x ON x.series_id = p.a JOIN bars_q y ON y.series_id = p.b AND y.q = x.q),
    oddq AS MATERIALIZED (
      SELECT DISTINCT s, q FROM (SELECT p.a AS s, j.q FROM j JOIN p USING (i) WHERE ta <> tb UNION ALL SELECT p.b, j.q FROM j JOIN p USING (i) WHERE ta <> tb)),
    raw AS MATERIALIZED (${[...legIds].map((id) => `
      SELECT ${id} AS s, t, close, ${floorDiv('t', Q)} AS q FROM bars WHERE series_id = ${id} AND ${floorDiv('t', Q)} IN (SELECT q FROM oddq WHERE s = ${id})`).join(' UNION ALL ')}),
    oddrows AS (
      SELECT j.i, j.q, max(ra.t) AS t, arg_max(ra.close, ra.t) AS ca, arg_max(rb.close, rb.t) AS cb
      FROM j JOIN p USING (i) JOIN raw ra ON ra.s = p.a AND ra.q = j.q JOIN raw rb ON rb.s = p.b AND rb.q = j.q AND rb.t = ra.t
      WHERE j.ta <> j.tb GROUP BY j.i, j.q),
    crossed AS (
      SELECT i, q, ta AS t, ca, cb, weekend, td, h4 FROM j WHERE ta = tb
      UNION ALL
      SELECT j.i, j.q, o.t, o.ca, o.cb, j.weekend, j.td, j.h4 FROM j JOIN oddrows o ON o.i = j.i AND o.q = j.q),`;
    parts.push(`SELECT crossed.i, q, t, ${value} AS c, weekend, td, h4 FROM crossed JOIN p ON p.i = crossed.i`);
  }
  return `WITH ${ctes}
    quarters AS (${parts.join(' UNION ALL ')})
  SELECT i::DOUBLE AS i, k::DOUBLE AS time, arg_max(c, t) AS close
  FROM (SELECT i, t, c, ${key} AS k FROM quarters WHERE NOT weekend)
  GROUP BY i, k ORDER BY i, k`;
}
