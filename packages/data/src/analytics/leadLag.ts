import { crossCorrelation, formatIsoTime, frameReturns, grangerCausality, windowBounds, type CrossCorrelation, type GrangerTest, type Timeframe, type Window } from '@soukan/core';
import { DEFAULT_GRANGER_LAGS, DEFAULT_LEADLAG_MAX_LAG, DEFAULT_LEADLAG_WINDOW, leadLagRequest, type LeadLagParams } from '@soukan/requests';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { nul } from './nul.js';
import { parseParams } from './parseParams.js';

/** What `soukan leadlag` computed. */
export interface LeadLagResult {
  readonly symbols: readonly [string, string];
  readonly timeframe: Timeframe;
  /** Aligned log returns used. */
  readonly returns: number;
  readonly start: number;
  readonly end: number;
  readonly cross: CrossCorrelation;
  /** Does x help predict y (x → y), and y → x. */
  readonly granger: { readonly xToY: readonly GrangerTest[]; readonly yToX: readonly GrangerTest[] };
}

/**
 * Lead–lag of two pairs from their aligned log returns (inner join of the
 * bars at `timeframe`, the window's last N returns or a date range):
 * cross-correlation over lags −maxLag … maxLag (x leads y at positive lags)
 * with each lag's t-test p-value and the lag of largest |ρ| with its
 * Bonferroni-adjusted p, and Granger causality (SSR F, χ², LR) in both
 * directions for 1 … `granger` lags (core `crossCorrelation`,
 * `grangerCausality`).
 *
 * @throws InputError for bad parameters (the request spec), pairs the data
 *   cannot build, series that do not overlap, or too few returns for the lags.
 */
export function leadLagQuery(market: Market, params: LeadLagParams): LeadLagResult {
  const p = parseParams(leadLagRequest, params);
  const timeframe: Timeframe = p.timeframe ?? (market.frequency === 'daily' ? 'D1' : 'H1');
  // The spec requires exactly two.
  const symbols = (p.symbols ?? []).map((s) => market.route(s).target.symbol);
  if (symbols[0] === symbols[1]) throw new InputError(`${symbols[0]} is given twice`, { code: 'duplicate-symbol', params: { symbol: symbols[0]! } });
  const { frame } = market.frame(symbols, { kind: 'inner' }, timeframe);
  const r = frameReturns(frame, 'log');
  const w: Window = p.from !== undefined || p.to !== undefined ? { kind: 'range', from: p.from, to: p.to } : { kind: 'last', n: p.window === 'all' ? Number.MAX_SAFE_INTEGER : (p.window ?? DEFAULT_LEADLAG_WINDOW), end: p.end };
  const { start, stop } = windowBounds(r.time, w);
  const T = stop - start;
  const maxLag = p.maxLag ?? DEFAULT_LEADLAG_MAX_LAG;
  const lags = p.granger ?? DEFAULT_GRANGER_LAGS;
  // 3 pairs at the largest lag; Granger at `lags` needs 1 residual degree of freedom.
  const need = Math.max(maxLag + 3, 3 * lags + 2);
  if (T < need) {
    throw new InputError(`too few returns for the lags: ${T} aligned ${timeframe} log returns of ${symbols.join(' and ')} (need at least ${need} for maxLag ${maxLag} and granger ${lags})`, {
      code: 'too-few-observations',
      params: { observations: T, need },
    });
  }
  const x = r.columns[0]!.subarray(start, stop);
  const y = r.columns[1]!.subarray(start, stop);
  return {
    symbols: [symbols[0]!, symbols[1]!],
    timeframe,
    returns: T,
    start: r.time[start]!,
    end: r.time[stop - 1]!,
    cross: crossCorrelation(x, y, maxLag),
    granger: { xToY: grangerCausality(y, x, lags), yToX: grangerCausality(x, y, lags) },
  };
}

/** The JSON shape of a lead–lag report (`soukan leadlag --format json`, `GET /api/leadlag`). */
export function leadLagJson(r: LeadLagResult, about: DataAbout) {
  const tests = (g: readonly GrangerTest[]) =>
    g.map((t) => ({ lag: t.lag, nobs: t.nobs, f: nul(t.f), fP: nul(t.fP), dfNum: t.lag, dfDenom: t.dfDenom, chi2: nul(t.chi2), chi2P: nul(t.chi2P), lr: nul(t.lr), lrP: nul(t.lrP) }));
  const [x, y] = r.symbols;
  return {
    x,
    y,
    timeframe: r.timeframe,
    returns: r.returns,
    start: formatIsoTime(r.start),
    end: formatIsoTime(r.end),
    method: {
      lags: `lag k pairs x at t with y at t + k: k > 0 means ${x} leads ${y}`,
      crossCorrelation: 'Pearson r of the overlapping log returns at each lag; p: two-sided t-test, n − 2 df (valid for serially uncorrelated returns); best: largest |r|, pAdjusted = p × number of lags (Bonferroni)',
      granger: 'statsmodels grangercausalitytests: OLS of y on a constant and its own lags, then with the other series’ lags; SSR F, SSR χ² and likelihood-ratio tests',
    },
    crossCorrelation: Array.from(r.cross.lags, (lag, i) => ({ lag, r: nul(r.cross.r[i]!), n: r.cross.n[i]!, p: nul(r.cross.p[i]!) })),
    best: r.cross.best === null ? null : { lag: r.cross.best.lag, r: nul(r.cross.best.r), n: r.cross.best.n, p: nul(r.cross.best.p), pAdjusted: nul(r.cross.best.pAdjusted) },
    granger: { [`${x} → ${y}`]: tests(r.granger.xToY), [`${y} → ${x}`]: tests(r.granger.yToX) },
    source: about.description,
    attribution: about.attribution ?? null,
  };
}
