/**
 * Reading one file: open it once, detect its format from the first lines as
 * they stream past, and feed every line to that format's parser — the one
 * path shared by `readDataset`, `detectFormat` and the importer.
 */
import { InputError, SkipLog } from '../errors.js';
import { ImportAborted } from './importAborted.js';
import { openInput, pumpLines } from './input.js';
import type { FileResult, ParseContext, Parser } from './parser.js';
import { FORMAT_NAMES, formatSpec } from './registry.js';
import type { FormatName, ReadOptions } from './types.js';

/** Non-blank lines detection looks at, at most. */
const SNIFF_LINES = 12;
/**
 * Characters of the first lines detection holds, at most (plus the first
 * non-blank line, which the line budget bounds). A file of blank lines is
 * not buffered: past this budget they are counted, not kept.
 */
const SNIFF_CHARS = 16 * 1024;

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
  /** Share of the file read, 0…1 (characters read against the decompressed size, when known; else 0). */
  readonly fraction: number;
}

/** What a caller of {@link parse} may add: progress, cancellation, and its place in a dataset. */
export interface ParseHooks {
  /** Called about every 64 Ki lines, and once at the end. */
  readonly onProgress?: (p: FileProgress) => void;
  /** Checked as often: when aborted, {@link parse} throws {@link ImportAborted}. */
  readonly signal?: AbortSignal;
  /** Index of this file among the files read together (rows remember it). Default 0. */
  readonly fileIndex?: number;
  /** Where skipped rows are logged under `skipBadRows`. Default: a new log. */
  readonly skipped?: SkipLog;
}

function detect(file: string, lines: readonly string[], options: ReadOptions): FormatName {
  const tried: string[] = [];
  for (const name of FORMAT_NAMES) {
    const why = formatSpec(name).sniff(lines, options);
    if (why === null) return name;
    tried.push(`${name}: ${why}`);
  }
  throw new InputError(`unknown format; tried ${tried.join('; ')}; first line`, { file, text: lines[0] });
}

/**
 * The first lines of a file, held until the format is known: at most
 * {@link SNIFF_LINES} non-blank ones within {@link SNIFF_CHARS}.
 */
class Head {
  readonly lines: { s: string; no: number }[] = [];
  readonly nonBlank: string[] = [];
  private chars = 0;

  /** Keeps line `t`; `true` once enough is held to decide. */
  add(t: string, no: number): boolean {
    const blank = t.trim() === '';
    if (blank && this.chars >= SNIFF_CHARS) return false;
    this.lines.push({ s: t, no });
    this.chars += t.length + 1;
    if (blank) return false;
    this.nonBlank.push(t);
    return this.nonBlank.length >= SNIFF_LINES || this.chars >= SNIFF_CHARS;
  }
}

/**
 * Reads one file: opens it once (plain, `.gz`, or the first `.csv` member of
 * a `.zip`, recognised by content), detects the format from its first
 * non-blank lines unless `options.format` names one (trying
 * {@link FORMAT_NAMES} in order; at most 12 lines within 16 KiB are held for
 * this), then streams every line into that format's parser, under the
 * `maxBytes` and `maxLineLength` budgets.
 *
 * @throws InputError naming file, line, field and text for a malformed row
 *   (unless `skipBadRows`), an empty or header-only file, a broken
 *   container, a budget exceeded (naming it), or — when detection fails —
 *   listing every format tried and why it was rejected; ImportAborted when
 *   `hooks.signal` fires.
 * @example (await parse('HISTDATA_COM_ASCII_EURUSD_M1_2017.zip')).result.parts[0].table.n // 371635
 */
export async function parse(path: string, options: ReadOptions = {}, hooks: ParseHooks = {}): Promise<ParsedFile> {
  const forced = options.format === undefined ? undefined : formatSpec(options.format);
  const { onProgress, signal } = hooks;
  const input = await openInput(path);
  const ctx: ParseContext = { file: input.name, fileIndex: hooks.fileIndex ?? 0, names: input.names, options, skipped: hooks.skipped ?? new SkipLog(), sizeHint: input.sizeHint };
  const total = input.sizeHint;
  let format: FormatName | undefined = options.format;
  let parser: Parser | undefined = forced?.parser(ctx);
  const head = new Head();
  const start = (): Parser => {
    format = detect(input.name, head.nonBlank, options);
    const p = formatSpec(format).parser(ctx);
    for (const h of head.lines) p.line(h.s, 0, h.s.length, h.no);
    head.lines.length = 0;
    return p;
  };
  let chars = 0;
  let lines = 0;
  await pumpLines(
    input,
    (s, a, b, no) => {
      if (parser) parser.line(s, a, b, no);
      else if (head.add(s.slice(a, b), no)) parser = start();
      chars += b - a + 1;
      if ((++lines & 0xffff) === 0) {
        if (signal?.aborted) throw new ImportAborted();
        onProgress?.({ lines, fraction: total ? Math.min(1, chars / total) : 0 });
      }
    },
    options,
  );
  if (signal?.aborted) throw new ImportAborted();
  if (!parser) {
    if (head.nonBlank.length === 0) throw new InputError('empty file', { file: input.name });
    parser = start();
  }
  const result = parser.end();
  onProgress?.({ lines, fraction: 1 });
  return { name: input.name, format: format!, result };
}

/**
 * The format of a file, from its first non-blank lines (content, not name):
 * reads only as far as detection needs.
 *
 * @throws InputError for an empty file, or listing every format tried and why it was rejected.
 * @example await detectFormat('HISTDATA_COM_ASCII_EURUSD_M1_2017.zip') // 'histdata'
 */
export async function detectFormat(path: string, options: ReadOptions = {}): Promise<FormatName> {
  const input = await openInput(path);
  const head = new Head();
  await pumpLines(input, (s, a, b, no) => !head.add(s.slice(a, b), no), options);
  if (head.nonBlank.length === 0) throw new InputError('empty file', { file: input.name });
  return detect(input.name, head.nonBlank, options);
}

