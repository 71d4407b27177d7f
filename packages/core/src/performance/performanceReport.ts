import { annualizationFactor, type Annualization } from './annualizationFactor.js';
import { calendarReturns, monthlyTable, type MonthlyTable } from './calendarReturns.js';
import { drawdownPhases, type DrawdownPhase } from './drawdowns.js';
import { historicalVar, type HistoricalVar } from './historicalVar.js';
import type { PeriodReturns } from './periodReturns.js';
import { riskFreePerPeriod, type RiskFree } from './riskFree.js';
import { sampleExcessKurtosis, sampleSkewness } from './sampleMoments.js';
import { pearson } from '../correlation/pearson.js';
import { variance } from '../stats/variance.js';

/** Options of {@link performanceReport}. */
export interface PerformanceOptions {
  /**
   * Periods per year, or how to derive it from the times (default `observed`,
   * see {@link annualizationFactor}).
   */
  readonly annualization?: number | 'observed' | 'conventional';
  /** Risk-free rate for Sharpe and Sortino (default 0). */
  readonly riskFree?: RiskFree;
  /** VaR/ES confidence level (default 0.95). */
  readonly varLevel?: number;
  /** Benchmark returns over exactly the same periods (see `alignedPeriodReturns`). */
  readonly benchmark?: PeriodReturns;
}

/** A best or worst return and when it happened. */
export interface Extreme {
  /** Period end time, or the `YYYY-MM` / `YYYY` key of a calendar bucket. */
  readonly at: number | string;
  readonly return: number;
}

/** The asset's behaviour during one of the benchmark's drawdowns. */
export interface BenchmarkPhase extends DrawdownPhase {
  /** Asset wealth at the benchmark's trough / at its peak − 1. */
  readonly assetPeakToTrough: number;
  /** Asset wealth at the benchmark's recovery (or the last period if none) / at its peak − 1. */
  readonly assetPeakToRecovery: number;
}

/** Everything `soukan perf` prints for one asset. */
export interface PerformanceReport {
  /** Periods (returns) used. */
  readonly n: number;
  readonly start: number;
  readonly end: number;
  readonly annualization: Annualization;
  /** Π(1 + r) − 1. */
  readonly cumulativeReturn: number;
  /** Geometric: (1 + cumulative)^(A/n) − 1. */
  readonly annualizedReturn: number;
  /** Sample standard deviation (ddof 1) × √A. */
  readonly annualizedVolatility: number;
  /** Annualised return / annualised volatility ("efficiency"). */
  readonly returnRisk: number;
  /** mean(r − rf) / sd(r − rf) × √A, sd with ddof 1. */
  readonly sharpe: number;
  /** mean(r − rf) / √(mean(min(r − rf, 0)²)) × √A: downside deviation over all periods, target rf. */
  readonly sortino: number;
  /** Deepest drawdown, or null when there was none. */
  readonly maxDrawdown: DrawdownPhase | null;
  /** Annualised return / |max drawdown| (NaN without a drawdown). */
  readonly calmar: number;
  /** Bias-corrected skewness (pandas `skew`). */
  readonly skewness: number;
  /** Bias-corrected excess kurtosis (pandas `kurt`; 0 for a normal). */
  readonly excessKurtosis: number;
  readonly var: HistoricalVar;
  readonly best: { readonly period: Extreme; readonly month: Extreme; readonly year: Extreme };
  readonly worst: { readonly period: Extreme; readonly month: Extreme; readonly year: Extreme };
  readonly monthly: MonthlyTable;
  /** Present when a benchmark was given. */
  readonly benchmark?: {
    /** Pearson correlation of the period returns. */
    readonly correlation: number;
    /** cov(r, b) / var(b). */
    readonly beta: number;
    /** The benchmark's drawdown phases, with the asset's return in each. */
    readonly phases: readonly BenchmarkPhase[];
  };
}

function extremes(keys: readonly (number | string)[], values: Float64Array): { best: Extreme; worst: Extreme } {
  let bi = -1;
  let wi = -1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    if (bi < 0 || v > values[bi]!) bi = i;
    if (wi < 0 || v < values[wi]!) wi = i;
  }
  const e = (i: number): Extreme => (i < 0 ? { at: Number.NaN, return: Number.NaN } : { at: keys[i]!, return: values[i]! });
  return { best: e(bi), worst: e(wi) };
}

/**
 * A performance report of one asset's period returns, optionally against a
 * benchmark over the same periods: return, risk, risk-adjusted ratios,
 * drawdowns, distribution shape, historical VaR/ES, calendar extremes and a
 * monthly table. Conventions are on each field of {@link PerformanceReport};
 * the annualisation factor used is returned with how it was obtained.
 *
 * Non-finite returns are not allowed (they would be silent gaps); O(n log n).
 *
 * @throws Error for fewer than 2 returns, a non-finite return, a benchmark
 *   whose times differ from the asset's, an unusable annualisation factor,
 *   or a risk-free series of the wrong frequency (see {@link riskFreePerPeriod}).
 * @example performanceReport(periodReturns(eurusd)).annualizedVolatility // 0.0873 for H.10 USD/JPY 2015–2019
 */
export function performanceReport(asset: PeriodReturns, options: PerformanceOptions = {}): PerformanceReport {
  const r = asset.returns;
  const n = r.length;
  if (n < 2) throw new Error(`performance: need at least 2 returns, got ${n}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(r[i]!)) throw new Error(`performance: return ${i} (${new Date(asset.time[i]!).toISOString().slice(0, 10)}) is not a number; remove or align the gap first`);
  }
  const a = options.annualization ?? 'observed';
  const ann: Annualization =
    typeof a === 'number' ? { factor: a, method: 'given', medianSpacingDays: Number.NaN, label: `given ${a} periods/year` } : annualizationFactor(asset.time, a);
  const A = ann.factor;
  if (!(A > 0 && Number.isFinite(A))) throw new Error(`performance: annualisation factor is ${A} (${ann.label}); give one explicitly`);

  let wealth = 1;
  let mean = 0;
  for (let i = 0; i < n; i++) {
    wealth *= 1 + r[i]!;
    mean += r[i]!;
  }
  mean /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (r[i]! - mean) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const cumulativeReturn = wealth - 1;
  const annualizedReturn = Math.pow(wealth, A / n) - 1;
  const annualizedVolatility = sd * Math.sqrt(A);

  const rf = riskFreePerPeriod(options.riskFree ?? 0, asset.time, A);
  let em = 0;
  for (let i = 0; i < n; i++) em += r[i]! - rf[i]!;
  em /= n;
  let es2 = 0;
  let dd2 = 0;
  for (let i = 0; i < n; i++) {
    const e = r[i]! - rf[i]!;
    es2 += (e - em) ** 2;
    if (e < 0) dd2 += e * e;
  }
  const sharpe = (em / Math.sqrt(es2 / (n - 1))) * Math.sqrt(A);
  const sortino = (em / Math.sqrt(dd2 / n)) * Math.sqrt(A);

  const phases = drawdownPhases(asset);
  let mdd: DrawdownPhase | null = null;
  for (const p of phases) if (!mdd || p.depth < mdd.depth) mdd = p;

  const months = calendarReturns(asset, 'month');
  const years = calendarReturns(asset, 'year');
  const per = extremes(Array.from(asset.time), r);
  const mo = extremes(months.keys, months.returns);
  const yr = extremes(years.keys, years.returns);

  let benchmark: PerformanceReport['benchmark'];
  if (options.benchmark) {
    const b = options.benchmark;
    if (b.time.length !== n || b.time.some((t, i) => t !== asset.time[i])) {
      throw new Error('performance: the benchmark returns must cover exactly the asset periods (align the prices first)');
    }
    for (let i = 0; i < n; i++) if (!Number.isFinite(b.returns[i]!)) throw new Error(`performance: benchmark return ${i} is not a number`);
    const correlation = pearson(r, b.returns);
    // β = cov(r, b) / var(b) = ρ · sd(r) / sd(b)
    const beta = correlation * Math.sqrt(variance(r) / variance(b.returns));
    const wealthAt = new Float64Array(n + 1);
    wealthAt[0] = 1;
    for (let i = 0; i < n; i++) wealthAt[i + 1] = wealthAt[i]! * (1 + r[i]!);
    const w = (idx: number): number => wealthAt[idx + 1]!;
    const bPhases = drawdownPhases({ ...b, start: Number.isNaN(b.start) ? asset.start : b.start }).map((p) => ({
      ...p,
      assetPeakToTrough: w(p.troughIndex) / w(p.peakIndex) - 1,
      assetPeakToRecovery: w(p.recoveryIndex >= 0 ? p.recoveryIndex : n - 1) / w(p.peakIndex) - 1,
    }));
    benchmark = { correlation, beta, phases: bPhases };
  }

  return {
    n,
    start: asset.start,
    end: asset.time[n - 1]!,
    annualization: ann,
    cumulativeReturn,
    annualizedReturn,
    annualizedVolatility,
    returnRisk: annualizedReturn / annualizedVolatility,
    sharpe,
    sortino,
    maxDrawdown: mdd,
    calmar: mdd ? annualizedReturn / Math.abs(mdd.depth) : Number.NaN,
    skewness: sampleSkewness(r),
    excessKurtosis: sampleExcessKurtosis(r),
    var: historicalVar(r, options.varLevel ?? 0.95),
    best: { period: per.best, month: mo.best, year: yr.best },
    worst: { period: per.worst, month: mo.worst, year: yr.worst },
    monthly: monthlyTable(asset),
    ...(benchmark ? { benchmark } : {}),
  };
}
