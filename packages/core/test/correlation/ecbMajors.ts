// Test-only: rebuild the 28 majors from the real ECB zip with node:zlib, so
// the full-history fixture can be checked here without the data package.
// (Integration tests elsewhere do the same through soukan's own readers.)
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { sharedData } from '../../../../test/helpers/sharedData.js';

const MAJORS = ['EUR', 'GBP', 'AUD', 'NZD', 'USD', 'CAD', 'CHF', 'JPY'];

function unzipSingle(buf: Buffer, name: string): string {
  // End of central directory → central directory → local header → data.
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let p = buf.readUInt32LE(eocd + 16);
  const entries = buf.readUInt16LE(eocd + 10);
  for (let e = 0; e < entries; e++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    if (buf.toString('utf8', p + 46, p + 46 + nameLen) === name) {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    }
    p += 46 + nameLen + extra + comment;
  }
  throw new Error(`${name} not found in zip`);
}

/** 28 majors (market convention) from eurofxref-hist.zip, oldest first: levels and log returns. */
export function ecbMajors(): { symbols: string[]; dates: string[]; levels: Float64Array[]; returns: Float64Array[] } {
  const csv = unzipSingle(readFileSync(sharedData('eurofxref-hist.zip')), 'eurofxref-hist.csv');
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',');
  const col = (c: string): number => header.indexOf(c);
  const rows = lines.slice(1).map((l) => l.split(',')).reverse(); // file is newest first
  const rate = (r: string[], c: string): number => (c === 'EUR' ? 1 : Number(r[col(c)]));
  const symbols: string[] = [];
  const levels: Float64Array[] = [];
  for (let i = 0; i < MAJORS.length; i++) {
    for (let j = i + 1; j < MAJORS.length; j++) {
      const a = MAJORS[i]!;
      const b = MAJORS[j]!;
      symbols.push(`${a}/${b}`);
      levels.push(Float64Array.from(rows, (r) => rate(r, b) / rate(r, a)));
    }
  }
  const returns = levels.map((l) => Float64Array.from({ length: l.length - 1 }, (_, t) => Math.log(l[t + 1]! / l[t]!)));
  return { symbols, dates: rows.map((r) => r[0]!), levels, returns };
}

/** Every ECB currency as EUR/X (units per 1 EUR, as the file quotes), oldest first; N/A → NaN. */
export function ecbAll(): { currencies: string[]; levels: Float64Array[]; returns: Float64Array[] } {
  const csv = unzipSingle(readFileSync(sharedData('eurofxref-hist.zip')), 'eurofxref-hist.csv');
  const lines = csv.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((l) => l.split(',')).reverse();
  const currencies = header.slice(1).filter((c) => c.trim() !== '');
  const levels = currencies.map((_, c) => Float64Array.from(rows, (r) => Number(r[c + 1])));
  const returns = levels.map((l) => Float64Array.from({ length: l.length - 1 }, (_, t) => Math.log(l[t + 1]! / l[t]!)));
  return { currencies, levels, returns };
}
