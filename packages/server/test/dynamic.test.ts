import { beforeAll, describe, expect, it } from 'vitest';
import type { MemoryProvider } from '@soukan/data';
import { ecbProvider, json, testApp } from './helpers.js';
import { runCli } from '../../../test/helpers/cli.js';
import { sharedData } from '../../../test/helpers/sharedData.js';

let data: MemoryProvider;
let app: ReturnType<typeof testApp>['app'];
beforeAll(async () => {
  data = await ecbProvider();
  app = testApp(data).app;
});
const get = (path: string) => json(app.request(path));
const ecb = sharedData('eurofxref-hist.zip');

// Values are checked against the references in packages/data/test/analytics/stabilityDcc.test.ts;
// here: the API and the CLI answer with the same JSON, and bad requests are refused with the spec's codes.
describe('GET /api/correlation/stability and soukan stability', () => {
  it('the same JSON from the API and the CLI', async () => {
    const { status, body } = await get('/api/correlation/stability?symbols=EUR/USD,EUR/GBP,EUR/JPY&window=60&history=500&end=2026-04-13');
    expect(status).toBe(200);
    expect(body.cells.length).toBe(3);
    expect(body.matrix.df).toBe(3);
    const cli = await runCli(['stability', 'EUR/USD', 'EUR/GBP', 'EUR/JPY', '--window', '60', '--history', '500', '--end', '2026-04-13', '--data', ecb, '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    const j = JSON.parse(cli.stdout);
    expect({ ...j, source: null, attribution: null }).toEqual({ ...body, source: null, attribution: null });
  });
  it('a window longer than the history is refused with the spec’s code', async () => {
    const { status, body } = await get('/api/correlation/stability?symbols=EUR/USD,EUR/GBP&window=600&history=500');
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid-param');
    const cli = await runCli(['stability', 'EUR/USD', 'EUR/GBP', '--window', '300', '--history', '500', '--data', ecb]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/two windows of 300 returns/);
  });
});

describe('GET /api/dcc and soukan dcc', () => {
  it('the same JSON from the API and the CLI, series on request', async () => {
    const { status, body } = await get('/api/dcc?symbols=EUR/USD,EUR/GBP&window=500&end=2026-04-13&horizon=5&series=true');
    expect(status).toBe(200);
    expect(body.pairs.length).toBe(1);
    expect(body.pairs[0].forecast.length).toBe(5);
    expect(body.series.rho[0].length).toBe(500);
    const cli = await runCli(['dcc', 'EUR/USD', 'EUR/GBP', '--window', '500', '--end', '2026-04-13', '--horizon', '5', '--series', '--data', ecb, '--format', 'json']);
    expect(cli.code, cli.stderr).toBe(0);
    expect({ ...JSON.parse(cli.stdout), source: null, attribution: null }).toEqual({ ...body, source: null, attribution: null });
  }, 60_000);
  it('bad parameters are refused with the spec’s codes', async () => {
    const r = await get('/api/dcc?symbols=EUR/USD,EUR/GBP&horizon=0');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ status: 400, code: 'invalid-param', params: { param: 'horizon' } });
    const cli = await runCli(['dcc', 'EUR/USD', 'EUR/GBP', '--window', '10', '--data', ecb]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/--window/);
  });
});
