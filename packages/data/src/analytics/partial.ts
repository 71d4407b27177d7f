import { conditionalCorrelation, covarianceMatrix, formatIsoTime, frameReturns, parseSymbol, strengthFactors, universe, windowBounds, type Timeframe, type Window } from '@soukan/core';
import { DEFAULT_PARTIAL_WINDOW, partialRequest, type PartialParams } from '@soukan/requests';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { nul } from './nul.js';
import { parseParams } from './parseParams.js';

/** What `soukan partial` computed. */
export interface PartialResult {
  readonly symbols: readonly string[];
  /** What was taken out: `USD factor` for a currency, the pair for a pair. */
  readonly given: readonly string[];
  readonly timeframe: Timeframe;
  readonly returns: number;
  readonly start: number;
  readonly end: number;
  /** k×k Pearson correlation of the log returns. */
  readonly correlation: Float64Array;
  /** k×k correlation net of `given` (core conditionalCorrelation). */
  readonly net: Float64Array;
}

/**
 * Correlation of pairs net of chosen series: the log returns of `symbols`
 * and of the conditioning series over the window, their sample covariance,
 * and the correlation of the Schur complement Σ_XX − Σ_XZ Σ_ZZ⁺ Σ_ZX (core
 * `conditionalCorrelation`). A currency in `given` stands for its
 * least-squares strength factor (core `strengthFactors`, zero-sum) from the
 * major pairs the data can build, computed on the same bars.
 *
 * @throws InputError for bad parameters, pairs the data cannot build, a
 *   given pair that is also a symbol, too few returns.
 */
export function partialQuery(market: Market, params: PartialParams): PartialResult {
  const p = parseParams(partialRequest, params);
  const timeframe: Timeframe = p.timeframe ?? (market.frequency === 'daily' ? 'D1' : 'H1');
  const symbols = (p.symbols ?? []).map((s) => market.route(s).target.symbol);
  if (symbols.length < 2) throw new InputError(`give at least two pairs, got ${symbols.length}`, { code: 'symbol-count', params: { need: 2, count: symbols.length } });
  const words = (p.given ?? '').split(',').map((w) => w.trim());
  const currencies = words.filter((w) => /^[A-Za-z]{3}$/.test(w)).map((w) => w.toUpperCase());
  const givenPairs = words.filter((w) => !/^[A-Za-z]{3}$/.test(w)).map((w) => market.route(parseSymbol(w).symbol).target.symbol);
  for (const s of [...symbols, ...givenPairs]) {
    if ([...symbols, ...givenPairs].indexOf(s) !== [...symbols, ...givenPairs].lastIndexOf(s)) throw new InputError(`${s} is given twice`, { code: 'duplicate-symbol', params: { symbol: s } });
  }
  for (const c of currencies) if (!market.currencies.includes(c)) throw new InputError(`given ${c}: no such currency in ${market.label}`, { code: 'invalid-param', params: { param: 'given', value: c } });
  const majors = currencies.length ? universe('majors').filter((s) => {
    try {
      market.route(s);
      return true;
    } catch {
      return false;
    }
  }) : [];
  const extra = majors.filter((s) => !symbols.includes(s) && !givenPairs.includes(s));
  const all = [...symbols, ...givenPairs, ...extra];
  const { frame } = market.frame(all, { kind: 'inner' }, timeframe);
  const r = frameReturns(frame, 'log');
  const w: Window = p.from !== undefined || p.to !== undefined ? { kind: 'range', from: p.from, to: p.to } : { kind: 'last', n: p.window === 'all' ? Number.MAX_SAFE_INTEGER : (p.window ?? DEFAULT_PARTIAL_WINDOW), end: p.end };
  const { start, stop } = windowBounds(r.time, w);
  const T = stop - start;
  const k = symbols.length;
  const cols: Float64Array[] = [...symbols, ...givenPairs].map((_, j) => r.columns[j]!.subarray(start, stop));
  const labels = [...givenPairs];
  if (currencies.length) {
    const idx = majors.map((s) => all.indexOf(s));
    const f = strengthFactors({ time: r.time.subarray(start, stop), symbols: majors, columns: idx.map((i) => r.columns[i]!.subarray(start, stop)) }, { constraint: { kind: 'zeroSum' } });
    for (const c of currencies) {
      const at = f.currencies.indexOf(c);
      if (at < 0) throw new InputError(`given ${c}: the major pairs in ${market.label} do not include it`, { code: 'invalid-param', params: { param: 'given', value: c } });
      cols.push(f.factors[at]!);
      labels.push(`${c} factor`);
    }
  }
  const m = cols.length;
  if (T < m + 3) throw new InputError(`too few returns: ${T} aligned ${timeframe} log returns for ${m} series (need at least ${m + 3})`, { code: 'too-few-observations', params: { observations: T, need: m + 3 } });
  const R = new Float64Array(T * m);
  for (let t = 0; t < T; t++) for (let j = 0; j < m; j++) R[t * m + j] = cols[j]![t]!;
  const cov = covarianceMatrix(R, T, m);
  const corr = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) corr[i * k + j] = cov[i * m + j]! / Math.sqrt(cov[i * m + i]! * cov[j * m + j]!);
  const given = Array.from({ length: m - k }, (_, i) => k + i);
  return { symbols, given: labels, timeframe, returns: T, start: r.time[start]!, end: r.time[stop - 1]!, correlation: corr, net: conditionalCorrelation(cov, m, given).correlation };
}

/** The JSON shape of a partial-correlation report (`soukan partial --format json`, `GET /api/partial`). */
export function partialJson(r: PartialResult, about: DataAbout) {
  const k = r.symbols.length;
  const rows = (a: Float64Array) => Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => nul(a[i * k + j]!)));
  return {
    symbols: r.symbols,
    given: r.given,
    timeframe: r.timeframe,
    returns: r.returns,
    start: formatIsoTime(r.start),
    end: formatIsoTime(r.end),
    method: 'Pearson correlation of log returns, and net of the given series: correlation of Σ_XX − Σ_XZ Σ_ZZ⁺ Σ_ZX (the precision matrix’s X block inverted); a currency stands for its zero-sum least-squares strength factor from the major pairs',
    correlation: rows(r.correlation),
    net: rows(r.net),
    source: about.description,
    attribution: about.attribution ?? null,
  };
}
