import {
  crossInconsistency,
  crossSeries,
  findRoute,
  formatIsoTime,
  intersectTimes,
  parseTimeframe,
  pipSize,
  resampleBars,
  TIMEFRAME_MINUTES,
  windowBounds,
  type CrossInconsistency,
  type PriceSeries,
  type Route,
  type Timeframe,
  type Window,
} from '@soukan/core';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { apiName, type ParamLabel } from './paramLabel.js';
import { crossRequest, defaultWindow } from '@soukan/requests';
import { parseParams } from './parseParams.js';
import { nul } from './nul.js';

export { DEFAULT_CROSS_WINDOW } from '@soukan/requests';


/** A cross request. */
export interface CrossParams {
  readonly symbol: string;
  /** Common currency of the legs (default: USD, then EUR, then any). */
  readonly via?: string;
  /** Last N observations (default 250), or `all`. */
  readonly window?: number | 'all';
  readonly end?: number;
  readonly from?: number;
  readonly to?: number;
  /** Bar size; default D1 for daily data, M1 for intraday (the data's own minutes). */
  readonly timeframe?: string;
}

/** A synthetic cross and, when the data also quotes it, its inconsistency. */
export interface CrossResult {
  readonly symbol: string;
  readonly route: Route;
  readonly timeframe: Timeframe;
  readonly pip: number;
  /** The synthetic rate over the window. */
  readonly synthetic: PriceSeries;
  /** Present when the data quotes the cross (or its inverse) directly. */
  readonly inconsistency?: CrossInconsistency;
  readonly notes: readonly string[];
}

function windowOf(p: CrossParams, timeframe: Timeframe, label: ParamLabel): Window {
  if (p.from !== undefined || p.to !== undefined) {
    if (p.end !== undefined) throw new InputError(`${label('end')} goes with ${label('window')}; with ${label('from')}/${label('to')} the range is the window`);
    if (p.from !== undefined && p.to !== undefined && p.from > p.to) throw new InputError(`${label('from')} is after ${label('to')}`);
    return { kind: 'range', from: p.from, to: p.to };
  }
  const w = p.window ?? defaultWindow('cross', timeframe);
  return w === 'all' ? { kind: 'range', to: p.end } : { kind: 'last', n: w, end: p.end };
}

function slice(s: PriceSeries, start: number, stop: number): PriceSeries {
  return { symbol: s.symbol, time: s.time.subarray(start, stop), close: s.close.subarray(start, stop) };
}

/**
 * The synthetic cross (and its inconsistency against a direct quote) a user asked for.
 *
 * @throws InputError for an unknown symbol, a --via that does not link the
 *   legs, a cross no two legs can build, an intraday timeframe of daily data,
 *   or a window with no observations.
 */
export function crossQuery(market: Market, p: CrossParams, label: ParamLabel = apiName): CrossResult {
  parseParams(crossRequest, p);
  const notes: string[] = [];
  const target = market.route(p.symbol).target;
  let timeframe: Timeframe;
  try {
    timeframe = p.timeframe ? parseTimeframe(p.timeframe) : market.frequency === 'daily' ? 'D1' : 'M1';
  } catch (e) {
    throw new InputError(`${label('timeframe')}: ${(e as Error).message}`);
  }
  if (market.frequency === 'daily' && TIMEFRAME_MINUTES[timeframe] < TIMEFRAME_MINUTES.D1) {
    throw new InputError(`timeframe ${timeframe} needs intraday data; ${market.label} is daily (use D1 or W1)`);
  }
  const inverse = `${target.quote}/${target.base}`;
  const direct = market.quoted.includes(target.symbol) ? target.symbol : market.quoted.includes(inverse) ? inverse : undefined;
  const legsOnly = market.quoted.filter((s) => s !== target.symbol && s !== inverse);
  let via: string[] = ['USD', 'EUR'];
  if (p.via !== undefined) {
    const v = p.via.toUpperCase();
    if (v === target.base || v === target.quote) throw new InputError(`${label('via')} ${v} is one of ${target.symbol}'s own currencies; choose a third currency`);
    if (!market.currencies.includes(v)) throw new InputError(`${label('via')} ${v}: ${market.label} has no ${v}; currencies: ${market.currencies.join(' ')}`);
    via = [v];
  }
  const route = findRoute(target, legsOnly, via);
  if (!route || route.legs.length !== 2 || (p.via !== undefined && route.via !== via[0])) {
    throw new InputError(
      `cannot build ${target.symbol} from two legs${p.via !== undefined ? ` through ${via[0]}` : ''}: ${market.label} quotes ${legsOnly.join(' ') || 'nothing else'}`,
    );
  }
  const resample = (s: PriceSeries): PriceSeries => (market.frequency === 'daily' && timeframe === 'D1' ? s : resampleBars(s, timeframe).bars);
  // The cross is built at the data's own resolution (minute by minute), then resampled.
  let synthetic = resample(crossSeries(route, (s) => market.bySymbol.get(s)!));
  let directSeries = direct ? resample(market.series(target.symbol)) : undefined;
  const time = directSeries ? intersectTimes([directSeries.time, synthetic.time]) : synthetic.time;
  if (time.length === 0) {
    throw new InputError(
      directSeries
        ? `the direct quote and the legs of ${target.symbol} do not overlap in time: direct ${formatIsoTime(directSeries.time[0]!)} → ${formatIsoTime(directSeries.time[directSeries.time.length - 1]!)}; legs from ${formatIsoTime(synthetic.time[0] ?? Number.NaN)}`
        : `the legs of ${target.symbol} (${route.legs.map((l) => l.symbol).join(', ')}) do not overlap in time`,
    );
  }
  const w = windowOf(p, timeframe, label);
  const { start, stop } = windowBounds(time, w);
  if (stop - start === 0) throw new InputError(`no observations in the window; the data runs ${formatIsoTime(time[0]!)} → ${formatIsoTime(time[time.length - 1]!)}`);
  if (w.kind === 'last' && stop - start < w.n) notes.push(`only ${stop - start} observations available for ${label('window')} ${w.n}`);
  const from = time[start]!;
  const to = time[stop - 1]!;
  const cut = (s: PriceSeries): PriceSeries => {
    const a = windowBounds(s.time, { kind: 'range', from, to });
    return slice(s, a.start, a.stop);
  };
  synthetic = cut(synthetic);
  const pip = pipSize(target);
  let inconsistency: CrossInconsistency | undefined;
  if (directSeries) {
    directSeries = cut(directSeries);
    inconsistency = crossInconsistency(directSeries, synthetic, pip);
  } else {
    notes.push(`${market.label} does not quote ${target.symbol} directly; there is no quote to compare the synthetic cross with`);
  }
  return { symbol: target.symbol, route, timeframe, pip, synthetic, inconsistency, notes };
}

/** The JSON shape of a cross (`soukan cross --format json`, `GET /api/cross`). */
export function crossJson(r: CrossResult, loaded: DataAbout) {
  const inc = r.inconsistency;
  const summary = (s: CrossInconsistency['bpSummary']) => ({ mean: nul(s.mean), median: nul(s.median), p99Abs: nul(s.p99Abs), maxAbs: nul(s.maxAbs) });
  return {
    symbol: r.symbol,
    legs: r.route.legs,
    via: r.route.via ?? null,
    timeframe: r.timeframe,
    pip: r.pip,
    observations: inc ? inc.time.length : r.synthetic.time.length,
    start: r.synthetic.time.length ? formatIsoTime(r.synthetic.time[0]!) : null,
    end: r.synthetic.time.length ? formatIsoTime(r.synthetic.time[r.synthetic.time.length - 1]!) : null,
    quotedDirectly: Boolean(inc),
    inconsistency: inc ? { definition: 'direct − synthetic; bp = 1e4 (direct / synthetic − 1)', pips: summary(inc.pipsSummary), bp: summary(inc.bpSummary) } : null,
    series: inc
      ? { time: Array.from(inc.time, formatIsoTime), direct: Array.from(inc.direct), synthetic: Array.from(inc.synthetic), pips: Array.from(inc.pips, nul), bp: Array.from(inc.bp, nul) }
      : { time: Array.from(r.synthetic.time, formatIsoTime), synthetic: Array.from(r.synthetic.close) },
    source: loaded.description,
    attribution: loaded.attribution ?? null,
    notes: r.notes,
  };
}

