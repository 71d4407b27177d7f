import { existsSync, statSync } from 'node:fs';
import { InputError, SkipLog } from '../errors.js';
import { ImportAborted } from '../formats/importAborted.js';
import { parse, type ParsedFile } from '../formats/parse.js';
import { FORMAT_SOURCE } from '../formats/registry.js';
import { checkImportSource } from './checkImportSource.js';
import type { ImportedFile, ImportOptions, ImportProgress } from './types.js';

/**
 * One file of an import, read and validated: the parsed file and the source
 * its rows are stored under (`--source`, else the format's publisher).
 *
 * @example { index: 0, pf, source: 'HistData' }
 */
export interface ReadImportFile {
  readonly index: number;
  readonly pf: ParsedFile;
  readonly source: string;
}

/**
 * The reading side of an import, the same for every store engine: the
 * files checked up front (some given, all present, a valid `--source`),
 * then parsed one at a time with progress reported by bytes read, skipped
 * rows counted in one log, the readers' notes merged and every file listed
 * for the summary. The engine writes each file as it is handed over (and
 * may report its own phases through {@link ImportReading.report}).
 *
 * @example
 * const reading = readImportFiles(paths, options);
 * for await (const { pf, source } of reading.files()) await write(pf, source);
 * reading.files // [{ path, name, format, source, rows }]
 */
export interface ImportReading {
  /** `--source` as given (trimmed), or undefined. */
  readonly sourceOverride: string | undefined;
  /** Rows skipped under `skipBadRows`, over all files. */
  readonly skipped: SkipLog;
  /** The readers' notes, each once. */
  readonly notes: string[];
  /** The files read so far, for the summary. */
  readonly read: ImportedFile[];
  /** When the import started (epoch ms) and its `performance.now()`. */
  readonly started: number;
  readonly t0: number;
  /** Share of all input bytes read so far (0…1). */
  fraction(): number;
  /** Reports progress of a phase at file `i` (lines read so far, plus `fileLines` of the current file). */
  report(phase: ImportProgress['phase'], i: number, fraction: number, fileLines?: number): void;
  /** Parses the files in order, yielding each after its accounting; checks `signal` before each. */
  files(): AsyncGenerator<ReadImportFile>;
}

/**
 * Starts reading `paths` for an import (see {@link ImportReading}).
 *
 * @throws InputError for no files, a missing file, or a bad `source`
 *   (at once); while reading, the readers' InputErrors and one for a file
 *   with no values; ImportAborted when `options.signal` fires.
 * @example readImportFiles(['HISTDATA_COM_ASCII_EURUSD_M1_2017.zip'], {}).sourceOverride // undefined
 */
export function readImportFiles(paths: readonly string[], options: ImportOptions): ImportReading {
  const started = Date.now();
  const t0 = performance.now();
  if (paths.length === 0) throw new InputError('no input files');
  for (const p of paths) if (!existsSync(p)) throw new InputError(`no such file: ${p}`);
  const sourceOverride = options.source === undefined ? undefined : checkImportSource(options.source);
  const sizes = paths.map((p) => Math.max(1, statSync(p).size));
  const totalSize = sizes.reduce((a, b) => a + b, 0);
  const signal = options.signal;
  const skipped = new SkipLog();
  const notes: string[] = [];
  const read: ImportedFile[] = [];
  let lines = 0;
  let doneSize = 0;
  const last = paths.length - 1;
  const report = (phase: ImportProgress['phase'], i: number, fraction: number, fileLines = 0): void => {
    const k = Math.min(i, last);
    options.onProgress?.({ phase, file: paths[k]!, fileIndex: k, files: paths.length, lines: lines + fileLines, fraction, elapsedMs: performance.now() - t0 });
  };
  async function* files(): AsyncGenerator<ReadImportFile> {
    for (let i = 0; i < paths.length; i++) {
      if (signal?.aborted) throw new ImportAborted();
      report('reading', i, doneSize / totalSize);
      let fileLines = 0;
      const pf = await parse(paths[i]!, options, {
        fileIndex: i,
        skipped,
        signal,
        onProgress: (p) => {
          fileLines = p.lines;
          report('reading', i, (doneSize + p.fraction * sizes[i]!) / totalSize, p.lines);
        },
      });
      if (pf.result.parts.length === 0) throw new InputError('no values in any column', { file: pf.name });
      const rows = pf.result.parts.reduce((a, p) => a + p.table.n, 0);
      doneSize += sizes[i]!;
      lines += fileLines;
      for (const note of pf.result.notes) if (!notes.includes(note)) notes.push(note);
      const source = sourceOverride ?? FORMAT_SOURCE[pf.format];
      read.push({ path: paths[i]!, name: pf.name, format: pf.format, source, rows });
      yield { index: i, pf, source };
    }
  }
  return { sourceOverride, skipped, notes, read, started, t0, fraction: () => doneSize / totalSize, report, files };
}
