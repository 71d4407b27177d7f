import { open, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { decodeBi5 } from './decodeBi5.js';
import { dukascopyPath } from './dukascopyPath.js';
import type { TickBatch } from './types.js';

/** One hour file found under the given paths. */
interface HourFile {
  readonly path: string;
  readonly symbol: string;
  readonly hourMs: number;
}

async function walk(path: string, out: string[]): Promise<void> {
  let s;
  try {
    s = await stat(path);
  } catch (e) {
    throw new InputError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: path });
  }
  if (!s.isDirectory()) {
    out.push(path);
    return;
  }
  for (const name of (await readdir(path)).sort()) await walk(join(path, name), out);
}

/**
 * The Dukascopy hour files under `paths` (files, or folders laid out as
 * Dukascopy serves them: `EURUSD/2019/01/04/10h_ticks.bi5`, zero-based
 * months), by symbol then hour. Other files in those folders are ignored.
 *
 * @throws InputError for a `.bi5` file whose path names no symbol and hour,
 *   the same hour given twice, or no hour file at all.
 * @example (await dukascopyFiles(['dukascopy_ticks'])).length // 48
 */
export async function dukascopyFiles(paths: readonly string[]): Promise<HourFile[]> {
  const all: string[] = [];
  for (const p of paths) await walk(p, all);
  const files: HourFile[] = [];
  const seen = new Map<string, string>();
  for (const p of all) {
    if (!/\.bi5$/i.test(p)) continue;
    const at = dukascopyPath(p);
    if (!at) throw new InputError('not a Dukascopy hour file path (expected SYMBOL/YYYY/MM/DD/HHh_ticks.bi5, months from 00)', { file: p });
    const key = `${at.symbol} ${at.hourMs}`;
    const before = seen.get(key);
    if (before !== undefined) throw new InputError(`same hour as ${before}`, { file: p });
    seen.set(key, p);
    files.push({ path: p, ...at });
  }
  if (files.length === 0) throw new InputError(`no Dukascopy .bi5 hour files in ${paths.join(', ')}`);
  files.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : a.hourMs - b.hourMs));
  return files;
}

/**
 * Reads Dukascopy hourly tick files one hour at a time: each yielded batch is
 * one file's ticks, spanning its whole hour (so an import replaces exactly
 * that hour). Memory is one hour of ticks (about 300 KB for a busy
 * EUR/USD hour) and one read buffer, whatever the number of files.
 *
 * @throws InputError as {@link dukascopyFiles} and {@link decodeBi5}.
 * @example for await (const b of readDukascopy(['EURUSD'])) total += b.n
 */
export async function* readDukascopy(paths: readonly string[]): AsyncGenerator<TickBatch> {
  // Every file is read into one buffer, reused: the LZMA binding keeps a reference to each input it
  // decompresses, so a fresh buffer per file would stay in memory for good (1.5 MB per two days of
  // EUR/USD hours; a year of files, 280 MB).
  let buf: Uint8Array = new Uint8Array(1 << 16);
  for (const f of await dukascopyFiles(paths)) {
    const fh = await open(f.path, 'r');
    let n = 0;
    try {
      const size = (await fh.stat()).size;
      if (size > buf.length) buf = new Uint8Array(Math.max(size, buf.length * 2));
      for (;;) {
        const { bytesRead } = await fh.read(buf, n, buf.length - n, n);
        if (bytesRead === 0) break;
        n += bytesRead;
        if (n === buf.length) buf = grown(buf);
      }
    } finally {
      await fh.close();
    }
    yield decodeBi5(buf.subarray(0, n), f.hourMs, f.symbol, f.path);
  }
}

/** A buffer twice as large holding the same bytes (a file that grew since it was measured). */
function grown(buf: Uint8Array): Uint8Array {
  const g = new Uint8Array(buf.length * 2);
  g.set(buf);
  return g;
}
