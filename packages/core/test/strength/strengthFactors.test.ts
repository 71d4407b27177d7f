import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alignSeries, allPairs, formatIsoDate, frameReturns, MAJOR_CURRENCIES, parseIsoDate, strengthDesign, strengthFactors, windowFrame, type Frame } from '@soukan/core';
import { readDataset } from '@soukan/data';
import { fixture, sharedData } from '../../../../test/helpers/sharedData.js';

interface Fx {
  currencies: string[];
  symbols: string[];
  dates: string[];
  returns: (number | null)[][];
  zeroSum: (number[] | null)[];
  numeraireUSD: (number[] | null)[];
  rms: (number | null)[];
  r2: (number | null)[];
  identified: number[];
  pairsUsed: number[];
}
const fx = JSON.parse(readFileSync(fixture('packages/core/test/strength/fixtures/strength.json'), 'utf8')) as Fx;
const num = (v: number | null): number => (v === null ? Number.NaN : v);

function fixtureFrame(): Frame {
  return {
    time: Float64Array.from(fx.dates, parseIsoDate),
    symbols: fx.symbols,
    columns: fx.symbols.map((_, j) => Float64Array.from(fx.returns, (row) => num(row[j]!))),
  };
}

describe('strengthFactors against numpy.linalg.lstsq (ECB + H.10 pairs, 2019–2020)', () => {
  it('soukan reads the same returns from the real files (readDataset, pairwise alignment, log returns)', async () => {
    const ecb = await readDataset(sharedData('eurofxref-hist.zip'));
    const h10 = await readDataset(sharedData('frb_h10_daily.csv'));
    const pick = (ds: typeof ecb, s: string) => ds.series.find((x) => x.symbol === s)!;
    const series = fx.symbols.map((s) => pick(s.startsWith('EUR/') ? ecb : h10, s));
    const prices = windowFrame(alignSeries(series, { kind: 'pairwise' }).frame, { kind: 'range', from: parseIsoDate('2019-01-01'), to: parseIsoDate('2020-12-31') });
    const r = frameReturns(prices);
    expect(Array.from(r.time, formatIsoDate)).toEqual(fx.dates);
    fx.returns.forEach((row, t) =>
      row.forEach((v, j) => {
        const got = r.columns[j]![t]!;
        if (v === null) expect(got).toBeNaN();
        else expect(Math.abs(got - v)).toBeLessThanOrEqual(1e-15);
      }),
    );
  });

  // Reference: numpy 1.24 numpy.linalg.lstsq on each period's design of available pairs (strength.gen.py).
  const frame = fixtureFrame();
  it('zero-sum factors equal the minimum-norm least-squares solution', () => {
    const f = strengthFactors(frame, { currencies: fx.currencies });
    let worst = 0;
    fx.zeroSum.forEach((ref, t) => {
      expect(f.identified[t]).toBe(fx.identified[t]);
      expect(f.pairsUsed[t]).toBe(fx.pairsUsed[t]);
      if (ref === null) {
        for (let c = 0; c < 8; c++) expect(f.factors[c]![t]).toBeNaN();
        return;
      }
      ref.forEach((v, c) => (worst = Math.max(worst, Math.abs(f.factors[c]![t]! - v))));
      expect(f.rms[t]).toBeCloseTo(fx.rms[t]!, 14);
      expect(Math.abs(f.r2[t]! - fx.r2[t]!)).toBeLessThan(1e-12);
    });
    expect(worst).toBeLessThan(1e-15);
    expect(f.unidentified).toBe(fx.identified.filter((x) => x === 0).length);
  });

  it('USD numéraire factors equal lstsq without the USD column', () => {
    const f = strengthFactors(frame, { currencies: fx.currencies, constraint: { kind: 'numeraire', currency: 'USD' } });
    let worst = 0;
    fx.numeraireUSD.forEach((ref, t) => {
      if (ref === null) return;
      ref.forEach((v, c) => (worst = Math.max(worst, Math.abs(f.factors[c]![t]! - v))));
      expect(f.factors[4]![t]).toBe(0);
    });
    expect(worst).toBeLessThan(1e-15);
  });

  it('the mixed-source pairs really disagree (a non-trivial residual)', () => {
    const f = strengthFactors(frame, { currencies: fx.currencies });
    const full = Array.from(f.rms).filter((_, t) => f.pairsUsed[t] === 13);
    expect(Math.min(...full)).toBeGreaterThan(1e-5);
  });
});

/** A consistent world: one log-price per currency; pair B/Q = exp(p_B − p_Q). */
const currencyMoves = (k: number, T: number) => fc.array(fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: k, maxLength: k }), { minLength: T, maxLength: T });

describe('strengthFactors properties', () => {
  const cur = MAJOR_CURRENCIES;
  const pairs = allPairs(cur);
  const frameOf = (moves: number[][], symbols: readonly string[]): Frame => ({
    time: Float64Array.from(moves, (_, t) => t),
    symbols,
    columns: symbols.map((s) => {
      const [b, q] = s.split('/') as [string, string];
      return Float64Array.from(moves, (m) => m[cur.indexOf(b)]! - m[cur.indexOf(q)]!);
    }),
  });

  it('triangularly consistent pairs: factors reproduce every pair and the residual is 0', () => {
    fc.assert(
      fc.property(currencyMoves(8, 5), (moves) => {
        const fr = frameOf(moves, pairs);
        const f = strengthFactors(fr, { currencies: cur });
        for (let t = 0; t < 5; t++) {
          expect(f.rms[t]).toBeLessThan(1e-15);
          fr.symbols.forEach((s, j) => {
            const [b, q] = s.split('/') as [string, string];
            const fit = f.factors[cur.indexOf(b)]![t]! - f.factors[cur.indexOf(q)]![t]!;
            expect(Math.abs(fit - fr.columns[j]![t]!)).toBeLessThan(1e-15);
          });
        }
      }),
      { numRuns: 50 },
    );
  });

  it('zero-sum holds in every period, with or without gaps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 28, maxLength: 28 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 27 }), { maxLength: 10 }),
        (rows, holes) => {
          const fr: Frame = { time: Float64Array.of(0, 1, 2), symbols: pairs, columns: pairs.map((_, j) => Float64Array.from(rows, (r) => r[j]!)) };
          for (const h of holes) fr.columns[h]![1] = Number.NaN;
          const f = strengthFactors(fr);
          for (let t = 0; t < 3; t++) {
            if (!f.identified[t]) continue;
            let s = 0;
            let big = 0;
            for (const c of f.factors) {
              s += c[t]!;
              big = Math.max(big, Math.abs(c[t]!));
            }
            expect(Math.abs(s)).toBeLessThanOrEqual(1e-15 * Math.max(1, 8 * big));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('quoting a pair the other way round (JPY/USD for USD/JPY) leaves the factors unchanged', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 28, maxLength: 28 }), { minLength: 2, maxLength: 2 }),
        fc.subarray(Array.from({ length: 28 }, (_, i) => i)),
        (rows, flip) => {
          const base: Frame = { time: Float64Array.of(0, 1), symbols: pairs, columns: pairs.map((_, j) => Float64Array.from(rows, (r) => r[j]!)) };
          const flipped: Frame = {
            time: base.time,
            symbols: pairs.map((s, j) => (flip.includes(j) ? s.split('/').reverse().join('/') : s)),
            columns: base.columns.map((c, j) => (flip.includes(j) ? c.map((v) => -v) : c)),
          };
          const a = strengthFactors(base, { currencies: cur });
          const b = strengthFactors(flipped, { currencies: cur });
          a.factors.forEach((col, c) => col.forEach((v, t) => expect(Math.abs(v - b.factors[c]![t]!)).toBeLessThan(1e-15)));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('strengthFactors edge cases', () => {
  const fr = (symbols: string[], cols: number[][]): Frame => ({
    time: Float64Array.from(cols[0] ?? [], (_, i) => i),
    symbols,
    columns: cols.map((c) => Float64Array.from(c)),
  });
  it('names too few currencies, a currency in no pair, unlinked groups, a bad numéraire', () => {
    expect(() => strengthFactors(fr([], []))).toThrow(/at least 2 currencies, got 0/);
    expect(() => strengthFactors(fr(['EUR/USD'], [[0.1]]), { currencies: ['EUR', 'USD', 'JPY'] })).toThrow(/JPY is in no pair/);
    expect(() => strengthFactors(fr(['EUR/USD', 'GBP/JPY'], [[0.1], [0.2]]))).toThrow(/\{EUR USD\} and \{GBP JPY\}|\{.*\} and \{.*\}/);
    expect(() => strengthFactors(fr(['EUR/USD'], [[0.1]]), { currencies: ['EUR', 'GBP'] })).toThrow(/USD, which is not among/);
    expect(() => strengthFactors(fr(['EUR/USD'], [[0.1]]), { constraint: { kind: 'numeraire', currency: 'JPY' } })).toThrow(/numéraire JPY/);
  });
  it('handles two currencies, empty frames, NaN and ±Infinity as missing', () => {
    const f = strengthFactors(fr(['EUR/USD'], [[0.02, Number.NaN, Infinity]]));
    expect(Array.from(f.factors[0]!)).toEqual([0.01, Number.NaN, Number.NaN]);
    expect(Array.from(f.factors[1]!)).toEqual([-0.01, Number.NaN, Number.NaN]);
    expect(Array.from(f.identified)).toEqual([1, 0, 0]);
    expect(f.rms[0]).toBe(0);
    expect(strengthFactors(fr(['EUR/USD'], [[]])).time.length).toBe(0);
    const z = strengthFactors(fr(['EUR/USD', 'USD/JPY', 'EUR/JPY'], [[0], [0], [0]]));
    expect(z.r2[0]).toBeNaN();
    expect(z.rms[0]).toBe(0);
  });
  it('huge magnitudes stay finite and exact in ratio', () => {
    const f = strengthFactors(fr(['EUR/USD', 'USD/JPY', 'EUR/JPY'], [[1e300], [-1e300], [0]]));
    expect(f.factors[0]![0]! / 1e300).toBeCloseTo(1 / 3, 12);
  });
  it('strengthDesign lists the currencies sorted by default', () => {
    expect(strengthDesign(['EUR/USD', 'USD/JPY']).currencies).toEqual(['EUR', 'JPY', 'USD']);
  });
});
