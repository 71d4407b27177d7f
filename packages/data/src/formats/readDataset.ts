import type { PriceSeries } from '@soukan/core';
import { InputError, SkipLog } from '../errors.js';
import { csvLongFormat } from './csvLong.js';
import { csvWideFormat } from './csvWide.js';
import { ecbFormat } from './ecb.js';
import { fredWideFormat } from './fredWide.js';
import { h10Format } from './h10.js';
import { histDataFormat } from './histData.js';
import { openInput, pumpLines, type Input } from './input.js';
import { mt4Format, mt5Format } from './metaTrader.js';
import type { FileResult, FormatSpec, Part, Parser } from './parser.js';
import { concatTables, settle, toSeries } from './table.js';
import { FORMAT_NAMES, FORMAT_SOURCE, type Dataset, type FormatName, type ReadOptions } from './types.js';

/** Formats in the order auto-detection tries them. */
const SPECS: readonly FormatSpec[] = [ecbFormat, h10Format, fredWideFormat, histDataFormat, mt4Format, mt5Format, csvLongFormat, csvWideFormat];

/** Non-blank lines auto-detection looks at. */
const SNIFF_LINES = 12;

function specOf(name: string): FormatSpec {
  const s = SPECS.find((x) => x.name === name);
  if (!s) throw new InputError(`unknown format; known: ${FORMAT_NAMES.join(', ')}`, { field: 'format', text: name });
  return s;
}

function detect(file: string, lines: readonly string[], options: ReadOptions): FormatSpec {
  const tried: string[] = [];
  for (const spec of SPECS) {
    const why = spec.sniff(lines, options);
    if (why === null) return spec;
    tried.push(`${spec.name}: ${why}`);
  }
  throw new InputError(`unknown format; tried ${tried.join('; ')}; first line`, { file, text: lines[0] });
}

/** Reads the first non-blank lines of an input (for sniffing), then stops. */
async function headLines(input: Input): Promise<string[]> {
  const head: string[] = [];
  await pumpLines(input, (s, a, b) => {
    const t = s.slice(a, b);
    if (t.trim() !== '') head.push(t);
    return head.length < SNIFF_LINES;
  });
  return head;
}

async function readOne(
  path: string,
  fileIndex: number,
  options: ReadOptions,
  skipped: SkipLog,
): Promise<{ name: string; format: FormatName; result: FileResult }> {
  const input = await openInput(path);
  const ctx = { file: input.name, fileIndex, names: input.names, options, skipped, sizeHint: input.sizeHint };
  const head: { s: string; no: number }[] = [];
  let spec = options.format ? specOf(options.format) : undefined;
  let parser: Parser | undefined;
  let nonBlank = 0;
  const start = (): void => {
    spec = detect(
      input.name,
      head.filter((h) => h.s.trim() !== '').map((h) => h.s),
      options,
    );
    parser = spec.parser(ctx);
    for (const h of head) parser.line(h.s, 0, h.s.length, h.no);
    head.length = 0;
  };
  try {
    if (spec) parser = spec.parser(ctx);
    await pumpLines(input, (s, a, b, no) => {
      if (parser) return void parser.line(s, a, b, no);
      const t = s.slice(a, b);
      head.push({ s: t, no });
      if (t.trim() !== '' && ++nonBlank === SNIFF_LINES) start();
    });
  } finally {
    input.stream.destroy();
  }
  if (!parser) {
    if (nonBlank === 0) throw new InputError('empty file', { file: input.name });
    start();
  }
  return { name: input.name, format: spec!.name, result: parser!.end() };
}

/**
 * Reads one or more files of one format into a {@link Dataset}: validated,
 * sorted, one series per quoted instrument.
 *
 * Method: each file is streamed line by line (plain, `.gz`, or the first
 * `.csv` member of a `.zip`, recognised by content). Unless `options.format`
 * is given, the format is detected from the first 12 non-blank lines, trying
 * {@link FORMAT_NAMES} in order. Rows are checked as they are read (prices
 * > 0 and finite, `low ≤ open, close ≤ high`, volume ≥ 0), then each series
 * is sorted (stable; noted), exact duplicate rows dropped (noted) and one
 * time with two different rows rejected. Series of the same symbol from
 * several files are merged the same way. Time is O(rows), plus O(n log n)
 * for unsorted input.
 *
 * @param paths one path or several of the same format (e.g. HistData years or pairs).
 * @throws InputError naming file, line, field and text for a malformed row
 *   (unless `skipBadRows`), an empty or header-only file, a zip without a CSV
 *   member, conflicting duplicate times, mixed formats, or — when detection
 *   fails — listing every format tried and why it was rejected.
 * @example
 * const ds = await readDataset('eurofxref-hist.zip');
 * ds.series.find((s) => s.symbol === 'EUR/USD')!.close[0] // 1.1789 (1999-01-04)
 */
export async function readDataset(paths: string | readonly string[], options: ReadOptions = {}): Promise<Dataset> {
  const files = typeof paths === 'string' ? [paths] : [...paths];
  if (files.length === 0) throw new InputError('no input files');
  if (options.format !== undefined) specOf(options.format);
  const skipped = new SkipLog();
  const notes: string[] = [];
  const bySymbol = new Map<string, Part[]>();
  let format: FormatName | undefined;
  let frequency: 'daily' | 'intraday' | undefined;
  const names: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const { name, format: f, result } = await readOne(files[i]!, i, options, skipped);
    names[i] = name;
    if (format && f !== format) throw new InputError(`mixed formats: ${files[0]} is ${format}, this file is ${f}`, { file: files[i] });
    if (frequency && result.frequency !== frequency) throw new InputError(`mixed frequencies: ${files[0]} is ${frequency}, this file is ${result.frequency}`, { file: files[i] });
    format = f;
    frequency = result.frequency;
    for (const n of result.notes) if (!notes.includes(n)) notes.push(n);
    for (const p of result.parts) {
      const list = bySymbol.get(p.symbol);
      if (list) list.push(p);
      else bySymbol.set(p.symbol, [p]);
    }
  }
  const series: PriceSeries[] = [];
  for (const [symbol, parts] of bySymbol) {
    if (parts.length === 1) {
      series.push(toSeries(symbol, parts[0]!.shape, parts[0]!.table));
      continue;
    }
    const shape = parts[0]!.shape;
    const other = parts.find((p) => p.shape !== shape);
    if (other) throw new InputError(`${symbol}: ${shape} rows in one file, ${other.shape} in another`, { file: names[other.table.file[0]!] });
    const r = settle(concatTables(parts.map((p) => p.table)), names);
    const what = [r.outOfOrder > 0 ? 'sorted' : '', r.duplicates > 0 ? `dropped ${r.duplicates} rows present in more than one file` : ''].filter(Boolean).join(', ');
    notes.push(`${symbol}: merged ${parts.length} files${what ? ` (${what})` : ''}`);
    series.push(toSeries(symbol, shape, r.table));
  }
  if (series.length === 0) throw new InputError('no values in any column', { file: files[0] });
  const skipNote = skipped.note();
  if (skipNote) notes.push(skipNote);
  return { source: FORMAT_SOURCE[format!], format: format!, files, frequency: frequency!, series, skipped, notes };
}

/**
 * The format of a file, from its first 12 non-blank lines (content, not name).
 *
 * @throws InputError for an empty file, or listing every format tried and why it was rejected.
 * @example await detectFormat('HISTDATA_COM_ASCII_EURUSD_M1_2017.zip') // 'histdata'
 */
export async function detectFormat(path: string, options: ReadOptions = {}): Promise<FormatName> {
  const input = await openInput(path);
  const lines = await headLines(input);
  if (lines.length === 0) throw new InputError('empty file', { file: input.name });
  return detect(input.name, lines, options).name;
}
