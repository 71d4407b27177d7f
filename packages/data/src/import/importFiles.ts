import { DAY_MS, fxTradingDate, isWeekendDate, NEW_YORK_CLOSE, formatIsoTime } from '@soukan/core';
import { InputError } from '../errors.js';
import type { Part } from '../formats/parser.js';
import { ImportAborted } from '../formats/importAborted.js';
import type { ParsedFile } from '../formats/parse.js';
import type { Db } from '../store/duck.js';
import { QUARTER_MS } from '../store/barsSql.js';
import { quarterRollup } from '../store/quarterRollup.js';
import { rollupInsertFromBatchSql, rollupRebuildSql } from '../store/rollupSql.js';
import { readImportFiles } from './readImportFiles.js';
import type { ConflictSample, ImportedSeries, ImportOptions, ImportSummary } from './types.js';

export { checkImportSource } from './checkImportSource.js';

/** What the importer needs of an open, writable store. */
export interface ImportTarget {
  readonly path: string;
  readonly db: Db;
}

interface SeriesRow {
  id: number;
  kind: 'bars' | 'quotes';
  frequency: 'daily' | 'intraday';
  step: number | null;
  /** Rows and time range stored (including what this import has added so far). */
  rows: number;
  first: number;
  last: number;
}

const QUARTER = 900_000;
const SAMPLES = 5;

/**
 * Rows inside the weekly closure. The trading date is constant within a UTC
 * quarter-hour (zone offsets and the 17:00 roll fall on quarter-hours), so it
 * is computed once per quarter.
 *
 * @example countWeekend(Float64Array.of(Date.UTC(2017, 0, 7, 12)), 1, false) // 1 (a Saturday)
 */
export function countWeekend(time: Float64Array, n: number, daily: boolean): number {
  let count = 0;
  let lastQ = Number.NaN;
  let lastWeekend = false;
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if (daily) {
      if (isWeekendDate(Math.floor(t / DAY_MS) * DAY_MS)) count++;
      continue;
    }
    const q = Math.floor(t / QUARTER);
    if (q !== lastQ) {
      lastQ = q;
      lastWeekend = isWeekendDate(fxTradingDate(q * QUARTER, NEW_YORK_CLOSE));
    }
    if (lastWeekend) count++;
  }
  return count;
}

/**
 * Smallest positive spacing of sorted times, or null for fewer than two.
 *
 * @example minStep(Float64Array.of(0, 60000, 180000), 3) // 60000
 */
export function minStep(time: Float64Array, n: number): number | null {
  let m = Infinity;
  for (let i = 1; i < n; i++) {
    const d = time[i]! - time[i - 1]!;
    if (d > 0 && d < m) m = d;
  }
  return m === Infinity ? null : m;
}

const sqlString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/**
 * Imports files into the store in one transaction: every file is read with
 * the readers' validation, each symbol's rows are compared with the stored
 * rows they overlap, new rows are added, and the import commits only when
 * everything succeeded — an error, an abort, or a killed process leaves the
 * store as it was.
 *
 * Method: file k+1 is parsed on the JS thread while DuckDB writes file k on
 * its own threads (rows reach DuckDB through a table function, one memory
 * copy per column per 2048 rows). A symbol with no stored rows in the file's
 * time range is appended directly; otherwise its rows go to a temporary
 * table and are joined with the stored ones: identical rows count as
 * duplicates, rows with other values as conflicts (kept, or replaced under
 * `replace`), the rest are added. O(rows) plus a hash join per overlap.
 *
 * @throws InputError for a missing file, a bad row (unless `skipBadRows`), an
 *   undetectable format, an empty file, a series stored with another kind
 *   (bars vs close-only) or frequency; ImportAborted when `signal` fires.
 * @example (await importFiles({ path, db }, ['HISTDATA_COM_ASCII_EURUSD_M1_2017.zip'])).added // 371635 (0 the second time)
 */
export async function importFiles(target: ImportTarget, paths: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const reading = readImportFiles(paths, options);
  const { skipped, notes, read: files, started, t0, report } = reading;
  const db = target.db;
  const batches = db.batches();
  const signal = options.signal;
  const bySeries = new Map<string, ImportedSeries>();

  const onAbort = (): void => db.interrupt();
  signal?.addEventListener('abort', onAbort);

  await db.run('BEGIN TRANSACTION');
  let pending: Promise<void> = Promise.resolve();
  try {
    const seriesRows = new Map<string, SeriesRow>();
    for (const r of await db.rows('SELECT id, source, symbol, kind, frequency, step_ms, rows, first_t, last_t FROM series')) {
      seriesRows.set(`${r.source}\u0000${r.symbol}`, {
        id: r.id as number,
        kind: r.kind as SeriesRow['kind'],
        frequency: r.frequency as SeriesRow['frequency'],
        step: (r.step_ms as number | null) ?? null,
        rows: r.rows as number,
        first: (r.first_t as number | null) ?? Infinity,
        last: (r.last_t as number | null) ?? -Infinity,
      });
    }
    let nextId = Number((await db.rows('SELECT coalesce(max(id), 0) + 1 AS n FROM series'))[0]!.n);

    const seriesFor = async (source: string, symbol: string, kind: SeriesRow['kind'], frequency: SeriesRow['frequency'], step: number | null, file: string): Promise<SeriesRow> => {
      const key = `${source}\u0000${symbol}`;
      let s = seriesRows.get(key);
      if (!s) {
        s = { id: nextId++, kind, frequency, step, rows: 0, first: Infinity, last: -Infinity };
        await db.run(`INSERT INTO series (id, source, symbol, kind, frequency, step_ms) VALUES (${s.id}, ${sqlString(source)}, ${sqlString(symbol)}, '${kind}', '${frequency}', ${step ?? 'NULL'})`);
        seriesRows.set(key, s);
        return s;
      }
      const what = (k: string, f: string): string => (k === 'bars' ? `${f} OHLC bars` : `${f} close-only ${f === 'daily' ? 'fixings' : 'quotes'}`);
      if (s.kind !== kind || s.frequency !== frequency) {
        throw new InputError(
          `${symbol} from ${source} is stored as ${what(s.kind, s.frequency)}; this file has ${what(kind, frequency)}. Import it under another --source, or remove the stored series first`,
          { file },
        );
      }
      if (step !== null && (s.step === null || step > s.step)) {
        if (s.step !== null) notes.push(`${symbol} (${source}): ${file} has bars ${step / 60_000} min apart at the least, the stored ones ${s.step / 60_000}; timeframes finer than ${step / 60_000} min are now refused for it`);
        s.step = step;
        await db.run(`UPDATE series SET step_ms = ${step} WHERE id = ${s.id}`);
      }
      return s;
    };

    const writePart = async (pf: ParsedFile, part: Part, source: string): Promise<void> => {
      const frequency = pf.result.frequency;
      const table = part.table;
      const n = table.n;
      if (n === 0) return;
      const kind = part.shape === 'close' ? 'quotes' : 'bars';
      const time = table.time;
      for (let i = 0; i < n; i++) if (!Number.isSafeInteger(time[i]!)) throw new Error(`import: time ${time[i]} is not a whole millisecond`);
      const step = minStep(time, n);
      const s = await seriesFor(source, part.symbol, kind, frequency, kind === 'bars' ? step : null, pf.name);
      const key = `${source}\u0000${part.symbol}`;
      let sum = bySeries.get(key);
      if (!sum) {
        sum = { source, symbol: part.symbol, kind, frequency, rows: 0, added: 0, duplicates: 0, conflicts: 0, replaced: 0, weekendRows: 0, first: Infinity, last: -Infinity, conflictSamples: [] };
        bySeries.set(key, sum);
      }
      sum.rows += n;
      sum.weekendRows += countWeekend(time, n, frequency === 'daily');
      sum.first = Math.min(sum.first, time[0]!);
      sum.last = Math.max(sum.last, time[n - 1]!);

      const lo = time[0]!;
      const hi = time[n - 1]!;
      const tbl = kind === 'bars' ? 'bars' : 'quotes';
      const valueCols = kind === 'bars' ? ['open', 'high', 'low', 'close', 'volume'] : ['value'];
      const width = valueCols.length;
      const names = ['t', ...valueCols.map((c) => `x_${c}`), 'line'];
      const columns = [time, ...table.cols.slice(0, width), table.line];
      if (kind === 'bars' && table.cols.length < 5) columns.splice(5, 0, new Float64Array(n).fill(Number.NaN));
      const id = batches.add({ names, kinds: ['f64', ...valueCols.map(() => 'f64' as const), 'i32'], columns, n });
      try {
        // NaN volume (none in the source) is stored as NULL; most files have none, and skipping the CASE saves ~20 % of the insert.
        const volume = columns[5];
        let nanVolume = false;
        if (kind === 'bars') for (let i = 0; i < n && !nanVolume; i++) nanVolume = Number.isNaN(volume![i]!);
        const selectNew = `t::BIGINT AS t, ${valueCols.map((c) => (c === 'volume' ? (nanVolume ? `CASE WHEN isnan(x_volume) THEN NULL ELSE x_volume END AS volume` : 'x_volume AS volume') : `x_${c} AS ${c}`)).join(', ')}`;
        const grow = async (added: number): Promise<void> => {
          s.rows += added;
          s.first = Math.min(s.first, lo);
          s.last = Math.max(s.last, hi);
          await db.run(`UPDATE series SET rows = ${s.rows}, first_t = ${s.first}, last_t = ${s.last} WHERE id = ${s.id}`);
        };
        // The series' stored range says whether any stored row can share a time with these.
        const overlap = s.rows > 0 && lo <= s.last && hi >= s.first ? Number((await db.rows(`SELECT count(*) AS n FROM ${tbl} WHERE series_id = ${s.id} AND t BETWEEN ${lo} AND ${hi}`))[0]!.n) : 0;
        if (overlap === 0) {
          // Stored rows in the quarter-hours at either end (before lo, after hi) share rollup rows with these.
          const qa = Math.floor(lo / QUARTER_MS) * QUARTER_MS;
          const qb = Math.floor(hi / QUARTER_MS) * QUARTER_MS + QUARTER_MS - 1;
          const shared = s.rows > 0 && s.last >= qa && s.first <= qb;
          await db.run(`INSERT INTO ${tbl} SELECT ${s.id}, ${selectNew} FROM soukan_batch(${id})`);
          if (kind === 'bars') {
            if (shared) for (const q of rollupRebuildSql(s.id, lo, hi)) await db.run(q);
            else {
              const c = table.cols;
              const rollup = batches.add(quarterRollup(time, c[0]!, c[1]!, c[2]!, c[3]!, c.length > 4 ? c[4] : undefined, n));
              try {
                await db.run(rollupInsertFromBatchSql(s.id, rollup));
              } finally {
                batches.drop(rollup);
              }
            }
          }
          sum.added += n;
          await grow(n);
          return;
        }
        // Overlap: compare with the stored rows in [lo, hi] by joins that stream the batch
        // again each time (no temporary tables: memory stays flat however often a file is re-imported).
        const incoming = `(SELECT ${selectNew}, line FROM soukan_batch(${id}))`;
        const stored = `(SELECT * FROM ${tbl} WHERE series_id = ${s.id} AND t BETWEEN ${lo} AND ${hi})`;
        const same = valueCols.map((c) => `s.${c} IS NOT DISTINCT FROM b.${c}`).join(' AND ');
        const c = (await db.rows(`SELECT count(*) FILTER (WHERE ${same}) AS dup, count(*) FILTER (WHERE NOT (${same})) AS conf FROM ${incoming} s JOIN ${stored} b ON b.t = s.t`))[0]!;
        const dup = Number(c.dup);
        const conf = Number(c.conf);
        if (conf > 0 && sum.conflictSamples.length < SAMPLES) {
          const rows = await db.rows(
            `SELECT s.t, s.line, ${valueCols.map((v) => `s.${v} AS new_${v}, b.${v} AS old_${v}`).join(', ')}
             FROM ${incoming} s JOIN ${stored} b ON b.t = s.t WHERE NOT (${same}) ORDER BY s.t LIMIT ${SAMPLES - sum.conflictSamples.length}`,
          );
          for (const r of rows) {
            const sample: ConflictSample = {
              time: Number(r.t),
              file: pf.name,
              line: Number(r.line),
              stored: valueCols.map((v) => (r[`old_${v}`] as number | null) ?? null),
              incoming: valueCols.map((v) => (r[`new_${v}`] as number | null) ?? null),
            };
            sum.conflictSamples.push(sample);
          }
        }
        if (n - dup - conf > 0) {
          await db.run(
            `INSERT INTO ${tbl} SELECT ${s.id}, s.t, ${valueCols.map((v) => `s.${v}`).join(', ')} FROM ${incoming} s ANTI JOIN ${stored} b ON b.t = s.t ORDER BY s.t`,
          );
        }
        if (options.replace && conf > 0) {
          await db.run(
            `UPDATE ${tbl} SET ${valueCols.map((v) => `${v} = s.${v}`).join(', ')} FROM ${incoming} s
             WHERE ${tbl}.series_id = ${s.id} AND ${tbl}.t = s.t AND NOT (${valueCols.map((v) => `s.${v} IS NOT DISTINCT FROM ${tbl}.${v}`).join(' AND ')})`,
          );
          sum.replaced += conf;
        }
        if (kind === 'bars' && (n - dup - conf > 0 || (options.replace && conf > 0))) for (const q of rollupRebuildSql(s.id, lo, hi)) await db.run(q);
        sum.added += n - dup - conf;
        await grow(n - dup - conf);
        sum.duplicates += dup;
        sum.conflicts += conf;
      } finally {
        batches.drop(id);
      }
    };

    const writeFile = async (pf: ParsedFile, source: string): Promise<void> => {
      for (const part of pf.result.parts) await writePart(pf, part, source);
    };

    for await (const { pf, source } of reading.files()) {
      // Write this file while the next one is parsed; surface its error before the next write.
      await pending;
      pending = writeFile(pf, source);
      pending.catch(() => {});
    }
    report('writing', paths.length - 1, 1);
    await pending;
    if (signal?.aborted) throw new ImportAborted();

    for (const sum of bySeries.values()) {
      const s = seriesRows.get(`${sum.source}\u0000${sum.symbol}`)!;
      sum.stored = { rows: s.rows, first: s.first, last: s.last };
      if (sum.conflicts > 0 && !options.replace) {
        notes.push(`${sum.symbol} (${sum.source}): ${sum.conflicts} row(s) differ from the stored ones; kept the stored values (use --replace to take the new ones); first at ${formatIsoTime(sum.conflictSamples[0]!.time)}`);
      }
    }
    const skipNote = skipped.note();
    if (skipNote) notes.push(skipNote);
    const series = [...bySeries.values()];
    const total = (f: (s: ImportedSeries) => number): number => series.reduce((a, s) => a + f(s), 0);
    const summary: ImportSummary = {
      store: target.path,
      files,
      series,
      skipped,
      notes,
      rows: total((s) => s.rows),
      added: total((s) => s.added),
      duplicates: total((s) => s.duplicates),
      conflicts: total((s) => s.conflicts),
      replaced: total((s) => s.replaced),
      weekendRows: total((s) => s.weekendRows),
      elapsedMs: 0,
    };
    report('committing', paths.length - 1, 1);
    const logId = Number((await db.rows('SELECT coalesce(max(id), 0) + 1 AS n FROM imports'))[0]!.n);
    const brief = series.map((s) => ({ source: s.source, symbol: s.symbol, rows: s.rows, added: s.added, duplicates: s.duplicates, conflicts: s.conflicts, replaced: s.replaced, weekendRows: s.weekendRows }));
    await db.run(`INSERT INTO imports VALUES (${logId}, ${started}, ${Date.now()}, $files, $summary)`, {
      files: JSON.stringify(files.map((f) => f.name)),
      summary: JSON.stringify({ series: brief, skipped: skipped.count }),
    });
    if (signal?.aborted) throw new ImportAborted();
    await db.run('COMMIT');
    return { ...summary, elapsedMs: performance.now() - t0 };
  } catch (e) {
    await pending.then(
      () => {},
      () => {},
    );
    try {
      await db.run('ROLLBACK');
    } catch {
      // The transaction may already be gone (DuckDB aborts it on some errors).
    }
    if (signal?.aborted) throw new ImportAborted();
    throw e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
