// A Pearson correlation matrix built on the native syrk (centre each series,
// aᵀa, divide by the square roots of the diagonal) against NumPy's corrcoef
// on real ECB data: fixtures/pearsonSyrk.json, written by
// fixtures/pearsonSyrk.gen.py (numpy.corrcoef(x, rowvar=False)).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '@soukan/data';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';
import { buildNative } from '../build.mjs';
import { loadNative, type NativeKernels } from '../src/index.js';

interface Case {
  readonly currencies: readonly string[];
  readonly rows: number;
  readonly r: readonly (number | null)[];
}
const ref = JSON.parse(readFileSync(fixture('packages/native/test/fixtures/pearsonSyrk.json'), 'utf8')) as { source: string; cases: Record<'returns2017' | 'levels', Case> };

/** Pearson matrix of the n columns of x (t×n, row-major): centre, syrk, normalise by the diagonal. */
function pearson(k: NativeKernels, x: Float64Array, t: number, n: number): Float64Array {
  const mean = new Float64Array(n);
  for (let r = 0; r < t; r++) for (let j = 0; j < n; j++) mean[j]! += x[r * n + j]!;
  for (let j = 0; j < n; j++) mean[j]! /= t;
  const c = new Float64Array(t * n);
  for (let r = 0; r < t; r++) for (let j = 0; j < n; j++) c[r * n + j] = x[r * n + j]! - mean[j]!;
  const g = new Float64Array(n * n);
  k.syrk(c, t, n, g);
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out[i * n + j] = Math.min(1, Math.max(-1, g[i * n + j]! / Math.sqrt(g[i * n + i]! * g[j * n + j]!)));
  }
  return out;
}

/**
 * ECB fixings from `from` to `to` (inclusive, UTC dates) of the currencies
 * quoted on every fixing of that range, as a t×n row-major matrix of rates
 * (units per 1 EUR), columns in the file's order.
 */
async function completeRates(from: number, to: number): Promise<{ currencies: string[]; x: Float64Array; t: number }> {
  const ds = await readDataset(sharedData('eurofxref-hist.zip'));
  const days = new Set<number>();
  const inRange = ds.series.map((s) => {
    const m = new Map<number, number>();
    s.time.forEach((t, i) => {
      if (t >= from && t <= to) {
        m.set(t, s.close[i]!);
        days.add(t);
      }
    });
    return { currency: s.symbol.replace(/^EUR\//, ''), m };
  });
  const dates = [...days].sort((a, b) => a - b);
  const full = inRange.filter((s) => s.m.size === dates.length);
  const x = new Float64Array(dates.length * full.length);
  dates.forEach((d, r) => full.forEach((s, j) => (x[r * full.length + j] = s.m.get(d)!)));
  return { currencies: full.map((s) => s.currency), x, t: dates.length };
}

function expectClose(got: Float64Array, want: readonly (number | null)[]): void {
  expect(got.length).toBe(want.length);
  let worst = 0;
  want.forEach((w, i) => {
    if (w === null) expect(got[i], `cell ${i}`).toBeNaN();
    else worst = Math.max(worst, Math.abs(got[i]! - w));
  });
  expect(worst).toBeLessThanOrEqual(1e-12);
}

let k: NativeKernels | null = null;
beforeAll(() => {
  buildNative({ log: () => {} });
  k = loadNative();
}, 300_000);

describe.skipIf(process.env.SOUKAN_NATIVE === '0')(`Pearson from native syrk vs ${ref.source}`, () => {
  it('daily log returns of 2017, 31 currencies (BGN is pegged: NaN row and column), within 1e-12', async () => {
    const want = ref.cases.returns2017;
    const rates = await completeRates(Date.UTC(2017, 0, 1), Date.UTC(2017, 11, 31));
    expect(rates.currencies).toEqual(want.currencies);
    const n = rates.currencies.length;
    const t = rates.t - 1;
    expect(t).toBe(want.rows);
    const ret = new Float64Array(t * n);
    for (let r = 0; r < t; r++) for (let j = 0; j < n; j++) ret[r * n + j] = Math.log(rates.x[(r + 1) * n + j]! / rates.x[r * n + j]!);
    expectClose(pearson(k!, ret, t, n), want.r);
  });

  it('rate levels 2000–2017, 17 currencies, 4,606 fixings (magnitudes 0.57 to 1,994: centring first), within 1e-12', async () => {
    const want = ref.cases.levels;
    const rates = await completeRates(Date.UTC(2000, 0, 1), Date.UTC(2017, 11, 31));
    expect(rates.currencies).toEqual(want.currencies);
    expect(rates.t).toBe(want.rows);
    expectClose(pearson(k!, rates.x, rates.t, rates.currencies.length), want.r);
  });
});
