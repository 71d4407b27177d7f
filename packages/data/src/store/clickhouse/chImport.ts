import { formatIsoTime } from '@soukan/core';
import { InputError } from '../../errors.js';
import { ImportAborted } from '../../formats/importAborted.js';
import type { ParsedFile } from '../../formats/parse.js';
import type { Part } from '../../formats/parser.js';
import { countWeekend, minStep } from '../../import/importFiles.js';
import { readImportFiles } from '../../import/readImportFiles.js';
import type { ConflictSample, ImportedSeries, ImportOptions, ImportSummary } from '../../import/types.js';
import type { StoredSeries } from '../types.js';
import { sqlText, type ChClient } from './chClient.js';
import { chRollupFillSql, localRollup } from './chRollup.js';
import { localRows } from './chSchema.js';

/** Rows per INSERT: one block, written atomically by the shard. */
const BLOCK = 100_000;
const SAMPLES = 5;
/** The bits of the NaN stored for a missing volume (one pattern, whatever NaN the reader made). */
const NAN_BITS = '9221120237041090560';

/** What the importer needs to know of the store: its catalogue, and which imports each series' rows come from. */
export interface ChImportTarget {
  readonly ch: ChClient;
  readonly list: readonly StoredSeries[];
  /** Visible imports per `source \0 symbol`. */
  readonly visible: ReadonlyMap<string, readonly number[]>;
}

/** Bits of doubles as decimal text, NaN normalized. */
function bitsText(x: Float64Array, n: number): string[] {
  const bits = new BigUint64Array(x.buffer, x.byteOffset, n);
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++) out[i] = Number.isNaN(x[i]!) ? NAN_BITS : bits[i]!.toString();
  return out;
}

function fromBits(text: string): number {
  const b = new BigUint64Array([BigInt(text)]);
  return new Float64Array(b.buffer)[0]!;
}

/**
 * Deletes the rows, series entries and import markers of imports that never
 * committed (a failed or killed import): invisible already, now gone.
 *
 * @example await cleanUncommitted(ch) // 1 (one killed import cleaned up)
 */
export async function cleanUncommitted(ch: ChClient, except?: number): Promise<number> {
  const committed = new Set((await ch.rows(`SELECT import_id FROM ${ch.db}.imports`)).map((r) => r[0]!));
  const seen = new Set<string>();
  for (const shard of ch.location.shards) {
    for (const table of [localRows(ch), localRollup(ch)]) for (const [id] of await ch.rows(`SELECT DISTINCT import_id FROM ${ch.db}.${table}`, shard)) seen.add(id!);
  }
  for (const [id] of await ch.rows(`SELECT DISTINCT import_id FROM ${ch.db}.import_series`)) seen.add(id!);
  const stale = [...seen].filter((id) => !committed.has(id) && id !== String(except));
  if (stale.length === 0) return 0;
  const list = stale.join(', ');
  for (const shard of ch.location.shards) {
    for (const table of [localRows(ch), localRollup(ch)]) await ch.command(`ALTER TABLE ${ch.db}.${table} DELETE WHERE import_id IN (${list})`, shard);
  }
  await ch.command(`ALTER TABLE ${ch.db}.import_series DELETE WHERE import_id IN (${list})`);
  return stale.length;
}

/**
 * Imports files into a ClickHouse store, with the readers, rules and
 * summary of the DuckDB importer: each symbol's rows are compared with the
 * stored rows they overlap (exactly, by the bits of the doubles); new rows
 * are added, identical ones counted as duplicates, different ones reported
 * as conflicts and kept as stored.
 *
 * Atomic for readers: every row carries this import's id, and readers see
 * only the rows of imports listed in `imports`, which gets this import's
 * row last, after every row and the series entries were written. An error,
 * an abort or a killed process leaves rows no reader sees; they are deleted
 * now (on an error) or by the next import. One import at a time per
 * database (a second one would delete the first one's rows as stale).
 *
 * @throws InputError as the DuckDB importer, and for `replace` (rows are
 *   never changed in place here: remove the series and import again).
 * @example (await importIntoClickHouse(target, ['HISTDATA_COM_ASCII_EURUSD_M1_2017.zip'])).added // 371635 (0 the second time)
 */
export async function importIntoClickHouse(target: ChImportTarget, paths: readonly string[], options: ImportOptions = {}): Promise<ImportSummary> {
  const ch = target.ch;
  if (options.replace) throw ch.fail(ch.location.endpoint, '--replace is not available on a ClickHouse store (stored rows are never changed in place); remove the series and import again');
  const reading = readImportFiles(paths, options);
  const { skipped, notes, read: files, started, t0, report } = reading;
  const signal = options.signal;
  const bySeries = new Map<string, ImportedSeries>();

  await cleanUncommitted(ch);
  const importId = started * 1000 + Math.floor(Math.random() * 1000);
  const stored = new Map(target.list.map((s) => [`${s.source}\u0000${s.symbol}`, s]));
  /** This import's view of each series: kind, frequency, step, and its range so far. */
  const mine = new Map<string, { kind: StoredSeries['kind']; frequency: StoredSeries['frequency']; step: number | null; rows: number; first: number; last: number; added: number }>();
  const shardOf = new Map<string, number>();
  const shard = async (symbol: string): Promise<number> => {
    if (ch.location.shards.length === 1) return 0;
    let i = shardOf.get(symbol);
    if (i === undefined) {
      // The Distributed table's sharding key, so rows sit where an insert through it would put them.
      const [r] = await ch.rows(`SELECT cityHash64(${sqlText(symbol)}) % ${ch.location.shards.length}`);
      i = Number(r![0]);
      shardOf.set(symbol, i);
    }
    return i;
  };

  /** Rows waiting for their INSERT, per shard: one INSERT carries many series (each INSERT makes a part per month it touches). */
  const pending: string[][] = [];
  const flush = async (): Promise<void> => {
    for (let i = 0; i < pending.length; i++) {
      const rows = pending[i];
      if (!rows || rows.length === 0) continue;
      if (signal?.aborted) throw new ImportAborted();
      await ch.insert(localRows(ch), rows.join(''), ch.location.shards[i]!);
      rows.length = 0;
    }
  };

  const writePart = async (pf: ParsedFile, part: Part, source: string): Promise<void> => {
    const frequency = pf.result.frequency;
    const table = part.table;
    const n = table.n;
    if (n === 0) return;
    const kind = part.shape === 'close' ? 'quotes' : 'bars';
    const time = table.time;
    for (let i = 0; i < n; i++) if (!Number.isSafeInteger(time[i]!)) throw new Error(`import: time ${time[i]} is not a whole millisecond`);
    const step = kind === 'bars' ? minStep(time, n) : null;
    const key = `${source}\u0000${part.symbol}`;
    const before = stored.get(key);
    let s = mine.get(key);
    if (!s) {
      s = { kind: before?.kind ?? kind, frequency: before?.frequency ?? frequency, step: before?.stepMs ?? null, rows: before?.rows ?? 0, first: before?.first ?? Infinity, last: before?.last ?? -Infinity, added: 0 };
      if (Number.isNaN(s.first)) s.first = Infinity;
      if (Number.isNaN(s.last)) s.last = -Infinity;
      mine.set(key, s);
    }
    const what = (k: string, f: string): string => (k === 'bars' ? `${f} OHLC bars` : `${f} close-only ${f === 'daily' ? 'fixings' : 'quotes'}`);
    if (s.kind !== kind || s.frequency !== frequency) {
      throw new InputError(
        `${part.symbol} from ${source} is stored as ${what(s.kind, s.frequency)}; this file has ${what(kind, frequency)}. Import it under another --source, or remove the stored series first`,
        { file: pf.name },
      );
    }
    if (step !== null && (s.step === null || step > s.step)) {
      if (s.step !== null) notes.push(`${part.symbol} (${source}): ${pf.name} has bars ${step / 60_000} min apart at the least, the stored ones ${s.step / 60_000}; timeframes finer than ${step / 60_000} min are now refused for it`);
      s.step = step;
    }
    let sum = bySeries.get(key);
    if (!sum) {
      sum = { source, symbol: part.symbol, kind, frequency, rows: 0, added: 0, duplicates: 0, conflicts: 0, replaced: 0, weekendRows: 0, first: Infinity, last: -Infinity, conflictSamples: [] };
      bySeries.set(key, sum);
    }
    sum.rows += n;
    sum.weekendRows += countWeekend(time, n, frequency === 'daily');
    const lo = time[0]!;
    const hi = time[n - 1]!;
    sum.first = Math.min(sum.first, lo);
    sum.last = Math.max(sum.last, hi);

    // Values as the bits of their doubles: quotes are stored as open = high = low = close.
    const c = table.cols;
    const fields = kind === 'bars' ? [c[0]!, c[1]!, c[2]!, c[3]!, c.length > 4 ? c[4]! : new Float64Array(n).fill(Number.NaN)] : [c[0]!, c[0]!, c[0]!, c[0]!, new Float64Array(n).fill(Number.NaN)];
    const bits = fields.map((f) => bitsText(f, n));
    const valueCount = kind === 'bars' ? 5 : 1;

    // Stored rows (and this import's own, from earlier files) that share the range.
    const existing = new Map<number, string[]>();
    if (s.rows > 0 && lo <= s.last && hi >= s.first) {
      await flush();
      const imports = [...(target.visible.get(key) ?? []), importId];
      const text = await ch.text(
        `SELECT t, open_bits, high_bits, low_bits, close_bits, volume_bits FROM ${ch.db}.rows
         WHERE source = ${sqlText(source)} AND symbol = ${sqlText(part.symbol)} AND import_id IN (${imports.join(', ')}) AND t BETWEEN ${lo} AND ${hi}`,
      );
      for (const line of text.split('\n')) {
        if (line === '') continue;
        const f = line.split('\t');
        existing.set(Number(f[0]), f.slice(1));
      }
    }
    const at = await shard(part.symbol);
    const prefix = `${source.replace(/\\/g, '\\\\').replace(/\t/g, '\\t')}\t${part.symbol}\t`;
    let added = 0;
    let dup = 0;
    let conf = 0;
    const block = (pending[at] ??= []);
    for (let i = 0; i < n; i++) {
      const t = time[i]!;
      const old = existing.get(t);
      if (old) {
        const same = bits.every((b, j) => b[i] === old[j]);
        if (same) dup++;
        else {
          conf++;
          if (sum.conflictSamples.length < SAMPLES) {
            const sample: ConflictSample = {
              time: t,
              file: pf.name,
              line: table.line[i]!,
              stored: old.slice(0, valueCount).map((b, j) => (j === 4 && b === NAN_BITS ? null : fromBits(b))),
              incoming: fields.slice(0, valueCount).map((f) => (Number.isNaN(f[i]!) ? null : f[i]!)),
            };
            sum.conflictSamples.push(sample);
          }
        }
        continue;
      }
      existing.set(t, [bits[0]![i]!, bits[1]![i]!, bits[2]![i]!, bits[3]![i]!, bits[4]![i]!]);
      block.push(`${prefix}${t}\t${importId}\t${bits[0]![i]}\t${bits[1]![i]}\t${bits[2]![i]}\t${bits[3]![i]}\t${bits[4]![i]}\n`);
      added++;
      if (block.length >= BLOCK) await flush();
    }
    sum.added += added;
    sum.duplicates += dup;
    sum.conflicts += conf;
    s.rows += added;
    s.added += added;
    s.first = Math.min(s.first, lo);
    s.last = Math.max(s.last, hi);
  };

  try {
    for await (const { index, pf, source } of reading.files()) {
      report('writing', index, reading.fraction());
      for (const part of pf.result.parts) await writePart(pf, part, source);
      await flush();
    }
    if (signal?.aborted) throw new ImportAborted();

    for (const sum of bySeries.values()) {
      const s = mine.get(`${sum.source}\u0000${sum.symbol}`)!;
      sum.stored = { rows: s.rows, first: s.first, last: s.last };
      if (sum.conflicts > 0) {
        notes.push(`${sum.symbol} (${sum.source}): ${sum.conflicts} row(s) differ from the stored ones; kept the stored values (use --replace to take the new ones); first at ${formatIsoTime(sum.conflictSamples[0]!.time)}`);
      }
    }
    const skipNote = skipped.note();
    if (skipNote) notes.push(skipNote);
    const series = [...bySeries.values()];
    const total = (f: (s: ImportedSeries) => number): number => series.reduce((a, s) => a + f(s), 0);
    const summary: ImportSummary = {
      store: ch.location.shown,
      files,
      series,
      skipped,
      notes,
      rows: total((s) => s.rows),
      added: total((s) => s.added),
      duplicates: total((s) => s.duplicates),
      conflicts: total((s) => s.conflicts),
      replaced: 0,
      weekendRows: total((s) => s.weekendRows),
      elapsedMs: 0,
    };
    report('committing', paths.length - 1, 1);
    const esc = (x: string): string => x.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
    const seriesRows = [...mine.entries()]
      .filter(([, s]) => s.added > 0)
      .map(([k, s]) => {
        const [source, symbol] = k.split('\u0000') as [string, string];
        const sum = bySeries.get(k)!;
        return `${importId}\t${esc(source)}\t${esc(symbol)}\t${s.kind}\t${s.frequency}\t${s.step ?? -1}\t${s.added}\t${sum.first}\t${sum.last}\n`;
      });
    // The rollup of this import's rows, under its id: invisible until the commit, like the rows.
    for (const shard of ch.location.shards) await ch.command(chRollupFillSql(ch, [importId]), shard);
    if (seriesRows.length > 0) await ch.insert('import_series', seriesRows.join(''));
    if (signal?.aborted) throw new ImportAborted();
    const brief = series.map((s) => ({ source: s.source, symbol: s.symbol, rows: s.rows, added: s.added, duplicates: s.duplicates, conflicts: s.conflicts, replaced: s.replaced, weekendRows: s.weekendRows }));
    // The commit: one row, one INSERT, after everything else was written.
    await ch.insert('imports', `${importId}\t${started}\t${Date.now()}\t${esc(JSON.stringify(files.map((f) => f.name)))}\t${esc(JSON.stringify({ series: brief, skipped: skipped.count }))}\n`);
    return { ...summary, elapsedMs: performance.now() - t0 };
  } catch (e) {
    // Invisible already; deleting now saves the next import the work (it retries if this fails).
    await cleanUncommitted(ch).catch(() => 0);
    if (signal?.aborted) throw new ImportAborted();
    throw e;
  }
}
