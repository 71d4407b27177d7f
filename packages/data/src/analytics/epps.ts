import { eppsCurve, formatIsoTime, hayashiYoshida, thinObservations, type EppsPoint, type HayashiYoshida } from '@soukan/core';
import { DEFAULT_EPPS_DAYS, DEFAULT_EPPS_INTERVALS, eppsRequest, type EppsParams } from '@soukan/requests';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { nul } from './nul.js';
import { parseParams } from './parseParams.js';

export type { EppsParams } from '@soukan/requests';

const DAY_MS = 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };

/** One sampling interval as given ("5m") and in milliseconds. */
export interface EppsInterval {
  readonly label: string;
  readonly ms: number;
}

/** What `soukan epps` computed. */
export interface EppsResult {
  readonly symbols: readonly [string, string];
  /** The span: observations at times in [from, to). */
  readonly from: number;
  readonly to: number;
  /** Observations of each series in the span, before and after thinning. */
  readonly observed: readonly [number, number];
  readonly used: readonly [number, number];
  readonly thin: number;
  readonly seed: number;
  readonly hy: HayashiYoshida;
  readonly intervals: readonly EppsInterval[];
  readonly epps: readonly EppsPoint[];
}

/**
 * Sampling intervals from their text ("30s,1m,5m,1h"; the request spec has
 * checked the form), in the order given.
 *
 * @example parseIntervals('30s, 5m,1h').map((i) => i.ms) // [30000, 300000, 3600000]
 */
export function parseIntervals(text: string): EppsInterval[] {
  return text.split(',').map((part) => {
    const m = /^\s*(\d+)\s*([smh])\s*$/i.exec(part)!;
    return { label: `${Number(m[1])}${m[2]!.toLowerCase()}`, ms: Number(m[1]) * UNIT_MS[m[2]!.toLowerCase()]! };
  });
}

/**
 * Correlation of two pairs each observed at its own times: the stored rows
 * (ticks, or one-minute closes where a minute without a quote has no row) of
 * two quoted (or inverted) pairs over `days` calendar days ending with `end`
 * (default: the earlier of the two pairs' last observations), log
 * prices, optionally thinned at random (`thin`, xoshiro256** seeded with
 * `seed` for the first pair and `seed + 1` for the second; core
 * `thinObservations`); then the Hayashi–Yoshida estimate on those times
 * (core `hayashiYoshida`) and the Epps curve at each interval (core
 * `eppsCurve`: previous tick on a grid from the later first observation).
 *
 * A cross is refused: it is built on a common time index, which is exactly
 * the synchronisation this estimator avoids.
 *
 * @throws InputError for bad parameters, daily data, crosses, the same pair
 *   twice, or fewer than 2 observations of a pair in the span.
 * @example eppsQuery(histdataMarket, { symbols: ['EUR/USD', 'GBP/USD'], end: Date.UTC(2017, 2, 10) }).hy.correlation // 0.3… (one-minute closes, 2017-03-06 … 03-10)
 */
export function eppsQuery(market: Market, params: EppsParams): EppsResult {
  const p = parseParams(eppsRequest, params);
  if (market.frequency === 'daily') {
    throw new InputError(`the Hayashi–Yoshida estimate and the Epps curve need intraday or tick data; ${market.label} is daily`, { code: 'needs-intraday', params: { what: 'epps' } });
  }
  const routes = (p.symbols ?? []).map((s) => market.route(s));
  for (const r of routes) {
    if (r.legs.length > 1) {
      throw new InputError(`${r.target.symbol} is a cross through ${r.via ?? 'another currency'}, built on a common time index; give pairs ${market.label} quotes (or their inverses), each observed at its own times`, {
        code: 'cross-not-observed',
        params: { symbol: r.target.symbol },
      });
    }
  }
  const [a, b] = routes.map((r) => r.target.symbol) as [string, string];
  // A pair and its inverse are one series of observations.
  if (routes[0]!.legs[0]!.symbol === routes[1]!.legs[0]!.symbol) throw new InputError(`${a} is given twice`, { code: 'duplicate-symbol', params: { symbol: a } });
  const sa = market.series(a);
  const sb = market.series(b);
  const days = p.days ?? DEFAULT_EPPS_DAYS;
  const lastCommon = Math.min(sa.time[sa.time.length - 1] ?? Number.NaN, sb.time[sb.time.length - 1] ?? Number.NaN);
  const to = p.end !== undefined ? p.end + DAY_MS : lastCommon + 1;
  const from = to - days * DAY_MS;
  const cut = (t: Float64Array, v: Float64Array): { time: Float64Array; value: Float64Array } => {
    let i = 0;
    while (i < t.length && t[i]! < from) i++;
    let j = i;
    while (j < t.length && t[j]! < to) j++;
    const value = new Float64Array(j - i);
    for (let k = i; k < j; k++) value[k - i] = Math.log(v[k]!);
    return { time: t.slice(i, j), value };
  };
  const ca = cut(sa.time, sa.close);
  const cb = cut(sb.time, sb.close);
  const thin = p.thin ?? 1;
  const seed = p.seed ?? 1;
  const ta = thin < 1 ? thinObservations(ca.time, ca.value, thin, seed) : ca;
  const tb = thin < 1 ? thinObservations(cb.time, cb.value, thin, seed + 1) : cb;
  for (const [s, o] of [
    [a, ta],
    [b, tb],
  ] as const) {
    if (o.time.length < 2) {
      throw new InputError(`too few observations of ${s}: ${o.time.length} in ${formatIsoTime(from)} → ${formatIsoTime(to)}${thin < 1 ? ` after thinning to ${thin}` : ''}; need at least 2`, {
        code: 'too-few-observations',
        params: { observations: o.time.length, window: `${days} d` },
      });
    }
  }
  const intervals = parseIntervals(p.intervals ?? DEFAULT_EPPS_INTERVALS);
  return {
    symbols: [a, b],
    from,
    to,
    observed: [ca.time.length, cb.time.length],
    used: [ta.time.length, tb.time.length],
    thin,
    seed,
    hy: hayashiYoshida(ta.time, ta.value, tb.time, tb.value),
    intervals,
    epps: eppsCurve(ta.time, ta.value, tb.time, tb.value, intervals.map((i) => i.ms)),
  };
}

/**
 * The JSON of an Epps report (`soukan epps --format json`, `GET /api/epps`):
 * the span, the observations used, the Hayashi–Yoshida estimate and the
 * curve (interval, returns on its grid, realised correlation; `null` where
 * undefined).
 *
 * @example eppsJson(eppsQuery(m, { symbols: ['EUR/USD', 'GBP/USD'] }), about).epps[0].interval // '1m'
 */
export function eppsJson(r: EppsResult, about: DataAbout) {
  const [a, b] = r.symbols;
  return {
    symbols: r.symbols,
    from: formatIsoTime(r.from),
    to: formatIsoTime(r.to),
    observations: { [a]: r.used[0], [b]: r.used[1] },
    observed: { [a]: r.observed[0], [b]: r.observed[1] },
    thin: r.thin,
    seed: r.thin < 1 ? r.seed : null,
    method: {
      hayashiYoshida: 'Hayashi & Yoshida (2005): Σ ΔX(I)·ΔY(J) over overlapping observation intervals of the log prices, divided by √(Σ ΔX² · Σ ΔY²), each series on its own times',
      epps: 'previous tick of each series on the grid g₀ + kΔ (g₀ the later first observation, up to the earlier last one); realised correlation Σ rx·ry / √(Σ rx² · Σ ry²) of the grid returns',
      thin: 'each observation kept with probability thin: xoshiro256** doubles, seed for the first pair, seed + 1 for the second',
    },
    hayashiYoshida: { correlation: nul(r.hy.correlation), covariance: nul(r.hy.covariance), varianceA: nul(r.hy.varianceX), varianceB: nul(r.hy.varianceY), overlaps: r.hy.overlaps },
    epps: r.epps.map((e, i) => ({ interval: r.intervals[i]!.label, seconds: r.intervals[i]!.ms / 1000, returns: e.n, correlation: nul(e.correlation) })),
    source: about.description,
    attribution: about.attribution ?? null,
  };
}
