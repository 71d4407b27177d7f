/**
 * SQL returning the sufficient statistics of returns per window — for every
 * pair of series `a ≤ b` (`a = b`: the series alone) and window `w`: the
 * count, both means and the centred co-moments of the log returns
 * `ln(closeₜ / closeₜ₋₁)` over the times both series have (inner
 * alignment), each return in the window of its end time.
 *
 * Centred per window (two passes: the window's means, then the sums of
 * products of deviations from them), never the one-pass sums `Σx²`, `Σxy`
 * that cancel catastrophically on FX data. The rows stay in the engine;
 * JavaScript gets one row per pair and window, which merge across shards or
 * windows with core's `mergeCoMoments`.
 *
 * Two dialects, one result: DuckDB (window functions), and ClickHouse as
 * old as 18.16 (no window functions, no CTEs: returns from sorted arrays).
 */

/** The engine the SQL is written for. */
export type MomentsDialect = 'duckdb' | 'clickhouse';

/** What {@link momentsSql} asks for. */
export interface MomentsSqlOptions {
  /** Window length in ms (windows are `floor(t / windowMs)`, UTC-aligned); `null`: one window over everything. */
  windowMs: number | null;
  dialect: MomentsDialect;
}

/** Columns of a {@link momentsSql} row, in order. */
export const MOMENTS_COLUMNS = ['a', 'b', 'w', 'n', 'mean_a', 'mean_b', 'c_aa', 'c_bb', 'c_ab'] as const;

function windowOf(t: string, windowMs: number | null, dialect: MomentsDialect): string {
  if (windowMs === null) return dialect === 'duckdb' ? 'CAST(0 AS DOUBLE)' : 'toFloat64(0)';
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0) throw new RangeError(`momentsSql: window ${windowMs} ms is not a positive integer`);
  // Floor division, also for times before 1970.
  return dialect === 'duckdb' ? `CAST(floor(${t} / ${windowMs}) AS DOUBLE)` : `toFloat64(floor(${t} / ${windowMs}))`;
}

/**
 * The statement over `closes`, a relation (a table name or a parenthesised
 * query) with columns `i` (series number), `time` (UTC ms) and `close`,
 * every column DOUBLE (Float64). Rows come back ordered by `a, b, w`, every
 * column DOUBLE.
 *
 * @throws RangeError for a window that is not a positive whole number of ms.
 * @example momentsSql('closes', { windowMs: 86_400_000, dialect: 'duckdb' }) // per UTC day
 */
export function momentsSql(closes: string, { windowMs, dialect }: MomentsSqlOptions): string {
  return dialect === 'duckdb' ? duckdbMoments(closes, windowMs) : clickhouseMoments(closes, windowMs);
}

function duckdbMoments(closes: string, windowMs: number | null): string {
  return `WITH c AS (SELECT i, time, close FROM ${closes}),
j AS (SELECT x.i AS a, y.i AS b, x.time AS t, x.close AS cx, y.close AS cy FROM c x JOIN c y ON x.time = y.time AND x.i <= y.i),
r AS (SELECT a, b, t, ln(cx / lag(cx) OVER s) AS x, ln(cy / lag(cy) OVER s) AS y FROM j WINDOW s AS (PARTITION BY a, b ORDER BY t)),
p AS (SELECT a, b, ${windowOf('t', windowMs, 'duckdb')} AS w, x, y FROM r WHERE x IS NOT NULL),
m AS (SELECT a, b, w, count(*) AS n, avg(x) AS mx, avg(y) AS my FROM p GROUP BY a, b, w)
SELECT CAST(p.a AS DOUBLE) AS a, CAST(p.b AS DOUBLE) AS b, p.w AS w, CAST(any_value(m.n) AS DOUBLE) AS n,
  any_value(m.mx) AS mean_a, any_value(m.my) AS mean_b,
  sum((p.x - m.mx) * (p.x - m.mx)) AS c_aa, sum((p.y - m.my) * (p.y - m.my)) AS c_bb, sum((p.x - m.mx) * (p.y - m.my)) AS c_ab
FROM p JOIN m ON p.a = m.a AND p.b = m.b AND p.w = m.w
GROUP BY p.a, p.b, p.w ORDER BY a, b, w`;
}

// 18.16: no window functions and no WITH subqueries, so each pair's joined
// closes are sorted into an array, turned into returns pairwise, unrolled
// with their window, and regrouped into per-window arrays whose means are
// taken first and deviations summed second.
function clickhouseMoments(closes: string, windowMs: number | null): string {
  const left = `(SELECT i AS a, time, close AS cx FROM ${closes})`;
  const right = `(SELECT i AS b, time, close AS cy FROM ${closes})`;
  const joined = `SELECT a, b, time, cx, cy FROM ${left} ALL INNER JOIN ${right} USING time WHERE a <= b`;
  // Lambdas take the arrays as arguments, never capture them: a captured
  // array is copied once per element.
  const returns = `SELECT a, b, arraySort(v -> v.1, groupArray((time, cx, cy))) AS s,
      arrayMap(v -> v.1, s) AS ts, arrayMap(v -> v.2, s) AS xs, arrayMap(v -> v.3, s) AS ys,
      arrayMap((c, p) -> log(c / p), arrayPopFront(xs), arrayPopBack(xs)) AS rx,
      arrayMap((c, p) -> log(c / p), arrayPopFront(ys), arrayPopBack(ys)) AS ry
    FROM (${joined}) GROUP BY a, b`;
  const unrolled = `SELECT a, b, ${windowOf('t', windowMs, 'clickhouse')} AS w, x, y FROM (${returns}) ARRAY JOIN arrayPopFront(ts) AS t, rx AS x, ry AS y`;
  const windows = `SELECT a, b, w, groupArray(x) AS xs, groupArray(y) AS ys, toFloat64(length(xs)) AS n, arraySum(xs) / n AS mx, arraySum(ys) / n AS my FROM (${unrolled}) GROUP BY a, b, w`;
  return `SELECT toFloat64(a) AS a, toFloat64(b) AS b, w, n, mx AS mean_a, my AS mean_b,
  arraySum(arrayMap(x -> (x - mx) * (x - mx), xs)) AS c_aa,
  arraySum(arrayMap(y -> (y - my) * (y - my), ys)) AS c_bb,
  arraySum(arrayMap((x, y) -> (x - mx) * (y - my), xs, ys)) AS c_ab
FROM (${windows}) ORDER BY a, b, w`;
}
