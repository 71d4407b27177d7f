/**
 * Opening a path as a byte stream, looking through `.zip` and `.gz` by their
 * magic bytes (not their names), and cutting the bytes into lines without
 * building one string of the whole file.
 *
 * Every stream of a read is created here, inside one `pipeline()` that
 * listens for errors on all of them (lint forbids stream factories and
 * `.pipe()` elsewhere): an error anywhere — a truncated gzip, a corrupt
 * zip, a full disk — ends the reader's iteration as one InputError, never
 * as an `'error'` event nobody listens to.
 */
import { createReadStream } from 'node:fs';
import { open as fsOpen } from 'node:fs/promises';
import { basename } from 'node:path';
import { PassThrough, pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { crc32, createGunzip, createInflateRaw } from 'node:zlib';
import { openPromise, type Entry, type ZipFile } from 'yauzl';
import { InputError } from '../errors.js';
import { readLimits, showBytes, type ReadLimits } from './limits.js';

/** An opened input: the decompressed bytes of a plain file, a gzip file or a zip's first CSV member. */
export interface Input {
  /** Name used in errors: the path, or `path:member` inside a zip. */
  readonly name: string;
  /** Base names that may carry a symbol: the member's, then the file's (compression suffixes removed). */
  readonly names: readonly string[];
  /**
   * Decompressed size when known (plain files; zip members; a gzip's ISIZE
   * when plausible), for pre-sizing and progress.
   */
  readonly sizeHint?: number;
  /** What a zip member's directory entry promises, checked at its end. */
  readonly member?: { readonly bytes: number; readonly crc32: number };
  /**
   * The stages that produce the decompressed bytes, created on call: only
   * {@link inputBytes} calls it, inside its pipeline.
   */
  readonly stages: () => Readable[];
  /** Releases what opening took (a zip's descriptor) when the input is never read. */
  readonly close: () => void;
}

const CSV_MEMBER = /\.(csv|tsv)$/i;
const CHUNK = 256 * 1024;

/** Base name without `.gz` / `.zip`. */
function bare(p: string): string {
  return basename(p).replace(/\.(gz|zip)$/i, '');
}

/**
 * Opens `path` for streaming. Compression is recognised by content: `PK\x03\x04`
 * (zip: the first member whose name ends in `.csv` or `.tsv`, streamed by
 * yauzl without a temp file) or `\x1f\x8b` (gzip, through zlib). Nothing is
 * read past the headers until {@link pumpLines} runs.
 *
 * @throws InputError when the file cannot be opened, a zip is unreadable,
 *   encrypted, uses another compression method, or has no CSV member.
 * @example (await openInput('HISTDATA_COM_ASCII_EURUSD_M1_2017.zip')).name // '…zip:DAT_ASCII_EURUSD_M1_2017.csv'
 */
export async function openInput(path: string): Promise<Input> {
  const magic = Buffer.alloc(4);
  const tail = Buffer.alloc(4);
  let got = 0;
  let size = 0;
  try {
    const fh = await fsOpen(path, 'r');
    try {
      size = (await fh.stat()).size;
      got = (await fh.read(magic, 0, 4, 0)).bytesRead;
      if (size >= 18) await fh.read(tail, 0, 4, size - 4);
    } finally {
      await fh.close();
    }
  } catch (e) {
    throw new InputError(`cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file: path });
  }
  if (got >= 4 && magic[0] === 0x50 && magic[1] === 0x4b && (magic[2] === 3 || magic[2] === 5) && (magic[3] === 4 || magic[3] === 6)) {
    return openZip(path);
  }
  const plain = (): Readable => createReadStream(path, { highWaterMark: CHUNK });
  if (got >= 2 && magic[0] === 0x1f && magic[1] === 0x8b) {
    // ISIZE (the last 4 bytes) is the size modulo 2^32; below the compressed size it wrapped or lies.
    const isize = size >= 18 ? tail.readUInt32LE(0) : 0;
    return { name: path, names: [bare(path)], sizeHint: isize >= size ? isize : undefined, stages: () => [plain(), createGunzip({ chunkSize: CHUNK })], close: () => {} };
  }
  return { name: path, names: [bare(path)], sizeHint: size, stages: () => [plain()], close: () => {} };
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
      // Raw bytes: inflated below with 256 KiB chunks (yauzl's 16 KiB ones halve the speed of a 20 MB member).
      const raw = method === 8 ? await zip.openReadStreamPromise(entry, { decompress: false }) : await zip.openReadStreamPromise(entry);
      // The fd stays open until this stream ends: yauzl reference-counts it.
      zip.close();
      return {
        name: where,
        names: [basename(name), bare(path)],
        sizeHint: entry.uncompressedSize,
        member: { bytes: entry.uncompressedSize, crc32: entry.crc32 >>> 0 },
        stages: () => (method === 8 ? [raw, createInflateRaw({ chunkSize: CHUNK })] : [raw]),
        close: () => raw.destroy(),
      };
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
 * Counts decompressed bytes against `maxBytes` and, for a zip member, checks
 * its size and CRC-32 against the directory at the end.
 */
class Meter extends Transform {
  bytes = 0;
  private crc = 0;
  constructor(
    private readonly input: Input,
    private readonly maxBytes: number,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.maxBytes) {
      done(new InputError(`decompressed size over the limit of ${showBytes(this.maxBytes)} (maxBytes)`, { file: this.input.name }));
      return;
    }
    if (this.input.member) this.crc = crc32(chunk, this.crc);
    done(null, chunk);
  }
  override _flush(done: TransformCallback): void {
    const m = this.input.member;
    if (m && this.bytes !== m.bytes) done(new InputError(`zip member is ${this.bytes} bytes, its directory says ${m.bytes}`, { file: this.input.name }));
    else if (m && this.crc >>> 0 !== m.crc32) done(new InputError(`zip member fails its CRC-32 check (${hex(this.crc)}, directory says ${hex(m.crc32)}): the archive is damaged`, { file: this.input.name }));
    else done();
  }
}

const hex = (x: number): string => (x >>> 0).toString(16).padStart(8, '0');

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
 * The decompressed bytes of an input, pulled (read only as fast as the
 * consumer asks), through one pipeline: the input's stages, then a meter
 * (the `maxBytes` budget; a zip member's size and CRC-32). Every error of
 * every stage ends the iteration with one InputError; leaving the loop early
 * releases everything.
 *
 * @throws InputError (from the iteration) for a failing stream (truncated
 *   gzip or zip), a zip member whose size or CRC-32 differs from its
 *   directory entry, or more than `maxBytes` bytes (naming the limit).
 * @example for await (const chunk of inputBytes(await openInput('x.csv.gz'))) n += chunk.length
 */
export async function* inputBytes(input: Input, limits: ReadLimits = {}): AsyncGenerator<Buffer> {
  const { maxBytes } = readLimits(limits);
  // pipeline() listens for errors on every stage and destroys them all with
  // the first; the last stage carries it to this iteration.
  const out = pipeline([...input.stages(), new Meter(input, maxBytes), new PassThrough()], () => {}) as PassThrough;
  try {
    for await (const chunk of out as AsyncIterable<Buffer>) yield chunk;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read: ${(e as Error).message}`, { file: input.name });
  } finally {
    out.destroy();
  }
}

/**
 * Receives each physical line as offsets into a string (no per-line string is
 * made). `s.slice(start, end)` is the line without its `\r\n` / `\n`.
 * Returning `false` stops reading.
 */
export type LineSink = (s: string, start: number, end: number, lineNo: number) => boolean | void;

/**
 * Streams an input's lines into `sink`, from {@link inputBytes}. Decodes
 * UTF-8 (a BOM is dropped) or, after a `FF FE` byte-order mark, UTF-16LE
 * ({@link textDecoderFor}). Line numbers are 1-based physical lines, blank
 * ones included.
 *
 * @throws InputError for UTF-16BE input, a failing stream, a zip member
 *   whose size or CRC-32 differs from its directory entry, more than
 *   `maxBytes` decompressed bytes or a line longer than `maxLineLength`
 *   (each naming its limit); errors thrown by `sink` pass through unchanged.
 * @example await pumpLines(await openInput('x.csv'), (s, a, b, n) => console.log(n, s.slice(a, b)))
 */
export async function pumpLines(input: Input, sink: LineSink, limits: ReadLimits = {}): Promise<void> {
  const { maxLineLength } = readLimits(limits);
  let decoder: StringDecoder | undefined;
  let carry = '';
  let lineNo = 0;
  for await (const chunk of inputBytes(input, limits)) {
    let buf = chunk;
    if (!decoder) [decoder, buf] = textDecoderFor(buf, input.name);
    const text = carry + decoder.write(buf);
    let pos = 0;
    for (;;) {
      const nl = text.indexOf('\n', pos);
      if (nl < 0) break;
      const end = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (end - pos > maxLineLength) throw tooLong(input, lineNo + 1, maxLineLength);
      if (sink(text, pos, end, ++lineNo) === false) return;
      pos = nl + 1;
    }
    carry = pos === 0 ? text : text.slice(pos);
    if (carry.length > maxLineLength) throw tooLong(input, lineNo + 1, maxLineLength);
  }
  const rest = carry + (decoder ? decoder.end() : '');
  if (rest.length > 0) {
    const end = rest.charCodeAt(rest.length - 1) === 13 ? rest.length - 1 : rest.length;
    if (end > maxLineLength) throw tooLong(input, lineNo + 1, maxLineLength);
    sink(rest, 0, end, ++lineNo);
  }
}

function tooLong(input: Input, lineNo: number, max: number): InputError {
  return new InputError(`longer than ${max} characters (maxLineLength); not a text file?`, { file: input.name, line: lineNo });
}
