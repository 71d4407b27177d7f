import {
  adfTest,
  correlationDivergence,
  engleGranger,
  formatIsoTime,
  halfLife,
  olsHedgeRatio,
  parseTimeframe,
  returnsInto,
  rollingZScore,
  spread,
  tlsHedgeRatio,
  windowBounds,
  type AdfResult,
  type AutoLag,
  type CorrelationDivergence,
  type EngleGrangerResult,
  type HalfLife,
  type HedgeRatio,
  type Timeframe,
  type TrendTerm,
  type Window,
} from '@soukan/core';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { apiName, withParam, type ParamLabel } from './paramLabel.js';
import { DEFAULT_PAIR_WINDOW, pairRequest } from '@soukan/requests';
import { parseParams } from './parseParams.js';
import { nul } from './nul.js';

export { DEFAULT_PAIR_WINDOW } from '@soukan/requests';

/** Fewest observations the tests are run on. */
export const MIN_PAIR_OBSERVATIONS = 30;

/** A pair-trading request. */
export interface PairParams {
  readonly a: string;
  readonly b: string;
  /** Log prices (default) or price levels. */
  readonly on?: 'log' | 'price';
  /** Hedge ratio used for the spread (default OLS). */
  readonly hedge?: 'ols' | 'tls';
  /** Deterministic terms of the Engle–Granger first step (default c). */
  readonly trend?: TrendTerm;
  readonly autolag?: AutoLag;
  readonly maxLag?: number;
  readonly zWindow?: number;
  readonly corrShort?: number;
  readonly corrLong?: number;
  readonly k?: number;
  /** Significance level of the cointegration verdict (default 5%). */
  readonly level?: '1%' | '5%' | '10%';
  readonly window?: number | 'all';
  readonly end?: number;
  readonly from?: number;
  readonly to?: number;
  readonly timeframe?: string;
}

/** What `soukan pair` computed. */
export interface PairResult {
  readonly a: string;
  readonly b: string;
  readonly on: 'log' | 'price';
  readonly timeframe: Timeframe;
  readonly time: Float64Array;
  readonly priceA: Float64Array;
  readonly priceB: Float64Array;
  readonly ols: HedgeRatio;
  readonly tls: HedgeRatio;
  readonly hedge: 'ols' | 'tls';
  readonly spread: Float64Array;
  readonly zWindow: number;
  readonly z: Float64Array;
  readonly engleGranger: EngleGrangerResult;
  readonly adfSpread: AdfResult;
  /** Cointegrated at `level`: the Engle–Granger τ below its MacKinnon (2010) critical value. */
  readonly verdict: { readonly level: '1%' | '5%' | '10%'; readonly critical: number; readonly cointegrated: boolean };
  readonly adfA: AdfResult;
  readonly adfB: AdfResult;
  readonly halfLife: HalfLife;
  /** Mean spacing of the observations in calendar days (weekends included), to express the half-life in days. */
  readonly spacingDays: number;
  /** On log returns; absent when the data is too short for the windows. */
  readonly divergence?: CorrelationDivergence;
  readonly notes: readonly string[];
}

function windowOf(p: PairParams, label: ParamLabel): Window {
  if (p.from !== undefined || p.to !== undefined) {
    if (p.end !== undefined) throw new InputError(`${label('end')} goes with ${label('window')}; with ${label('from')}/${label('to')} the range is the window`);
    if (p.from !== undefined && p.to !== undefined && p.from > p.to) throw new InputError(`${label('from')} is after ${label('to')}`);
    return { kind: 'range', from: p.from, to: p.to };
  }
  const w = p.window ?? DEFAULT_PAIR_WINDOW;
  return w === 'all' ? { kind: 'range', to: p.end } : { kind: 'last', n: w, end: p.end };
}

/**
 * The pair statistics a user asked for, validated end to end.
 *
 * @throws InputError for unknown or identical symbols, series that do not
 *   overlap, too few observations for the tests or the z-score window, and
 *   bad option values.
 */
export function pairQuery(market: Market, p: PairParams, label: ParamLabel = apiName): PairResult {
  parseParams(pairRequest, p, ['autolag']);
  const notes: string[] = [];
  let timeframe: Timeframe;
  try {
    timeframe = p.timeframe ? parseTimeframe(p.timeframe) : market.frequency === 'daily' ? 'D1' : 'H1';
  } catch (e) {
    throw new InputError(`${label('timeframe')}: ${(e as Error).message}`);
  }
  const a = market.route(p.a).target.symbol;
  const b = market.route(p.b).target.symbol;
  if (a === b) throw new InputError(`the two legs are the same pair (${a}); give two different pairs`);
  const [ba, qa] = a.split('/');
  if (b === `${qa}/${ba}`) throw new InputError(`${b} is ${a} inverted; the spread would be a constant (give two different pairs)`);
  const zWindow = p.zWindow ?? 60;
  const short = p.corrShort ?? 20;
  const long = p.corrLong ?? 120;
  if (short >= long) throw new InputError(`${label('corrShort')} (${short}) must be shorter than ${label('corrLong')} (${long})`);
  const { frame } = market.frame([a, b], { kind: 'inner' }, timeframe);
  if (frame.time.length === 0) {
    const range = (s: string): string => {
      const t = market.series(s).time;
      return t.length ? `${s} ${formatIsoTime(t[0]!)} → ${formatIsoTime(t[t.length - 1]!)}` : `${s} (no data)`;
    };
    throw new InputError(`the series do not overlap in time: ${range(a)}; ${range(b)}`);
  }
  const w = windowOf(p, label);
  const { start, stop } = windowBounds(frame.time, w);
  const n = stop - start;
  if (n < MIN_PAIR_OBSERVATIONS) {
    throw new InputError(
      `too few observations for the cointegration tests: ${n} common ${n === 1 ? 'time' : 'times'} of ${a} and ${b} in the window (need at least ${MIN_PAIR_OBSERVATIONS}); the data runs ${formatIsoTime(frame.time[0]!)} → ${formatIsoTime(frame.time[frame.time.length - 1]!)}`,
    );
  }
  if (w.kind === 'last' && n < w.n) notes.push(`only ${n} common observations for ${label('window')} ${w.n}`);
  if (zWindow > n) throw new InputError(`${label('zWindow')} ${zWindow} is longer than the ${n} observations in the window`);
  const time = frame.time.slice(start, stop);
  const priceA = frame.columns[0]!.slice(start, stop);
  const priceB = frame.columns[1]!.slice(start, stop);
  const on = p.on ?? 'log';
  const y = on === 'log' ? priceA.map(Math.log) : priceA;
  const x = on === 'log' ? priceB.map(Math.log) : priceB;
  const ols = olsHedgeRatio(y, x);
  const tls = tlsHedgeRatio(y, x);
  const hedge = p.hedge ?? 'ols';
  const s = spread(y, x, hedge === 'ols' ? ols : tls);
  const autolag = p.autolag === undefined ? 'aic' : p.autolag;
  const adfOpts = { autolag, maxLag: p.maxLag };
  const eg = withParam(label('maxLag'), () => engleGranger(y, x, { trend: p.trend ?? 'c', ...adfOpts }));
  if (eg.collinear) notes.push(`${a} and ${b} are (almost) perfectly collinear over the window; the Engle–Granger statistic is −∞ and not informative`);
  const adfSpread = withParam(label('maxLag'), () => adfTest(s, { regression: 'c', ...adfOpts }));
  const adfA = withParam(label('maxLag'), () => adfTest(y, { regression: 'c', ...adfOpts }));
  const adfB = withParam(label('maxLag'), () => adfTest(x, { regression: 'c', ...adfOpts }));
  const hl = halfLife(s);
  const level = p.level ?? '5%';
  let divergence: CorrelationDivergence | undefined;
  if (n - 1 >= short + long - 1) {
    const ra = returnsInto(priceA, new Float64Array(n - 1));
    const rb = returnsInto(priceB, new Float64Array(n - 1));
    divergence = correlationDivergence(ra, rb, { short, long, k: p.k ?? 2 });
  } else {
    notes.push(`correlation divergence needs at least ${short + long - 1} returns (${label('corrShort')} ${short} + ${label('corrLong')} ${long} − 1); the window has ${n - 1}`);
  }
  return {
    a,
    b,
    on,
    timeframe,
    time,
    priceA,
    priceB,
    ols,
    tls,
    hedge,
    spread: s,
    zWindow,
    z: rollingZScore(s, zWindow),
    engleGranger: eg,
    adfSpread,
    verdict: { level, critical: eg.criticalValues[level], cointegrated: eg.statistic < eg.criticalValues[level] },
    adfA,
    adfB,
    halfLife: hl,
    spacingDays: (time[n - 1]! - time[0]!) / 86_400_000 / (n - 1),
    divergence,
    notes,
  };
}

const adfJson = (r: AdfResult) => ({
  statistic: nul(r.statistic),
  pValue: nul(r.pValue),
  usedLag: r.usedLag,
  nobs: r.nobs,
  criticalValues: { '1%': nul(r.criticalValues['1%']), '5%': nul(r.criticalValues['5%']), '10%': nul(r.criticalValues['10%']) },
  regression: r.regression,
  autolag: r.autolag,
});

/** The JSON shape of a pair analysis (`soukan pair --format json`, `GET /api/pair`). */
export function pairJson(r: PairResult, loaded: DataAbout) {
  const eg = r.engleGranger;
  const last = r.time.length - 1;
  const d = r.divergence;
  const lastAlert = d ? d.episodes[d.episodes.length - 1] : undefined;
  const hedgeJson = (h: HedgeRatio) => ({ beta: nul(h.beta), alpha: nul(h.alpha), betaSe: nul(h.betaSe), alphaSe: nul(h.alphaSe) });
  return {
    a: r.a,
    b: r.b,
    on: r.on === 'log' ? 'log prices' : 'price levels',
    timeframe: r.timeframe,
    observations: r.time.length,
    start: formatIsoTime(r.time[0]!),
    end: formatIsoTime(r.time[last]!),
    hedge: { used: r.hedge, ols: hedgeJson(r.ols), tls: hedgeJson(r.tls) },
    spread: { latest: nul(r.spread[last]!), zWindow: r.zWindow, zLatest: nul(r.z[last]!) },
    engleGranger: {
      statistic: eg.collinear ? '-Infinity' : nul(eg.statistic),
      pValue: nul(eg.pValue),
      usedLag: Number.isNaN(eg.usedLag) ? null : eg.usedLag,
      nobs: eg.nobs,
      criticalValues: { '1%': nul(eg.criticalValues['1%']), '5%': nul(eg.criticalValues['5%']), '10%': nul(eg.criticalValues['10%']) },
      trend: eg.trend,
      beta: nul(eg.beta),
      alpha: nul(eg.alpha),
      collinear: eg.collinear,
    },
    adf: { spread: adfJson(r.adfSpread), a: adfJson(r.adfA), b: adfJson(r.adfB) },
    verdict: { level: r.verdict.level, critical: nul(r.verdict.critical), cointegrated: r.verdict.cointegrated },
    halfLife: { periods: r.halfLife.halfLife === Infinity ? 'Infinity' : nul(r.halfLife.halfLife), days: nul(r.halfLife.halfLife * r.spacingDays), phi: nul(r.halfLife.phi), b: nul(r.halfLife.b), bSe: nul(r.halfLife.bSe) },
    divergence: d
      ? {
          short: d.short,
          long: d.long,
          k: d.k,
          latest: { shortCorr: nul(d.shortCorr[d.shortCorr.length - 1]!), longCorr: nul(d.longCorr[d.longCorr.length - 1]!), z: nul(d.z[d.z.length - 1]!), alert: d.alert[d.alert.length - 1] === 1 },
          episodes: d.episodes.map((e) => ({ start: formatIsoTime(r.time[e.start + 1]!), end: formatIsoTime(r.time[e.end + 1]!), peakZ: e.peakZ })),
          lastEpisode: lastAlert ? { start: formatIsoTime(r.time[lastAlert.start + 1]!), end: formatIsoTime(r.time[lastAlert.end + 1]!) } : null,
        }
      : null,
    series: {
      time: Array.from(r.time, formatIsoTime),
      a: Array.from(r.priceA),
      b: Array.from(r.priceB),
      spread: Array.from(r.spread, nul),
      z: Array.from(r.z, nul),
      // returns-based series start at the second observation
      shortCorr: d ? [null, ...Array.from(d.shortCorr, nul)] : null,
      longCorr: d ? [null, ...Array.from(d.longCorr, nul)] : null,
      divergenceZ: d ? [null, ...Array.from(d.z, nul)] : null,
    },
    source: loaded.description,
    attribution: loaded.attribution ?? null,
    notes: r.notes,
  };
}

