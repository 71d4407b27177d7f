import { cliFlag, correlationPairRequest, correlationRequest, correlationSeriesRequest, parseRequest, RequestError, type RequestSpec } from '@soukan/requests';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ecbProvider, json, testApp } from '../../server/test/helpers.js';
import { makeI18n } from '../src/i18n/i18n';
import { formError, formProblem } from '../src/views/validate';
import { runCli } from '../../../test/helpers/cli.js';
import { sharedData } from '../../../test/helpers/sharedData.js';

// One verdict per request, whichever front end is asked. Each row is one
// request in the API's spelling; the command line gets the same words as
// arguments and --options, the API as a query string, the dashboard as its
// form. They must agree on good or bad, on the error code, and (for the
// command line, which prints no code) on the message the spec words with
// --option names.

type Row = { readonly q: Readonly<Record<string, string>>; readonly code?: string; readonly pageCode?: string | null };

const ecb = sharedData('eurofxref-hist.zip');
const ewmOrRolling = (q: Row['q']): boolean => q.rolling !== undefined || q.ewm !== undefined;

const MATRIX: readonly Row[] = [
  { q: {} },
  { q: { symbols: 'EUR/USD,USD/JPY', window: '60' } },
  { q: { symbols: 'EUR/USD,GBP/USD', from: '2020-01-01', to: '2020-12-31' } },
  { q: { symbols: 'EUR/USD,GBP/USD', window: 'all', method: 'spearman' } },
  { q: { universe: 'jpy-crosses', align: 'ffill:1', order: 'cluster', method: 'Pearson' } },
  { q: { symbols: 'eurusd,USD_JPY', window: '250', minPeriods: '250', confidence: '0.99' } },
  // the drifts of issue 17, each one verdict now
  { q: { window: '250', minPeriods: '300' }, code: 'invalid-param' },
  // Without a timeframe the form cannot know the data's default window (250 on daily, 6,000 on H1): the server's refusal is what the page shows.
  { q: { minPeriods: '300' }, code: 'invalid-param', pageCode: null },
  { q: { window: '100', from: '2020-01-01', to: '2020-12-31' }, code: 'conflicting-params' },
  { q: { window: '10000001' }, code: 'invalid-param' },
  // the one upper bound passes the spec everywhere; the data then says it is too long
  { q: { symbols: 'EUR/USD,USD/JPY', window: '10000000' }, code: 'too-few-observations', pageCode: null },
  { q: { end: '2020-01-01', from: '2019-01-01' }, code: 'conflicting-params' },
  { q: { from: '2021-01-01', to: '2020-01-01' }, code: 'invalid-range' },
  { q: { window: '1' }, code: 'invalid-param' },
  { q: { window: 'abc' }, code: 'invalid-param' },
  { q: { symbols: 'EUR/USD,USD/JPY', universe: 'majors' }, code: 'conflicting-params' },
  { q: { method: 'cosine' }, code: 'invalid-param' },
  { q: { confidence: '1' }, code: 'invalid-param' },
  { q: { align: 'outer' }, code: 'invalid-param' },
  { q: { symbols: 'EU/USD,USD/JPY' }, code: 'invalid-param' },
  { q: { timeframe: 'D2' }, code: 'invalid-param' },
  { q: { universe: 'minors' }, code: 'invalid-param' },
];

const SERIES: readonly Row[] = [
  { q: { symbols: 'EUR/USD,GBP/USD', rolling: '60' } },
  { q: { symbols: 'AUD/USD,NZD/USD', ewm: '0.94', from: '2024-01-01' } },
  { q: { symbols: 'EUR/USD,GBP/USD', rolling: '60', ewm: '0.94' }, code: 'conflicting-params' },
  { q: { symbols: 'EUR/USD,GBP/USD,USD/JPY', rolling: '60' }, code: 'invalid-param' },
  { q: { symbols: 'EUR/USD,GBP/USD', rolling: '60', minPeriods: '100' }, code: 'invalid-param' },
  { q: { symbols: 'EUR/USD,GBP/USD', rolling: '60', method: 'spearman' }, code: 'invalid-param' },
  { q: { symbols: 'EUR/USD,GBP/USD', rolling: '1' }, code: 'invalid-param' },
  { q: { symbols: 'EUR/USD,GBP/USD', ewm: '1.5' }, code: 'invalid-param' },
  { q: { symbols: 'EUR/USD,GBP/USD', rolling: '60', window: '100' } },
  { q: { symbols: 'EUR/USD,GBP/USD', rolling: '60', window: '100', from: '2020-01-01' }, code: 'conflicting-params' },
];

const PAIR: readonly Row[] = [
  { q: { symbols: 'EUR/USD,GBP/USD' } },
  { q: { symbols: 'EUR/USD,GBP/USD', rolling: '20', window: '100', method: 'kendall' } },
  { q: { symbols: 'EUR/USD,GBP/USD', window: '100', from: '2020-01-01' }, code: 'conflicting-params' },
  { q: { symbols: 'EUR/USD', rolling: '20' }, code: 'invalid-param' },
  { q: { symbols: 'EUR/USD,GBP/USD', rolling: '0' }, code: 'invalid-param' },
  { q: { symbols: 'EUR/USD,GBP/USD', window: '50', minPeriods: '60' }, code: 'invalid-param' },
];

/** The command-line words of a row: symbols as arguments, the rest as --options. */
function argv(q: Row['q']): string[] {
  const words = q.symbols?.split(',') ?? [];
  for (const [k, v] of Object.entries(q)) if (k !== 'symbols') words.push(cliFlag(k), v);
  return words;
}

/** The message the spec gives the command line for a row it refuses (labels as --options). */
function cliMessage(spec: RequestSpec, q: Row['q']): string | undefined {
  const input: Record<string, unknown> = { ...q, ...(q.symbols ? { symbols: q.symbols.split(',') } : {}) };
  try {
    parseRequest(spec, input, { text: true, label: cliFlag });
    return undefined;
  } catch (e) {
    if (e instanceof RequestError) return e.message;
    throw e;
  }
}

let app: ReturnType<typeof testApp>['app'];
beforeAll(async () => {
  app = testApp(await ecbProvider()).app;
});
afterAll(() => {});

const api = (path: string, q: Row['q']) => json(app.request(`${path}?${new URLSearchParams(q)}`));
const label = (q: Row['q']): string => JSON.stringify(q);

describe('CLI, API and dashboard give one verdict per request', () => {
  for (const row of MATRIX) {
    it(`correlation ${label(row.q)} → ${row.code ?? 'ok'}`, async () => {
      const res = await api('/api/correlation', row.q);
      expect(res.body.error?.code, 'API').toBe(row.code);
      expect(res.status).toBe(row.code ? 400 : 200);
      expect(formError(correlationRequest, row.q)?.code ?? null, 'page').toBe(row.pageCode === undefined ? (row.code ?? null) : row.pageCode);
      const cli = await runCli(['corr', ...argv(row.q), '--data', ecb, '--format', 'json']);
      expect(cli.code, `CLI ${cli.stderr}`).toBe(row.code ? 2 : 0);
      if (!row.code) {
        expect(JSON.parse(cli.stdout).matrix, 'CLI and API compute the same matrix').toEqual(res.body.matrix);
      } else {
        const msg = cliMessage(correlationRequest, row.q);
        if (msg !== undefined) expect(cli.stderr).toBe(`soukan: ${msg}\n`);
        else expect(cli.stderr).toMatch(new RegExp(res.body.error.message.slice(0, 20).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')));
      }
    });
  }

  for (const row of SERIES) {
    it(`correlation series ${label(row.q)} → ${row.code ?? 'ok'}`, async () => {
      expect(ewmOrRolling(row.q)).toBe(true);
      const res = await api('/api/correlation/series', row.q);
      expect(res.body.error?.code, 'API').toBe(row.code);
      const cli = await runCli(['corr', ...argv(row.q), '--data', ecb, '--format', 'json']);
      expect(cli.code, `CLI ${cli.stderr}`).toBe(row.code ? 2 : 0);
      if (!row.code) expect(JSON.parse(cli.stdout).rho).toEqual(res.body.rho);
      else expect(cli.stderr).toBe(`soukan: ${cliMessage(correlationSeriesRequest, row.q)}\n`);
    });
  }

  for (const row of PAIR) {
    it(`correlation pair ${label(row.q)} → ${row.code ?? 'ok'} (API and page; the CLI has no pair view)`, async () => {
      const res = await api('/api/correlation/pair', row.q);
      expect(res.body.error?.code, 'API').toBe(row.code);
      expect(formError(correlationPairRequest, row.q)?.code ?? null, 'page').toBe(row.code ?? null);
    });
  }
});

describe('the page words a refusal with the form labels of the spec, in its language', () => {
  const en = makeI18n('en', () => {});
  const ja = makeI18n('ja', () => {});
  it('minimum periods over the window, and a window with a date range', () => {
    const over = { window: '250', minPeriods: '300' };
    expect(formProblem(correlationRequest, over, en)).toBe('The value of “Minimum periods” is not valid: expected at most 250.');
    expect(formProblem(correlationRequest, over, ja)).toBe('「最小観測数」の値が正しくありません（期待される値：250 以下）。');
    const both = { window: '100', from: '2020-01-01', to: '2020-12-31' };
    expect(formProblem(correlationRequest, both, en)).toBe('Give “Window” or “From”, not both.');
    expect(formProblem(correlationRequest, both, ja)).toBe('「期間」と「開始日」は同時に指定できません。');
    // What the API answers keeps the parameter's own name; only the page's wording changes.
    expect(formError(correlationRequest, over)?.params.param).toBe('minPeriods');
  });
});

