// The covariance model behind portfolio VaR and exposure: which estimator the rule picks, and
// that the request functions report it and compute from it. The estimators themselves are
// checked against scikit-learn and the Ledoit–Wolf paper in packages/core/test/shrinkage.
import { beforeAll, describe, expect, it } from 'vitest';
import { averagePairwiseCorrelation, covarianceMatrix, diversificationRatio, ledoitWolf, ledoitWolfConstantCorrelation, oas } from '@soukan/core';
import { sharedData } from '../../../../test/helpers/sharedData.js';
import { covarianceModel, exposureJson, exposureQuery, Market, parseShrink, positionsFromWords, readDataset, returnMatrix, varQuery } from '../../src/index.js';

let market: Market;
beforeAll(async () => {
  const ds = await readDataset(sharedData('eurofxref-hist.zip'));
  market = new Market(ds.series, { label: 'ECB', frequency: ds.frequency });
});

const SYMBOLS = ['EUR/USD', 'GBP/USD', 'USD/JPY', 'USD/CHF', 'AUD/USD'];
const END = Date.UTC(2019, 11, 31);

describe('covarianceModel: the rule and the estimators (ECB daily log returns to 2019-12-31)', () => {
  it('auto: sample covariance with ≥ 10 returns per series, Ledoit–Wolf constant correlation below, rescaled to ddof 1', () => {
    const big = returnMatrix(market, SYMBOLS, 500, END);
    const a = covarianceModel(big.R, big.T, 5);
    expect(a.estimator).toBe('sample');
    expect(a.shrinkage).toBe(0);
    expect(Array.from(a.cov)).toEqual(Array.from(covarianceMatrix(big.R, big.T, 5)));
    const small = returnMatrix(market, SYMBOLS, 40, END);
    const b = covarianceModel(small.R, small.T, 5);
    expect(b.estimator).toBe('ledoit-wolf-constant-correlation');
    const ref = ledoitWolfConstantCorrelation(small.R, small.T, 5);
    expect(b.shrinkage).toBe(ref.shrinkage);
    expect(b.shrinkage).toBeGreaterThan(0);
    expect(b.rule).toMatch(/auto: 40 returns for 5 series \(fewer than 10 per series: shrunk\)/);
    const sample = covarianceMatrix(small.R, small.T, 5);
    for (let i = 0; i < 25; i++) expect(b.cov[i]).toBeCloseTo((ref.covariance[i]! * 40) / 39, 18);
    // Constant-correlation keeps every variance: the diagonal is the sample one.
    for (let j = 0; j < 5; j++) expect(Math.abs(b.cov[j * 6]! / sample[j * 6]! - 1)).toBeLessThan(1e-13);
  });
  it('forced estimators and none; a constant series leaves the sample matrix for the caller to refuse', () => {
    const small = returnMatrix(market, SYMBOLS, 40, END);
    expect(covarianceModel(small.R, small.T, 5, 'none').estimator).toBe('sample');
    expect(covarianceModel(small.R, small.T, 5, 'lw').shrinkage).toBe(ledoitWolf(small.R, small.T, 5).shrinkage);
    expect(covarianceModel(small.R, small.T, 5, 'oas').shrinkage).toBe(oas(small.R, small.T, 5).shrinkage);
    const R = Float64Array.from(small.R);
    for (let t = 0; t < small.T; t++) R[t * 5 + 2] = 0;
    const c = covarianceModel(R, small.T, 5);
    expect(c.estimator).toBe('sample');
    expect(c.cov[12]).toBe(0);
    expect(parseShrink(' CC ')).toBe('cc');
    expect(() => parseShrink('ledoit')).toThrow(/shrink must be one of auto, none, cc, lw, oas, got "ledoit"/);
  });
});

describe('exposure and VaR report the estimator, its intensity and the basket diversification', () => {
  const positions = positionsFromWords(['EUR/USD', '+100000', 'GBP/USD', '+50000', 'USD/JPY', '+200000', 'USD/CHF', '-80000', 'AUD/USD', '-30000']);
  it('a short window shrinks; sigma and the diversification figures come from the shrunk matrix', () => {
    const r = exposureQuery(market, { positions, window: 40, end: END, hedge: 'EUR/USD' });
    expect(r.covariance.estimator).toBe('ledoit-wolf-constant-correlation');
    const small = returnMatrix(market, SYMBOLS, 40, END);
    expect(r.covariance.shrinkage).toBe(ledoitWolfConstantCorrelation(small.R, small.T, 5).shrinkage);
    const cov = covarianceModel(small.R, small.T, 5).cov;
    const w = Float64Array.from(r.positions, (p) => p.exposure);
    let v = 0;
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) v += w[i]! * w[j]! * cov[i * 5 + j]!;
    expect(Math.abs(r.sigma / Math.sqrt(v) - 1)).toBeLessThan(1e-12);
    expect(r.diversification.ratio).toBe(diversificationRatio(cov, 5, w));
    expect(r.diversification.riskWeighted).toBe(averagePairwiseCorrelation(cov, 5, w).riskWeighted);
    expect(r.diversification.pairs).toBe(10);
    const j = exposureJson(r, { description: 'ECB' });
    expect(j.risk.covariance).toMatchObject({ estimator: 'ledoit-wolf-constant-correlation', shrinkage: r.covariance.shrinkage });
    expect(j.diversification.ratio).toBe(r.diversification.ratio);
  });
  it('the default window keeps the sample covariance; --shrink none forces it', () => {
    expect(exposureQuery(market, { positions, end: END }).covariance).toMatchObject({ estimator: 'sample', shrinkage: 0 });
    expect(exposureQuery(market, { positions, window: 40, end: END, shrink: 'none' }).covariance.estimator).toBe('sample');
    const v = varQuery(market, { positions, window: 40, end: END, methods: ['monte-carlo'], paths: 1000 });
    expect(v.covariance.estimator).toBe('ledoit-wolf-constant-correlation');
  });
});
