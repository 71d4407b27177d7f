import type { PriceSeries } from '@soukan/core';
import { InputError, SkipLog } from '../errors.js';
import { parse } from './parse.js';
import type { Part } from './parser.js';
import { FORMAT_SOURCE, formatSpec } from './registry.js';
import { concatTables, settle, toSeries } from './table.js';
import type { Dataset, FormatName, ReadOptions } from './types.js';

/**
 * Reads one or more files of one format into a {@link Dataset}: validated,
 * sorted, one series per quoted instrument.
 *
 * Method: each file is streamed line by line (plain, `.gz`, or the first
 * `.csv` member of a `.zip`, recognised by content). Unless `options.format`
 * is given, the format is detected from the first non-blank lines (see
 * `parse`), trying `FORMAT_NAMES` in order. Rows are checked as they are read (prices
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
  if (options.format !== undefined) formatSpec(options.format);
  const skipped = new SkipLog();
  const notes: string[] = [];
  const bySymbol = new Map<string, Part[]>();
  let format: FormatName | undefined;
  let frequency: 'daily' | 'intraday' | undefined;
  const names: string[] = [];
  for (let i = 0; i < files.length; i++) {
    const { name, format: f, result } = await parse(files[i]!, options, { fileIndex: i, skipped });
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
