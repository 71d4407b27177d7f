// The whole pipeline — our ECB reader, exact crosses, inner join, returns,
// correlation kernels — against pandas/SciPy computing the same matrices from
// the raw file independently (packages/core/test/fixtures/correlation/correlation.gen.py).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatIsoDate } from '@soukan/core';
import { correlationQuery, Market, readDataset } from '@soukan/data';
import { fixture, sharedData } from '../helpers/sharedData.js';

interface Cell { r: number[]; p: number[]; lo?: number[]; hi?: number[] }
interface Full {
  symbols: string[];
  returnDates: string[];
  levelDates: string[];
  returns: Record<'pearson' | 'spearman' | 'kendall', Cell> & { n: number[] };
  levels: Record<'pearson' | 'spearman' | 'kendall', Cell> & { n: number[] };
}
const ref = JSON.parse(readFileSync(fixture('packages/core/test/fixtures/correlation/ecb_full.json'), 'utf8')) as Full;

let market: Market;
beforeAll(async () => {
  const ds = await readDataset(sharedData('eurofxref-hist.zip'));
  market = new Market(ds.series, { label: 'ECB', frequency: ds.frequency });
});

function close(actual: ArrayLike<number>, expected: readonly (number | null)[], rel: number, abs = 0): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] ?? Number.NaN;
    const a = actual[i]!;
    if (Number.isNaN(e)) {
      expect(a).toBeNaN();
      continue;
    }
    const err = Math.abs(a - e) / Math.max(Math.abs(e), abs > 0 ? abs / rel : 1e-300);
    worst = Math.max(worst, Math.abs(a - e) <= abs ? 0 : err);
  }
  expect(worst).toBeLessThanOrEqual(rel);
}

describe('28 majors on the full ECB history (pandas 1.5.3 / SciPy 1.10, inner join)', () => {
  for (const on of ['returns', 'levels'] as const) {
    for (const method of ['pearson', 'spearman', 'kendall'] as const) {
      it(`${method} on ${on}: coefficients, n, p-values and dates`, async () => {
        const { report } = await correlationQuery(market, { universe: 'majors', window: 'all', on, method });
        expect(report.symbols).toEqual(ref.symbols);
        const dates = on === 'returns' ? ref.returnDates : ref.levelDates;
        expect(formatIsoDate(report.start)).toBe(dates[0]);
        expect(formatIsoDate(report.end)).toBe(dates[dates.length - 1]);
        expect(report.observations).toBe(dates.length);
        const cell = ref[on][method];
        // Pearson: 1e-10 relative (the bar); rank methods the same, p-values 1e-8 relative.
        close(report.r, cell.r, 1e-10, 1e-15);
        close(report.p, cell.p, 1e-8, 1e-300);
        expect(Array.from(report.n)).toEqual(ref[on].n);
        if (cell.lo && cell.hi) {
          close(report.lo, cell.lo, 1e-10, 1e-15);
          close(report.hi, cell.hi, 1e-10, 1e-15);
        }
      });
    }
  }
});
