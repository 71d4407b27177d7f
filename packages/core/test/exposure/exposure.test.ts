import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accountExposure,
  covarianceMatrix,
  currencyExposure,
  invertPosition,
  minimumVarianceHedge,
  parsePosition,
  parseSymbol,
  portfolioHistoricalRisk,
  portfolioNormalRisk,
  type Position,
} from '@soukan/core';
import { fixture } from '../../../../test/helpers/sharedData.js';
import { between, ecbQuoted, ecbSeries, logReturns } from '../risk/helpers/realData.js';

type Acc = {
  exposures: number[];
  values: Record<string, { amount: number; rate: number; value: number }>;
  sigma: number;
  normal: { confidence: number; var: number; es: number; marginalVar: number[]; marginalEs: number[]; componentVar: number[] }[];
  historical: { confidence: number; var: number; es: number; componentEs: number[]; tailScenarios: number }[];
  hedges: { symbol: string; exposure: number; amount: number; sigmaBefore: number; sigmaAfter: number }[];
};
const ref = JSON.parse(readFileSync(fixture('packages/core/test/exposure/fixtures/exposure.json'), 'utf8')) as {
  asOf: string;
  from: string;
  to: string;
  positions: Position[];
  rates: Record<string, number>;
  net: Record<string, number>;
  accounts: Record<string, Acc>;
};
const rel = (a: number, b: number): number => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(b), 1e-300));

/** Latest ECB rate of any pair on the as-of date. */
let rateOf: (symbol: string) => number;
const returns = new Map<string, Float64Array>();
beforeAll(async () => {
  const quoted = await ecbQuoted();
  const at = Date.parse(`${ref.asOf}T00:00:00Z`);
  const lastEur = new Map<string, number>(quoted.map((s) => [s.symbol.slice(4), s.close[s.time.indexOf(at)]!]));
  lastEur.set('EUR', 1);
  rateOf = (symbol) => {
    const i = parseSymbol(symbol);
    return i.base === 'EUR' ? lastEur.get(i.quote)! : lastEur.get(i.quote)! / lastEur.get(i.base)!;
  };
  for (const s of [...ref.positions.map((p) => p.symbol), 'EUR/USD', 'USD/JPY']) returns.set(s, logReturns(between(await ecbSeries(s), ref.from, ref.to).close));
});

function matrix(symbols: string[]): { R: Float64Array; T: number } {
  const cols = symbols.map((s) => returns.get(s)!);
  const T = cols[0]!.length;
  const R = new Float64Array(T * symbols.length);
  for (let t = 0; t < T; t++) cols.forEach((c, j) => (R[t * symbols.length + j] = c[t]!));
  return { R, T };
}

describe('net exposure and portfolio risk vs NumPy/SciPy on ECB data (exposure.gen.py)', () => {
  it('net currency amounts at the 2019-12-31 fixings', () => {
    for (const [s, r] of Object.entries(ref.rates)) expect(rel(rateOf(s), r)).toBeLessThan(1e-15);
    const net = currencyExposure(ref.positions, rateOf);
    expect([...net.keys()]).toEqual(Object.keys(ref.net));
    for (const [c, v] of Object.entries(ref.net)) expect(rel(net.get(c)!, v)).toBeLessThan(1e-14);
  });
  for (const account of ['USD', 'JPY']) {
    it(`${account} account: values, normal VaR/ES with Euler contributions, historical ES components, hedges`, () => {
      const a = ref.accounts[account]!;
      const acc = accountExposure(currencyExposure(ref.positions, rateOf), account, (c, A) => rateOf(`${c}/${A}`));
      for (const row of acc.rows) {
        const w = a.values[row.currency]!;
        expect(rel(row.value, w.value)).toBeLessThan(1e-13);
        expect(rel(row.rate, w.rate)).toBeLessThan(1e-14);
      }
      expect(Math.abs(acc.net)).toBeLessThan(1e-9 * acc.gross); // a pure FX book has no net value
      const syms = ref.positions.map((p) => p.symbol);
      const w = Float64Array.from(ref.positions, (p) => p.amount * (parseSymbol(p.symbol).base === account ? 1 : rateOf(`${parseSymbol(p.symbol).base}/${account}`)));
      w.forEach((x, i) => expect(rel(x, a.exposures[i]!)).toBeLessThan(1e-14));
      const { R, T } = matrix(syms);
      const k = syms.length;
      const cov = covarianceMatrix(R, T, k);
      const risk = portfolioNormalRisk(cov, k, w, [0.95, 0.99]);
      expect(rel(risk.sigma, a.sigma)).toBeLessThan(1e-12);
      risk.measures.forEach((m, j) => {
        const want = a.normal[j]!;
        expect(rel(m.var, want.var)).toBeLessThan(1e-12);
        expect(rel(m.es, want.es)).toBeLessThan(1e-12);
        let sum = 0;
        m.contributions.forEach((c, i) => {
          // analytic gradient vs NumPy central finite differences (step 1e-3·|w|): O(h²) ≈ 1e-8
          expect(rel(c.marginalVar, want.marginalVar[i]!)).toBeLessThan(1e-7);
          expect(rel(c.marginalEs, want.marginalEs[i]!)).toBeLessThan(1e-7);
          expect(rel(c.componentVar, want.componentVar[i]!)).toBeLessThan(1e-7);
          sum += c.componentVar;
        });
        expect(rel(sum, m.var)).toBeLessThan(1e-12); // Euler: components add up
      });
      portfolioHistoricalRisk(R, T, k, w, [0.95, 0.99]).forEach((m, j) => {
        const want = a.historical[j]!;
        expect(rel(m.var, want.var)).toBeLessThan(1e-12);
        expect(rel(m.es, want.es)).toBeLessThan(1e-12);
        expect(m.tailScenarios).toBe(want.tailScenarios);
        m.componentEs.forEach((c, i) => expect(rel(c, want.componentEs[i]!)).toBeLessThan(1e-10));
        expect(rel(m.componentEs.reduce((p, q) => p + q, 0), m.es)).toBeLessThan(1e-12);
      });
      for (const h of a.hedges) {
        const s2 = syms.includes(h.symbol) ? syms : [...syms, h.symbol];
        const j = s2.indexOf(h.symbol);
        const m2 = matrix(s2);
        const w2 = Float64Array.from({ length: s2.length }, (_, i) => w[i] ?? 0);
        const hedge = minimumVarianceHedge(covarianceMatrix(m2.R, m2.T, s2.length), s2.length, w2, j);
        expect(rel(hedge.exposure, h.exposure)).toBeLessThan(1e-10);
        const unit = parseSymbol(h.symbol).base === account ? 1 : rateOf(`${parseSymbol(h.symbol).base}/${account}`);
        expect(rel(hedge.exposure / unit, h.amount)).toBeLessThan(1e-10);
        expect(rel(hedge.sigmaBefore, h.sigmaBefore)).toBeLessThan(1e-10);
        expect(rel(hedge.sigmaAfter, h.sigmaAfter)).toBeLessThan(1e-9);
        expect(hedge.varianceReduction).toBeGreaterThan(0);
      }
    });
  }
});

describe('exposure laws and parsing', () => {
  const symbols = ['EUR/USD', 'USD/JPY', 'GBP/JPY', 'AUD/NZD', 'USD/CHF', 'EUR/GBP'];
  const positions = fc.array(fc.tuple(fc.constantFrom(...symbols), fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: 0.01, max: 200, noNaN: true })), { minLength: 1, maxLength: 8 });
  it('a position plus its exact inverse (same pair −amount, or the inverted pair at 1/rate) nets to zero; invertPosition keeps the exposure', () => {
    fc.assert(
      fc.property(positions, (ps) => {
        const rates = new Map<string, number>();
        const list: Position[] = [];
        for (const [s, a, r] of ps) {
          rates.set(s, r);
          const inv = parseSymbol(s);
          rates.set(`${inv.quote}/${inv.base}`, 1 / r);
          list.push({ symbol: s, amount: a });
          list.push({ symbol: s, amount: -a });
          const p = { symbol: s, amount: a };
          const q = invertPosition(p, r); // same exposure, written as the inverted pair
          const opposite = { symbol: q.symbol, amount: -q.amount };
          const scale = Math.abs(a) * Math.max(1, r) + 1e-300;
          const rate = (x: string): number => rates.get(x)!;
          for (const v of currencyExposure([p, opposite], rate).values()) expect(Math.abs(v)).toBeLessThanOrEqual(1e-12 * scale);
          const ep = currencyExposure([p], rate);
          for (const [c, v] of currencyExposure([q], rate)) expect(Math.abs(v - ep.get(c)!)).toBeLessThanOrEqual(1e-12 * scale);
        }
        for (const v of currencyExposure(list, (x) => rates.get(x)!).values()) expect(v).toBe(0);
      }),
    );
  });
  it('exposure is additive and homogeneous', () => {
    fc.assert(
      fc.property(positions, fc.double({ min: -10, max: 10, noNaN: true }), (ps, k) => {
        const rate = (s: string): number => ps.find((p) => p[0] === s)?.[2] ?? 1;
        const base = currencyExposure(ps.map(([s, a]) => ({ symbol: s, amount: a })), rate);
        const scaled = currencyExposure(ps.map(([s, a]) => ({ symbol: s, amount: k * a })), rate);
        for (const [c, v] of base) expect(Math.abs(scaled.get(c)! - k * v)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(k * v)));
      }),
    );
  });
  it('example: long EUR/USD, short USD/CHF', () => {
    const m = currencyExposure([{ symbol: 'EUR/USD', amount: 100000 }, { symbol: 'USD/CHF', amount: -50000 }], (s) => ({ 'EUR/USD': 1.1, 'USD/CHF': 0.9 })[s]!);
    expect([...m.entries()].map(([c, v]) => [c, Math.round(v * 1e6) / 1e6])).toEqual([['EUR', 100000], ['USD', -160000], ['CHF', 45000]]);
    expect(currencyExposure([{ symbol: 'EUR/USD', amount: 1 }], () => NaN).get('USD')).toBeNaN();
    expect(currencyExposure([], () => 1).size).toBe(0);
    expect(() => currencyExposure([{ symbol: 'EURO', amount: 1 }], () => 1)).toThrow(/not a currency pair/);
  });
  it('parsePosition accepts the spellings traders type, rejects the rest naming the text', () => {
    expect(parsePosition('EUR/USD +100000')).toEqual({ symbol: 'EUR/USD', amount: 100000 });
    expect(parsePosition('usdchf -50k')).toEqual({ symbol: 'USD/CHF', amount: -50000 });
    expect(parsePosition('GBP_JPY=2e4')).toEqual({ symbol: 'GBP/JPY', amount: 20000 });
    expect(parsePosition('AUD/NZD 1,500,000')).toEqual({ symbol: 'AUD/NZD', amount: 1500000 });
    expect(parsePosition('EUR/GBP 1.5m')).toEqual({ symbol: 'EUR/GBP', amount: 1500000 });
    expect(parsePosition('XAU/USD 100')).toEqual({ symbol: 'XAU/USD', amount: 100 });
    expect(parsePosition('spx500_usd -2')).toEqual({ symbol: 'SPX500/USD', amount: -2 });
    expect(() => parsePosition('SPX500USD 2')).toThrow(/not a currency pair: "SPX500USD"/);
    expect(() => parsePosition('EUR/USD')).toThrow(/not a position: "EUR\/USD"/);
    expect(() => parsePosition('EUR/USD lots')).toThrow(/not a position amount: "lots"/);
    expect(() => parsePosition('EUR/EUR 100')).toThrow(/base and quote/);
    expect(() => parsePosition('EUR/USD 1e400')).toThrow(/out of range/);
  });
  it('accountExposure sorts by size, values the account currency at 1, NaN rates propagate', () => {
    const a = accountExposure(new Map([['EUR', 1e5], ['USD', -1.1e5]]), 'USD', (c) => (c === 'EUR' ? 1.1 : NaN));
    expect(a.gross).toBeCloseTo(220000, 6);
    expect(a.rows.map((r) => r.currency)).toEqual(['EUR', 'USD']);
    expect(a.rows[1]!.rate).toBe(1);
    expect(accountExposure(new Map([['GBP', 1]]), 'USD', () => NaN).net).toBeNaN();
  });
  it('portfolio risk: degenerate input and zero portfolio', () => {
    expect(portfolioNormalRisk(Float64Array.of(1), 1, Float64Array.of(1, 2), [0.99]).sigma).toBeNaN();
    expect(portfolioNormalRisk(Float64Array.of(1e-4), 1, Float64Array.of(1e6), [0.99]).measures[0]!.var).toBeCloseTo(23263.478740408, 6);
    const zero = portfolioNormalRisk(Float64Array.of(1e-4), 1, Float64Array.of(0), [0.99]).measures[0]!;
    expect(zero.var).toBe(0);
    expect(zero.contributions[0]!.marginalVar).toBeNaN();
    expect(portfolioNormalRisk(Float64Array.of(1e-4), 1, Float64Array.of(1), [1]).measures[0]!.var).toBeNaN();
    expect(portfolioHistoricalRisk(new Float64Array(3), 2, 2, Float64Array.of(1, 1), [0.99])[0]!.var).toBeNaN();
    expect(portfolioHistoricalRisk(Float64Array.of(NaN, NaN), 1, 2, Float64Array.of(1, 1), [0.99])[0]!.var).toBeNaN();
    const m = portfolioNormalRisk(Float64Array.of(1e-4, 0, 0, 1e-4), 2, Float64Array.of(1, 1), [0.99], { mean: Float64Array.of(0.001, 0), horizon: 4 }).measures[0]!;
    expect(m.var).toBeCloseTo(2.3263478740408408 * Math.sqrt(2e-4 * 4) - 0.004, 12);
    expect(m.contributions.reduce((s, c) => s + c.componentVar, 0)).toBeCloseTo(m.var, 14);
  });
  it('hedge: example, degenerate input, and a perfect hedge removes all variance', () => {
    expect(minimumVarianceHedge(Float64Array.of(1, 0.5, 0.5, 1), 2, Float64Array.of(100, 0), 1).exposure).toBe(-50);
    const perfect = minimumVarianceHedge(Float64Array.of(1, 1, 1, 1), 2, Float64Array.of(100, 0), 1);
    expect(perfect.exposure).toBe(-100);
    expect(perfect.sigmaAfter).toBe(0);
    expect(perfect.varianceReduction).toBe(1);
    expect(minimumVarianceHedge(Float64Array.of(1, 0, 0, 0), 2, Float64Array.of(1, 0), 1).exposure).toBeNaN();
    expect(minimumVarianceHedge(Float64Array.of(1), 1, Float64Array.of(1), 3).exposure).toBeNaN();
  });
  it('covarianceMatrix = slow definition and numpy.cov example', () => {
    expect(Array.from(covarianceMatrix(Float64Array.of(1, 2, 2, 4, 3, 6), 3, 2))).toEqual([1, 2, 2, 4]);
    expect(Array.from(covarianceMatrix(Float64Array.of(1, 2), 1, 2))).toEqual([NaN, NaN, NaN, NaN]);
  });
});
