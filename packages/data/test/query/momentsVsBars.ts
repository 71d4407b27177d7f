// Correlation matrices through the store's sufficient statistics against the
// same matrices through the bars (the path the pandas-checked tests cover),
// on the eight 2017 HistData zips: every alignment, return kind, window and
// timeframe the moments path takes, crosses included. Counts, reasons, the
// window and the order exact; coefficients, p-values and intervals within
// 1e-10. Shared by the DuckDB (query/) and ClickHouse (clickhouse/) tests.
import { expect } from 'vitest';
import type { PriceSeries } from '@soukan/core';
import { correlationQuery, type CorrelationParams, type CorrelationResult } from '../../src/analytics/correlation.js';
import { answer, type MarketQuery } from '../../src/query/marketQuery.js';
import { QueryMarket } from '../../src/query/queryMarket.js';
import type { FrameMoments, MomentsRequest } from '../../src/query/frameMoments.js';
import type { StoredSeries } from '../../src/store/types.js';

const MAJORS8 = ['EUR/USD', 'USD/JPY', 'GBP/USD', 'AUD/USD', 'NZD/USD', 'USD/CAD', 'USD/CHF', 'EUR/JPY'];
const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

/** The requests both paths answer; each one takes the moments path. */
export const MOMENTS_CASES: readonly { name: string; params: CorrelationParams; perPairCounts?: true }[] = [
  { name: 'inner log returns H1, all, with crosses', params: { symbols: [...MAJORS8, 'EUR/GBP', 'AUD/NZD'], timeframe: 'H1', window: 'all' } },
  { name: 'inner simple returns H4, last 500, clustered', params: { symbols: MAJORS8, timeframe: 'H4', window: 500, returns: 'simple', order: 'cluster', confidence: 0.9 } },
  { name: 'inner levels D1, a date range', params: { symbols: MAJORS8.slice(0, 5), timeframe: 'D1', on: 'levels', from: day('2017-03-01'), to: day('2017-09-30') } },
  { name: 'inner log returns M15, last 2000 ending 15 June', params: { symbols: ['EUR/USD', 'GBP/USD', 'EUR/GBP', 'USD/CHF'], timeframe: 'M15', window: 2000, end: day('2017-06-15') } },
  { name: 'pairwise log returns M15, all (per pair counts)', params: { symbols: MAJORS8, timeframe: 'M15', window: 'all', align: { kind: 'pairwise' } }, perPairCounts: true },
  { name: 'pairwise levels M15, a date range', params: { symbols: ['EUR/USD', 'NZD/USD', 'EUR/JPY', 'EUR/GBP'], timeframe: 'M15', from: day('2017-02-01'), to: day('2017-11-30'), on: 'levels', align: { kind: 'pairwise' } }, perPairCounts: true },
];

/** A query that answers everything but moments: the computation reads bars. */
export function barsOnly(q: MarketQuery): MarketQuery {
  return {
    location: q.location,
    list: (): Promise<StoredSeries[]> => q.list(),
    market: (source) => q.market(source),
    closes: (source, symbols, timeframe): Promise<PriceSeries[]> => q.closes(source, symbols, timeframe),
    raw: (source, symbols): Promise<PriceSeries[]> => q.raw(source, symbols),
    moments: (): Promise<FrameMoments | null> => Promise.resolve(null),
  };
}

/** A query that records the moments it is asked for. */
export function counting(q: MarketQuery, asked: MomentsRequest[]): MarketQuery {
  return { ...barsOnly(q), moments: (source, r) => (asked.push(r), q.moments(source, r)) };
}

/** One request through both paths on one store. */
export async function bothPaths(q: MarketQuery, params: CorrelationParams): Promise<{ viaMoments: CorrelationResult; viaBars: CorrelationResult }> {
  const data = await q.market('HistData');
  const viaMoments = await answer(q, new QueryMarket(data), (m) => correlationQuery(m, params));
  const viaBars = await answer(barsOnly(q), new QueryMarket(data), (m) => correlationQuery(m, params));
  return { viaMoments, viaBars };
}

/** The two answers agree: exact where it counts, 1e-10 for the statistics. */
export function expectSameMatrix(viaMoments: CorrelationResult, viaBars: CorrelationResult, what: string, perPairCounts = false): void {
  expect(viaMoments.compute.kernels, `${what}: took the moments path`).toBe('store');
  expect(viaBars.compute.kernels, `${what}: took the bars path`).not.toBe('store');
  const a = viaMoments.report;
  const b = viaBars.report;
  expect(a.symbols, what).toEqual(b.symbols);
  expect([a.observations, a.start, a.end], `${what}: window`).toEqual([b.observations, b.start, b.end]);
  expect([...a.n], `${what}: n`).toEqual([...b.n]);
  expect(a.reason, `${what}: reasons`).toEqual(b.reason);
  expect(a.reason.some((r) => r === null), `${what}: some cell has a coefficient`).toBe(true);
  // Pairwise cases are chosen where the pairs' counts differ, so that the rule is exercised.
  if (perPairCounts) expect(new Set(a.n).size, `${what}: per pair counts differ`).toBeGreaterThan(1);
  for (const f of ['r', 'p', 'lo', 'hi'] as const) {
    let worst = 0;
    a[f].forEach((x, i) => {
      const y = b[f][i]!;
      expect(Number.isNaN(x), `${what}: ${f}[${i}] NaN`).toBe(Number.isNaN(y));
      if (!Number.isNaN(x)) worst = Math.max(worst, Math.abs(x - y));
    });
    expect(worst, `${what}: largest ${f} difference`).toBeLessThanOrEqual(1e-10);
  }
  expect(viaMoments.notes, what).toEqual(viaBars.notes);
}
