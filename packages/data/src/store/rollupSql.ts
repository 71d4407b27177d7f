/**
 * The quarter-hour rollup of stored bars (`bars_q`): per series and UTC
 * quarter-hour, the first/last time, open, high, low, close, volume and row
 * count, plus the quarter's trading date, H4 bucket and weekend flag under
 * the default convention (17:00 New York). Bars of 15 minutes and coarser
 * under that convention are built from it — ~25 000 rows per symbol-year
 * instead of ~370 000 minutes, and no time-zone lookups at query time.
 *
 * Exactness: open/close are taken by time and high/low/volume/count combine,
 * so aggregating quarters gives the bars aggregating minutes gives (volume
 * sums may differ in the last bit when volumes are not whole numbers); an
 * inverted pair's quarter is (1/open, 1/low, 1/high, 1/close), exact because
 * 1/x is monotone under IEEE rounding. Imports keep the rollup in the same
 * transaction as the rows.
 */
import { MINUTE_MS, NEW_YORK_CLOSE, TIMEFRAME_MINUTES, type FxDayConvention, type Timeframe } from '@soukan/core';
import { floorDiv, int, MARGIN_AFTER, MARGIN_BEFORE, QUARTER_MS, quarterInfoSql } from './barsSql.js';
import { rollupKeySql } from './closesSql.js';

/**
 * Rollup rows of a relation `src(t, o, h, l, c, v)` for one series, ready
 * for `INSERT INTO bars_q` (columns in table order).
 * @example db.run(`INSERT INTO bars_q ${rollupSelectSql(3, 'SELECT t, open AS o, … FROM bars WHERE series_id = 3')}`)
 */
export function rollupSelectSql(seriesId: number, src: string): string {
  return `WITH s1 AS (
      SELECT ${floorDiv('t', QUARTER_MS)} AS q, min(t) AS t0, max(t) AS t1, arg_min(o, t) AS o, max(h) AS h, min(l) AS l, arg_max(c, t) AS c, sum(v) AS v, count(*) AS n
      FROM (${src}) GROUP BY 1),
    qi AS (${quarterInfoSql('SELECT q FROM s1', NEW_YORK_CLOSE)})
    SELECT ${int(seriesId, 'series id')} AS series_id, s1.q, s1.t0, s1.t1, s1.o AS open, s1.h AS high, s1.l AS low, s1.c AS close, s1.v AS volume, s1.n, qi.td, qi.h4, qi.weekend
    FROM s1 JOIN qi USING (q) ORDER BY s1.q`;
}

/**
 * `INSERT` of rollup rows already aggregated in JS ({@link quarterRollup},
 * registered as `soukan_batch(batchId)`), with the calendar columns added in
 * SQL (one ICU lookup per quarter).
 * @example db.run(rollupInsertFromBatchSql(3, batches.add(quarterRollup(time, o, h, l, c, v, n))))
 */
export function rollupInsertFromBatchSql(seriesId: number, batchId: number): string {
  return `INSERT INTO bars_q WITH r AS (
      SELECT q::BIGINT AS q, t0::BIGINT AS t0, t1::BIGINT AS t1, o, h, l, c, CASE WHEN isnan(v) THEN NULL ELSE v END AS v, n::INTEGER AS n
      FROM soukan_batch(${int(batchId, 'batch id')})),
    qi AS (${quarterInfoSql('SELECT q FROM r', NEW_YORK_CLOSE)})
    SELECT ${int(seriesId, 'series id')}, r.q, r.t0, r.t1, r.o, r.h, r.l, r.c, r.v, r.n, qi.td, qi.h4, qi.weekend
    FROM r JOIN qi USING (q) ORDER BY r.q`;
}

/**
 * Counts of rollup rows of a series that are missing, stale or different
 * compared with a rollup rebuilt from its bars (volume compared to 1e-9
 * relative: sums of fractional volumes depend on the order of addition).
 * @example (await db.rows(rollupCheckSql(3)))[0] // { missing: 0, stale: 0, different: 0 }
 */
export function rollupCheckSql(seriesId: number): string {
  const id = int(seriesId, 'series id');
  const rebuilt = rollupSelectSql(seriesId, `SELECT t, open AS o, high AS h, low AS l, close AS c, volume AS v FROM bars WHERE series_id = ${id}`);
  const same = ['t0', 't1', 'open', 'high', 'low', 'close', 'n', 'td', 'h4', 'weekend'].map((c) => `a.${c} = b.${c}`).join(' AND ');
  const vol = '((a.volume IS NULL AND b.volume IS NULL) OR abs(a.volume - b.volume) <= 1e-9 * greatest(1, abs(b.volume)))';
  return `SELECT count(*) FILTER (WHERE a.q IS NULL) AS missing, count(*) FILTER (WHERE b.q IS NULL) AS stale,
                 count(*) FILTER (WHERE a.q IS NOT NULL AND b.q IS NOT NULL AND NOT (${same} AND ${vol})) AS different
          FROM (SELECT * FROM bars_q WHERE series_id = ${id}) a FULL OUTER JOIN (${rebuilt}) b ON a.q = b.q`;
}

/**
 * Statements that rebuild a series' rollup for the quarters covering [lo, hi] from the stored rows.
 *
 * @example rollupRebuildSql(3, Date.UTC(2017, 0, 2, 7), Date.UTC(2017, 0, 2, 7, 30)).length // 2 (DELETE, INSERT)
 */
export function rollupRebuildSql(seriesId: number, lo: number, hi: number): string[] {
  const qlo = Math.floor(lo / QUARTER_MS);
  const qhi = Math.floor(hi / QUARTER_MS);
  const id = int(seriesId, 'series id');
  return [
    `DELETE FROM bars_q WHERE series_id = ${id} AND q BETWEEN ${qlo} AND ${qhi}`,
    `INSERT INTO bars_q ${rollupSelectSql(seriesId, `SELECT t, open AS o, high AS h, low AS l, close AS c, volume AS v FROM bars WHERE series_id = ${id} AND t BETWEEN ${qlo * QUARTER_MS} AND ${qhi * QUARTER_MS + QUARTER_MS - 1}`)}`,
  ];
}

/**
 * Whether bars can come from the rollup: a stored bar series (as is or
 * inverted) at 15 minutes or coarser, the default convention, and a window
 * on quarter-hour boundaries (so the weekend count is exact).
 * @example rollupApplies('H1', NEW_YORK_CLOSE) // true; rollupApplies('M5', NEW_YORK_CLOSE) // false
 */
export function rollupApplies(timeframe: Timeframe | undefined, convention: FxDayConvention, from?: number, to?: number): boolean {
  return (
    timeframe !== undefined &&
    TIMEFRAME_MINUTES[timeframe] * MINUTE_MS >= QUARTER_MS &&
    convention.tz === NEW_YORK_CLOSE.tz &&
    convention.rollHour === NEW_YORK_CLOSE.rollHour &&
    (from === undefined || from % QUARTER_MS === 0) &&
    (to === undefined || (to + 1) % QUARTER_MS === 0)
  );
}

/**
 * Bars of one stored series (or its inverse) from the rollup, with the
 * columns and the weekend row of `barsSql`.
 * @example rollupBarsSql(3, false, 'D1') // SQL giving EUR/USD's 259 trading days of 2017
 */
export function rollupBarsSql(seriesId: number, invert: boolean, timeframe: Timeframe, from?: number, to?: number): string {
  const key = rollupKeySql(timeframe);
  const where = [
    `series_id = ${int(seriesId, 'series id')}`,
    from !== undefined ? `q >= ${Math.floor((from - MARGIN_BEFORE) / QUARTER_MS)}` : '',
    to !== undefined ? `q <= ${Math.floor((to + MARGIN_AFTER) / QUARTER_MS)}` : '',
  ]
    .filter(Boolean)
    .join(' AND ');
  const inWindow = [from !== undefined ? `q * ${QUARTER_MS} >= ${int(from, 'from')}` : '', to !== undefined ? `q * ${QUARTER_MS} + ${QUARTER_MS - 1} <= ${int(to, 'to')}` : ''].filter(Boolean).join(' AND ') || 'true';
  const keyWindow = [from !== undefined ? `k >= ${from}` : '', to !== undefined ? `k <= ${to}` : ''].filter(Boolean).join(' AND ') || 'true';
  const cols = invert ? '1.0 / open AS o, 1.0 / low AS h, 1.0 / high AS l, 1.0 / close AS c' : 'open AS o, high AS h, low AS l, close AS c';
  return `SELECT coalesce(k::DOUBLE, 'NaN'::DOUBLE) AS time, arg_min(o, t0) AS open, max(h) AS high, min(l) AS low, arg_max(c, t1) AS close,
         coalesce(sum(v), 'NaN'::DOUBLE) AS volume,
         (CASE WHEN k IS NULL THEN coalesce(sum(n) FILTER (WHERE ${inWindow}), 0) ELSE sum(n) END)::DOUBLE AS n
  FROM (SELECT q, t0, t1, ${cols}, volume AS v, n, CASE WHEN weekend THEN NULL ELSE ${key} END AS k FROM bars_q WHERE ${where})
  GROUP BY k HAVING k IS NULL OR (${keyWindow})
  ORDER BY k NULLS FIRST`;
}
