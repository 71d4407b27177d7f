/**
 * Bars built inside ClickHouse, in SQL that runs on 18.16 (no window
 * functions, ASOF JOIN, DateTime64 or query parameters; `argMin`/`argMax`,
 * which merge across shards, rather than `*Stable` aggregates, which do
 * not): the same buckets and FX-day conventions as the DuckDB store's
 * `barsSql` (core's `resampleBars` is the reference both are tested
 * against), so the same bars bit for bit.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, TIMEFRAME_MINUTES, type FxDayConvention, type Timeframe } from '@soukan/core';
import { int, MARGIN_AFTER, MARGIN_BEFORE, QUARTER_MS } from '../barsSql.js';
import { atLeast, sqlText } from './chClient.js';

/** One stored series used by a route in a ClickHouse store: which rows are visible, and whether it is inverted. */
export interface ChLeg {
  readonly source: string;
  readonly symbol: string;
  /** Committed imports whose rows are visible. */
  readonly imports: readonly number[];
  readonly invert: boolean;
}

const H4 = 4 * HOUR_MS;

/**
 * Floor division in ClickHouse SQL (`intDiv` truncates toward zero).
 *
 * @example chFloorDiv('t', 900000) // 'intDiv((t) - (((t) % 900000) + 900000) % 900000, 900000)'
 */
export function chFloorDiv(x: string, m: number): string {
  return `intDiv((${x}) - (((${x}) % ${m}) + ${m}) % ${m}, ${m})`;
}

/**
 * First server version with `timeZoneOffset` (one lookup instead of four
 * calendar fields).
 *
 * @example TIME_ZONE_OFFSET_SINCE // [21, 6]
 */
export const TIME_ZONE_OFFSET_SINCE: readonly [number, number] = [21, 6];

/**
 * The wall-clock time in `tz`, as UTC ms, of the instant `seconds`: on
 * servers with `timeZoneOffset`, the instant plus its offset; on older ones
 * (18.16) from the date and clock fields ClickHouse gives for that zone
 * (checked against ICU for every quarter-hour 1999–2027).
 *
 * @example localMsSql('q * 900', 'America/New_York', [18, 16, 1]) // '((toInt64(toUInt32(toDate(toDateTime(q * 900), …'
 */
export function localMsSql(seconds: string, tz: string, version: readonly number[]): string {
  const z = sqlText(tz);
  if (atLeast(version, TIME_ZONE_OFFSET_SINCE)) return `((toInt64(${seconds}) + timeZoneOffset(toDateTime(${seconds}, ${z}))) * 1000)`;
  const dt = `toDateTime(${seconds})`;
  return `((toInt64(toUInt32(toDate(${dt}, ${z}))) * 86400 + toHour(${dt}, ${z}) * 3600 + toMinute(${dt}, ${z}) * 60 + toSecond(${dt}, ${z})) * 1000)`;
}

/**
 * The rows of one leg, as read or inverted (1/x with high and low swapped, exact for bars).
 *
 * @example legSql(db, leg, undefined, undefined) // 'SELECT t, open AS o, … FROM fx.rows WHERE source = … AND import_id IN (…)'
 */
function legWhere(leg: ChLeg, lo: number | undefined, hi: number | undefined): string {
  return [
    `source = ${sqlText(leg.source)}`,
    `symbol = ${sqlText(leg.symbol)}`,
    `import_id IN (${leg.imports.length ? leg.imports.map((i) => int(i, 'import id')).join(', ') : '0'})`,
    lo !== undefined ? `t >= ${int(lo, 'from')}` : '',
    hi !== undefined ? `t <= ${int(hi, 'to')}` : '',
  ]
    .filter(Boolean)
    .join(' AND ');
}

/**
 * Rows of a route at the stored resolution, columns `t, o, h, l, c, v`:
 * the rows of one leg (inverted: 1/x, high and low swapped), or the times
 * two legs share, open and close the legs' products in core's
 * `crossSeries` order, high/low the extremes of open and close (a cross's
 * true extremes cannot be derived from its legs' bars), volume NaN.
 *
 * @example chRouteSql('fx', [{ source: 'HistData', symbol: 'EUR/USD', imports: [1], invert: false }])
 */
export function chRouteSql(db: string, legs: readonly ChLeg[], lo?: number, hi?: number): string {
  if (legs.length === 1) {
    const l = legs[0]!;
    const cols = l.invert ? '1.0 / open AS o, 1.0 / low AS h, 1.0 / high AS l, 1.0 / close AS c' : 'open AS o, high AS h, low AS l, close AS c';
    return `SELECT t, ${cols}, volume AS v FROM ${db}.rows WHERE ${legWhere(l, lo, hi)}`;
  }
  if (legs.length !== 2) throw new Error(`chBarsSql: routes have 1 or 2 legs, got ${legs.length}`);
  const names = ['a', 'b'];
  const product = (field: 'o' | 'c', inverted: boolean): string => {
    const f = legs.map((l, i) => (l.invert === inverted ? `${field}${names[i]}` : '')).filter(Boolean);
    return f.length ? f.join(' * ') : '1.0';
  };
  const side = (i: number): string => `SELECT t, open AS o${names[i]}, close AS c${names[i]} FROM ${db}.rows WHERE ${legWhere(legs[i]!, lo, hi)}`;
  const o = `(${product('o', false)}) / (${product('o', true)})`;
  const c = `(${product('c', false)}) / (${product('c', true)})`;
  return `SELECT t, xo AS o, greatest(xo, xc) AS h, least(xo, xc) AS l, xc AS c, nan AS v FROM (
    SELECT t, ${o} AS xo, ${c} AS xc FROM (${side(0)}) ALL INNER JOIN (${side(1)}) USING t)`;
}

/**
 * A query returning `time, open, high, low, close, volume, n` (numbers)
 * ordered by time, with the meaning of the DuckDB store's `barsSql`: with a
 * timeframe, a first row with `time = nan` carries in `n` the rows in the
 * window that fell in the weekly closure; buckets are those of core's
 * `resampleBars` (M1…H1 on the UTC clock, H4 from the roll on the
 * convention's clock, D1 the trading day stamped 00:00 UTC, W1 stamped
 * Monday, weekend trading dates left out, empty buckets give no bar).
 *
 * Method: rows are first aggregated per bucket of min(bar, quarter-hour) —
 * on a cluster this runs on the shard holding the symbol, so only these
 * partial aggregates cross the network — then each bucket's quarter-hour
 * gets its trading date, H4 bucket and weekend flag from the zone's clock
 * (zone offsets change, and whole-hour rolls happen, only on quarter-hours),
 * and a second GROUP BY forms the bars. With `quarters`, the first step is
 * read from the quarter-hour rollup instead (chRollup.ts).
 *
 * @example chBarsSql('fx', [leg], { timeframe: 'H1', convention: NEW_YORK_CLOSE }) // SQL giving 6,207 rows for EUR/USD 2017
 */
export function chBarsSql(
  db: string,
  legs: readonly ChLeg[],
  options: {
    readonly timeframe?: Timeframe;
    readonly convention: FxDayConvention;
    readonly from?: number;
    readonly to?: number;
    /** The server's version (picks the zone lookup, see {@link localMsSql}); default 18.16. */
    readonly version?: readonly number[];
    /**
     * The quarters as the rollup gives them (`chRollupQuartersSql` of the one
     * leg, where `chRollupApplies`), instead of aggregating the rows.
     */
    readonly quarters?: string;
  },
): string {
  const { timeframe, convention, from, to } = options;
  const version = options.version ?? [18, 16];
  if (!timeframe) {
    return `SELECT toFloat64(t) AS time, o, h, l, c, v, 1 FROM (${chRouteSql(db, legs, from, to)}) ORDER BY t`;
  }
  if (!/^[A-Za-z0-9_+\-/]+$/.test(convention.tz)) throw new Error(`chBarsSql: bad time zone name ${JSON.stringify(convention.tz)}`);
  if (!Number.isInteger(convention.rollHour) || convention.rollHour < 0 || convention.rollHour > 23) throw new Error(`chBarsSql: roll hour must be 0…23, got ${convention.rollHour}`);
  const size = TIMEFRAME_MINUTES[timeframe] * MINUTE_MS;
  const g = Math.min(size, QUARTER_MS);
  if (options.quarters !== undefined && (legs.length !== 1 || g !== QUARTER_MS)) throw new Error('chBarsSql: the rollup serves one leg at 15 minutes or coarser');
  if (QUARTER_MS % g !== 0) throw new Error(`chBarsSql: ${timeframe} does not divide a quarter-hour`);
  const shift = (24 - convention.rollHour) * HOUR_MS;
  const qOf = g === QUARTER_MS ? 'b' : chFloorDiv(`b * ${g}`, QUARTER_MS);
  const sh = `(${localMsSql(`qq * ${QUARTER_MS / 1000}`, convention.tz, version)} + ${shift})`;
  const td = `(${chFloorDiv('sh', DAY_MS)} * ${DAY_MS})`;
  const dow = (x: string): string => `((${chFloorDiv(x, DAY_MS)} + 4) % 7)`; // 0 = Sunday (1970-01-01 was a Thursday)
  let key: string;
  if (size <= QUARTER_MS) key = `b * ${g}`;
  else if (size <= HOUR_MS) key = `${chFloorDiv(`b * ${g}`, size)} * ${size}`;
  else if (size === H4) key = `qq * ${QUARTER_MS} - (sh - ${chFloorDiv('sh', H4)} * ${H4})`;
  else if (timeframe === 'D1') key = 'td';
  else if (timeframe === 'W1') key = `td - ((${dow('td')} + 6) % 7) * ${DAY_MS}`;
  else throw new Error(`chBarsSql: no bucket rule for ${timeframe}`);
  const inWindow = [from !== undefined ? `t >= ${int(from, 'from')}` : '', to !== undefined ? `t <= ${int(to, 'to')}` : ''].filter(Boolean).join(' AND ') || '1';
  const keyWindow = [from !== undefined ? `k >= ${from}` : '', to !== undefined ? `k <= ${to}` : ''].filter(Boolean).join(' AND ') || '1';
  const quarters =
    options.quarters ?? `SELECT ${chFloorDiv('t', g)} AS b, min(t) AS t0, max(t) AS t1, argMin(o, t) AS o1, max(h) AS h1, min(l) AS l1, argMax(c, t) AS c1,
                     sumIf(v, NOT isNaN(v)) AS vs, countIf(NOT isNaN(v)) AS vn, count() AS n1, countIf(${inWindow}) AS nw
              FROM (${chRouteSql(db, legs, from === undefined ? undefined : from - MARGIN_BEFORE, to === undefined ? undefined : to + MARGIN_AFTER)}) GROUP BY b`;
  return `SELECT if(wk, nan, toFloat64(k)) AS time, argMin(o1, t0) AS open, max(h1) AS high, min(l1) AS low, argMax(c1, t1) AS close,
         if(sum(vn) = 0, nan, sum(vs)) AS volume, toFloat64(if(wk, sum(nw), sum(n1))) AS n
  FROM (
    SELECT t0, t1, o1, h1, l1, c1, vs, vn, n1, nw, wk, if(wk, toInt64(0), toInt64(${key})) AS k
    FROM (
      SELECT *, ${dow('td')} IN (0, 6) AS wk
      FROM (
        SELECT *, ${td} AS td
        FROM (
          SELECT *, ${sh} AS sh
          FROM (
            SELECT *, ${qOf} AS qq
            FROM (${quarters}))))))
  GROUP BY wk, k HAVING wk OR (${keyWindow})
  ORDER BY wk DESC, k`;
}
