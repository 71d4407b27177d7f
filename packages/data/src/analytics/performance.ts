
import {
  alignedPeriodReturns,
  formatIsoTime,
  parseTimeframe,
  performanceReport,
  periodEnds,
  periodReturns,
  windowBounds,
  type PerformanceReport,
  type PeriodReturns,
  type PriceSeries,
  type RiskFree,
  type Timeframe,
  type Window,
} from '@soukan/core';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { apiName, type ParamLabel } from './paramLabel.js';
import { perfRequest } from '@soukan/requests';
import { parseParams } from './parseParams.js';
import { nul } from './nul.js';

/** A performance request. */
export interface PerfParams {
  readonly assets: readonly string[];
  readonly benchmark?: string;
  /** Constant annual risk-free rate (decimal), or a series of annual rates. */
  readonly riskFree?: RiskFree;
  /** What the risk-free rate is, for headers ("2%", "DTB3.csv"). */
  readonly riskFreeLabel?: string;
  readonly annualization?: number | 'observed' | 'conventional';
  readonly varLevel?: number;
  /** Last N returns, or `all` (default). */
  readonly window?: number | 'all';
  readonly end?: number;
  readonly from?: number;
  readonly to?: number;
  readonly timeframe?: string;
}

/** One asset's report and the returns it was computed on. */
export interface PerfAsset {
  readonly symbol: string;
  readonly report: PerformanceReport;
  readonly returns: PeriodReturns;
}

/** What `soukan perf` computed. */
export interface PerfResult {
  readonly assets: readonly PerfAsset[];
  readonly benchmark?: string;
  readonly riskFreeLabel: string;
  readonly timeframe: Timeframe;
  readonly notes: readonly string[];
}

/**
 * An annual rate as written by a user: `0.02` or `2%` → 0.02.
 *
 * @throws InputError naming the parameter for anything else, or a rate beyond ±100 %.
 * @example parseAnnualRate('2%') // 0.02
 */
export function parseAnnualRate(text: string, label: ParamLabel = apiName): number {
  const t = text.trim();
  const pct = t.endsWith('%');
  const v = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || t === '%' || !Number.isFinite(v) || v <= -1 || (pct && v <= -100)) {
    throw new InputError(`${label('rf')} must be an annual rate such as 0.02 or 2%, got ${JSON.stringify(text)}`);
  }
  const r = pct ? v / 100 : v;
  if (Math.abs(r) > 1) throw new InputError(`${label('rf')} ${text} is ${r * 100}% a year; write 2% or 0.02 for two per cent`);
  return r;
}

function windowOf(p: PerfParams, label: ParamLabel): Window {
  if (p.from !== undefined || p.to !== undefined) {
    if (p.end !== undefined) throw new InputError(`${label('end')} goes with ${label('window')}; with ${label('from')}/${label('to')} the range is the window`);
    if (p.from !== undefined && p.to !== undefined && p.from > p.to) throw new InputError(`${label('from')} is after ${label('to')}`);
    return { kind: 'range', from: p.from, to: p.to };
  }
  const w = p.window ?? 'all';
  return w === 'all' ? { kind: 'range', to: p.end } : { kind: 'last', n: w + 1, end: p.end };
}

function rangeOf(market: Market, s: string): string {
  const t = market.series(s).time;
  return t.length ? `${s} ${formatIsoTime(t[0]!)} → ${formatIsoTime(t[t.length - 1]!)}` : `${s} (no data)`;
}

/**
 * The performance reports a user asked for, validated end to end.
 *
 * @throws InputError for unknown symbols, series that do not overlap (or
 *   leave fewer than two returns), a benchmark with no drawdown, a
 *   risk-free series of the wrong frequency or starting too late, an
 *   unusable annualisation factor.
 */
export function perfQuery(market: Market, p: PerfParams, label: ParamLabel = apiName): PerfResult {
  parseParams(perfRequest, p, ['annualization']);
  const notes: string[] = [];
  if (p.assets.length === 0) throw new InputError(`give at least one pair, e.g. soukan perf USD/JPY ${label('benchmark')} EUR/USD`);
  let timeframe: Timeframe;
  try {
    timeframe = p.timeframe ? parseTimeframe(p.timeframe) : market.frequency === 'daily' ? 'D1' : 'H1';
  } catch (e) {
    throw new InputError(`${label('timeframe')}: ${(e as Error).message}`);
  }
  const assets = p.assets.map((s) => market.route(s).target.symbol);
  const dup = assets.find((s, i) => assets.indexOf(s) !== i);
  if (dup) throw new InputError(`${dup} is given twice`);
  const benchmark = p.benchmark !== undefined ? market.route(p.benchmark).target.symbol : undefined;
  const w = windowOf(p, label);
  const out: PerfAsset[] = [];
  for (const symbol of assets) {
    const symbols = benchmark ? [symbol, benchmark] : [symbol];
    const aligned = market.frame(symbols, { kind: 'inner' }, timeframe).frame;
    // Bars are stamped when they open; a period's return belongs to when it ends (months, years, --to).
    const frame = { ...aligned, time: periodEnds(aligned.time, timeframe) };
    if (frame.time.length < 2) {
      throw new InputError(
        benchmark
          ? `${symbol} and the benchmark ${benchmark} do not overlap in time (${frame.time.length} common observation${frame.time.length === 1 ? '' : 's'}): ${rangeOf(market, symbol)}; ${rangeOf(market, benchmark)}`
          : `${symbol} has fewer than two observations`,
      );
    }
    const { start, stop } = windowBounds(frame.time, w);
    if (stop - start < 2) {
      throw new InputError(`${symbol}${benchmark ? ` with ${benchmark}` : ''}: fewer than two prices in the window; the common data runs ${formatIsoTime(frame.time[0]!)} → ${formatIsoTime(frame.time[frame.time.length - 1]!)}`);
    }
    if (w.kind === 'last' && stop - start < w.n) notes.push(`${symbol}: only ${stop - start - 1} returns for ${label('window')} ${w.n - 1}`);
    const series = (j: number): PriceSeries => ({ symbol: symbols[j]!, time: frame.time.subarray(start, stop), close: frame.columns[j]!.subarray(start, stop) });
    let returns: PeriodReturns;
    let bench: PeriodReturns | undefined;
    if (benchmark) {
      const al = alignedPeriodReturns(series(0), series(1));
      returns = al.asset;
      bench = al.benchmark;
    } else returns = periodReturns(series(0));
    let report: PerformanceReport;
    try {
      report = performanceReport(returns, { benchmark: bench, riskFree: p.riskFree, annualization: p.annualization, varLevel: p.varLevel });
    } catch (e) {
      const m = (e as Error).message;
      throw new InputError(/risk-free/.test(m) ? `${label('rfFile')}: ${m}` : /annualisation/.test(m) ? `${label('annualization')}: ${m.replace(/^performance: /, '')}` : `${symbol}: ${m.replace(/^performance: /, '')}`);
    }
    if (report.benchmark && report.benchmark.phases.length === 0) {
      throw new InputError(
        `the benchmark ${benchmark} has no drawdown between ${formatIsoTime(returns.start)} and ${formatIsoTime(report.end)} (it never falls below a previous high), so there are no drawdown phases to compare ${symbol} with; choose another benchmark or window`,
      );
    }
    out.push({ symbol, report, returns });
  }
  const riskFreeLabel = p.riskFreeLabel ?? (p.riskFree === undefined ? '0' : typeof p.riskFree === 'number' ? `${p.riskFree * 100}%` : 'series');
  return { assets: out, benchmark, riskFreeLabel, timeframe, notes };
}

const stamp = (t: number, tf: Timeframe): string => (Number.isNaN(t) ? 'start' : tf === 'D1' || tf === 'W1' ? formatIsoTime(t) : `${new Date(t).toISOString().slice(0, 16)}Z`);
const at = (x: number | string, tf: Timeframe): string => (typeof x === 'string' ? x : stamp(x, tf));

/** The JSON shape of a performance report (`soukan perf --format json`, `GET /api/performance`). */
export function perfJson(r: PerfResult, loaded: DataAbout) {
  const tf = r.timeframe;
  const ph = (p: { peak: number; trough: number; recovery: number; depth: number }) => ({
    peak: stamp(p.peak, tf),
    trough: stamp(p.trough, tf),
    recovery: Number.isNaN(p.recovery) ? null : stamp(p.recovery, tf),
    depth: p.depth,
  });
  const ex = (e: { at: number | string; return: number }) => ({ at: at(e.at, tf), return: nul(e.return) });
  return {
    returns: 'simple',
    timeframe: tf,
    riskFree: r.riskFreeLabel,
    benchmark: r.benchmark ?? null,
    conventions: {
      annualizedReturn: 'geometric: (1 + cumulative)^(A/n) − 1',
      volatility: 'sample sd (ddof 1) × √A',
      sharpe: 'mean(r − rf) / sd(r − rf) × √A',
      sortino: 'mean(r − rf) / √mean(min(r − rf, 0)²) × √A',
      skewness: 'bias-corrected (pandas skew)',
      kurtosis: 'excess, bias-corrected (pandas kurt)',
      var: 'historical, losses positive, linear interpolation; ES = −mean of returns ≤ the quantile',
    },
    assets: r.assets.map(({ symbol, report: x }) => ({
      symbol,
      start: stamp(x.start, tf),
      end: stamp(x.end, tf),
      n: x.n,
      annualization: { factor: x.annualization.factor, method: x.annualization.method, label: x.annualization.label },
      cumulativeReturn: nul(x.cumulativeReturn),
      annualizedReturn: nul(x.annualizedReturn),
      annualizedVolatility: nul(x.annualizedVolatility),
      returnRisk: nul(x.returnRisk),
      sharpe: nul(x.sharpe),
      sortino: nul(x.sortino),
      maxDrawdown: x.maxDrawdown ? ph(x.maxDrawdown) : null,
      calmar: nul(x.calmar),
      skewness: nul(x.skewness),
      excessKurtosis: nul(x.excessKurtosis),
      var: { level: x.var.level, var: nul(x.var.var), es: nul(x.var.es) },
      best: { period: ex(x.best.period), month: ex(x.best.month), year: ex(x.best.year) },
      worst: { period: ex(x.worst.period), month: ex(x.worst.month), year: ex(x.worst.year) },
      monthly: { years: x.monthly.years, months: x.monthly.months.map((m) => Array.from(m, nul)), total: Array.from(x.monthly.total, nul) },
      benchmark: x.benchmark
        ? {
            correlation: nul(x.benchmark.correlation),
            beta: nul(x.benchmark.beta),
            phases: x.benchmark.phases.map((p) => ({ ...ph(p), assetPeakToTrough: p.assetPeakToTrough, assetPeakToRecovery: p.assetPeakToRecovery })),
          }
        : null,
    })),
    source: loaded.description,
    attribution: loaded.attribution ?? null,
    notes: r.notes,
  };
}

