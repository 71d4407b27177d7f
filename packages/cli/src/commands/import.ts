import { existsSync } from 'node:fs';
import { formatIsoTime } from '@soukan/core';
import { allTickPaths, describeProblem, ImportAborted, InputError, PUBLISHERS, publisherFile, readTicks, Store, storePath, tickImportText, TickStore, type ImportOptions, type ImportSummary, type Publisher } from '@soukan/data';
import { formatParam, importRequest, storeParam, type Values } from '@soukan/requests';
import type { Command } from 'commander';
import { readOptionsOf } from '../load.js';
import { progressView } from '../output/progress.js';
import { addExamples, addFormat, addParam, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { renderTable } from '../output/table.js';

/** The request's values (less the files), the store, and the summary's format. */
type ImportCliOptions = Omit<Values<typeof importRequest.params>, 'files'> & { store?: string; format: 'table' | 'json' };

/** `soukan import FILE… | ecb | h10`: files into the store, one transaction, progress and summary. */
export function registerImport(program: Command): void {
  const cmd = program
    .command('import')
    .summary('import files (or the ECB / Fed H.10 history) into the store')
    .description(
      'Import price files into the store, in one transaction: an error, Ctrl-C or a killed process leaves the store as it was.\n' +
        'Formats are detected (ECB, Fed H.10, FRED, HistData, MetaTrader 4/5, generic CSV; .zip/.gz ok) unless --input says.\n' +
        'Tick data (a Dukascopy folder or .bi5 files, HistData tick CSV, MetaTrader 5 tick export) goes to the tick tables; a re-import replaces the span it covers.\n' +
        'Re-importing adds nothing: rows are keyed by source + symbol + time; rows stored with other values are reported (--replace takes the new ones).\n' +
        '"soukan import ecb" and "soukan import h10" download the publishers\' histories (or use --file).',
    );
  addParam(cmd, 'store', storeParam);
  addFormat(cmd, formatParam(['table', 'json'], { en: 'the import summary', ja: '取り込みの要約' }));
  const names = addRequest(cmd, importRequest);
  addExamples(cmd, importRequest).action(async (_files: string[], _o: unknown, self: Command) => {
      const { files: args, ...q } = parseCli(importRequest, cliInput(self, names));
      const opts: ImportCliOptions = { ...q, store: self.opts().store, format: self.opts().format };
      const log = (m: string): void => void process.stderr.write(`${m}\n`);
      let files = args!;
      const named = files.length === 1 && (PUBLISHERS as readonly string[]).includes(files[0]!.toLowerCase()) && !existsSync(files[0]!) ? (files[0]!.toLowerCase() as Publisher) : undefined;
      if (named) files = [(await publisherFile(named, { file: opts.file, log })).path];
      else if (opts.file !== undefined) throw new InputError('--file goes with "soukan import ecb" or "soukan import h10"; give other files as arguments');
      for (const f of files) if (!existsSync(f)) throw new InputError(`no such file: ${f}${(PUBLISHERS as readonly string[]).includes(f.toLowerCase()) ? ' (to download a publisher\'s history, give it alone: soukan import ecb)' : ''}`);
      if (!opts.input && (await allTickPaths(files))) return void (await runTickImport(files, opts));
      const summary = await runImport(files, opts);
      if (opts.format === 'json') process.stdout.write(JSON.stringify(summaryJson(summary)) + '\n');
      else process.stdout.write(summaryText(summary));
    });
}

/** Opens the store, imports with a progress view and Ctrl-C handling, closes. */
async function runImport(files: string[], opts: ImportCliOptions): Promise<ImportSummary> {
  const path = opts.store ?? storePath();
  const store = await Store.open(path, {
    // The import goes first: readers arriving now wait behind it (docs/reliability.md).
    onWait: (w) =>
      void process.stderr.write(
        w.behind === 'readers' ? 'soukan: waiting for the reads in progress on the store to finish (new ones wait for this import)\n' : `soukan: waiting for another import into the store (PID ${w.pid ?? '?'}) to finish\n`,
      ),
  });
  const view = progressView(process.stderr, { lines: opts.progress });
  const ac = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    // The first Ctrl-C rolls back cleanly; a second one exits at once (DuckDB's log discards the open transaction).
    if (++interrupts > 1) process.exit(130);
    ac.abort();
  };
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigint);
  const options: ImportOptions = { ...readOptionsOf(opts), source: opts.source, replace: opts.replace, signal: ac.signal, onProgress: (p) => view.update(p) };
  try {
    return await store.importFiles(files, options);
  } catch (e) {
    if (e instanceof ImportAborted) {
      view.done();
      await store.close();
      process.stderr.write(`soukan: import interrupted; nothing was written, the store ${path} is as it was\n`);
      process.exit(130);
    }
    throw e;
  } finally {
    view.done();
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigint);
    await store.close();
  }
}

/** Tick files and Dukascopy folders go to the store's tick tables (one transaction, streamed). */
async function runTickImport(files: string[], opts: ImportCliOptions): Promise<void> {
  const ticks = await TickStore.open(opts.store ?? storePath());
  const notes: string[] = [];
  try {
    const s = await ticks.import(readTicks(files, { source: opts.source, tz: opts.tz, symbol: opts.symbol, skipBadRows: opts.skipBadRows, notes }));
    process.stdout.write(opts.format === 'json' ? JSON.stringify({ ...s, notes }) + '\n' : tickImportText(s, notes));
  } finally {
    await ticks.close();
  }
}

const num = (n: number): string => n.toLocaleString('en-US');
const range = (a: number, b: number): string => (Number.isFinite(a) && Number.isFinite(b) ? `${formatIsoTime(a)} → ${formatIsoTime(b)}` : '');

/**
 * The end-of-import report as text.
 *
 * @example summaryText(summary) // 'symbol source read added …\n742,933 rows from 2 file(s) in 1.5 s …'
 */
export function summaryText(s: ImportSummary): string {
  const out: string[] = [];
  const rows = s.series.map((x) => [x.symbol, x.source, num(x.rows), num(x.added), num(x.duplicates), num(x.conflicts), num(x.weekendRows), range(x.first, x.last)]);
  out.push(renderTable(['symbol', 'source', 'read', 'added', 'duplicates', 'conflicts', 'weekend', 'time range (UTC)'], rows).trimEnd());
  const secs = s.elapsedMs / 1000;
  out.push(
    `${num(s.rows)} rows from ${s.files.length} file(s) in ${secs.toFixed(1)} s (${num(Math.round(s.rows / Math.max(secs, 1e-3)))} rows/s): ${num(s.added)} added, ${num(s.duplicates)} already stored` +
      (s.conflicts ? `, ${num(s.conflicts)} conflicting (${s.replaced ? `${num(s.replaced)} replaced` : 'stored values kept; --replace takes the new ones'})` : '') +
      (s.skipped.count ? `, ${num(s.skipped.count)} bad row(s) skipped` : ''),
  );
  if (s.weekendRows) out.push(`${num(s.weekendRows)} row(s) fall inside the weekly closure (Friday 17:00 → Sunday 17:00 New York): stored, never part of a bar`);
  for (const x of s.series) {
    for (const c of x.conflictSamples) {
      out.push(`conflict: ${x.symbol} (${x.source}) ${formatIsoTime(c.time)} ${c.file} line ${c.line}: stored ${c.stored.join('/')}, file ${c.incoming.join('/')}`);
    }
  }
  for (const p of s.skipped.first) out.push(`skipped: ${describeProblem(p)}`);
  for (const n of groupNotes(s.notes)) out.push(`note: ${n}`);
  out.push(`store: ${s.store}`);
  return out.join('\n') + '\n';
}

/**
 * Notes that repeat per file said once: `f1: times read as …` and `f2: times
 * read as …` become `times read as … (2 files)`; symbols taken from file
 * names become one line.
 * @example groupNotes(['a.zip: times read as X', 'b.zip: times read as X']) // ['times read as X (2 files)']
 */
export function groupNotes(notes: readonly string[]): string[] {
  const symbols: string[] = [];
  const byText = new Map<string, number>();
  const order: string[] = [];
  for (const n of notes) {
    const sym = /^.+?: symbol (\S+) from the name \S+ \(pass symbol to override\)$/.exec(n);
    if (sym) {
      symbols.push(sym[1]!);
      continue;
    }
    const m = /^(\S+): (.+)$/.exec(n);
    const key = m ? m[2]! : n;
    if (!byText.has(key)) order.push(key);
    byText.set(key, (byText.get(key) ?? 0) + 1);
  }
  const out = order.map((k) => {
    const count = byText.get(k)!;
    const original = notes.find((n) => n.endsWith(k))!;
    return count > 1 ? `${k} (${count} files)` : original;
  });
  if (symbols.length) out.unshift(`symbols from the file names: ${symbols.join(' ')} (--symbol overrides)`);
  return out;
}

/**
 * The end-of-import report as JSON (times ISO, UTC).
 *
 * @example summaryJson(summary).added // 742933
 */
export function summaryJson(s: ImportSummary) {
  return {
    store: s.store,
    files: s.files,
    series: s.series.map((x) => ({ ...x, first: formatIsoTime(x.first), last: formatIsoTime(x.last), stored: x.stored && { rows: x.stored.rows, first: formatIsoTime(x.stored.first), last: formatIsoTime(x.stored.last) }, conflictSamples: x.conflictSamples.map((c) => ({ ...c, time: formatIsoTime(c.time) })) })),
    rows: s.rows,
    added: s.added,
    duplicates: s.duplicates,
    conflicts: s.conflicts,
    replaced: s.replaced,
    weekendRows: s.weekendRows,
    skipped: { count: s.skipped.count, first: s.skipped.first },
    notes: s.notes,
    elapsedMs: Math.round(s.elapsedMs),
  };
}
