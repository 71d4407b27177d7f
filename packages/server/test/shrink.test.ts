import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryProvider } from '@soukan/data';
import { ecbProvider, json, testApp } from './helpers.js';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

// `soukan corr --shrink` and `GET /api/correlation?shrink=`: the same JSON from both, and the
// coefficients and intensity of each estimator against the references of
// packages/core/test/shrinkage (case ecb30_T60: daily log returns of the 30 EUR/XXX ECB series,
// the last 60 up to 2019-12-31):
//   lw, oas   scikit-learn LedoitWolf / OAS (shrinkage.gen.py): covariance_ and shrinkage_
//   cc        Ledoit & Wolf (2004) constant-correlation target written from the paper in NumPy (shrinkage.gen.py)
//   ss        R corpcor::cor.shrink (corShrink.gen.R): the correlation and its lambda
// The covariance estimators' matrices are turned into correlations here by the definition
// Σᵢⱼ/√(ΣᵢᵢΣⱼⱼ), nothing more.

interface CovCase {
  name: string;
  N: number;
  symbols: string[];
  end: string;
  lw: { shrinkage: number; covariance: number[] };
  oas: { shrinkage: number; covariance: number[] };
  cc: { shrinkage: number; covariance: number[] };
}
const cov = (JSON.parse(readFileSync(fixture('packages/core/test/shrinkage/fixtures/shrinkage.json'), 'utf8')) as { cases: CovCase[] }).cases.find((c) => c.name === 'ecb30_T60')!;
const ss = (JSON.parse(readFileSync(fixture('packages/core/test/shrinkage/fixtures/corShrink.json'), 'utf8')) as { cases: { name: string; lambda: number; correlation: number[] }[] }).cases.find(
  (c) => c.name === 'ecb30_T60',
)!;
const ecb = sharedData('eurofxref-hist.zip');

const toCorrelation = (c: number[], k: number): number[][] => Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => c[i * k + j]! / Math.sqrt(c[i * k + i]! * c[j * k + j]!)));
const square = (v: number[], k: number): number[][] => Array.from({ length: k }, (_, i) => v.slice(i * k, (i + 1) * k));

let data: MemoryProvider;
let app: ReturnType<typeof testApp>['app'];
beforeAll(async () => {
  data = await ecbProvider();
  app = testApp(data).app;
});

function maxDiff(a: (number | null)[][], b: number[][]): number {
  let m = 0;
  a.forEach((row, i) => row.forEach((v, j) => (m = Math.max(m, Math.abs((v ?? Number.NaN) - b[i]![j]!)))));
  return Number.isNaN(m) ? Infinity : m;
}

describe('correlation matrix with --shrink', () => {
  const k = cov.N;
  const want = {
    lw: { intensity: cov.lw.shrinkage, r: toCorrelation(cov.lw.covariance, k), estimator: 'ledoit-wolf-identity' },
    oas: { intensity: cov.oas.shrinkage, r: toCorrelation(cov.oas.covariance, k), estimator: 'oas' },
    cc: { intensity: cov.cc.shrinkage, r: toCorrelation(cov.cc.covariance, k), estimator: 'ledoit-wolf-constant-correlation' },
    ss: { intensity: ss.lambda, r: square(ss.correlation, k), estimator: 'schafer-strimmer' },
  };
  for (const method of ['lw', 'oas', 'cc', 'ss'] as const) {
    it(`${method}: API and CLI give the same JSON, and it matches the reference (1e-10)`, async () => {
      const q = `symbols=${cov.symbols.join(',')}&window=60&end=${cov.end}&shrink=${method}`;
      const api = await json(app.request(`/api/correlation?${q}`));
      expect(api.status, JSON.stringify(api.body)).toBe(200);
      const cli = await runCli(['corr', ...cov.symbols, '--window', '60', '--end', cov.end, '--shrink', method, '--data', ecb, '--format', 'json']);
      expect(cli.code, cli.stderr).toBe(0);
      const j = JSON.parse(cli.stdout);
      const strip = (x: Record<string, unknown>) => ({ ...x, source: null, attribution: null, compute: null });
      expect(strip(j)).toEqual(strip(api.body));
      expect(cli.stderr).toMatch(new RegExp(`note: coefficients shrunk \\(${want[method].estimator}, intensity \\d\\.\\d{4}\\)`));
      expect(j.shrink).toMatchObject({ method, estimator: want[method].estimator });
      expect(Math.abs(j.shrink.intensity - want[method].intensity)).toBeLessThan(1e-10);
      expect(j.observations).toBe(60);
      expect(maxDiff(j.matrix, want[method].r)).toBeLessThan(1e-10);
      // p and ci stay the sample's: the same as without shrinkage.
      const plain = await json(app.request(`/api/correlation?symbols=${cov.symbols.join(',')}&window=60&end=${cov.end}`));
      expect(plain.body.shrink).toBeNull();
      expect(j.p).toEqual(plain.body.p);
      expect(maxDiff(plain.body.matrix, want[method].r)).toBeGreaterThan(1e-3);
    });
  }

  it('refuses shrinkage that has no meaning: Spearman, levels, pairwise alignment, an unknown estimator', async () => {
    const base = 'symbols=EUR/USD,EUR/GBP,EUR/JPY&shrink=lw';
    for (const [extra, pattern] of [
      ['&method=spearman', /shrink goes with method pearson/],
      ['&on=levels', /shrink goes with on returns/],
      ['&align=pairwise', /shrink needs complete rows/],
    ] as const) {
      const r = await json(app.request(`/api/correlation?${base}${extra}`));
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('conflicting-params');
      expect(r.body.error.message).toMatch(pattern);
    }
    const bad = await json(app.request('/api/correlation?symbols=EUR/USD,EUR/GBP&shrink=ridge'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/shrink/);
    const cli = await runCli(['corr', 'EUR/USD', 'EUR/GBP', '--shrink', 'lw', '--method', 'kendall', '--data', ecb]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^soukan: .*--shrink goes with --method pearson/);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    const table = await runCli(['corr', ...cov.symbols.slice(0, 4), '--window', '60', '--end', cov.end, '--shrink', 'cc', '--data', ecb]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout.split('\n')[0]).toMatch(/^Pearson correlation ×100 of daily log returns · shrunk \(ledoit-wolf-constant-correlation, intensity 0\.\d{4}\) · 60 observations · .* → 2019-12-31$/);
  });
});
