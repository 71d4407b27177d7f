/**
 * SQL that builds bars inside DuckDB: a stored series, its inverse, or a
 * cross of two stored series, resampled to a timeframe with the FX-day
 * conventions of core's `resampleBars` (which is the reference the tests
 * compare against).
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, TIMEFRAME_MINUTES, type FxDayConvention, type Timeframe } from '@soukan/core';

/** One stored series used by a route, as read (`invert = false`) or inverted. */
export interface SqlLeg {
  readonly id: number;
  readonly kind: 'bars' | 'quotes';
  readonly invert: boolean;
}

/** What to build. */
export interface BarsSqlOptions {
  /** Omit for the stored rows themselves (crossed/inverted as the route says, no weekend filter). */
  readonly timeframe?: Timeframe;
  readonly convention: FxDayConvention;
  /** Bars whose opening time is ≥ from (UTC ms). */
  readonly from?: number;
  /** Bars whose opening time is ≤ to (UTC ms). */
  readonly to?: number;
}

/** A UTC quarter-hour: zone offsets change, and whole-hour rolls happen, only on quarter-hours. */
export const QUARTER_MS = 15 * MINUTE_MS;
const QUARTER = QUARTER_MS;
const H4 = 4 * HOUR_MS;
/** Rows before `from` / after `to` that can still belong to a bar stamped inside the window (W1 spans Sunday 17:00 → Friday 17:00). */
export const MARGIN_BEFORE = 2 * DAY_MS;
export const MARGIN_AFTER = 8 * DAY_MS; // documented with MARGIN_BEFORE above

/**
 * Floor division of BIGINTs in SQL (DuckDB's `//` truncates toward zero).
 *
 * @example floorDiv('t', 900000) // '((t) - (((t) % 900000) + 900000) % 900000) // 900000'
 */
export function floorDiv(x: string, m: number): string {
  return `((${x}) - (((${x}) % ${m}) + ${m}) % ${m}) // ${m}`;
}

/**
 * SQL giving, for a relation `qs` with a column `q` (UTC quarter-hour
 * number), the trading date `td` (00:00 UTC of the date), the H4 bucket start
 * `h4` (UTC ms) and `weekend` under a convention — one ICU lookup per quarter.
 * @example quarterInfoSql('SELECT 1654813 AS q', NEW_YORK_CLOSE) // q of Sun 2017-03-12 21:00Z → td 2017-03-13, h4 21:00Z, weekend false
 */
export function quarterInfoSql(qs: string, convention: FxDayConvention): string {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(convention.tz)) throw new Error(`barsSql: bad time zone name ${JSON.stringify(convention.tz)}`);
  if (!Number.isInteger(convention.rollHour) || convention.rollHour < 0 || convention.rollHour > 23) throw new Error(`barsSql: roll hour must be 0…23, got ${convention.rollHour}`);
  const shift = (24 - convention.rollHour) * HOUR_MS;
  const sh = `epoch_ms(timezone('${convention.tz}', to_timestamp(q * ${QUARTER / 1000}))) + ${shift}`;
  return `SELECT q, td, h4, (${floorDiv('td', DAY_MS)} + 4) % 7 IN (0, 6) AS weekend FROM (
    SELECT q, ${floorDiv('sh', DAY_MS)} * ${DAY_MS} AS td, q * ${QUARTER} - (sh - ${floorDiv('sh', H4)} * ${H4}) AS h4
    FROM (SELECT q, ${sh} AS sh FROM (${qs})))`;
}

/**
 * A whole number of ms as SQL text (values are inlined, never user text).
 *
 * @throws Error for anything but a safe integer.
 * @example int(1483340400000, 'from') // '1483340400000'
 */
export function int(x: number, what: string): string {
  if (!Number.isSafeInteger(x)) throw new Error(`barsSql: ${what} must be a whole number of ms, got ${x}`);
  return String(x);
}

function legSql(l: SqlLeg, lo: number | undefined, hi: number | undefined): string {
  const where = [`series_id = ${int(l.id, 'series id')}`, lo !== undefined ? `t >= ${int(lo, 'from')}` : '', hi !== undefined ? `t <= ${int(hi, 'to')}` : '']
    .filter(Boolean)
    .join(' AND ');
  return l.kind === 'bars'
    ? `SELECT t, open AS o, high AS h, low AS l, close AS c, volume AS v FROM bars WHERE ${where}`
    : `SELECT t, value AS o, value AS h, value AS l, value AS c, NULL::DOUBLE AS v FROM quotes WHERE ${where}`;
}

/**
 * Rows of a route at the stored resolution. One straight leg: the rows. One
 * inverted leg: 1/x, with high and low swapped — exact for bars. Two legs:
 * times both legs have; open and close are the legs' products (divided by
 * the inverted legs) in the order core's `crossSeries` multiplies them, so
 * closes are bit-identical to the in-memory cross. A cross's high and low
 * cannot be derived from its legs' bars (their extremes need not coincide
 * in time), so a crossed minute's high/low are max/min of its open and close.
 * @example routeSql([{ id: 1, kind: 'bars', invert: true }]) // 'SELECT t, 1.0 / o AS o, 1.0 / l AS h, … FROM (SELECT … FROM bars WHERE series_id = 1)'
 */
export function routeSql(legs: readonly SqlLeg[], lo?: number, hi?: number): string {
  if (legs.length === 1) {
    const l = legs[0]!;
    const s = legSql(l, lo, hi);
    return l.invert ? `SELECT t, 1.0 / o AS o, 1.0 / l AS h, 1.0 / h AS l, 1.0 / c AS c, v FROM (${s})` : s;
  }
  if (legs.length !== 2) throw new Error(`barsSql: routes have 1 or 2 legs, got ${legs.length}`);
  const names = ['a', 'b'];
  const product = (field: 'o' | 'c', inverted: boolean): string => {
    const f = legs.map((l, i) => (l.invert === inverted ? `${names[i]}.${field}` : '')).filter(Boolean);
    return f.length ? f.join(' * ') : '1.0';
  };
  const cross = `SELECT a.t AS t, (${product('o', false)}) / (${product('o', true)}) AS o, (${product('c', false)}) / (${product('c', true)}) AS c
    FROM (${legSql(legs[0]!, lo, hi)}) a JOIN (${legSql(legs[1]!, lo, hi)}) b ON a.t = b.t`;
  return `SELECT t, o, greatest(o, c) AS h, least(o, c) AS l, c, NULL::DOUBLE AS v FROM (${cross})`;
}

/**
 * A query returning `time, open, high, low, close, volume, n` as DOUBLEs,
 * ordered by time; `volume` is NaN where the source has none.
 *
 * With a timeframe, the first row may have `time = NaN`: its `n` is the
 * number of rows in the window that fell inside the weekly closure (left out
 * of every bar); other rows' `n` is the rows aggregated into the bar.
 *
 * Conventions (those of core's `resampleBars`):
 * - M1…H1 buckets are multiples of the bar size on the UTC clock;
 * - H4 buckets start at roll + 4k hours on the convention's clock (17, 21,
 *   01, 05, 09, 13 New York), stamped at their UTC opening instant;
 * - D1 is one trading day (roll to roll, DST-aware) stamped 00:00 UTC of the
 *   trading date; W1 spans Monday…Friday trading dates, stamped Monday;
 * - rows whose trading date is a Saturday or Sunday are not bars;
 * - empty buckets give no bar (gaps stay gaps).
 *
 * Method: rows are first aggregated per UTC quarter-hour (or per bar, for
 * bars of 15 minutes or less) — exact, since open/close are taken by time
 * and high/low/volume combine — which turns a year of minutes into ~25 000
 * rows. Time-zone offsets change, and rolls at whole local hours happen,
 * only on quarter-hours, so each quarter has one trading date and one H4
 * bucket: the offset is looked up (ICU) once per quarter, and a second
 * GROUP BY forms the bars. Times are assumed ≥ 0 (1970 on) unless
 * `negativeTimes` says otherwise.
 * @example barsSql([{ id: 3, kind: 'bars', invert: false }], { timeframe: 'H1', convention: NEW_YORK_CLOSE }) // SQL giving 6,207 rows for EUR/USD 2017
 */
export function barsSql(legs: readonly SqlLeg[], options: BarsSqlOptions & { readonly negativeTimes?: boolean }): string {
  const { timeframe, convention, from, to } = options;
  if (!timeframe) {
    const src = routeSql(legs, from, to);
    return `SELECT t::DOUBLE AS time, o AS open, h AS high, l AS low, c AS close, coalesce(v, 'NaN'::DOUBLE) AS volume, 1::DOUBLE AS n FROM (${src}) ORDER BY t`;
  }
  const div = options.negativeTimes ? floorDiv : (x: string, m: number): string => `(${x}) // ${m}`;
  const src = routeSql(legs, from === undefined ? undefined : from - MARGIN_BEFORE, to === undefined ? undefined : to + MARGIN_AFTER);
  const size = TIMEFRAME_MINUTES[timeframe] * MINUTE_MS;
  const g = Math.min(size, QUARTER);
  if (QUARTER % g !== 0) throw new Error(`barsSql: ${timeframe} does not divide a quarter-hour`);
  const dow = (x: string): string => `(${div(x, DAY_MS)} + 4) % 7`; // 0 = Sunday (1970-01-01 was a Thursday)
  let key: string;
  if (size <= QUARTER) key = `s1.b * ${g}`;
  else if (size <= HOUR_MS) key = `${div(`s1.b * ${g}`, size)} * ${size}`;
  else if (size === H4) key = 'qi.h4';
  else if (timeframe === 'D1') key = 'qi.td';
  else if (timeframe === 'W1') key = `qi.td - ((${dow('qi.td')} + 6) % 7) * ${DAY_MS}`;
  else throw new Error(`barsSql: no bucket rule for ${timeframe}`);
  const inWindow = [from !== undefined ? `t >= ${int(from, 'from')}` : '', to !== undefined ? `t <= ${int(to, 'to')}` : ''].filter(Boolean).join(' AND ') || 'true';
  const keyWindow = [from !== undefined ? `k >= ${from}` : '', to !== undefined ? `k <= ${to}` : ''].filter(Boolean).join(' AND ') || 'true';
  const quarterOf = g === QUARTER ? 's1.b' : div(`s1.b * ${g}`, QUARTER);
  return `WITH s1 AS (
    SELECT ${div('t', g)} AS b, min(t) AS t0, max(t) AS t1, arg_min(o, t) AS o, max(h) AS h, min(l) AS l, arg_max(c, t) AS c,
           sum(v) AS v, count(*) AS n, count(*) FILTER (WHERE ${inWindow}) AS nw
    FROM (${src}) GROUP BY 1),
  qi AS (${quarterInfoSql(`SELECT DISTINCT ${quarterOf} AS q FROM s1`, convention)}),
  keyed AS (SELECT s1.*, CASE WHEN qi.weekend THEN NULL ELSE ${key} END AS k
            FROM s1 JOIN qi ON qi.q = ${quarterOf})
  SELECT coalesce(k::DOUBLE, 'NaN'::DOUBLE) AS time, arg_min(o, t0) AS open, max(h) AS high, min(l) AS low, arg_max(c, t1) AS close,
         coalesce(sum(v), 'NaN'::DOUBLE) AS volume,
         (CASE WHEN k IS NULL THEN sum(nw) ELSE sum(n) END)::DOUBLE AS n
  FROM keyed GROUP BY k HAVING k IS NULL OR (${keyWindow})
  ORDER BY k NULLS FIRST`;
}
