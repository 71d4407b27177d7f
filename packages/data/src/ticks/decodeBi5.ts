import { createRequire } from 'node:module';
import { pipSize } from '@soukan/core';
import { InputError } from '../errors.js';
import type { TickBatch } from './types.js';

/**
 * The LZMA decoder: `@napi-rs/lzma` (a maintained binding of the pure-Rust
 * lzma-rust2, prebuilt per platform; 1.4.5 is its last release for Node 20).
 * Loaded on first use so commands that never read a `.bi5` file skip it.
 * Compared with the pure-JS `lzma1` 0.3.0 (4.4× slower on the 2019 test
 * hours) and `lzma` 2.3.2 (31× slower, unmaintained since 2016).
 */
let lzmaAlone: { decompressSync(input: Uint8Array): Buffer } | undefined;
function lzma(): { decompressSync(input: Uint8Array): Buffer } {
  lzmaAlone ??= (createRequire(import.meta.url)('@napi-rs/lzma') as { lzma: { decompressSync(input: Uint8Array): Buffer } }).lzma;
  return lzmaAlone;
}

const HOUR = 3_600_000;

/**
 * Source name of ticks read from Dukascopy files.
 *
 * @example DUKASCOPY_SOURCE // 'Dukascopy'
 */
export const DUKASCOPY_SOURCE = 'Dukascopy';
const RECORD = 20;

/**
 * Price step of Dukascopy's integer quotes: a tenth of a pip (1e-5 for
 * EUR/USD, 1e-3 for JPY-quoted pairs and gold), from core's one pip table.
 *
 * @example dukascopyPoint('USD/JPY') // 0.001
 */
export function dukascopyPoint(symbol: string): number {
  // pip/10 rounded to the decimal it is (0.0001/10 is 0.000009999999999999999 in binary arithmetic).
  const p = pipSize(symbol) / 10;
  return Number(p.toPrecision(12));
}

/**
 * Decodes one Dukascopy hourly tick file (`HHh_ticks.bi5`): LZMA-alone
 * compressed, then 20-byte big-endian records — `uint32` milliseconds since
 * the hour, `uint32` ask and `uint32` bid in points, `float32` ask and bid
 * volume (millions). Price = integer × `point` (divided by `1/point`, so
 * `114517 / 100000` is the double nearest 1.14517, as Python's division gives).
 * A zero-byte file is an hour without ticks.
 *
 * @param bytes the file's contents.
 * @param hourMs the hour the path names, UTC epoch ms (the records' time origin).
 * @throws InputError when the data does not decompress, is not a whole number
 *   of records, or holds a time outside the hour, times going backwards, or a
 *   zero price — naming the file and the record.
 * @example decodeBi5(readFileSync('EURUSD/2019/01/04/10h_ticks.bi5'), Date.UTC(2019, 1, 4, 10), 'EUR/USD', 'EURUSD/2019/01/04/10h_ticks.bi5').n // ticks in that hour
 */
export function decodeBi5(bytes: Uint8Array, hourMs: number, symbol: string, origin: string, point = dukascopyPoint(symbol)): TickBatch {
  const span: [number, number] = [hourMs, hourMs + HOUR];
  let raw: Uint8Array;
  if (bytes.length === 0) raw = bytes;
  else {
    try {
      raw = lzma().decompressSync(bytes);
    } catch (e) {
      throw new InputError(`not LZMA data (${(e as Error).message})`, { file: origin });
    }
  }
  if (raw.length % RECORD !== 0) throw new InputError(`decompressed size ${raw.length} is not a multiple of ${RECORD}-byte records`, { file: origin });
  const n = raw.length / RECORD;
  const scale = Math.round(1 / point);
  const time = new Float64Array(n);
  const bid = new Float64Array(n);
  const ask = new Float64Array(n);
  const bidVolume = new Float64Array(n);
  const askVolume = new Float64Array(n);
  const dv = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  let last = 0;
  for (let i = 0; i < n; i++) {
    const o = i * RECORD;
    const ms = dv.getUint32(o);
    const a = dv.getUint32(o + 4);
    const b = dv.getUint32(o + 8);
    if (ms >= HOUR || ms < last || a === 0 || b === 0) {
      const why = ms >= HOUR ? `time ${ms} ms is past the hour` : ms < last ? `time ${ms} ms goes back (previous ${last})` : 'zero price';
      throw new InputError(`record ${i + 1}: ${why}`, { file: origin });
    }
    last = ms;
    time[i] = hourMs + ms;
    ask[i] = a / scale;
    bid[i] = b / scale;
    askVolume[i] = dv.getFloat32(o + 12);
    bidVolume[i] = dv.getFloat32(o + 16);
  }
  return { symbol, source: DUKASCOPY_SOURCE, origin, span, n, time, bid, ask, bidVolume, askVolume };
}
