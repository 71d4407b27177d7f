import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { correlationMatrix, type CorrelationMethod, type CorrelationReason } from '@soukan/core';
import { ecbMajors } from './ecbMajors.js';
import { f64, jacobiEigenvalues, loadFixture, refKendall, refPearson, refSpearman, rng, worst } from './helpers.js';

type Arr = (number | null)[];
interface Cells {
  r: Arr;
  p: Arr;
  lo: Arr;
  hi: Arr;
  lo99?: Arr;
  hi99?: Arr;
}
interface SciPySet {
  n: number[];
  pearson: Cells;
  spearman: Cells;
  kendall: Cells;
}
const METHODS: CorrelationMethod[] = ['pearson', 'spearman', 'kendall'];
const W = loadFixture<{ symbols: string[]; returns: SciPySet & { input: Arr[] }; levels: SciPySet & { input: Arr[] } }>('ecb_window.json');
const FULL = loadFixture<{ symbols: string[]; levelDates: string[]; returnDates: string[]; returns: SciPySet; levels: SciPySet }>('ecb_full.json');
interface PandasSet {
  minPeriods: number;
  pearson: Arr;
  spearman: Arr;
  kendall: Arr;
}
const H = loadFixture<{
  missing: { symbols: string[]; dates: string[]; returns: H10Case; levels: H10Case };
  constant: { symbols: string[]; input: Arr[]; pandas: PandasSet };
}>('h10_pairwise.json');
interface H10Case {
  input: Arr[];
  scipy: SciPySet;
  pandas: PandasSet;
  pandasStrict: PandasSet;
}

const offDiag =
  (k: number) =>
  (c: number): boolean =>
    Math.floor(c / k) === c % k;

/** Compare a matrix with SciPy per-pair values: r, p (where > 1e-300), CI; diagonal by our own rule. */
function checkAgainstSciPy(columns: Float64Array[], expected: SciPySet, tol: { r: number; p: number; ci: number }): void {
  const k = columns.length;
  for (const method of METHODS) {
    const m = correlationMatrix(columns, { method });
    const e = expected[method];
    const skipDiag = offDiag(k);
    const rErr = worst(m.r, f64(e.r), 0, skipDiag);
    expect(rErr.err, `${method} r at cell ${rErr.at}`).toBeLessThanOrEqual(tol.r);
    const pErr = worst(m.p, f64(e.p), 0, (c) => skipDiag(c) || !(e.p[c]! > 1e-300));
    expect(pErr.err, `${method} p at cell ${pErr.at}`).toBeLessThanOrEqual(tol.p);
    expect(worst(m.lo, f64(e.lo), 0, skipDiag).err, `${method} lo`).toBeLessThanOrEqual(tol.ci);
    expect(worst(m.hi, f64(e.hi), 0, skipDiag).err, `${method} hi`).toBeLessThanOrEqual(tol.ci);
    expect(Array.from(m.n)).toEqual(expected.n);
    for (let i = 0; i < k; i++) {
      expect(m.r[i * k + i]).toBe(1);
      expect(m.reason[i * k + i]).toBeNull();
      if (method !== 'kendall') expect(m.p[i * k + i]).toBe(0);
      else if (e.p[i * k + i]! > 1e-300) expect(Math.abs(m.p[i * k + i]! / e.p[i * k + i]! - 1)).toBeLessThan(1e-10); // kendalltau(x, x)
      else expect(m.p[i * k + i]).toBeLessThan(1e-300);
    }
    expect(m.reason.every((x) => x === null)).toBe(true);
    if (method === 'pearson' && e.lo99) {
      const m99 = correlationMatrix(columns, { method, confidence: 0.99 });
      expect(worst(m99.lo, f64(e.lo99), 0, skipDiag).err).toBeLessThanOrEqual(tol.ci);
      expect(worst(m99.hi, f64(e.hi99!), 0, skipDiag).err).toBeLessThanOrEqual(tol.ci);
    }
  }
}

describe('correlationMatrix — last 260 ECB dates, 28 majors; SciPy 1.10 pearsonr/spearmanr/kendalltau per pair (ecb_window.json)', () => {
  it.each(['returns', 'levels'] as const)('%s: r to 1e-10 relative, p to 1e-10, CIs (0.95 and 0.99) to 1e-10', (kind) => {
    checkAgainstSciPy(W[kind].input.map(f64), W[kind], { r: 1e-10, p: 1e-10, ci: 1e-10 });
  });
});

describe('correlationMatrix — full ECB history, 28 majors, rebuilt from eurofxref-hist.zip (ecb_full.json, SciPy 1.10)', () => {
  const ecb = ecbMajors();
  it('uses the same dates as the fixture', () => {
    expect(ecb.symbols).toEqual(FULL.symbols);
    expect(ecb.dates).toEqual(FULL.levelDates);
    expect(ecb.dates.slice(1)).toEqual(FULL.returnDates);
  });
  it.each(['returns', 'levels'] as const)('%s: all methods, r/p/CI to 1e-10', (kind) => {
    checkAgainstSciPy(ecb[kind], FULL[kind], { r: 1e-10, p: 1e-10, ci: 1e-10 });
  });
});

describe('correlationMatrix — H.10 2007-07…2010-03 with missing days, pairwise (h10_pairwise.json)', () => {
  const cases = H.missing;
  it.each(['returns', 'levels'] as const)('%s: equals pandas 1.5.3 DataFrame.corr(method, min_periods=3) and SciPy on each pair’s rows', (kind) => {
    const c = cases[kind];
    const cols = c.input.map(f64);
    const k = cols.length;
    for (const method of METHODS) {
      const m = correlationMatrix(cols, { method, minPeriods: 3 });
      // pandas' Pearson is a one-pass Welford update, ~5e-14 off in absolute
      // terms on price levels; SciPy's two-pass is the tight reference.
      const pd = worst(m.r, f64(c.pandas[method]), 1e-3);
      expect(pd.err, `${method} vs pandas at ${pd.at}`).toBeLessThanOrEqual(method === 'pearson' ? 1e-10 : 1e-13);
      const sp = worst(m.r, f64(c.scipy[method].r), 0, offDiag(k));
      expect(sp.err, `${method} vs SciPy at ${sp.at}`).toBeLessThanOrEqual(1e-10);
      expect(worst(m.p, f64(c.scipy[method].p), 0, offDiag(k)).err).toBeLessThanOrEqual(1e-10);
      expect(worst(m.lo, f64(c.scipy[method].lo), 0, offDiag(k)).err).toBeLessThanOrEqual(1e-10);
      expect(Array.from(m.n)).toEqual(c.scipy.n);
    }
  });
  it.each(['returns', 'levels'] as const)('%s: a high min_periods leaves NaN exactly where pandas does, with reason too-few-observations', (kind) => {
    const c = cases[kind];
    const cols = c.input.map(f64);
    for (const method of METHODS) {
      const strict = c.pandasStrict;
      const m = correlationMatrix(cols, { method, minPeriods: strict.minPeriods });
      const want = f64(strict[method]);
      expect(worst(m.r, want, 1e-3).err, method).toBeLessThanOrEqual(1e-10);
      let dropped = 0;
      for (let i = 0; i < want.length; i++) {
        if (Number.isNaN(want[i]!)) {
          dropped++;
          expect(m.reason[i]).toBe('too-few-observations');
          expect(m.n[i]).toBeLessThan(strict.minPeriods);
        } else expect(m.reason[i]).toBeNull();
      }
      expect(dropped).toBeGreaterThan(0);
    }
  });
  it("'complete' uses only rows where all columns are present (listwise), one n for every cell", () => {
    const cols = cases.returns.input.map(f64);
    const rows = cols[0]!.length;
    const keep: number[] = [];
    for (let t = 0; t < rows; t++) if (cols.every((c) => Number.isFinite(c[t]!))) keep.push(t);
    const listwise = cols.map((c) => Float64Array.from(keep, (t) => c[t]!));
    for (const method of METHODS) {
      const a = correlationMatrix(cols, { method, missing: 'complete' });
      const b = correlationMatrix(listwise, { method });
      expect(Array.from(a.r)).toEqual(Array.from(b.r));
      expect(Array.from(a.p)).toEqual(Array.from(b.p));
      expect(new Set(a.n).size).toBe(1);
      expect(a.n[0]).toBe(keep.length);
    }
  });
});

describe('correlationMatrix — H.10 2005 H1, USD/CNY pegged (returns exactly 0) (h10_pairwise.json, pandas 1.5.3)', () => {
  const c = H.constant;
  const cols = c.input.map(f64);
  const k = cols.length;
  const cny = c.symbols.indexOf('USD/CNY');
  it.each(METHODS)('%s: NaN wherever pandas is NaN, reason constant-input on the CNY row/column', (method) => {
    const m = correlationMatrix(cols, { method, minPeriods: 1 });
    const want = f64(c.pandas[method]);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const cell = i * k + j;
        if (i === cny || j === cny) {
          expect(m.r[cell]).toBeNaN();
          expect(m.reason[cell]).toBe('constant-input');
          // pandas agrees, except that its Kendall path writes 1.0 on the
          // diagonal of a constant column (frame.py: `elif i == j: c = 1.0`).
          if (!(method === 'kendall' && i === j)) expect(want[cell]).toBeNaN();
          else expect(want[cell]).toBe(1);
        } else expect(Math.abs(m.r[cell]! - want[cell]!)).toBeLessThan(1e-12);
      }
    }
  });
});

describe('correlationMatrix — fast paths equal the slow pairwise reference on random data', () => {
  function reference(cols: Float64Array[], method: CorrelationMethod, minPeriods: number): { r: number[]; n: number[]; reason: CorrelationReason[] } {
    const k = cols.length;
    const r: number[] = [];
    const n: number[] = [];
    const reason: CorrelationReason[] = [];
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const x: number[] = [];
        const y: number[] = [];
        for (let t = 0; t < cols[0]!.length; t++) {
          if (Number.isFinite(cols[i]![t]!) && Number.isFinite(cols[j]![t]!)) {
            x.push(cols[i]![t]!);
            y.push(cols[j]![t]!);
          }
        }
        n.push(x.length);
        if (x.length < Math.max(minPeriods, 2)) {
          r.push(NaN);
          reason.push('too-few-observations');
        } else if (x.every((v) => v === x[0]) || y.every((v) => v === y[0])) {
          r.push(NaN);
          reason.push('constant-input');
        } else {
          r.push(i === j ? 1 : method === 'pearson' ? refPearson(x, y) : method === 'spearman' ? refSpearman(x, y) : refKendall(x, y).tau);
          reason.push(null);
        }
      }
    }
    return { r, n, reason };
  }
  it.each(METHODS)('%s, with NaN/±Infinity holes, constant and short columns', (method) => {
    const { uniform, normal } = rng(method.length * 7919);
    for (let trial = 0; trial < 25; trial++) {
      const k = 1 + Math.floor(uniform() * 9);
      const rows = Math.floor(uniform() * 60);
      const factor = Float64Array.from({ length: rows }, normal);
      const cols = Array.from({ length: k }, (_, j) => {
        const kind = uniform();
        return Float64Array.from({ length: rows }, (_, t) => {
          if (kind < 0.1) return 3; // constant column
          if (kind < 0.2 && t > 4) return NaN; // short column
          const u = uniform();
          if (kind < 0.6 && u < 0.15) return u < 0.01 ? Infinity : NaN;
          const v = factor[t]! * (j % 3) + normal();
          return uniform() < 0.3 ? Math.round(v) : v; // ties
        });
      });
      const minPeriods = Math.floor(uniform() * 6);
      const m = correlationMatrix(cols, { method, minPeriods });
      const ref = reference(cols, method, minPeriods);
      expect(Array.from(m.n)).toEqual(ref.n);
      expect(m.reason).toEqual(ref.reason);
      expect(worst(m.r, ref.r, 1).err).toBeLessThan(1e-12);
    }
  });
});

describe('correlationMatrix — properties (fast-check)', () => {
  const column = (rows: number) => fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: rows, maxLength: rows });
  const data = fc.integer({ min: 4, max: 40 }).chain((rows) => fc.array(column(rows), { minLength: 1, maxLength: 7 }));
  it.each(METHODS)('%s: symmetric, |ρ| ≤ 1, unit diagonal, and positive semi-definite on complete data (λmin ≥ −1e-10, Jacobi)', (method) => {
    fc.assert(
      fc.property(data, (raw) => {
        const cols = raw.map((c) => Float64Array.from(c));
        const k = cols.length;
        const m = correlationMatrix(cols, { method, minPeriods: 2 });
        const ok: number[] = [];
        for (let i = 0; i < k; i++) {
          for (let j = 0; j < k; j++) {
            const v = m.r[i * k + j]!;
            expect(Object.is(v, m.r[j * k + i])).toBe(true);
            if (!Number.isNaN(v)) expect(Math.abs(v)).toBeLessThanOrEqual(1);
          }
          if (m.reason[i * k + i] === null) {
            expect(m.r[i * k + i]).toBe(1);
            ok.push(i);
          }
        }
        // PSD holds for Pearson and Spearman (Gram matrices) on one sample;
        // Kendall's τ-b matrix is PSD without ties (a Gram matrix of sign
        // vectors) — fast-check's doubles are tie-free almost surely.
        const sub = ok.flatMap((i) => ok.map((j) => m.r[i * k + j]!));
        if (ok.length > 0) expect(jacobiEigenvalues(sub, ok.length)[0]).toBeGreaterThanOrEqual(-1e-10);
      }),
      { numRuns: 150 },
    );
  });
  it('Spearman matrix is invariant under strictly increasing transforms of any column', () => {
    // Integer data keep the transforms strictly increasing in floating point
    // too (v·3+7 would merge neighbouring tiny doubles), and bring ties.
    const ints = fc.integer({ min: 4, max: 40 }).chain((rows) =>
      fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: rows, maxLength: rows }), { minLength: 1, maxLength: 7 }),
    );
    const transforms = [(v: number) => v ** 3 + v, (v: number) => Math.exp(v / 100), (v: number) => 2 * v - 5];
    fc.assert(
      fc.property(ints, (raw) => {
        const cols = raw.map((c) => Float64Array.from(c));
        const moved = cols.map((c, j) => c.map(transforms[j % 3]!));
        const a = correlationMatrix(cols, { method: 'spearman', minPeriods: 2 });
        const b = correlationMatrix(moved, { method: 'spearman', minPeriods: 2 });
        expect(worst(a.r, b.r, 1).err).toBeLessThan(1e-12);
        expect(b.reason).toEqual(a.reason);
      }),
      { numRuns: 100 },
    );
  });
});

describe('correlationMatrix — edge inputs', () => {
  const F = (...a: number[]): Float64Array => Float64Array.from(a);
  it('no columns, one column, zero rows, one row', () => {
    expect(correlationMatrix([]).r.length).toBe(0);
    const one = correlationMatrix([F(1, 2, 3)]);
    expect([one.r[0], one.n[0], one.p[0], one.reason[0]]).toEqual([1, 3, 0, null]);
    const empty = correlationMatrix([F(), F()]);
    expect(empty.reason).toEqual(Array(4).fill('too-few-observations'));
    expect(Array.from(empty.n)).toEqual([0, 0, 0, 0]);
    const row = correlationMatrix([F(1), F(2)], { minPeriods: 0 });
    expect(row.reason).toEqual(Array(4).fill('too-few-observations'));
  });
  it('constant, NaN-only, ±Infinity (missing, as pandas’ isfinite mask) and 1e150 magnitudes', () => {
    const m = correlationMatrix([F(1, 2, 3, 4), F(5, 5, 5, 5), F(NaN, NaN, NaN, NaN), F(1e150, 3e150, Infinity, 2e150), F(-Infinity, 2, 6, 8)], { minPeriods: 3 });
    const k = 5;
    expect(m.reason[0 * k + 1]).toBe('constant-input');
    expect(m.reason[1 * k + 1]).toBe('constant-input');
    expect(m.reason[2 * k + 2]).toBe('too-few-observations');
    expect(m.reason[0 * k + 2]).toBe('too-few-observations');
    expect(m.n[3 * k + 3]).toBe(3);
    expect(m.r[0 * k + 3]).toBeCloseTo(refPearson([1, 2, 4], [1, 3, 2]), 14);
    expect(m.n[3 * k + 4]).toBe(2);
    expect(m.reason[3 * k + 4]).toBe('too-few-observations');
    expect(m.r[0 * k + 4]).toBeCloseTo(refPearson([2, 3, 4], [2, 6, 8]), 14);
  });
  it('default min-periods: 20 pairwise observations, capped at the rows (the CLI and API default too)', () => {
    const x = Array.from({ length: 25 }, (_, i) => Math.sin(i) + i / 10);
    const y = Array.from({ length: 25 }, (_, i) => Math.cos(i * 1.3) - i / 7);
    const gappy = y.map((v, i) => (i % 4 === 0 ? NaN : v)); // 18 of 25 present
    const m = correlationMatrix([Float64Array.from(x), Float64Array.from(y), Float64Array.from(gappy)]);
    expect(m.r[1]).toBeCloseTo(refPearson(x, y), 14);
    expect(m.n[2]).toBe(18);
    expect(m.reason[2]).toBe('too-few-observations');
    const short = correlationMatrix([Float64Array.from(x.slice(0, 10)), Float64Array.from(y.slice(0, 10))]);
    expect(short.r[1]).toBeCloseTo(refPearson(x.slice(0, 10), y.slice(0, 10)), 14);
  });
  it('mismatched lengths and invalid options throw', () => {
    expect(() => correlationMatrix([F(1, 2, 3), F(1, 2)])).toThrow('correlationMatrix: column 1 has 2 rows, column 0 has 3');
    expect(() => correlationMatrix([F(1, 2, 3)], { method: 'kendal' as CorrelationMethod })).toThrow('unknown method "kendal"');
    expect(() => correlationMatrix([F(1, 2, 3)], { confidence: 1 })).toThrow('confidence must be in (0, 1), got 1');
    expect(() => correlationMatrix([F(1, 2, 3)], { minPeriods: -1 })).toThrow('minPeriods must be ≥ 0');
  });
  it('significance: false skips p-values and intervals', () => {
    const m = correlationMatrix([F(1, 2, 3, 4, 5), F(2, 1, 4, 3, 5)], { significance: false });
    expect(m.r[1]).toBeCloseTo(0.8, 15);
    expect(Array.from(m.p).every(Number.isNaN)).toBe(true);
    expect(Array.from(m.lo).every(Number.isNaN)).toBe(true);
  });
});
