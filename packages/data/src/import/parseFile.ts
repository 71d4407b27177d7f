/**
 * Reading one input file for an import: the readers' own detection, parsers,
 * validation and error messages (the same code `readDataset` runs), plus
 * what an import needs on top — progress while the lines stream past, and a
 * way to stop mid-file.
 */
import { open, stat } from 'node:fs/promises';
import { InputError, type SkipLog } from '../errors.js';
import { csvLongFormat } from '../formats/csvLong.js';
import { csvWideFormat } from '../formats/csvWide.js';
import { ecbFormat } from '../formats/ecb.js';
import { fredWideFormat } from '../formats/fredWide.js';
import { h10Format } from '../formats/h10.js';
import { histDataFormat } from '../formats/histData.js';
import { openInput, pumpLines } from '../formats/input.js';
import { mt4Format, mt5Format } from '../formats/metaTrader.js';
import type { FileResult, FormatSpec } from '../formats/parser.js';
import { detectFormat } from '../formats/readDataset.js';
import { FORMAT_NAMES, type FormatName, type ReadOptions } from '../formats/types.js';

const SPECS: Readonly<Record<FormatName, FormatSpec>> = {
  ecb: ecbFormat,
  h10: h10Format,
  'fred-wide': fredWideFormat,
  histdata: histDataFormat,
  mt4: mt4Format,
  mt5: mt5Format,
  'csv-long': csvLongFormat,
  'csv-wide': csvWideFormat,
};

/** A parsed file: display name, format and the reader's per-symbol parts. */
export interface ParsedFile {
  /** `path`, or `path:member` for a zip. */
  readonly name: string;
  readonly format: FormatName;
  readonly result: FileResult;
}

/** Progress inside one file. */
export interface FileProgress {
  /** Lines read so far. */
  readonly lines: number;
  /** Share of the file read, 0…1 (from characters read against the decompressed size). */
  readonly fraction: number;
}

/**
 * Thrown when an import is stopped through its `AbortSignal`.
 *
 * @example new ImportAborted().message // 'import interrupted'
 */
export class ImportAborted extends Error {
  override readonly name = 'ImportAborted';
  constructor() {
    super('import interrupted');
  }
}

/**
 * Decompressed size of a file when it can be known cheaply: a zip member's
 * size comes with the opened input; a gzip file's is its last 4 bytes
 * (ISIZE, modulo 2^32); a plain file's is its size.
 */
async function gzipSize(path: string, size: number): Promise<number | undefined> {
  if (size < 18) return undefined;
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(4);
    await fh.read(b, 0, 4, size - 4);
    const isize = b.readUInt32LE(0);
    // ISIZE wraps at 4 GiB; a ratio below 1 means it wrapped (or lies): unknown.
    return isize >= size ? isize : undefined;
  } finally {
    await fh.close();
  }
}

/**
 * Reads one file the way `readDataset` does (detect unless `options.format`,
 * stream lines into the format's parser, settle each symbol), calling
 * `onProgress` about every 64 Ki lines and checking `signal` as often.
 *
 * @throws InputError exactly as `readDataset` would for this file (row
 *   errors name file, line, field and text; detection failures list every
 *   format tried); ImportAborted when `signal` fires.
 * @example (await parseFile('HISTDATA_COM_ASCII_EURUSD_M1_2017.zip', 0, {}, new SkipLog())).result.parts[0].table.n // 371635
 */
export async function parseFile(
  path: string,
  fileIndex: number,
  options: ReadOptions,
  skipped: SkipLog,
  onProgress?: (p: FileProgress) => void,
  signal?: AbortSignal,
): Promise<ParsedFile> {
  if (options.format !== undefined && !(FORMAT_NAMES as readonly string[]).includes(options.format)) {
    throw new InputError(`unknown format; known: ${FORMAT_NAMES.join(', ')}`, { field: 'format', text: options.format });
  }
  // Detection reads the first lines through its own stream (the same check
  // readDataset makes); the parse then streams the whole file once.
  const format = options.format ?? (await detectFormat(path, options));
  const spec = SPECS[format];
  const input = await openInput(path);
  let total = input.sizeHint;
  if (total === undefined) {
    const size = (await stat(path)).size;
    total = await gzipSize(path, size);
  }
  const ctx = { file: input.name, fileIndex, names: input.names, options, skipped, sizeHint: input.sizeHint };
  let chars = 0;
  let lines = 0;
  try {
    const parser = spec.parser(ctx);
    await pumpLines(input, (s, a, b, no) => {
      parser.line(s, a, b, no);
      chars += b - a + 1;
      if ((++lines & 0xffff) === 0) {
        if (signal?.aborted) throw new ImportAborted();
        onProgress?.({ lines, fraction: total ? Math.min(1, chars / total) : 0 });
      }
    });
    if (signal?.aborted) throw new ImportAborted();
    const result = parser.end();
    onProgress?.({ lines, fraction: 1 });
    return { name: input.name, format, result };
  } finally {
    input.stream.destroy();
  }
}
