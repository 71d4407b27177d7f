/**
 * Opening a path as a byte stream, looking through `.zip` and `.gz` by their
 * magic bytes (not their names), and cutting the bytes into lines without
 * building one string of the whole file.
 */
import { createReadStream } from 'node:fs';
import { open as fsOpen } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createInflateRaw } from 'node:zlib';
import { openPromise, type Entry, type ZipFile } from 'yauzl';
import { InputError } from '../errors.js';

/** An opened input: the decompressed bytes of a plain file, a gzip file or a zip's first CSV member. */
export interface Input {
  /** Name used in errors: the path, or `path:member` inside a zip. */
  readonly name: string;
  /** Base names that may carry a symbol: the member's, then the file's (compression suffixes removed). */
  readonly names: readonly string[];
  readonly stream: Readable;
  /** Decompressed size the container promises (zip members), checked at the end. */
  readonly bytes?: number;
  /** Expected decompressed size when known (plain files, zip members), for pre-sizing. */
  readonly sizeHint?: number;
}

const CSV_MEMBER = /\.(csv|tsv)$/i;
const CHUNK = 256 * 1024;
/** Longest line accepted: a text file has newlines long before this; a binary one may have none. */
const MAX_LINE = 1 << 20;

/** Base name without `.gz` / `.zip`. */
function bare(p: string): string {
  return basename(p).replace(/\.(gz|zip)$/i, '');
}

/**
 * Opens `path` for streaming. Compression is recognised by content: `PK\x03\x04`
 * (zip: the first member whose name ends in `.csv` or `.tsv`, streamed by
 * yauzl without a temp file) or `\x1f\x8b` (gzip, through zlib).
 *
 * @throws InputError when the file cannot be opened, a zip is unreadable,
 *   encrypted, uses another compression method, or has no CSV member.
 * @example (await openInput('HISTDATA_COM_ASCII_EURUSD_M1_2017.zip')).name // '…zip:DAT_ASCII_EURUSD_M1_2017.csv'
 */
export async function openInput(path: string): Promise<Input> {
  const magic = Buffer.alloc(4);
  let got = 0;
  let size = 0;
  try {
    const fh = await fsOpen(path, 'r');
    try {
      size = (await fh.stat()).size;
      got = (await fh.read(magic, 0, 4, 0)).bytesRead;
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new InputError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: path });
  }
  if (got >= 4 && magic[0] === 0x50 && magic[1] === 0x4b && (magic[2] === 3 || magic[2] === 5) && (magic[3] === 4 || magic[3] === 6)) {
    return openZip(path);
  }
  if (got >= 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
    const raw = createReadStream(path, { highWaterMark: CHUNK });
    const gunzip = createGunzip({ chunkSize: CHUNK });
    raw.on('error', (e) => gunzip.destroy(e));
    gunzip.on('close', () => raw.destroy());
    return { name: path, names: [bare(path)], stream: raw.pipe(gunzip) };
  }
  return { name: path, names: [bare(path)], stream: createReadStream(path, { highWaterMark: CHUNK }), sizeHint: size };
}

async function openZip(path: string): Promise<Input> {
  let zip: ZipFile;
  try {
    zip = await openPromise(path, { lazyEntries: true, autoClose: false });
  } catch (e) {
    throw new InputError(`not a readable zip: ${(e as Error).message}`, { file: path });
  }
  const seen: string[] = [];
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      const name = entry.fileName;
      if (name.endsWith('/') || name.startsWith('__MACOSX/')) continue;
      if (!CSV_MEMBER.test(name)) {
        seen.push(name);
        continue;
      }
      const where = `${path}:${name}`;
      if (entry.isEncrypted()) throw new InputError('zip member is encrypted', { file: where });
      const method = entry.compressionMethod;
      if (method !== 0 && method !== 8) throw new InputError(`zip member uses compression method ${method} (only stored and deflate are read)`, { file: where });
      // yauzl's own inflater uses 16 KiB chunks; 256 KiB halves the time of a 20 MB member.
      const raw = method === 8 ? await zip.openReadStreamPromise(entry, { decompress: false }) : await zip.openReadStreamPromise(entry);
      // The fd stays open until this stream ends: yauzl reference-counts it.
      zip.close();
      let stream: Readable = raw;
      if (method === 8) {
        const inflate = createInflateRaw({ chunkSize: CHUNK });
        raw.on('error', (e) => inflate.destroy(e));
        inflate.on('close', () => raw.destroy());
        stream = raw.pipe(inflate);
      }
      return { name: where, names: [basename(name), bare(path)], stream, bytes: entry.uncompressedSize, sizeHint: entry.uncompressedSize };
    }
  } catch (e) {
    zip.close();
    if (e instanceof InputError) throw e;
    throw new InputError(`not a readable zip: ${(e as Error).message}`, { file: path });
  }
  zip.close();
  const list = seen.length ? `members: ${seen.slice(0, 5).join(', ')}${seen.length > 5 ? ', …' : ''}` : 'zip is empty';
  throw new InputError(`zip has no .csv member (${list})`, { file: path });
}

function nextEntry(zip: ZipFile): Promise<Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: Entry): void => done(e);
    const onEnd = (): void => done(null);
    const onError = (err: Error): void => {
      off();
      reject(err);
    };
    const off = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const done = (e: Entry | null): void => {
      off();
      resolve(e);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/**
 * The decoder for a text stream from its first bytes: UTF-16LE after an
 * `FF FE` mark (MetaTrader 5 writes that), else UTF-8 with a BOM dropped;
 * returns it with the bytes after the mark.
 *
 * @throws InputError for UTF-16BE.
 * @example textDecoderFor(Buffer.from([0xff, 0xfe, 0x41, 0]), 'a.csv')[1].length // 2
 */
export function textDecoderFor(buf: Buffer, name: string): [StringDecoder, Buffer] {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return [new StringDecoder('utf16le'), buf.subarray(2)];
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) throw new InputError('UTF-16BE text is not supported; save as UTF-8', { file: name });
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  return [new StringDecoder('utf8'), bom ? buf.subarray(3) : buf];
}

/**
 * Receives each physical line as offsets into a string (no per-line string is
 * made). `s.slice(start, end)` is the line without its `\r\n` / `\n`.
 * Returning `false` stops reading.
 */
export type LineSink = (s: string, start: number, end: number, lineNo: number) => boolean | void;

/**
 * Streams an input's lines into `sink`. Decodes UTF-8 (a BOM is dropped) or,
 * after a `FF FE` byte-order mark, UTF-16LE (MetaTrader 5 writes that). Line
 * numbers are 1-based physical lines, blank ones included.
 *
 * @throws InputError for UTF-16BE input, a failing stream (truncated gzip or
 *   zip) or a zip member whose size differs from its directory entry; errors
 *   thrown by `sink` pass through unchanged.
 * @example await pumpLines(await openInput('x.csv'), (s, a, b, n) => console.log(n, s.slice(a, b)))
 */
export async function pumpLines(input: Input, sink: LineSink): Promise<void> {
  let decoder: StringDecoder | undefined;
  let carry = '';
  let lineNo = 0;
  let stopped = false;
  let fromSink = false;
  let bytes = 0;
  try {
    for await (const chunk of input.stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      let buf = chunk;
      if (!decoder) [decoder, buf] = textDecoderFor(buf, input.name);
      const s = carry + decoder.write(buf);
      let pos = 0;
      for (;;) {
        const nl = s.indexOf('\n', pos);
        if (nl < 0) break;
        const end = nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
        fromSink = true;
        const more = sink(s, pos, end, ++lineNo);
        fromSink = false;
        if (more === false) {
          stopped = true;
          break;
        }
        pos = nl + 1;
      }
      if (stopped) break;
      carry = pos === 0 ? s : s.slice(pos);
      if (carry.length > MAX_LINE) throw new InputError(`line ${lineNo + 1} is longer than 1 MiB; not a text file?`, { file: input.name });
    }
  } catch (e) {
    input.stream.destroy();
    if (fromSink || e instanceof InputError) throw e;
    throw new InputError(`cannot read: ${(e as Error).message}`, { file: input.name });
  }
  if (stopped) {
    input.stream.destroy();
    return;
  }
  if (input.bytes !== undefined && bytes !== input.bytes) {
    throw new InputError(`zip member is ${bytes} bytes, its directory says ${input.bytes}`, { file: input.name });
  }
  const rest = carry + (decoder ? decoder.end() : '');
  if (rest.length > 0) {
    const end = rest.charCodeAt(rest.length - 1) === 13 ? rest.length - 1 : rest.length;
    sink(rest, 0, end, ++lineNo);
  }
}
