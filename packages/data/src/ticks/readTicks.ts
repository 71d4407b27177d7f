import { stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { openInput } from '../formats/input.js';
import { HISTDATA_TICKS } from './histDataTicks.js';
import { MT5_TICKS } from './mt5Ticks.js';
import { readDukascopy } from './readDukascopy.js';
import { readTickText, type TickTextFormat, type TickTextOptions } from './readTickText.js';
import { textBlocks } from './textBlocks.js';
import type { TickBatch } from './types.js';

/**
 * The tick formats soukan reads, by name.
 *
 * @example TICK_FORMATS // ['dukascopy', 'histdata-ticks', 'mt5-ticks']
 */
export const TICK_FORMATS = ['dukascopy', 'histdata-ticks', 'mt5-ticks'] as const;

/** One of {@link TICK_FORMATS}. */
export type TickFormat = (typeof TICK_FORMATS)[number];

const TEXT: Record<Exclude<TickFormat, 'dukascopy'>, TickTextFormat> = { 'histdata-ticks': HISTDATA_TICKS, 'mt5-ticks': MT5_TICKS };

/**
 * Which tick format a path holds: a folder or a `.bi5` file is Dukascopy's;
 * a text file (plain, `.gz`, `.zip`) is told by its first line —
 * `YYYYMMDD HHMMSSNNN,bid,ask,vol` (HistData) or the
 * `<DATE>\t<TIME>\t<BID>\t<ASK>` header (MetaTrader 5). `null` when it is
 * none of them (a bar file, say).
 *
 * @throws InputError when the path cannot be read.
 * @example await detectTickFormat('dukascopy_ticks/EURUSD') // 'dukascopy'
 */
export async function detectTickFormat(path: string): Promise<TickFormat | null> {
  let s;
  try {
    s = await stat(path);
  } catch (e) {
    throw new InputError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: path });
  }
  if (s.isDirectory() || /\.bi5$/i.test(path)) return 'dukascopy';
  const input = await openInput(path);
  let first = '';
  try {
    for await (const block of textBlocks(input)) {
      first = block.text.slice(0, block.text.indexOf('\n') >>> 0);
      break;
    }
  } finally {
    input.close();
  }
  if (/^\d{8} \d{9},[^,]+,[^,]+,/.test(first)) return 'histdata-ticks';
  if (/^<DATE>\t<TIME>\t<BID>\t<ASK>/.test(first)) return 'mt5-ticks';
  return null;
}

/**
 * True when every path holds ticks ({@link detectTickFormat}): what
 * `soukan import` asks before choosing the tick store over the bar importer.
 *
 * @example await allTickPaths(['dukascopy_ticks']) // true
 */
export async function allTickPaths(paths: readonly string[]): Promise<boolean> {
  if (paths.length === 0) return false;
  for (const p of paths) if ((await detectTickFormat(p)) === null) return false;
  return true;
}

/**
 * Reads ticks from files and folders of any tick format, batch by batch (one
 * Dukascopy hour, or up to `batchSize` ticks of a text file), each path's
 * format detected unless `format` is given. Memory is one batch.
 *
 * @throws InputError for a path of no tick format, and as the format's reader.
 * @example for await (const b of readTicks(['dukascopy_ticks'])) n += b.n // 266219
 */
export async function* readTicks(paths: readonly string[], options: TickTextOptions & { readonly format?: TickFormat } = {}): AsyncGenerator<TickBatch> {
  if (paths.length === 0) throw new InputError('no input files');
  const dukascopy: string[] = [];
  const text: [string, TickFormat][] = [];
  for (const p of paths) {
    const f = options.format ?? (await detectTickFormat(p));
    if (f === null) throw new InputError('not a tick file (expected a Dukascopy .bi5 folder, HistData YYYYMMDD HHMMSSNNN,bid,ask,vol lines or a MetaTrader 5 tick export)', { file: p });
    if (f === 'dukascopy') dukascopy.push(p);
    else text.push([p, f]);
  }
  if (dukascopy.length > 0) {
    for await (const b of readDukascopy(dukascopy)) yield options.source === undefined ? b : { ...b, source: options.source };
  }
  for (const [p, f] of text) yield* readTickText(p, TEXT[f as keyof typeof TEXT], options);
}
