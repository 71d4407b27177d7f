import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../test/helpers/cli.js';
import { fixture, sharedData } from '../../../test/helpers/sharedData.js';

// soukan partial end to end on the ECB file, against NumPy (packages/core/test/partial/fixtures/
// partial.gen.py: EUR/USD, GBP/USD, AUD/USD net of USD/JPY, daily log returns 2015–2019).
const ecb = sharedData('eurofxref-hist.zip');
const doc = JSON.parse(readFileSync(fixture('packages/core/test/partial/fixtures/partial.json'), 'utf8')) as { T: number; covariance: number[]; conditional: { given: number[]; keep: number[]; correlation: number[] }[] };

describe('soukan partial', () => {
  it('json: the correlation net of a pair equals the NumPy Schur complement (1e-12), the raw one numpy.cov', async () => {
    const r = await runCli(['partial', 'EUR/USD', 'GBP/USD', 'AUD/USD', '--given', 'USD/JPY', '--data', ecb, '--window', String(doc.T), '--end', '2019-12-31', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ symbols: ['EUR/USD', 'GBP/USD', 'AUD/USD'], given: ['USD/JPY'], returns: doc.T, end: '2019-12-31' });
    const ref = doc.conditional.find((c) => c.given.length === 1 && c.given[0] === 4)!;
    for (let i = 0; i < 3; i++) for (let j2 = 0; j2 < 3; j2++) expect(Math.abs(j.net[i][j2] - ref.correlation[i * 3 + j2]!)).toBeLessThan(1e-12);
    const S = doc.covariance;
    expect(Math.abs(j.correlation[0][1] - S[1]! / Math.sqrt(S[0]! * S[9]!))).toBeLessThan(1e-12);
  });
  it('net of USD (its strength factor): EUR/USD and GBP/USD lose most of their correlation; bad input exits 2', async () => {
    const r = await runCli(['partial', 'EUR/USD', 'GBP/USD', '--given', 'USD', '--data', ecb, '--end', '2019-12-31', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.given).toEqual(['USD factor']);
    expect(Math.abs(j.net[0][1])).toBeLessThan(Math.abs(j.correlation[0][1]) / 2);
    const t = await runCli(['partial', 'EUR/USD', 'GBP/USD', '--given', 'USD', '--data', ecb, '--end', '2019-12-31']);
    expect(t.stdout).toMatch(/\nNet of USD factor\n/);
    for (const [args, msg] of [
      [['partial', 'EUR/USD', 'GBP/USD'], /--given/],
      [['partial', 'EUR/USD', 'GBP/USD', '--given', 'XYZ'], /given XYZ: no such currency/],
      [['partial', 'EUR/USD', 'GBP/USD', '--given', 'EUR/USD'], /EUR\/USD is given twice/],
    ] as const) {
      const b = await runCli([...args, '--data', ecb]);
      expect(b.code).toBe(2);
      expect(b.stderr).toMatch(msg);
      expect(b.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
