// Incremental (streaming) analytics replayed over the real 2017 HistData M1
// closes of eight pairs (inner-joined minutes, 355,856 log returns, 28 pairs),
// one row at a time, against
// - pandas 1.5.3 (fixtures/incremental.gen.py): Series.rolling(1440).corr,
//   .ewm(alpha=0.01).corr, .rolling(1440).std, RiskMetrics EWMA variance, at
//   21 checkpoint rows, to 1e-10;
// - our batch kernels (rollingCorrelationAllPairs, ewmCorrelationAllPairs,
//   ewmaVarianceInto, strengthFactors + strengthIndex) at every row.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  alignSeries,
  ewmaVarianceInto,
  ewmCorrelationAllPairs,
  frameReturns,
  rollingCorrelation,
  rollingCorrelationAllPairs,
  strengthFactors,
  strengthIndex,
  type Frame,
} from '../../src/index.js';
import { EwmaVarianceState, EwmCorrelationState, pairIndices, RollingCorrelationState, RollingVolatilityState, StrengthState } from '../../src/incremental/index.js';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { histDataM1 } from '../risk/helpers/realData.js';

interface Ref {
  pairs: string[];
  window: number;
  lambda: number;
  rows: number;
  firstTime: number;
  lastTime: number;
  checks: number[];
  rolling: (number | null)[][];
  ewm: (number | null)[][];
  std: (number | null)[][];
  ewmaVar: (number | null)[][];
}
const ref = JSON.parse(readFileSync(fixture('packages/core/test/incremental/fixtures/incremental.json'), 'utf8')) as Ref;

function close(a: number, b: number | null, tol: number): boolean {
  if (b === null) return Number.isNaN(a);
  return Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));
}

let rets: Frame;
beforeAll(async () => {
  const bars = await Promise.all(ref.pairs.map((p) => histDataM1(p)));
  const symbols = ref.pairs.map((p) => `${p.slice(0, 3)}/${p.slice(3)}`);
  const prices = alignSeries(bars.map((b, i) => ({ ...b, symbol: symbols[i]! })), { kind: 'inner' }).frame;
  rets = frameReturns(prices);
}, 120_000);

describe('incremental analytics on replayed 2017 HistData M1 (8 pairs, 28 pairs of pairs)', () => {
  it('the replay is the generator’s data', () => {
    expect(rets.time.length).toBe(ref.rows);
    expect([rets.time[0], rets.time.at(-1)]).toEqual([ref.firstTime, ref.lastTime]);
  });

  it('rolling and EWM correlation, rolling std and EWMA variance equal pandas at every checkpoint (1e-10)', () => {
    const k = rets.columns.length;
    const roll = new RollingCorrelationState(k, ref.window);
    const ewm = new EwmCorrelationState(k, ref.lambda);
    const vol = new RollingVolatilityState(k, ref.window);
    const ewma = new EwmaVarianceState(k, ref.lambda);
    const row = new Float64Array(k);
    let c = 0;
    let compared = 0;
    for (let t = 0; t < ref.rows; t++) {
      for (let i = 0; i < k; i++) row[i] = rets.columns[i]![t]!;
      roll.push(row);
      ewm.push(row);
      vol.push(row);
      ewma.push(row);
      if (t !== ref.checks[c]) continue;
      const r = roll.correlations();
      const e = ewm.correlations();
      const s = vol.std();
      const v = ewma.variance();
      for (let q = 0; q < roll.pairs; q++) {
        if (!close(r[q]!, ref.rolling[q]![c]!, 1e-10)) expect.fail(`rolling ρ pair ${q} row ${t}: ${r[q]} vs pandas ${ref.rolling[q]![c]}`);
        if (!close(e[q]!, ref.ewm[q]![c]!, 1e-10)) expect.fail(`EWM ρ pair ${q} row ${t}: ${e[q]} vs pandas ${ref.ewm[q]![c]}`);
        compared += 2;
      }
      for (let i = 0; i < k; i++) {
        // Standard deviations and variances are ~1e-4 and ~1e-8: compare relatively.
        const sr = ref.std[i]![c]!;
        if (!(sr === null ? Number.isNaN(s[i]!) : Math.abs(s[i]! - sr) <= 1e-10 * sr)) expect.fail(`rolling std ${i} row ${t}: ${s[i]} vs pandas ${sr}`);
        const vr = ref.ewmaVar[i]![c]!;
        if (!(Math.abs(v[i]! - vr!) <= 1e-10 * vr!)) expect.fail(`EWMA variance ${i} row ${t}: ${v[i]} vs pandas ${vr}`);
      }
      c++;
    }
    expect(c).toBe(ref.checks.length);
    expect(compared).toBe(ref.checks.length * 56);
    // The window is full and real: every pair has a finite, non-trivial ρ at the end.
    expect(ref.rolling.every((p) => p.at(-1) !== null && Math.abs(p.at(-1)!) > 0.01)).toBe(true);
  });

  it('equal to our batch kernels at every row (rolling 1e-10, EWM to the bit)', () => {
    const k = rets.columns.length;
    const roll = new RollingCorrelationState(k, ref.window);
    const ewm = new EwmCorrelationState(k, ref.lambda);
    const batchR = rollingCorrelationAllPairs(rets.columns, ref.window, { keep: true, average: false }).series;
    const batchE = ewmCorrelationAllPairs(rets.columns, ref.lambda, { keep: true, average: false }).series;
    const row = new Float64Array(k);
    const r = new Float64Array(roll.pairs);
    const e = new Float64Array(roll.pairs);
    let worst = 0;
    for (let t = 0; t < ref.rows; t++) {
      for (let i = 0; i < k; i++) row[i] = rets.columns[i]![t]!;
      roll.push(row);
      ewm.push(row);
      roll.correlations(r);
      ewm.correlations(e);
      for (let q = 0; q < roll.pairs; q++) {
        const b = batchR[q]![t]!;
        const d = Number.isNaN(b) ? (Number.isNaN(r[q]!) ? 0 : Infinity) : Math.abs(r[q]! - b);
        if (d > worst) worst = d;
        if (!Object.is(e[q], batchE[q]![t])) expect.fail(`EWM pair ${q} row ${t}: ${e[q]} vs batch ${batchE[q]![t]}`);
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-10);
  });

  it('EWMA variance equals ewmaVarianceInto at every row, to the bit', () => {
    const k = rets.columns.length;
    const s = new EwmaVarianceState(k, ref.lambda);
    const batch = rets.columns.map((c) => ewmaVarianceInto(c, ref.lambda, new Float64Array(c.length)));
    const row = new Float64Array(k);
    const v = new Float64Array(k);
    for (let t = 0; t < ref.rows; t += 1) {
      for (let i = 0; i < k; i++) row[i] = rets.columns[i]![t]!;
      s.push(row);
      s.variance(v);
      for (let i = 0; i < k; i++) if (!Object.is(v[i], batch[i]![t])) expect.fail(`EWMA ${i} row ${t}: ${v[i]} vs ${batch[i]![t]}`);
    }
  });

  it('currency strength index equals strengthFactors + strengthIndex at every row, to the bit', () => {
    const s = new StrengthState(rets.symbols);
    const f = strengthFactors(rets);
    const idx = strengthIndex(f, rets.time[0]! - 60_000);
    expect(s.currencies).toEqual(f.currencies);
    const row = new Float64Array(rets.columns.length);
    const out = new Float64Array(s.currencies.length);
    for (let t = 0; t < ref.rows; t++) {
      for (let i = 0; i < row.length; i++) row[i] = rets.columns[i]![t]!;
      s.push(row);
      s.index(out);
      for (let c = 0; c < out.length; c++) if (!Object.is(out[c], idx.values[c]![t + 1])) expect.fail(`strength ${s.currencies[c]} row ${t}: ${out[c]} vs ${idx.values[c]![t + 1]}`);
    }
    expect(s.currencies.length).toBe(8);
  });
});

describe('incremental states: edges and laws', () => {
  it('pair order is the all-pairs order', () => {
    expect(pairIndices(4)).toEqual({ pairI: Int32Array.of(0, 0, 0, 1, 1, 2), pairJ: Int32Array.of(1, 2, 3, 2, 3, 3) });
    expect(new RollingCorrelationState(1, 5).pairs).toBe(0);
  });

  it('random series with gaps, NaN and ±∞: rolling state = rollingCorrelation per pair (1e-9); |ρ| ≤ 1', () => {
    const val = fc.integer({ min: -10_000_000, max: 10_000_000 }).map((v) => v / 10_000);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        // Values on a grid of 1e-4 (prices, returns in pips): the batch kernel's reference domain.
        fc.array(fc.tuple(fc.oneof(val, fc.constantFrom(NaN, Infinity, 0, 5)), fc.oneof(val, fc.constantFrom(NaN, -Infinity, 0, 5)), val), { minLength: 1, maxLength: 80 }),
        (w, mp, rows) => {
          const minPeriods = Math.min(mp, w);
          const cols = [0, 1, 2].map((j) => Float64Array.from(rows, (r) => r[j]!));
          const s = new RollingCorrelationState(3, w, { minPeriods });
          const { pairI, pairJ } = pairIndices(3);
          const ref = Array.from(pairI, (i, q) => rollingCorrelation(cols[i]!, cols[pairJ[q]!]!, w, minPeriods));
          rows.forEach((r, t) => {
            s.push(r);
            const got = s.correlations();
            got.forEach((v, q) => {
              const b = ref[q]![t]!;
              if (Number.isNaN(b)) expect(v).toBeNaN();
              else {
                expect(Math.abs(v - b)).toBeLessThanOrEqual(1e-9);
                expect(Math.abs(v)).toBeLessThanOrEqual(1);
              }
            });
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a spread tiny against the level is exact: two-point windows give ±1, far-off centres cost nothing (found by the property below)', () => {
    // Two finite points always correlate ±1 by definition; these windows
    // lost 1e-9 to cancellation in sums of squares of values ~1000.
    const cases: [number[][], number, number][] = [
      [[[0, 0, -999.8985], [NaN, 0.0001, -999.4404], [NaN, NaN, 0]], 1, 2],
      [[[NaN, -999.5487, 0], [0, -999.6877, -0.0001], [0, 0, 0]], 1, 2],
    ];
    for (const [rows, t, q] of cases) {
      const s = new RollingCorrelationState(3, 2, { minPeriods: 0 });
      rows.slice(0, t + 1).forEach((r) => s.push(r));
      expect(Math.abs(s.correlation(q))).toBe(1);
    }
    // A level of 1e6 with moves of 1e-3 (ratio 1e-18, below every rounding
    // of raw sums): equal to the batch kernel, not NaN.
    const x = Float64Array.from({ length: 40 }, (_, i) => 1e6 + ((i * 7) % 11) * 1e-3);
    const y = Float64Array.from({ length: 40 }, (_, i) => -1e6 + ((i * 5) % 13) * 1e-3);
    const ref = rollingCorrelation(x, y, 10, 10);
    const s = new RollingCorrelationState(2, 10);
    x.forEach((v, i) => {
      s.push([v, y[i]!]);
      if (i >= 9) {
        expect(s.correlation(0)).not.toBeNaN();
        expect(Math.abs(s.correlation(0) - ref[i]!)).toBeLessThanOrEqual(1e-9);
      }
    });
  });

  it('constant windows give NaN correlation and zero std; values leaving the window leave no residue', () => {
    const s = new RollingCorrelationState(2, 3);
    const v = new RollingVolatilityState(2, 3);
    for (const r of [[1e12, 1], [-1e12, 2], [5, 3], [5, 4], [5, 5]]) {
      s.push(r);
      v.push(r);
    }
    expect(s.correlation(0)).toBeNaN();
    expect(Array.from(v.std())).toEqual([0, 1]);
    s.push([6, 7]);
    expect(s.correlation(0)).toBeCloseTo(rollingCorrelation([5, 5, 6], [4, 5, 7], 3)[2]!, 14);
  });

  it('bad parameters are refused', () => {
    expect(() => new RollingCorrelationState(2, 0)).toThrow(RangeError);
    expect(() => new RollingCorrelationState(2, 3, { minPeriods: -1 })).toThrow(RangeError);
    expect(() => new EwmCorrelationState(2, 1)).toThrow(RangeError);
    expect(() => new EwmaVarianceState(2, -0.1)).toThrow(RangeError);
    expect(() => new RollingVolatilityState(2, 3, { ddof: -1 })).toThrow(RangeError);
    expect(() => new StrengthState(['EUR/USD', 'GBP/JPY'])).toThrow(/strength/);
  });
});
