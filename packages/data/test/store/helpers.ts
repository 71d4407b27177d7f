/** Temp stores, synthetic HistData files and frame comparisons shared by the store tests. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import type { Frame } from '@soukan/core';
import { sharedData } from '../../../../test/helpers/sharedData.js';

/** A fresh temp folder, removed after the test file; returns a path maker. */
export function tempDir(prefix = 'soukan-store-'): (name: string) => string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return (name) => join(dir, name);
}

/** The eight 2017 HistData zips, in the shared-data README's order. */
export const PAIRS = ['EURUSD', 'USDJPY', 'GBPUSD', 'AUDUSD', 'NZDUSD', 'USDCAD', 'USDCHF', 'EURJPY'] as const;

/** Path of one 2017 HistData zip (fails when missing). */
export function histData(pair: string): string {
  return sharedData(`histdata_m1_2017/HISTDATA_COM_ASCII_${pair}_M1_2017.zip`);
}

/**
 * Writes a HistData-style CSV (`YYYYMMDD HHMMSS;o;h;l;c;v`, New York wall
 * clock) named so the reader finds the symbol: `DAT_ASCII_<PAIR>_M1_<tag>.csv`.
 * Rows are `[local 'YYYY-MM-DD HH:MM', open, high, low, close]` or raw lines.
 */
export function histDataFile(at: (name: string) => string, pair: string, tag: string, rows: readonly (readonly [string, number, number, number, number] | string)[]): string {
  const text = rows
    .map((r) => {
      if (typeof r === 'string') return r;
      const [local, o, h, l, c] = r;
      const stamp = `${local.slice(0, 4)}${local.slice(5, 7)}${local.slice(8, 10)} ${local.slice(11, 13)}${local.slice(14, 16)}00`;
      return `${stamp};${o.toFixed(6)};${h.toFixed(6)};${l.toFixed(6)};${c.toFixed(6)};0`;
    })
    .join('\n');
  const p = at(`DAT_ASCII_${pair}_M1_${tag}.csv`);
  writeFileSync(p, `${text}\n`);
  return p;
}

/** Expects two frames to be identical (times, symbols, every value; NaN equals NaN). */
export function expectSameFrame(actual: Frame, expected: Frame, what: string): void {
  expect(actual.symbols, what).toEqual(expected.symbols);
  expect(actual.time.length, `${what}: rows`).toBe(expected.time.length);
  expect(Buffer.from(actual.time.buffer, actual.time.byteOffset, actual.time.byteLength).equals(Buffer.from(expected.time.buffer, expected.time.byteOffset, expected.time.byteLength)), `${what}: times`).toBe(true);
  actual.columns.forEach((c, j) => {
    const e = expected.columns[j]!;
    let bad = -1;
    for (let i = 0; i < c.length; i++) {
      if (!Object.is(c[i], e[i])) {
        bad = i;
        break;
      }
    }
    expect(bad, `${what}: ${actual.symbols[j]} first differing row ${bad} (${c[bad]} vs ${e[bad]})`).toBe(-1);
  });
}

/** Exact equality of two number arrays, reporting the first difference. */
export function expectSameArray(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  expect(actual.length, `${what}: length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect(actual[i], `${what}[${i}]`).toBe(expected[i]);
  }
}

/** Type-7 (linear) quantile of sorted values, as NumPy's default. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}
