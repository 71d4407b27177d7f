import { InputError, SkipLog } from '../errors.js';
import { WallClock } from '../formats/clock.js';
import { openInput } from '../formats/input.js';
import { trySymbol } from '../formats/parser.js';
import { textBlocks } from './textBlocks.js';
import { TickColumns } from './tickColumns.js';
import type { TickBatch } from './types.js';

/** Options of the text tick readers. */
export interface TickTextOptions {
  /** Symbol of the file (default: from its name, `DAT_ASCII_EURUSD_T_201901.csv`, `EURUSD_ticks.csv`). */
  readonly symbol?: string;
  /** Source name in the store (default: the format's, `HistData` or `MT5`). */
  readonly source?: string;
  /** Zone of the timestamps (IANA name); each format has its default. */
  readonly tz?: string;
  /** Skip malformed lines (counted, first ones reported) instead of failing on the first. */
  readonly skipBadRows?: boolean;
  /** Ticks per yielded batch (default 65 536). */
  readonly batchSize?: number;
  /** Receives the reader's notes (skipped rows, weekly-open check) at the end. */
  readonly notes?: string[];
}

/**
 * What a format's line parser returns: `true` for a tick pushed, `false` for
 * a line that is not a tick but not an error (a header), or a reason string
 * for a malformed line.
 */
export type TickLine = (s: string, a: number, b: number, out: TickColumns, clock: WallClock) => true | false | string;

/** A parser for one file: its line function and, optionally, a note for the end. */
export interface TickParser {
  readonly line: TickLine;
  /** A format-specific note once the file is read (e.g. where its weekly opens fall). */
  finish?(file: string): string | undefined;
}

/** A tick text format: its name in messages, default zone and line parser. */
export interface TickTextFormat {
  readonly name: string;
  /** Source name of the ticks in the store. */
  readonly source: string;
  readonly tz: string;
  /** A fresh parser per file (formats keep state, e.g. MT5's carried prices). */
  parser(tz: string): TickParser;
}

/**
 * Streams a text tick file (plain, `.gz` or a `.zip`'s CSV member) through a
 * format's line parser into batches of time-ordered ticks; memory is one
 * batch and one 256 KiB block of text.
 *
 * @throws InputError naming file, line and text for a malformed line (unless
 *   `skipBadRows`), time going backwards, an unknown symbol, or no ticks.
 * @example for await (const b of readTickText('ticks.csv', HISTDATA_TICKS)) n += b.n
 */
export async function* readTickText(path: string, format: TickTextFormat, options: TickTextOptions = {}): AsyncGenerator<TickBatch> {
  const input = await openInput(path);
  const symbol = options.symbol !== undefined ? trySymbol(options.symbol) : symbolOfNames(input.names);
  if (!symbol) {
    if (options.symbol !== undefined) throw new InputError('not a currency pair', { field: 'symbol', text: options.symbol });
    input.close();
    throw new InputError(`cannot tell the symbol of a ${format.name} file from its name; pass symbol (e.g. EURUSD)`, { file: input.name });
  }
  const clock = new WallClock(options.tz ?? format.tz);
  const size = options.batchSize ?? 65_536;
  const cols = new TickColumns(size);
  const parser = format.parser(clock.tz);
  const parse = parser.line;
  const skipped = new SkipLog();
  let prev = -Infinity;
  let total = 0;
  for await (const block of textBlocks(input)) {
    const s = block.text;
    let line = block.firstLine;
    for (let a = 0; a < s.length; line++) {
      let nl = s.indexOf('\n', a);
      if (nl < 0) nl = s.length;
      const b = nl > a && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (b > a) {
        const before = cols.length;
        const r = parse(s, a, b, cols, clock);
        let why = typeof r === 'string' ? r : null;
        if (r === true) {
          const t = cols.time[before]!;
          if (t < prev) {
            cols.length = before;
            why = `time goes back (previous tick ${new Date(prev).toISOString()})`;
          } else prev = t;
        }
        if (why !== null) {
          if (!options.skipBadRows) {
            input.close();
            throw new InputError(why, { file: input.name, line, text: s.slice(a, b) });
          }
          skipped.add({ file: input.name, line, text: s.slice(a, b), reason: why });
        }
      }
      a = nl + 1;
    }
    if (cols.length >= size) {
      total += cols.length;
      yield cols.take(symbol, options.source ?? format.source, input.name);
    }
  }
  if (cols.length > 0) {
    total += cols.length;
    yield cols.take(symbol, options.source ?? format.source, input.name);
  }
  if (total === 0) throw new InputError(`no ticks (expected ${format.name} lines)`, { file: input.name });
  const note = skipped.note();
  if (note) options.notes?.push(note);
  const last = parser.finish?.(input.name);
  if (last) options.notes?.push(last);
}

function symbolOfNames(names: readonly string[]): string | undefined {
  for (const n of names) {
    const m = /(?:^|[_\W])([A-Z]{6})(?![A-Z])/i.exec(n);
    const s = m ? trySymbol(m[1]!) : undefined;
    if (s) return s;
  }
  return undefined;
}
