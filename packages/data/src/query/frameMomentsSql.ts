/**
 * SQL for the sufficient statistics a correlation matrix needs, computed on
 * the frame the matrix would be computed on: the closes of k series aligned
 * on one time grid (`inner`: the times every series has; `pairwise`: the
 * times any has), turned into returns between consecutive grid rows (or
 * left as levels), cut to a window of grid rows — core's `alignSeries`,
 * `frameReturns` and `windowFrame`, in the engine. For every pair `a ≤ b`
 * (`a = b`: the series alone) it returns the count of rows where both are
 * present, both means, the centred co-moments (two passes: means first,
 * then sums of products of deviations — never `Σx²`, `Σxy`, which cancel
 * on FX levels) and whether each side is constant on those rows; on every
 * row also the frame's window (rows, first and last time) and, for the
 * `inner` grid, the number of missing values in it (a return of a price
 * that is not positive and finite), which the listwise rule would drop
 * from every pair.
 *
 * Two dialects, one result: DuckDB (CTEs and window functions), and
 * ClickHouse as old as 18.16 (no window functions, no CTEs: the frame is
 * gathered into one sorted array of grid rows, windowed with array
 * functions and unrolled into pairs).
 */
import type { ReturnKind, Window } from '@soukan/core';
import type { MomentsDialect } from './momentsSql.js';

/** The frame {@link frameMomentsSql} computes statistics on. */
export interface FrameSpec {
  /** Number of series (`i` = 0 … k − 1 in the closes). */
  readonly k: number;
  /** `inner`: times every series has; `pairwise`: times any series has. */
  readonly align: 'inner' | 'pairwise';
  readonly on: 'returns' | 'levels';
  readonly returns: ReturnKind;
  /** Rows of the frame (returns, or levels) kept, as core's `windowFrame`. */
  readonly window: Window;
}

/** Columns of a {@link frameMomentsSql} row, in order. */
export const FRAME_MOMENTS_COLUMNS = ['a', 'b', 'n', 'mean_a', 'mean_b', 'c_aa', 'c_bb', 'c_ab', 'const_a', 'const_b', 'frame_rows', 'frame_first', 'frame_last', 'frame_gaps'] as const;

function num(x: number, what: string): string {
  if (!Number.isFinite(x)) throw new RangeError(`frameMomentsSql: ${what} ${x} is not a finite number`);
  return String(x);
}

/**
 * The statement over `closes`, a relation (a table name or a parenthesised
 * query) with columns `i`, `time` (UTC ms) and `close`, every column DOUBLE
 * (Float64), one row per series and time. Rows come back ordered by `a, b`,
 * every column DOUBLE; an empty window gives no rows.
 *
 * @throws RangeError for fewer than one series, a window count that is not a whole number ≥ 0, or a bound that is not finite.
 * @example frameMomentsSql('closes', { k: 2, align: 'inner', on: 'returns', returns: 'log', window: { kind: 'last', n: 250 } }, 'duckdb')
 */
export function frameMomentsSql(closes: string, spec: FrameSpec, dialect: MomentsDialect): string {
  if (!Number.isSafeInteger(spec.k) || spec.k < 1) throw new RangeError(`frameMomentsSql: k = ${spec.k} series`);
  const w = spec.window;
  if (w.kind === 'last' && !(Number.isSafeInteger(w.n) && w.n >= 0)) throw new RangeError(`frameMomentsSql: window of ${w.n} rows`);
  if (w.kind === 'last' && w.end !== undefined) num(w.end, 'end');
  if (w.kind === 'range') {
    if (w.from !== undefined) num(w.from, 'from');
    if (w.to !== undefined) num(w.to, 'to');
  }
  return dialect === 'duckdb' ? duckdb(closes, spec) : clickhouse(closes, spec);
}

/** The return from price `p` to price `c` (NULL / nan unless both are positive and finite: core's `returnsInto`). */
function returnOf(c: string, p: string, kind: ReturnKind, dialect: MomentsDialect): string {
  const ok = dialect === 'duckdb' ? `${c} > 0 AND ${p} > 0 AND isfinite(${c}) AND isfinite(${p})` : `${c} > 0 AND ${p} > 0 AND isFinite(${c}) AND isFinite(${p})`;
  const r = kind === 'log' ? (dialect === 'duckdb' ? `ln(${c} / ${p})` : `log(${c} / ${p})`) : `${c} / ${p} - 1`;
  return dialect === 'duckdb' ? `CASE WHEN ${ok} THEN ${r} END` : `if(${ok}, ${r}, nan)`;
}

function duckdb(closes: string, s: FrameSpec): string {
  const first = s.on === 'returns' ? 2 : 1;
  const values =
    s.on === 'returns'
      ? `SELECT cur.i, cur.rn, ${returnOf('cur.close', 'prev.close', s.returns, 'duckdb')} AS x FROM cg cur JOIN cg prev ON prev.i = cur.i AND prev.rn = cur.rn - 1`
      : `SELECT i, rn, CASE WHEN isfinite(close) THEN close END AS x FROM cg`;
  const w = s.window;
  const lim =
    w.kind === 'last'
      ? `lim AS (SELECT coalesce(max(rn), 0) AS hi FROM g WHERE rn >= ${first}${w.end !== undefined ? ` AND time <= ${w.end}` : ''}),
    fw AS (SELECT g.rn, g.time FROM g, lim WHERE g.rn >= ${first} AND g.rn <= lim.hi AND g.rn > lim.hi - ${w.n}),`
      : `fw AS (SELECT rn, time FROM g WHERE rn >= ${first}${w.from !== undefined ? ` AND time >= ${w.from}` : ''}${w.to !== undefined ? ` AND time <= ${w.to}` : ''}),`;
  return `WITH c AS (SELECT i, time, close FROM ${closes}),
    g AS (SELECT time, row_number() OVER (ORDER BY time) AS rn FROM (SELECT time FROM c GROUP BY time${s.align === 'inner' ? ` HAVING count(*) = ${s.k}` : ''})),
    cg AS (SELECT c.i, g.rn, c.close FROM c JOIN g ON c.time = g.time),
    v AS (${values}),
    ${lim}
    vw AS (SELECT v.i, v.rn, v.x FROM v JOIN fw ON v.rn = fw.rn),
    frame AS (SELECT CAST(count(*) AS DOUBLE) AS frame_rows, CAST(min(time) AS DOUBLE) AS frame_first, CAST(max(time) AS DOUBLE) AS frame_last,
      CAST((SELECT count(*) FROM vw WHERE x IS NULL) AS DOUBLE) AS frame_gaps FROM fw),
    p AS (SELECT x.i AS a, y.i AS b, x.x AS xa, y.x AS xb FROM vw x JOIN vw y ON x.rn = y.rn AND x.i <= y.i WHERE x.x IS NOT NULL AND y.x IS NOT NULL),
    m AS (SELECT a, b, count(*) AS n, avg(xa) AS ma, avg(xb) AS mb, min(xa) = max(xa) AS ca, min(xb) = max(xb) AS cb FROM p GROUP BY a, b)
  SELECT CAST(p.a AS DOUBLE) AS a, CAST(p.b AS DOUBLE) AS b, CAST(any_value(m.n) AS DOUBLE) AS n, any_value(m.ma) AS mean_a, any_value(m.mb) AS mean_b,
    sum((p.xa - m.ma) * (p.xa - m.ma)) AS c_aa, sum((p.xb - m.mb) * (p.xb - m.mb)) AS c_bb, sum((p.xa - m.ma) * (p.xb - m.mb)) AS c_ab,
    CAST(any_value(m.ca) AS DOUBLE) AS const_a, CAST(any_value(m.cb) AS DOUBLE) AS const_b,
    any_value(frame.frame_rows) AS frame_rows, any_value(frame.frame_first) AS frame_first, any_value(frame.frame_last) AS frame_last, any_value(frame.frame_gaps) AS frame_gaps
  FROM p JOIN m ON p.a = m.a AND p.b = m.b CROSS JOIN frame
  GROUP BY p.a, p.b ORDER BY a, b`;
}

// 18.16: the grid is numbered by unrolling its sorted array; each series'
// closes on the grid are sorted into an array whose neighbours give the
// returns; the frame's rows, each holding its (series, value) list, are
// gathered into one sorted array that the window cuts with array functions;
// then the rows are unrolled into pairs and regrouped per pair, means first,
// deviations second. Lambdas take arrays as arguments, never capture them (a
// captured array is copied once per element).
function clickhouse(closes: string, s: FrameSpec): string {
  const first = s.on === 'returns' ? 2 : 1;
  const grid = `SELECT t AS time, r AS rn FROM (SELECT arraySort(groupArray(time)) AS g FROM (SELECT time FROM ${closes} GROUP BY time${s.align === 'inner' ? ` HAVING count() = ${s.k}` : ''})) ARRAY JOIN g AS t, arrayEnumerate(g) AS r`;
  const onGrid = `SELECT i, rn, time, close FROM ${closes} ALL INNER JOIN (${grid}) USING time`;
  const series = `SELECT i, arraySort(e -> e.1, groupArray((toUInt64(rn), time, close))) AS s FROM (${onGrid}) GROUP BY i`;
  // Each element with the one before it (a sentinel before the first): a return where the two are neighbours on the grid.
  const cells =
    s.on === 'returns'
      ? `arrayMap((c, p) -> (c.1, c.2, if(c.1 = p.1 + 1, ${returnOf('c.3', 'p.3', s.returns, 'clickhouse')}, nan)), s, arrayPushFront(arrayPopBack(s), (toUInt64(0), nan, nan)))`
      : `arrayMap(c -> (c.1, c.2, if(isFinite(c.3), c.3, nan)), s)`;
  const values = `SELECT i, e.1 AS rn, e.2 AS time, e.3 AS x FROM (${series}) ARRAY JOIN ${cells} AS e WHERE rn >= ${first}`;
  const rows = `SELECT rn, any(time) AS time, groupArray((toFloat64(i), x)) AS vals FROM (${values}) GROUP BY rn`;
  const w = s.window;
  const cut =
    w.kind === 'last'
      ? `arraySlice(upto, greatest(toInt64(length(upto)) - ${w.n} + 1, 1), ${w.n})`
      : `arrayFilter(f -> ${[w.from !== undefined ? `f.2 >= ${w.from}` : '', w.to !== undefined ? `f.2 <= ${w.to}` : ''].filter(Boolean).join(' AND ') || '1'}, frm)`;
  const upto = w.kind === 'last' && w.end !== undefined ? `arrayFilter(f -> f.2 <= ${w.end}, frm)` : 'frm';
  const framed = `SELECT arraySort(f -> f.1, groupArray((rn, time, vals))) AS frm, ${upto} AS upto, ${cut} AS win,
      toFloat64(length(win)) AS frame_rows, if(frame_rows > 0, tupleElement(win[1], 2), nan) AS frame_first, if(frame_rows > 0, tupleElement(win[-1], 2), nan) AS frame_last,
      toFloat64(arraySum(arrayMap(f -> arrayCount(v -> isNaN(v.2), f.3), win))) AS frame_gaps
    FROM (${rows})`;
  const unrolled = `SELECT frame_rows, frame_first, frame_last, frame_gaps, f.3 AS vals FROM (${framed}) ARRAY JOIN win AS f`;
  // One ARRAY JOIN per query level (18.16 has no second one).
  const left = `SELECT frame_rows, frame_first, frame_last, frame_gaps, vals, va FROM (${unrolled}) ARRAY JOIN vals AS va WHERE NOT isNaN(va.2)`;
  const pairs = `SELECT frame_rows, frame_first, frame_last, frame_gaps, va.1 AS a, vb.1 AS b, va.2 AS xa, vb.2 AS xb FROM (${left}) ARRAY JOIN vals AS vb
    WHERE va.1 <= vb.1 AND NOT isNaN(vb.2)`;
  const grouped = `SELECT a, b, groupArray(xa) AS xs, groupArray(xb) AS ys, toFloat64(length(xs)) AS n, arraySum(xs) / n AS mx, arraySum(ys) / n AS my,
      any(frame_rows) AS frame_rows, any(frame_first) AS frame_first, any(frame_last) AS frame_last, any(frame_gaps) AS frame_gaps
    FROM (${pairs}) GROUP BY a, b`;
  return `SELECT a, b, n, mx AS mean_a, my AS mean_b,
  arraySum(arrayMap(x -> (x - mx) * (x - mx), xs)) AS c_aa,
  arraySum(arrayMap(y -> (y - my) * (y - my), ys)) AS c_bb,
  arraySum(arrayMap((x, y) -> (x - mx) * (y - my), xs, ys)) AS c_ab,
  toFloat64(arrayReduce('min', xs) = arrayReduce('max', xs)) AS const_a, toFloat64(arrayReduce('min', ys) = arrayReduce('max', ys)) AS const_b,
  frame_rows, frame_first, frame_last, frame_gaps
FROM (${grouped}) ORDER BY a, b`;
}
