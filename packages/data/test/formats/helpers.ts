/** Temp files, containers and assertions shared by the reader tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import { afterAll, expect } from 'vitest';
import type { PriceSeries } from '@soukan/core';
import { InputError } from '../../src/errors.js';
import type { Dataset } from '../../src/formats/types.js';

/** A fresh temp folder, removed after the test file. */
export function tempDir(): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), 'soukan-readers-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => join(dir, name);
}

/** Writes text (or bytes) and returns the path. */
export function put(path: string, content: string | Buffer): string {
  writeFileSync(path, content);
  return path;
}

/** gzip of a text. */
export function gz(text: string): Buffer {
  return gzipSync(Buffer.from(text));
}

/**
 * A minimal zip archive (PKWARE APPNOTE 4.3: local headers, central
 * directory, end record), deflated unless `store`.
 */
export function zip(entries: readonly { name: string; text: string | Buffer; store?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.text) ? e.text : Buffer.from(e.text);
    const body = e.store ? data : deflateRawSync(data);
    const name = Buffer.from(e.name);
    const crc = crc32(data) >>> 0;
    const method = e.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** Awaits an InputError and checks its location fields and message. */
export async function inputError(
  p: Promise<unknown>,
  want: { message?: RegExp; file?: string | RegExp; line?: number; field?: string; text?: string },
): Promise<InputError> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(err, 'expected an InputError').toBeInstanceOf(InputError);
  const e = err as InputError;
  if (want.message) expect(e.message).toMatch(want.message);
  if (want.file instanceof RegExp) expect(e.file).toMatch(want.file);
  else if (want.file !== undefined) expect(e.file).toBe(want.file);
  if ('line' in want) expect(e.line).toBe(want.line);
  if ('field' in want) expect(e.field).toBe(want.field);
  if ('text' in want) expect(e.text).toBe(want.text);
  return e;
}

/** The series of a dataset by symbol (fails when absent). */
export function series(ds: Dataset, symbol: string): PriceSeries {
  const s = ds.series.find((x) => x.symbol === symbol);
  expect(s, `series ${symbol}`).toBeDefined();
  return s!;
}

/** Neumaier-compensated sum (accurate to ~1 ulp of the total; numpy's pairwise sum is within a few). */
export function fsum(a: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const t = s + x;
    c += Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
    s = t;
  }
  return s + c;
}

/** |a − b| ≤ rel · max(1, |a|, |b|). */
export function expectRel(actual: number, expected: number, rel = 1e-12): void {
  const tol = rel * Math.max(1, Math.abs(actual), Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

/** True when times are strictly increasing. */
export function strictlyIncreasing(t: Float64Array): boolean {
  for (let i = 1; i < t.length; i++) if (!(t[i]! > t[i - 1]!)) return false;
  return true;
}

/** Index of a time in a series (−1 when absent). */
export function indexOfTime(s: PriceSeries, t: number): number {
  return s.time.indexOf(t);
}
