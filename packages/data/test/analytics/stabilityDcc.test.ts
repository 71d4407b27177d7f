import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '@soukan/core';
import { dccJson, dccQuery, InputError, Market, readDataset, stabilityJson, stabilityQuery } from '@soukan/data';
import { fixture, sharedData } from '../../../../test/helpers/sharedData.js';

const about = { description: 'ECB' };
let market: Market | undefined;
async function ecb(): Promise<Market> {
  if (!market) {
    const ds = await readDataset(sharedData('eurofxref-hist.zip'));
    market = new Market(ds.series, { label: ds.source });
  }
  return market;
}

// The core fixtures, reached through the request functions: same data, same windows.
const stab = JSON.parse(readFileSync(fixture('packages/core/test/stability/fixtures/stability.json'), 'utf8')) as {
  symbols: string[];
  returns: number;
  window: number;
  rolling: { i: number; j: number; windows: number; sd: number; sameSign: number; score: number }[];
  change: { window: number; fisher: { i: number; j: number; current: number; previous: number; z: number; pValue: number }[]; jennrich: { statistic: number; pValue: number } }[];
};
const dcc = JSON.parse(readFileSync(fixture('packages/core/test/dcc/fixtures/dcc.json'), 'utf8')) as {
  sets: Record<string, { symbols: string[]; T: number; a: number; b: number; logLik: number; forecast: Record<string, number[]> }>;
};

describe('stabilityQuery / stabilityJson on ECB data (stability.gen.py: pandas, NumPy, SciPy)', () => {
  it('six EUR crosses 2015–2019, window 60: rolling score, Fisher z per cell and Jennrich as the reference', async () => {
    const r = stabilityQuery(await ecb(), { symbols: stab.symbols, window: 60, history: stab.returns, end: parseIsoDate('2019-12-31') });
    const j = stabilityJson(r, about);
    expect(j.history.returns).toBe(stab.returns);
    expect(j.history.to).toBe('2019-12-31');
    expect(j.cells.length).toBe(15);
    const ch = stab.change.find((c) => c.window === 60)!;
    for (const c of stab.rolling) {
      const cell = j.cells.find((x) => x.a === stab.symbols[c.i] && x.b === stab.symbols[c.j])!;
      expect(cell.rolling.windows).toBe(c.windows);
      expect(Math.abs(cell.rolling.sd! - c.sd)).toBeLessThan(1e-10);
      expect(cell.rolling.sameSign).toBe(c.sameSign);
      expect(Math.abs(cell.rolling.score! - c.score)).toBeLessThan(1e-10);
      const f = ch.fisher.find((x) => x.i === c.i && x.j === c.j)!;
      expect(Math.abs(cell.current! - f.current)).toBeLessThan(1e-13);
      expect(Math.abs(cell.z! - f.z)).toBeLessThan(1e-11);
      expect(cell.changed).toBe(f.pValue < 0.05);
    }
    expect(Math.abs(j.matrix.statistic! - ch.jennrich.statistic) / ch.jennrich.statistic).toBeLessThan(1e-10);
    expect(j.matrix.changed).toBe(ch.jennrich.pValue < 0.05);
    expect(j.current.to).toBe('2019-12-31');
  });
  it('too little history, and a bad level, are input errors naming the numbers', async () => {
    const m = await ecb();
    expect(() => stabilityQuery(m, { symbols: ['EUR/USD', 'EUR/GBP'], window: 60, history: 100 })).toThrow(/two windows of 60 returns \(120\)/);
    expect(() => stabilityQuery(m, { symbols: ['EUR/USD', 'EUR/GBP'], level: 1.5 })).toThrow(InputError);
  });
});

describe('dccQuery / dccJson on ECB data (dcc.gen.py: SciPy, Engle 2002)', () => {
  it('six EUR crosses 2010–2019: a, b, log-likelihood and forecasts as the reference', async () => {
    const ref = dcc.sets.ecb6!;
    const r = dccQuery(await ecb(), { symbols: ref.symbols, window: ref.T, end: parseIsoDate('2019-12-31'), horizon: 20, series: true });
    const j = dccJson(r, about);
    expect(j.returns.n).toBe(ref.T);
    expect(Math.abs(j.model.a - ref.a)).toBeLessThan(1e-6);
    expect(Math.abs(j.model.b - ref.b)).toBeLessThan(1e-6);
    expect(j.model.logLikelihood).toBeGreaterThanOrEqual(ref.logLik - 1e-5);
    const k = ref.symbols.length;
    for (const p of j.pairs) {
      const i = ref.symbols.indexOf(p.a!);
      const jj = ref.symbols.indexOf(p.b!);
      expect(p.forecast.length).toBe(20);
      for (const h of ['1', '5', '20']) expect(Math.abs(p.forecast[Number(h) - 1]! - ref.forecast[h]![i * k + jj]!)).toBeLessThan(1e-5);
    }
    expect(j.series!.rho.length).toBe(15);
    expect(j.series!.rho[0]!.length).toBe(ref.T);
    expect(j.series!.time[ref.T - 1]).toBe('2019-12-31');
  }, 60_000);
  it('too few returns and unknown parameters are input errors', async () => {
    const m = await ecb();
    expect(() => dccQuery(m, { symbols: ['EUR/USD', 'EUR/GBP'], window: 50 })).toThrow(InputError);
    expect(() => dccQuery(m, { symbols: ['EUR/USD', 'EUR/GBP'], end: parseIsoDate('1999-03-01') })).toThrow(/at least 100 common returns/);
  });
});
