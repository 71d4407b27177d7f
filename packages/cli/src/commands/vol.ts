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
import { InputError } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { asInput, choiceOption, dateOption, intOption, numberOption } from '../options.js';
import { toCsv } from '../output/csv.js';
import { makeStyle } from '../output/style.js';
import { renderTable } from '../output/table.js';
import { nul, num, pct, windowOption } from './exposure.js';

interface VolOptions extends DataOptions {
  timeframe?: string;
  window: number | 'all';
  end?: number;
  zone: string;
  weeks: number;
  lambda: number;
  atr: number;
  horizon: number;
  periodsPerYear?: string;
  format: 'table' | 'json' | 'csv';
}

const WEEK = 7 * 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
/** Fewest returns GARCH(1,1) is fitted to. */
const MIN_GARCH = 100;

/** False when α ≈ 0 or α + β ≈ 1: no meaningful long-run variance. */
function identified(g: ReturnType<typeof garch11>): boolean {
  return g.alpha >= 1e-3 && g.persistence <= 0.999;
}

/** Why a GARCH fit should not be read as a volatility model, if it should not. */
function garchWarning(g: ReturnType<typeof garch11>): string | undefined {
  if (!g.converged) return 'the optimiser did not converge';
  if (g.alpha < 1e-3) return 'α ≈ 0: no ARCH effect in this sample, so ω and β are not identified (the fit is a smooth drift away from σ²₀); use a longer history';
  if (g.persistence > 0.999) return 'α + β ≈ 1: integrated (IGARCH-like) fit, the long-run variance is not defined';
  if (g.nobs < 500) return `only ${g.nobs} returns: GARCH estimates this short are noisy`;
  return undefined;
}

export function registerVol(program: Command): void {
  const cmd = program
    .command('vol')
    .summary('volatility of a pair: estimators (annualised, factor stated), ATR, EWMA, GARCH(1,1), range by hour and weekday')
    .description(
      'Volatility of a pair over the last N bars: close-to-close, Parkinson, Garman–Klass, Rogers–Satchell and Yang–Zhang (annualised by √(bars per year), the factor printed), Wilder ATR in pips, the RiskMetrics EWMA forecast and a GARCH(1,1) fit (Gaussian QML) with its forecast. With intraday data also the average bar range in pips and % by hour of day (H1 bars, in --zone) and by weekday (D1 bars, 17:00 New York day) over the last --weeks weeks.',
    )
    .argument('<symbol>', 'pair, e.g. EUR/USD')
    .option('--timeframe <tf>', 'bars for the estimators: D1 (default), H4, H1, … (intraday data), W1')
    .option('--window <n>', 'last n bars for the estimators, or "all"', windowOption('--window', 3), 260)
    .option('--end <date>', 'the window ends on or before this date (YYYY-MM-DD)', dateOption('--end'))
    .option('--zone <tz>', 'time zone of the hour-of-day table (IANA, e.g. Europe/London, Asia/Tokyo)', 'UTC')
    .option('--weeks <n>', 'weeks of history in the range tables', intOption('--weeks', 1), 10)
    .option('--lambda <λ>', 'EWMA decay', numberOption('--lambda', 0, 1), RISKMETRICS_LAMBDA)
    .option('--atr <n>', 'ATR period', intOption('--atr', 1), 14)
    .option('--horizon <n>', 'GARCH forecast steps (bars)', intOption('--horizon', 1), 10)
    .option('--periods-per-year <n>', 'annualisation: a number, "fx" (260 days × bars per day, default) or "observed" (from the data)')
    .option('--format <f>', 'table | json | csv', choiceOption('--format', ['table', 'json', 'csv'] as const), 'table');
  withDataOptions(cmd).action(async (symbol: string, opts: VolOptions) => {
    await runVol(symbol, opts);
  });
}

function logReturns(close: Float64Array): Float64Array {
  const out = new Float64Array(Math.max(0, close.length - 1));
  for (let i = 0; i < out.length; i++) out[i] = Math.log(close[i + 1]! / close[i]!);
  return out;
}

function sliceBars(b: Bars, start: number, stop: number): Bars {
  return { symbol: b.symbol, time: b.time.subarray(start, stop), open: b.open.subarray(start, stop), high: b.high.subarray(start, stop), low: b.low.subarray(start, stop), close: b.close.subarray(start, stop), volume: b.volume.subarray(start, stop) };
}

async function runVol(symbolText: string, opts: VolOptions): Promise<void> {
  const loaded = await loadMarket(opts);
  const symbol = loaded.market.route(symbolText).target.symbol;
  const pip = pipSize(symbol);
  const daily = loaded.market.frequency === 'daily';
  asInput('--zone', () => tzOffset(0, opts.zone));
  const tf: Timeframe = opts.timeframe ? asInput('--timeframe', () => parseTimeframe(opts.timeframe!)) : 'D1';
  if (daily && tf !== 'D1' && tf !== 'W1') throw new InputError(`--timeframe ${tf} needs intraday data; ${loaded.market.label} is daily (use D1 or W1)`);
  const raw: PriceSeries = loaded.market.series(symbol);
  const series: PriceSeries = daily && tf === 'D1' ? raw : resampleBars(raw, tf).bars;
  // Range estimators need real highs and lows: bars resampled from closes only (ECB fixings,
  // crosses built from two legs) would understate them.
  const ohlc = isBars(raw);
  const t = series.time;
  const stop = opts.end === undefined ? t.length : upperBound(t, opts.end);
  const start = opts.window === 'all' ? 0 : Math.max(0, stop - opts.window);
  const n = stop - start;
  if (n < 3) throw new InputError(`too little history for --window ${opts.window}: ${n} ${tf} bar(s) of ${symbol}${t.length ? ` (the data runs ${formatIsoTime(t[0]!)} → ${formatIsoTime(t[t.length - 1]!)})` : ''}; need at least 3`);
  const notes: string[] = [];
  if (opts.window !== 'all' && n < opts.window) notes.push(`only ${n} ${tf} bars available (--window ${opts.window})`);
  const close = series.close.subarray(start, stop);
  const time = t.subarray(start, stop);

  let ppy: number;
  let ppyLabel: string;
  const p = (opts.periodsPerYear ?? 'fx').trim().toLowerCase();
  if (p === 'fx') {
    ppy = fxPeriodsPerYear(tf);
    ppyLabel = `${ppy} (FX: 260 trading days a year${tf === 'D1' ? '' : ` × ${tf} bars per day`})`;
  } else if (p === 'observed') {
    ppy = observedPeriodsPerYear(time);
    ppyLabel = `${num(ppy, 1)} (observed: bars per year in the window)`;
  } else {
    ppy = Number(p);
    if (!(ppy > 0 && Number.isFinite(ppy))) throw new InputError(`--periods-per-year must be a positive number, "fx" or "observed", got ${JSON.stringify(opts.periodsPerYear)}`);
    ppyLabel = `${ppy} (given)`;
  }

  const estimators: { name: string; est: VolatilityEstimate }[] = [{ name: 'close-to-close', est: closeToClose(close, ppy) }];
  if (!(estimators[0]!.est.sigma > 0)) throw new InputError(`${symbol} is constant over the window (${formatIsoTime(time[0]!)} → ${formatIsoTime(time[n - 1]!)}): volatility is zero`);
  let atrRes: ReturnType<typeof atr> | undefined;
  if (ohlc) {
    const b = sliceBars(series as Bars, start, stop);
    estimators.push({ name: 'Parkinson', est: parkinson(b, ppy) }, { name: 'Garman–Klass', est: garmanKlass(b, ppy) }, { name: 'Rogers–Satchell', est: rogersSatchell(b, ppy) }, { name: 'Yang–Zhang', est: yangZhang(b, ppy) });
    atrRes = atr(b, opts.atr, pip, ppy);
  }
  // EWMA and GARCH use every return up to the end of the window (their memory is longer than a window).
  const hist = logReturns(series.close.subarray(0, stop));
  const ewma = ewmaVarianceInto(hist, opts.lambda, new Float64Array(hist.length));
  const ewmaSigma = Math.sqrt(ewma[ewma.length - 1]!);
  const garch = hist.length >= MIN_GARCH ? garch11(hist, { horizon: opts.horizon, periodsPerYear: ppy }) : undefined;

  let hours: readonly RangeBucket[] | undefined;
  let weekdays: readonly RangeBucket[] | undefined;
  let rangeSpan: [number, number] | undefined;
  if (!daily && isBars(raw)) {
    const endT = time[n - 1]!;
    const h1 = resampleBars(raw, 'H1').bars;
    const d1 = resampleBars(raw, 'D1').bars;
    const from = endT - opts.weeks * WEEK;
    const h = sliceBars(h1, upperBound(h1.time, from - 1), upperBound(h1.time, endT + 86_400_000));
    const d = sliceBars(d1, upperBound(d1.time, from - 1), upperBound(d1.time, endT));
    hours = rangeProfile(h, pip, opts.zone).byHour;
    weekdays = rangeProfile(d, pip, 'UTC').byWeekday;
    rangeSpan = [h.time[0] ?? Number.NaN, h.time[h.time.length - 1] ?? Number.NaN];
  } else if (daily && isBars(raw)) {
    const from = time[n - 1]! - opts.weeks * WEEK;
    const d = sliceBars(raw, upperBound(raw.time, from - 1), stop);
    weekdays = rangeProfile(d, pip, 'UTC').byWeekday;
    rangeSpan = [d.time[0] ?? Number.NaN, d.time[d.time.length - 1] ?? Number.NaN];
  }

  const r: VolResult = { symbol, pip, tf, n, start: time[0]!, end: time[n - 1]!, ppy, ppyLabel, estimators, atr: atrRes, atrPeriod: opts.atr, ewmaSigma, lambda: opts.lambda, garch, hours, weekdays, rangeSpan, zone: opts.zone, weeks: opts.weeks, returnsUsed: hist.length, price: close[n - 1]! };
  for (const m of notes) process.stderr.write(`note: ${m}\n`);
  const out = process.stdout;
  if (opts.format === 'json') out.write(JSON.stringify(volJson(r, loaded)) + '\n');
  else if (opts.format === 'csv') out.write(toCsv(volCsv(r)));
  else out.write(volTable(r, loaded));
}

interface VolResult {
  symbol: string;
  pip: number;
  tf: Timeframe;
  n: number;
  start: number;
  end: number;
  ppy: number;
  ppyLabel: string;
  estimators: { name: string; est: VolatilityEstimate }[];
  atr?: ReturnType<typeof atr>;
  atrPeriod: number;
  ewmaSigma: number;
  lambda: number;
  garch?: ReturnType<typeof garch11>;
  hours?: readonly RangeBucket[];
  weekdays?: readonly RangeBucket[];
  rangeSpan?: [number, number];
  zone: string;
  weeks: number;
  returnsUsed: number;
  price: number;
}

function volJson(r: VolResult, loaded: LoadedMarket) {
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
          longRunAnnualised: identified(g) ? nul(g.annualisedLongRun) : null,
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
    source: loaded.description,
    attribution: loaded.attribution ?? null,
  };
}

function volCsv(r: VolResult): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [['section', 'item', 'count', 'sigma', 'annualised', 'pips', 'percent']];
  for (const e of r.estimators) rows.push(['estimator', e.name, e.est.n, nul(e.est.sigma), nul(e.est.annualised), nul((e.est.sigma * r.price) / r.pip), null]);
  if (r.atr) rows.push(['atr', `ATR(${r.atrPeriod})`, null, null, null, nul(r.atr.pips), nul(100 * r.atr.fraction)]);
  rows.push(['ewma', `EWMA(${r.lambda})`, r.returnsUsed, nul(r.ewmaSigma), nul(r.ewmaSigma * Math.sqrt(r.ppy)), null, null]);
  if (r.garch) {
    const g = r.garch;
    rows.push(['garch', 'omega', g.nobs, nul(g.omega), null, null, null], ['garch', 'alpha', g.nobs, nul(g.alpha), null, null, null], ['garch', 'beta', g.nobs, nul(g.beta), null, null, null]);
    rows.push(['garch', 'long-run', g.nobs, nul(Math.sqrt(g.longRunVariance)), nul(g.annualisedLongRun), null, null]);
    g.forecast.forEach((v, i) => rows.push(['garch', `forecast ${i + 1}`, null, nul(Math.sqrt(v)), nul(Math.sqrt(v * r.ppy)), null, null]));
  }
  for (const b of r.hours ?? []) rows.push(['hour', String(b.key), b.count, null, null, nul(b.meanPips), nul(b.meanPct)]);
  for (const b of r.weekdays ?? []) rows.push(['weekday', WEEKDAYS[b.key]!, b.count, null, null, nul(b.meanPips), nul(b.meanPct)]);
  return rows;
}

function volTable(r: VolResult, loaded: LoadedMarket): string {
  const style = makeStyle();
  const lines: string[] = [];
  lines.push(style.bold(`Volatility · ${r.symbol}`) + ` · ${r.n} ${r.tf} bars ${formatIsoTime(r.start)} → ${formatIsoTime(r.end)} · annualised × √${r.ppyLabel}`);
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  const rows = r.estimators.map((e) => [e.name, pct(e.est.sigma, 3), num((e.est.sigma * r.price) / r.pip, 1), pct(e.est.annualised, 2), String(e.est.n)]);
  rows.push([`EWMA λ=${r.lambda} (next bar)`, pct(r.ewmaSigma, 3), num((r.ewmaSigma * r.price) / r.pip, 1), pct(r.ewmaSigma * Math.sqrt(r.ppy), 2), String(r.returnsUsed)]);
  lines.push(renderTable(['estimator', 'σ per bar', 'pips', 'annualised', 'n'], rows).trimEnd());
  if (r.atr) lines.push(`ATR(${r.atrPeriod}, Wilder): ${num(r.atr.pips, 1)} pips = ${pct(r.atr.fraction, 3)} of price (a mean range, ≈ 1.6 σ for a random walk, not a σ)`);
  else lines.push(style.dim(`range estimators, ATR and range tables need open/high/low bars; ${r.symbol} has closes only here (daily fixings, or a cross built from two quoted legs, whose highs and lows cannot be derived)`));
  const g = r.garch;
  if (g) {
    lines.push('');
    lines.push(style.bold('GARCH(1,1)') + ` · Gaussian QML on ${g.nobs + 1} ${r.tf} log returns, zero mean, σ²₀ = mean square (tseries conditioning)${g.converged ? '' : style.bold(' · NOT CONVERGED')}`);
    lines.push(
      renderTable(
        ['ω', 'α', 'β', 'α+β', 'log-lik', 'long-run σ (ann.)'],
        [[g.omega.toExponential(4), `${num(g.alpha, 4)} ±${num(g.stdErrors.alpha, 4)}`, `${num(g.beta, 4)} ±${num(g.stdErrors.beta, 4)}`, num(g.persistence, 4), num(g.logLikelihood, 2), identified(g) ? pct(g.annualisedLongRun, 2) : '—']],
      ).trimEnd(),
    );
    const f = Array.from(g.forecast, (v) => pct(Math.sqrt(v * r.ppy), 2));
    lines.push(`forecast σ (annualised), next ${f.length} bars: ${f.join(' ')} · over the ${f.length} bars: ${pct(g.horizonVolatility, 2)}`);
    const warn = garchWarning(g);
    if (warn) lines.push(style.bold(`warning: ${warn}`));
  } else lines.push(style.dim(`GARCH(1,1) needs at least ${MIN_GARCH} returns; ${r.returnsUsed} available`));
  if (r.hours) {
    lines.push('');
    lines.push(style.bold(`Average H1 range by hour (${r.zone})`) + ` · last ${r.weeks} weeks${r.rangeSpan ? ` (${formatIsoTime(r.rangeSpan[0])} → ${formatIsoTime(r.rangeSpan[1])})` : ''}`);
    lines.push(renderTable(['hour', 'bars', 'pips', '%'], r.hours.filter((b) => b.count > 0).map((b) => [`${String(b.key).padStart(2, '0')}:00`, String(b.count), num(b.meanPips, 1), num(b.meanPct, 3)])).trimEnd());
  }
  if (r.weekdays) {
    lines.push('');
    lines.push(style.bold('Average daily range by weekday') + ` · D1 bars (17:00 New York day) · last ${r.weeks} weeks`);
    lines.push(renderTable(['weekday', 'days', 'pips', '%'], r.weekdays.filter((b) => b.count > 0).map((b) => [WEEKDAYS[b.key]!, String(b.count), num(b.meanPips, 1), num(b.meanPct, 3)])).trimEnd());
  }
  return lines.join('\n') + '\n';
}
