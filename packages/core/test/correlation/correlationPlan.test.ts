import { describe, expect, it } from 'vitest';
import { correlationMatrix, type CorrelationMethod } from '@soukan/core';
import {
  CORRELATION_PHASES,
  correlationTaskCount,
  planCorrelation,
  runCorrelationTask,
  TS_KERNELS,
} from '../../src/correlation/plan/index.js';
import { finishCorrelation } from '../../src/correlation/correlationMatrix.js';
import { listSums } from '../../src/correlation/listSums.js';
import { ecbAll } from './ecbMajors.js';
import { f64, loadFixture, refPearson, refSpearman, rng, worst } from './helpers.js';

type Arr = (number | null)[];
const FX = loadFixture<{
  ecb_all: { currencies: string[]; rows: number; returns: Record<string, Arr>; levels: Record<string, Arr> };
  random5: { k: number; rows: number; input: Arr[]; pearson: Arr; spearman: Arr };
}>('pairwise_fast.json');

/** Slow pairwise-complete reference: gather the pair's finite rows, textbook formulas. */
function slow(cols: Float64Array[], method: 'pearson' | 'spearman', minPeriods: number): Float64Array {
  const k = cols.length;
  const out = new Float64Array(k * k).fill(NaN);
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const x: number[] = [];
      const y: number[] = [];
      for (let t = 0; t < cols[i]!.length; t++) {
        if (Number.isFinite(cols[i]![t]!) && Number.isFinite(cols[j]![t]!)) {
          x.push(cols[i]![t]!);
          y.push(cols[j]![t]!);
        }
      }
      if (x.length < Math.max(2, minPeriods) || x.every((v) => v === x[0]) || y.every((v) => v === y[0])) continue;
      out[i * k + j] = out[j * k + i] = i === j ? 1 : method === 'pearson' ? refPearson(x, y) : refSpearman(x, y);
    }
  }
  return out;
}

/** Random columns: factor structure, a level offset and trend, holes at rate `miss` (some in blocks). */
function randomColumns(seed: number, k: number, rows: number, miss: number, offset = 100): Float64Array[] {
  const { uniform, normal } = rng(seed);
  const f = Float64Array.from({ length: rows }, normal);
  return Array.from({ length: k }, (_, j) => {
    let level = offset * (1 + j / k);
    const start = uniform() < 0.2 ? Math.floor(uniform() * rows * 0.5) : 0;
    return Float64Array.from({ length: rows }, (_, t) => {
      level += 0.01 * ((j % 4) * f[t]! + normal()) + 1e-4 * j;
      if (t < start || uniform() < miss) return uniform() < 0.05 ? Infinity : NaN;
      return level;
    });
  });
}

describe('correlationMatrix, masked products (Pearson with differing gaps) — pandas 1.5.3 DataFrame.corr (pairwise_fast.json)', () => {
  const ecb = ecbAll();
  it('the fixture was generated from the same ECB columns', () => {
    expect(ecb.currencies).toEqual(FX.ecb_all.currencies);
    expect(ecb.levels[0]!.length).toBe(FX.ecb_all.rows);
  });
  it.each(['returns', 'levels'] as const)('all ECB currencies, full history, %s: pandas Pearson and Spearman (min_periods 3 and 1000) to 1e-10, two-pass Pearson to 1e-12', (kind) => {
    const cols = ecb[kind];
    const want = FX.ecb_all[kind];
    for (const [key, method, minPeriods] of [
      ['pearson', 'pearson', 3],
      ['spearman', 'spearman', 3],
      ['pearson1000', 'pearson', 1000],
    ] as const) {
      const m = correlationMatrix(cols, { method, minPeriods, significance: false });
      const e = f64(want[key]!);
      // Absolute differences (|r| ≤ 1). pandas' one-pass Welford Pearson is
      // itself ~1e-9 off on the pegged BGN levels (spread 5e-5 of the
      // mean); the two-pass NumPy values below are the accuracy reference.
      const tol = kind === 'levels' && method === 'pearson' ? 1e-8 : 1e-10;
      const d = worst(m.r, e, 1);
      expect(d.err, `${key} at cell ${d.at}`).toBeLessThanOrEqual(tol);
    }
    // Worst cell ~1e-13: BGN/LVL levels, both nearly pegged, where the
    // product form's same-sign sums of the zero-filled columns round more
    // than a two-pass on the pair's own rows.
    const m = correlationMatrix(cols, { significance: false });
    const d = worst(m.r, f64(want.twopass!), 1);
    expect(d.err, `two-pass at cell ${d.at}`).toBeLessThanOrEqual(1e-12);
  });
  it.each(['pearson', 'spearman'] as const)('%s: 40 random level series × 500 rows, 5 percent missing at random, to 1e-10', (method) => {
    const cols = FX.random5.input.map(f64);
    const m = correlationMatrix(cols, { method, significance: false });
    // Absolute (|r| ≤ 1): pandas' Welford is ~2e-13 off on some of these levels.
    const d = worst(m.r, f64(FX.random5[method]), 1);
    expect(d.err, `cell ${d.at}`).toBeLessThanOrEqual(1e-10);
    expect(worst(m.r, slow(cols, method, 3), 1).err).toBeLessThan(1e-12);
  });
});

describe('correlationMatrix, masked products — equal the slow pairwise reference', () => {
  it.each([
    ['sparse gaps (5 percent), 40 level series × 400 rows', 1, 40, 400, 0.05],
    ['no gaps but late starts (masks differ by blocks)', 2, 30, 400, 0],
    ['dense gaps (60 percent): bitset counts', 3, 40, 300, 0.6],
    ['mostly empty columns (97 percent missing)', 4, 25, 400, 0.97],
  ] as const)('%s', (_label, seed, k, rows, miss) => {
    const cols = randomColumns(seed, k, rows, miss);
    for (const method of ['pearson', 'spearman'] as const) {
      const m = correlationMatrix(cols, { method, minPeriods: 3 });
      const ref = slow(cols, method, 3);
      const d = worst(m.r, ref, 1);
      expect(d.err, `${method} at ${d.at}`).toBeLessThan(1e-12);
    }
  });
  it('a column constant on another column’s rows (but not on its own) gives constant-input, as pandas', () => {
    const rows = 200;
    const { normal } = rng(9);
    const a = Float64Array.from({ length: rows }, (_, t) => (t % 10 === 0 ? normal() : 5)); // varies only at t ≡ 0 (mod 10)
    const b = Float64Array.from({ length: rows }, (_, t) => (t % 10 === 0 ? NaN : normal())); // missing exactly there
    const c = Float64Array.from({ length: rows }, (_, t) => (t % 7 === 0 ? NaN : normal()));
    const m = correlationMatrix([a, b, c], { minPeriods: 3 });
    expect(m.reason[0 * 3 + 1]).toBe('constant-input');
    expect(m.r[0 * 3 + 1]).toBeNaN();
    expect(m.r[0 * 3 + 2]).toBeCloseTo(slow([a, b, c], 'pearson', 3)[2]!, 13);
  });
  it('huge magnitudes (1e150) and a sliver of overlap fall back to the exact pair kernel', () => {
    const cols = randomColumns(5, 12, 300, 0.05, 1e150);
    cols[3] = Float64Array.from(cols[3]!, (v, t) => (t < 296 ? NaN : v)); // 4 rows only
    const m = correlationMatrix(cols, { minPeriods: 3 });
    const ref = slow(cols, 'pearson', 3);
    expect(worst(m.r, ref, 1).err).toBeLessThan(1e-12);
  });
});

describe('correlation plan — tasks in any order, on any thread, give the same bits', () => {
  it.each(['pearson', 'spearman', 'kendall'] as CorrelationMethod[])('%s: shuffled task order equals the sequential run', (method) => {
    const cols = randomColumns(11, 70, 150, 0.04);
    const ref = correlationMatrix(cols, { method });
    const plan = planCorrelation(cols, { method }, undefined, 7);
    const { uniform } = rng(3);
    for (const phase of CORRELATION_PHASES) {
      const order = Array.from({ length: correlationTaskCount(plan, phase) }, (_, i) => i).sort(() => uniform() - 0.5);
      for (const i of order) runCorrelationTask(plan, phase, i, TS_KERNELS);
    }
    const got = finishCorrelation(plan, 'pairwise');
    for (const key of ['r', 'n', 'p', 'lo', 'hi'] as const) expect(Array.from(got[key]), key).toEqual(Array.from(ref[key]));
    expect(got.reason).toEqual(ref.reason);
  });
});

describe('listSums — sparse × dense masked products', () => {
  it('equals the direct sums over each list', () => {
    const { uniform, normal } = rng(17);
    const w = 9;
    const rows = 40;
    const zt = Float64Array.from({ length: rows * w }, normal);
    const lists = Array.from({ length: 6 }, () => Array.from({ length: rows }, (_, t) => t).filter(() => uniform() < 0.3));
    const ptr = new Int32Array(lists.length + 1);
    lists.forEach((l, j) => (ptr[j + 1] = ptr[j]! + l.length));
    const idx = Int32Array.from(lists.flat());
    const a = new Float64Array(lists.length * w).fill(9);
    const b = new Float64Array(lists.length * w).fill(9);
    listSums(zt, w, ptr, idx, 1, 5, a, b);
    for (let j = 0; j < lists.length; j++) {
      for (let i = 0; i < w; i++) {
        if (j < 1 || j >= 5) {
          expect(a[j * w + i]).toBe(9);
          continue;
        }
        const s = lists[j]!.reduce((acc, t) => acc + zt[t * w + i]!, 0);
        const q = lists[j]!.reduce((acc, t) => acc + zt[t * w + i]! ** 2, 0);
        expect(a[j * w + i]).toBeCloseTo(s, 13);
        expect(b[j * w + i]).toBeCloseTo(q, 13);
      }
    }
  });
});

describe('memory follows what was asked', () => {
  const u = rng(91).uniform;
  const gapless = Array.from({ length: 9 }, () => Float64Array.from({ length: 120 }, () => u() - 0.5));
  const gappy = gapless.map((c, j) => c.map((v, t) => ((t + j) % 17 === 0 ? NaN : v)));
  for (const method of ['pearson', 'spearman', 'kendall'] as CorrelationMethod[]) {
    for (const [label, cols] of [
      ['one missing pattern', gapless],
      ['differing gaps', gappy],
    ] as const) {
      it(`${method}, ${label}: r only — no p/lo/hi buffers; r, n and reasons as with significance`, () => {
        const plan = planCorrelation(cols, { method, significance: false });
        expect([plan.p.length, plan.lo.length, plan.hi.length]).toEqual([0, 0, 0]);
        if (plan.mode === 'gram' && method !== 'kendall') expect(plan.gram).toBe(plan.r); // the product is written in place
        const lean = correlationMatrix(cols, { method, significance: false });
        const full = correlationMatrix(cols, { method });
        expect(Array.from(lean.r)).toEqual(Array.from(full.r));
        expect(Array.from(lean.n)).toEqual(Array.from(full.n));
        expect(lean.reason).toEqual(full.reason);
        for (const a of [lean.p, lean.lo, lean.hi]) expect(a.every(Number.isNaN) && a.length === 81).toBe(true);
      });
    }
  }
});
