import {
  atr,
  closeToClose,
  ewmaVarianceInto,
  formatIsoTime,
  fxPeriodsPerYear,
  garch11,
  garmanKlass,
  isBars,
  observedPeriodsPerYear,
  parkinson,
  parseTimeframe,
  pipSize,
  rangeProfile,
  resampleBars,
  RISKMETRICS_LAMBDA,
  rogersSatchell,
  tzOffset,
  upperBound,
  yangZhang,
  type Bars,
  type PriceSeries,
  type RangeBucket,
  type Timeframe,
  type VolatilityEstimate,
} from '@soukan/core';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { apiName, withParam, type ParamLabel } from './paramLabel.js';
import { nul } from './nul.js';
import { defaultWindow, volatilityRequest } from '@soukan/requests';
import { parseParams } from './parseParams.js';

export { DEFAULT_VOL_WINDOW } from '@soukan/requests';

const WEEK = 7 * 86_400_000;
/** Weekday names by `Date.getUTCDay()`. */
export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Fewest returns GARCH(1,1) is fitted to. */
export const MIN_GARCH = 100;

/** A volatility request as `soukan vol` and `GET /api/volatility` take it. */
export interface VolatilityParams {
  readonly symbol: string;
  /** Bars for the estimators: D1 (default), H4, H1, … (intraday data), W1. */
  readonly timeframe?: string;
  /** Last n bars for the estimators (default 260), or `all`. */
  readonly window?: number | 'all';
  readonly end?: number;
  /** IANA zone of the hour-of-day table (default UTC). */
  readonly zone?: string;
  /** Weeks of history in the range tables (default 10). */
  readonly weeks?: number;
  /** EWMA decay (default RiskMetrics daily 0.94). */
  readonly lambda?: number;
  /** ATR period (default 14). */
  readonly atr?: number;
  /** GARCH forecast steps (default 10). */
  readonly horizon?: number;
  /** A number, `fx` (260 days × bars per day, default) or `observed`. */
  readonly periodsPerYear?: string;
}

/** What `soukan vol` computed. */
export interface VolatilityResult {
  readonly symbol: string;
  readonly pip: number;
  readonly tf: Timeframe;
  readonly n: number;
  readonly start: number;
  readonly end: number;
  readonly ppy: number;
  readonly ppyLabel: string;
  readonly estimators: { name: string; est: VolatilityEstimate }[];
  readonly atr?: ReturnType<typeof atr>;
  readonly atrPeriod: number;
  readonly ewmaSigma: number;
  readonly lambda: number;
  readonly garch?: ReturnType<typeof garch11>;
  readonly hours?: readonly RangeBucket[];
  readonly weekdays?: readonly RangeBucket[];
  readonly rangeSpan?: [number, number];
  readonly zone: string;
  readonly weeks: number;
  readonly returnsUsed: number;
  readonly price: number;
  readonly notes: readonly string[];
}

/** False when α ≈ 0 or α + β ≈ 1: no meaningful long-run variance. */
export function garchIdentified(g: ReturnType<typeof garch11>): boolean {
  return g.alpha >= 1e-3 && g.persistence <= 0.999;
}

/** Why a GARCH fit should not be read as a volatility model, if it should not. */
export function garchWarning(g: ReturnType<typeof garch11>): string | undefined {
  if (!g.converged) return 'the optimiser did not converge';
  if (g.alpha < 1e-3) return 'α ≈ 0: no ARCH effect in this sample, so ω and β are not identified (the fit is a smooth drift away from σ²₀); use a longer history';
  if (g.persistence > 0.999) return 'α + β ≈ 1: integrated (IGARCH-like) fit, the long-run variance is not defined';
  if (g.nobs < 500) return `only ${g.nobs} returns: GARCH estimates this short are noisy`;
  return undefined;
}

function logReturns(close: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, close.length - 1));
  for (let i = 0; i < out.length; i++) out[i] = Math.log(close[i + 1]! / close[i]!);
  return out;
}

function sliceBars(b: Bars, start: number, stop: number): Bars {
  return { symbol: b.symbol, time: b.time.subarray(start, stop), open: b.open.subarray(start, stop), high: b.high.subarray(start, stop), low: b.low.subarray(start, stop), close: b.close.subarray(start, stop), volume: b.volume.subarray(start, stop) };
}

/**
 * Volatility of a pair: close-to-close, Parkinson, Garman–Klass,
 * Rogers–Satchell and Yang–Zhang over the last `window` bars (annualised by
 * √(bars per year), the factor stated), Wilder ATR, the RiskMetrics EWMA
 * forecast, a GARCH(1,1) fit, and — with intraday bars — the average range by
 * hour of day (in `zone`) and by weekday over the last `weeks` weeks.
 *
 * @throws InputError for an unknown symbol or zone, an intraday timeframe of
 *   daily data, too little history, a constant series.
 */
export function volatilityQuery(market: Market, p: VolatilityParams, label: ParamLabel = apiName): VolatilityResult {
  parseParams(volatilityRequest, p);
  const symbol = market.route(p.symbol).target.symbol;
  const pip = pipSize(symbol);
  const daily = market.frequency === 'daily';
  const zone = p.zone ?? 'UTC';
  const weeks = p.weeks ?? 10;
  const lambda = p.lambda ?? RISKMETRICS_LAMBDA;
  const atrPeriod = p.atr ?? 14;
  withParam(label('zone'), () => tzOffset(0, zone));
  const tf: Timeframe = p.timeframe ? withParam(label('timeframe'), () => parseTimeframe(p.timeframe!)) : 'D1';
  const window = p.window ?? defaultWindow('volatility', tf);
  if (daily && tf !== 'D1' && tf !== 'W1') {
    throw new InputError(`${label('timeframe')} ${tf} needs intraday data; ${market.label} is daily (use D1 or W1)`, { code: 'timeframe-needs-intraday', params: { timeframe: tf } });
  }
  const raw: PriceSeries = market.series(symbol);
  const series: PriceSeries = daily && tf === 'D1' ? raw : resampleBars(raw, tf).bars;
  // Range estimators need real highs and lows: bars resampled from closes only (ECB fixings,
  // crosses built from two legs) would understate them.
  const ohlc = isBars(raw);
  const t = series.time;
  const stop = p.end === undefined ? t.length : upperBound(t, p.end);
  const start = window === 'all' ? 0 : Math.max(0, stop - window);
  const n = stop - start;
  if (n < 3) {
    throw new InputError(
      `too little history for ${label('window')} ${window}: ${n} ${tf} bar(s) of ${symbol}${t.length ? ` (the data runs ${formatIsoTime(t[0]!)} → ${formatIsoTime(t[t.length - 1]!)})` : ''}; need at least 3`,
      { code: 'too-little-history', params: { observations: n, need: 3 } },
    );
  }
  const notes: string[] = [];
  if (window !== 'all' && n < window) notes.push(`only ${n} ${tf} bars available (${label('window')} ${window})`);
  const close = series.close.subarray(start, stop);
  const time = t.subarray(start, stop);

  let ppy: number;
  let ppyLabel: string;
  const ppyText = (p.periodsPerYear ?? 'fx').trim().toLowerCase();
  if (ppyText === 'fx') {
    ppy = fxPeriodsPerYear(tf);
    ppyLabel = `${ppy} (FX: 260 trading days a year${tf === 'D1' ? '' : ` × ${tf} bars per day`})`;
  } else if (ppyText === 'observed') {
    ppy = observedPeriodsPerYear(time);
    ppyLabel = `${Number.isFinite(ppy) ? ppy.toFixed(1) : '—'} (observed: bars per year in the window)`;
  } else {
    ppy = Number(ppyText);
    if (!(ppy > 0 && Number.isFinite(ppy))) throw new InputError(`${label('periodsPerYear')} must be a positive number, "fx" or "observed", got ${JSON.stringify(p.periodsPerYear)}`);
    ppyLabel = `${ppy} (given)`;
  }

  const estimators: { name: string; est: VolatilityEstimate }[] = [{ name: 'close-to-close', est: closeToClose(close, ppy) }];
  if (!(estimators[0]!.est.sigma > 0)) {
    throw new InputError(`${symbol} is constant over the window (${formatIsoTime(time[0]!)} → ${formatIsoTime(time[n - 1]!)}): volatility is zero`, { code: 'constant-series', params: { symbol } });
  }
  let atrRes: ReturnType<typeof atr> | undefined;
  if (ohlc) {
    const b = sliceBars(series as Bars, start, stop);
    estimators.push({ name: 'Parkinson', est: parkinson(b, ppy) }, { name: 'Garman–Klass', est: garmanKlass(b, ppy) }, { name: 'Rogers–Satchell', est: rogersSatchell(b, ppy) }, { name: 'Yang–Zhang', est: yangZhang(b, ppy) });
    atrRes = atr(b, atrPeriod, pip, ppy);
  }
  // EWMA and GARCH use every return up to the end of the window (their memory is longer than a window).
  const hist = logReturns(series.close.subarray(0, stop));
  const ewma = ewmaVarianceInto(hist, lambda, new Float64Array(hist.length));
  const ewmaSigma = Math.sqrt(ewma[ewma.length - 1]!);
  const garch = hist.length >= MIN_GARCH ? garch11(hist, { horizon: p.horizon ?? 10, periodsPerYear: ppy }) : undefined;

  let hours: readonly RangeBucket[] | undefined;
  let weekdays: readonly RangeBucket[] | undefined;
  let rangeSpan: [number, number] | undefined;
  if (!daily && isBars(raw)) {
    const endT = time[n - 1]!;
    const h1 = resampleBars(raw, 'H1').bars;
    const d1 = resampleBars(raw, 'D1').bars;
    const from = endT - weeks * WEEK;
    const h = sliceBars(h1, upperBound(h1.time, from - 1), upperBound(h1.time, endT + 86_400_000));
    const d = sliceBars(d1, upperBound(d1.time, from - 1), upperBound(d1.time, endT));
    hours = rangeProfile(h, pip, zone).byHour;
    weekdays = rangeProfile(d, pip, 'UTC').byWeekday;
    rangeSpan = [h.time[0] ?? Number.NaN, h.time[h.time.length - 1] ?? Number.NaN];
  } else if (daily && isBars(raw)) {
    const from = time[n - 1]! - weeks * WEEK;
    const d = sliceBars(raw, upperBound(raw.time, from - 1), stop);
    weekdays = rangeProfile(d, pip, 'UTC').byWeekday;
    rangeSpan = [d.time[0] ?? Number.NaN, d.time[d.time.length - 1] ?? Number.NaN];
  }
  return {
    symbol,
    pip,
    tf,
    n,
    start: time[0]!,
    end: time[n - 1]!,
    ppy,
    ppyLabel,
    estimators,
    atr: atrRes,
    atrPeriod,
    ewmaSigma,
    lambda,
    garch,
    hours,
    weekdays,
    rangeSpan,
    zone,
    weeks,
    returnsUsed: hist.length,
    price: close[n - 1]!,
    notes,
  };
}

/** The JSON shape of a volatility report (`soukan vol --format json`, `GET /api/volatility`). */
export function volatilityJson(r: VolatilityResult, about: DataAbout) {
  const g = r.garch;
  return {
    symbol: r.symbol,
    pip: r.pip,
    timeframe: r.tf,
    bars: r.n,
    start: formatIsoTime(r.start),
    end: formatIsoTime(r.end),
    periodsPerYear: r.ppy,
    annualisation: r.ppyLabel,
    price: nul(r.price),
    estimators: r.estimators.map((e) => ({ name: e.name, sigma: nul(e.est.sigma), annualised: nul(e.est.annualised), n: e.est.n, pips: nul((e.est.sigma * r.price) / r.pip) })),
    atr: r.atr ? { period: r.atrPeriod, price: nul(r.atr.atr), pips: nul(r.atr.pips), percent: nul(100 * r.atr.fraction) } : null,
    ewma: { lambda: r.lambda, sigma: nul(r.ewmaSigma), annualised: nul(r.ewmaSigma * Math.sqrt(r.ppy)), returns: r.returnsUsed },
    garch: g
      ? {
          omega: nul(g.omega),
          alpha: nul(g.alpha),
          beta: nul(g.beta),
          persistence: nul(g.persistence),
          stdErrors: { omega: nul(g.stdErrors.omega), alpha: nul(g.stdErrors.alpha), beta: nul(g.stdErrors.beta) },
          logLikelihood: nul(g.logLikelihood),
          nobs: g.nobs,
          longRunAnnualised: garchIdentified(g) ? nul(g.annualisedLongRun) : null,
          forecastSigma: Array.from(g.forecast, (v) => nul(Math.sqrt(v))),
          horizonSigma: nul(g.horizonVolatility),
          converged: g.converged,
          message: g.message,
          warning: garchWarning(g) ?? null,
          conditioning: 'σ²₀ = mean of squared returns, likelihood over t = 1…n−1 (as R tseries::garch), zero mean',
        }
      : null,
    rangeByHour: r.hours ? { zone: r.zone, weeks: r.weeks, buckets: r.hours.map((b) => ({ hour: b.key, bars: b.count, pips: nul(b.meanPips), percent: nul(b.meanPct) })) } : null,
    rangeByWeekday: r.weekdays ? { weeks: r.weeks, day: '17:00 New York trading day', buckets: r.weekdays.map((b) => ({ weekday: WEEKDAYS[b.key], bars: b.count, pips: nul(b.meanPips), percent: nul(b.meanPct) })) } : null,
    rangeSpan: r.rangeSpan ? { start: Number.isFinite(r.rangeSpan[0]) ? formatIsoTime(r.rangeSpan[0]) : null, end: Number.isFinite(r.rangeSpan[1]) ? formatIsoTime(r.rangeSpan[1]) : null } : null,
    source: about.description,
    attribution: about.attribution ?? null,
    notes: r.notes,
  };
}
