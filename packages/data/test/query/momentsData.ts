// Real closes and NumPy's sufficient statistics for the moments SQL tests
// (DuckDB here, ClickHouse in test/clickhouse): EUR/USD and GBP/USD 2017 M1
// closes, and per UTC day the two-pass moments of their inner-joined log
// returns (packages/core/test/moments/fixtures/moments.gen.py).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { coMomentsOf, type CoMoments } from '@soukan/core';
import { histDataM1 } from '../../../core/test/risk/helpers/realData.js';
import { fixture } from '../../../../test/helpers/sharedData.js';
import type { WindowMoments } from '../../src/query/coMomentsOfRows.js';

interface RefMoments {
  n: number;
  mean: number[];
  c: number[];
}
interface RefDays {
  joinedRows: number;
  days: { day: string; returns: RefMoments }[];
}

export const DAY_MS = 86_400_000;

/** NumPy's per-day moments of the joined EUR/USD, GBP/USD M1 returns, by day number. */
export function referenceDays(): Map<number, RefMoments> {
  const ref = JSON.parse(readFileSync(fixture('packages/core/test/moments/fixtures/moments.json'), 'utf8')) as { histdata: RefDays };
  return new Map(ref.histdata.days.map((d) => [Date.parse(`${d.day}T00:00:00Z`) / DAY_MS, d.returns]));
}

/** The two series (0: EUR/USD, 1: GBP/USD) as (time, close) columns. */
export async function closes(): Promise<{ time: Float64Array; close: Float64Array }[]> {
  return Promise.all(['EURUSD', 'GBPUSD'].map((p) => histDataM1(p)));
}

/** Per-day co-moments of one series' own consecutive log returns (core's two-pass, checked against NumPy in core). */
export function ownDays(s: { time: Float64Array; close: Float64Array }): Map<number, CoMoments> {
  const by = new Map<number, number[]>();
  for (let i = 1; i < s.time.length; i++) {
    const w = Math.floor(s.time[i]! / DAY_MS);
    if (!by.has(w)) by.set(w, []);
    by.get(w)!.push(Math.log(s.close[i]! / s.close[i - 1]!));
  }
  return new Map([...by].map(([w, r]) => [w, coMomentsOf([Float64Array.from(r), Float64Array.from(r)])]));
}

/** Same n; means within 1e-12 of the spread, co-moments within 1e-12 of √(CᵢᵢCⱼⱼ). */
export function expectMomentsClose(got: CoMoments, want: { n: number; mean: ArrayLike<number>; c: ArrayLike<number> }, what: string): void {
  expect(got.n, what).toBe(want.n);
  for (let i = 0; i < 2; i++) expect(Math.abs(got.mean[i]! - want.mean[i]!), what).toBeLessThanOrEqual(1e-12 * Math.sqrt(want.c[3 * i]! / want.n));
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 2; j++) expect(Math.abs(got.c[2 * i + j]! - want.c[2 * i + j]!), what).toBeLessThanOrEqual(1e-12 * Math.sqrt(want.c[3 * i]! * want.c[3 * j]!));
  }
}

/** Every row of a per-day moments answer against NumPy (the pair) and core (each series alone). */
export async function expectDailyMoments(rows: readonly WindowMoments[]): Promise<void> {
  const ref = referenceDays();
  const own = (await closes()).map(ownDays);
  const pair = rows.filter((r) => r.a === 0 && r.b === 1);
  expect(pair.map((r) => r.w)).toEqual([...ref.keys()]);
  for (const r of pair) expectMomentsClose(r.moments, ref.get(r.w)!, `EUR/USD~GBP/USD day ${r.w}`);
  for (const s of [0, 1]) {
    const alone = rows.filter((r) => r.a === s && r.b === s);
    expect(alone.map((r) => r.w)).toEqual([...own[s]!.keys()]);
    for (const r of alone) expectMomentsClose(r.moments, own[s]!.get(r.w)!, `series ${s} day ${r.w}`);
  }
  expect(rows.length).toBe(pair.length + own[0]!.size + own[1]!.size);
}

/** The closes as CSV rows `i,time,close` (shortest round-trip decimal: read back exactly). */
export function closesCsv(series: readonly { time: Float64Array; close: Float64Array }[]): string {
  const lines: string[] = [];
  series.forEach((s, i) => s.time.forEach((t, r) => lines.push(`${i},${t},${s.close[r]}`)));
  return lines.join('\n') + '\n';
}
