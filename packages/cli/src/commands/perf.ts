import { readFileSync } from 'node:fs';
import {
  alignedPeriodReturns,
  formatIsoTime,
  parseIsoDate,
  parseTimeframe,
  performanceReport,
  periodReturns,
  windowBounds,
  type PerformanceReport,
  type PeriodReturns,
  type PriceSeries,
  type RiskFree,
  type Timeframe,
  type Window,
} from '@soukan/core';
import { InputError, type Market } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { choiceOption, dateOption, intOption, numberOption } from '../options.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { makeStyle } from '../output/style.js';

interface PerfOptions extends DataOptions {
  benchmark?: string;
  rf?: string;
  rfFile?: string;
  rfUnit: 'percent' | 'decimal';
  annualization: string;
  varLevel: number;
  window: string;
  end?: number;
  from?: number;
  to?: number;
  timeframe?: string;
  phases: number;
  monthly?: boolean;
  format: 'table' | 'json' | 'csv';
}

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

export function registerPerf(program: Command): void {
  const cmd = program
    .command('perf')
    .summary('performance report: return, risk, Sharpe/Sortino, drawdowns, VaR/ES, best/worst, monthly table, vs a benchmark')
    .description(
      'Performance of one or more pairs (long the base currency) from their prices, optionally against a benchmark:\n' +
        'cumulative and annualised return, volatility, return/risk, Sharpe and Sortino with a risk-free rate,\n' +
        'maximum drawdown with dates, Calmar, correlation and beta, the asset during each benchmark drawdown,\n' +
        'skewness, excess kurtosis, historical VaR/ES, best and worst period/month/year and a monthly table.',
    )
    .argument('<assets...>', 'pairs, e.g. USD/JPY EUR/GBP')
    .option('--benchmark <pair>', 'benchmark pair (same data)')
    .option('--rf <rate>', 'constant annual risk-free rate: 0.02 or 2% (default 0)')
    .option('--rf-file <csv>', 'risk-free series: CSV of date,rate (annual rates at the returns\' frequency, e.g. FRED DTB3)')
    .option('--rf-unit <u>', 'percent | decimal: how --rf-file writes rates', choiceOption('--rf-unit', ['percent', 'decimal'] as const), 'percent')
    .option('--annualization <a>', 'observed (periods per year in the data) | conventional (252/52/12) | a number', 'observed')
    .option('--var-level <c>', 'VaR/ES confidence level', numberOption('--var-level', 0, 1), 0.95)
    .option('--window <n>', 'last N returns, or "all"', 'all')
    .option('--end <date>', 'the window ends on or before this date (YYYY-MM-DD)', dateOption('--end'))
    .option('--from <date>', 'date range start (instead of --window)', dateOption('--from'))
    .option('--to <date>', 'date range end (instead of --window)', dateOption('--to'))
    .option('--timeframe <tf>', 'D1, W1 for daily data; H1 … W1 for intraday (default D1; H1 for intraday data)')
    .option('--phases <n>', 'benchmark drawdowns to list (deepest first)', intOption('--phases', 0), 5)
    .option('--monthly', 'print the monthly returns table of each asset')
    .option('--format <f>', 'table | json | csv', choiceOption('--format', ['table', 'json', 'csv'] as const), 'table');
  withDataOptions(cmd).action(async (assets: string[], opts: PerfOptions) => {
    if (opts.rf !== undefined && opts.rfFile !== undefined) throw new InputError('give --rf or --rf-file, not both');
    let riskFree: RiskFree | undefined;
    let riskFreeLabel: string | undefined;
    if (opts.rf !== undefined) {
      riskFree = parseRate(opts.rf);
      riskFreeLabel = `${+(riskFree * 100).toPrecision(6)}%`;
    } else if (opts.rfFile !== undefined) {
      riskFree = readRateFile(opts.rfFile, opts.rfUnit);
      riskFreeLabel = opts.rfFile;
    }
    const a = opts.annualization.trim().toLowerCase();
    const annualization = a === 'observed' || a === 'conventional' ? a : numberOption('--annualization', 0, Infinity)(opts.annualization);
    const params: PerfParams = {
      assets,
      benchmark: opts.benchmark,
      riskFree,
      riskFreeLabel,
      annualization,
      varLevel: opts.varLevel,
      window: opts.window === 'all' ? 'all' : intOption('--window', 2)(opts.window),
      end: opts.end,
      from: opts.from,
      to: opts.to,
      timeframe: opts.timeframe,
    };
    const loaded = await loadMarket(opts);
    print(perfQuery(loaded.market, params), loaded, opts);
  });
}

/** `0.02`, `2%` → 0.02. */
function parseRate(text: string): number {
  const t = text.trim();
  const pct = t.endsWith('%');
  const v = Number(pct ? t.slice(0, -1) : t);
  if (t === '' || t === '%' || !Number.isFinite(v) || v <= -1 || (pct && v <= -100)) {
    throw new InputError(`--rf must be an annual rate such as 0.02 or 2%, got ${JSON.stringify(text)}`);
  }
  const r = pct ? v / 100 : v;
  if (Math.abs(r) > 1) throw new InputError(`--rf ${text} is ${r * 100}% a year; write 2% or 0.02 for two per cent`);
  return r;
}

/**
 * Reads a risk-free series: `date,rate` rows (a header line is allowed), dates
 * YYYY-MM-DD, rates in per cent or decimals; `.` or an empty rate (FRED's
 * missing value) skips the row.
 */
function readRateFile(path: string, unit: 'percent' | 'decimal'): RiskFree {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`no such file: ${path}`, { field: '--rf-file' });
  }
  const time: number[] = [];
  const rate: number[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const l = line.trim();
    if (l === '') return;
    const cells = l.split(/[,;\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    if (!/^\d{4}-\d{2}-\d{2}/.test(cells[0] ?? '')) {
      if (time.length === 0 && i === lines.findIndex((x) => x.trim() !== '')) return; // header
      throw new InputError('not a date (expected YYYY-MM-DD)', { file: path, line: i + 1, field: '1', text: cells[0] ?? '' });
    }
    if (cells.length < 2) throw new InputError('expected date,rate', { file: path, line: i + 1, text: l });
    if (cells[1] === '.' || cells[1] === '') return;
    const v = Number(cells[1]);
    if (!Number.isFinite(v)) throw new InputError('not a number', { file: path, line: i + 1, field: '2', text: cells[1]! });
    let t: number;
    try {
      t = parseIsoDate(cells[0]!.slice(0, 10));
    } catch (e) {
      throw new InputError((e as Error).message, { file: path, line: i + 1, field: '1', text: cells[0]! });
    }
    if (time.length > 0 && t <= time[time.length - 1]!) throw new InputError('dates must increase', { file: path, line: i + 1, text: cells[0]! });
    time.push(t);
    rate.push(unit === 'percent' ? v / 100 : v);
  });
  if (time.length === 0) throw new InputError('no rates in the file', { file: path });
  return { time: Float64Array.from(time), rate: Float64Array.from(rate), label: `risk-free series ${path}` };
}

function windowOf(p: PerfParams): Window {
  if (p.from !== undefined || p.to !== undefined) {
    if (p.end !== undefined) throw new InputError('--end goes with --window; with --from/--to the range is the window');
    if (p.from !== undefined && p.to !== undefined && p.from > p.to) throw new InputError('--from is after --to');
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
export function perfQuery(market: Market, p: PerfParams): PerfResult {
  const notes: string[] = [];
  if (p.assets.length === 0) throw new InputError('give at least one pair, e.g. soukan perf USD/JPY --benchmark EUR/USD');
  let timeframe: Timeframe;
  try {
    timeframe = p.timeframe ? parseTimeframe(p.timeframe) : market.frequency === 'daily' ? 'D1' : 'H1';
  } catch (e) {
    throw new InputError(`--timeframe: ${(e as Error).message}`);
  }
  const assets = p.assets.map((s) => market.route(s).target.symbol);
  const dup = assets.find((s, i) => assets.indexOf(s) !== i);
  if (dup) throw new InputError(`${dup} is given twice`);
  const benchmark = p.benchmark !== undefined ? market.route(p.benchmark).target.symbol : undefined;
  const w = windowOf(p);
  const out: PerfAsset[] = [];
  for (const symbol of assets) {
    const symbols = benchmark ? [symbol, benchmark] : [symbol];
    const { frame } = market.frame(symbols, { kind: 'inner' }, timeframe);
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
    if (w.kind === 'last' && stop - start < w.n) notes.push(`${symbol}: only ${stop - start - 1} returns for --window ${w.n - 1}`);
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
      throw new InputError(/risk-free/.test(m) ? `--rf-file: ${m}` : /annualisation/.test(m) ? `--annualization: ${m.replace(/^performance: /, '')}` : `${symbol}: ${m.replace(/^performance: /, '')}`);
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

const nul = (v: number): number | null => (Number.isFinite(v) ? v : null);
const pct = (v: number, d = 2): string => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${(v * 100).toFixed(d)}%` : '—');
const num = (v: number, d = 2): string => (Number.isFinite(v) ? v.toFixed(d) : '—');
const stamp = (t: number, tf: Timeframe): string => (Number.isNaN(t) ? 'start' : tf === 'D1' || tf === 'W1' ? formatIsoTime(t) : `${new Date(t).toISOString().slice(0, 16)}Z`);
const at = (x: number | string, tf: Timeframe): string => (typeof x === 'string' ? x : stamp(x, tf));

/** The metric rows shared by the table and CSV outputs. */
function metricRows(r: PerfResult): { name: string; values: (a: PerfAsset) => string | number | null; text: (a: PerfAsset) => string }[] {
  const tf = r.timeframe;
  const rows: { name: string; values: (a: PerfAsset) => string | number | null; text: (a: PerfAsset) => string }[] = [];
  const add = (name: string, value: (x: PerformanceReport) => number, fmt: (v: number) => string): void => {
    rows.push({ name, values: (a) => nul(value(a.report)), text: (a) => fmt(value(a.report)) });
  };
  rows.push({ name: 'start', values: (a) => stamp(a.report.start, tf), text: (a) => stamp(a.report.start, tf) });
  rows.push({ name: 'end', values: (a) => stamp(a.report.end, tf), text: (a) => stamp(a.report.end, tf) });
  add('returns (periods)', (x) => x.n, (v) => String(v));
  add('periods per year', (x) => x.annualization.factor, (v) => num(v, 1));
  add('cumulative return', (x) => x.cumulativeReturn, (v) => pct(v));
  add('annualised return', (x) => x.annualizedReturn, (v) => pct(v));
  add('annualised volatility', (x) => x.annualizedVolatility, (v) => pct(v).replace('+', ''));
  add('return / risk', (x) => x.returnRisk, (v) => num(v));
  add('Sharpe', (x) => x.sharpe, (v) => num(v));
  add('Sortino', (x) => x.sortino, (v) => num(v));
  add('max drawdown', (x) => x.maxDrawdown?.depth ?? 0, (v) => pct(v));
  rows.push({ name: 'drawdown peak', values: (a) => (a.report.maxDrawdown ? stamp(a.report.maxDrawdown.peak, tf) : null), text: (a) => (a.report.maxDrawdown ? stamp(a.report.maxDrawdown.peak, tf) : '—') });
  rows.push({ name: 'drawdown trough', values: (a) => (a.report.maxDrawdown ? stamp(a.report.maxDrawdown.trough, tf) : null), text: (a) => (a.report.maxDrawdown ? stamp(a.report.maxDrawdown.trough, tf) : '—') });
  rows.push({
    name: 'drawdown recovery',
    values: (a) => (a.report.maxDrawdown && !Number.isNaN(a.report.maxDrawdown.recovery) ? stamp(a.report.maxDrawdown.recovery, tf) : null),
    text: (a) => (!a.report.maxDrawdown ? '—' : Number.isNaN(a.report.maxDrawdown.recovery) ? 'not recovered' : stamp(a.report.maxDrawdown.recovery, tf)),
  });
  add('Calmar', (x) => x.calmar, (v) => num(v));
  add('skewness (bias-corrected)', (x) => x.skewness, (v) => num(v, 3));
  add('excess kurtosis (bias-corrected)', (x) => x.excessKurtosis, (v) => num(v, 3));
  const level = r.assets[0]!.report.var.level;
  add(`VaR ${+(level * 100).toFixed(2)}% (historical, per period)`, (x) => x.var.var, (v) => pct(v).replace('+', ''));
  add(`ES ${+(level * 100).toFixed(2)}% (historical, per period)`, (x) => x.var.es, (v) => pct(v).replace('+', ''));
  for (const [label, pick] of [
    ['best period', (x: PerformanceReport) => x.best.period],
    ['worst period', (x: PerformanceReport) => x.worst.period],
    ['best month', (x: PerformanceReport) => x.best.month],
    ['worst month', (x: PerformanceReport) => x.worst.month],
    ['best year', (x: PerformanceReport) => x.best.year],
    ['worst year', (x: PerformanceReport) => x.worst.year],
  ] as const) {
    add(label, (x) => pick(x).return, (v) => pct(v));
    rows.push({ name: `${label} at`, values: (a) => at(pick(a.report).at, tf), text: (a) => at(pick(a.report).at, tf) });
  }
  if (r.benchmark) {
    add(`correlation with ${r.benchmark}`, (x) => x.benchmark!.correlation, (v) => num(v, 3));
    add(`beta to ${r.benchmark}`, (x) => x.benchmark!.beta, (v) => num(v, 3));
  }
  return rows;
}

export function perfJson(r: PerfResult, loaded: Pick<LoadedMarket, 'description' | 'attribution'>) {
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

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function print(r: PerfResult, loaded: LoadedMarket, opts: PerfOptions): void {
  for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  if (opts.format === 'json') return void out.write(JSON.stringify(perfJson(r, loaded)) + '\n');
  const rows = metricRows(r);
  if (opts.format === 'csv') {
    return void out.write(toCsv([['metric', ...r.assets.map((a) => a.symbol)], ...rows.map((m) => [m.name, ...r.assets.map((a) => m.values(a))])]));
  }
  const style = makeStyle();
  const tf = r.timeframe;
  const first = r.assets[0]!.report;
  const lines: string[] = [];
  lines.push(
    style.bold('Performance') +
      ` · ${tf === 'D1' ? 'daily' : tf === 'W1' ? 'weekly' : tf} simple returns (long the base currency) · annualisation: ${first.annualization.label} · risk-free ${r.riskFreeLabel}` +
      (r.benchmark ? ` · benchmark ${r.benchmark}` : ''),
  );
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  let text = lines.join('\n') + '\n' + renderTable(['metric', ...r.assets.map((a) => a.symbol)], rows.map((m) => [m.name, ...r.assets.map((a) => m.text(a))]));
  if (r.benchmark && opts.phases > 0) {
    for (const a of r.assets) {
      const phases = [...a.report.benchmark!.phases].sort((x, y) => x.depth - y.depth).slice(0, opts.phases);
      text +=
        `\n${style.bold(`${a.symbol} during the ${r.benchmark} drawdowns`)} (deepest ${phases.length} of ${a.report.benchmark!.phases.length})\n` +
        renderTable(
          ['peak', 'trough', 'recovery', `${r.benchmark} depth`, `${a.symbol} peak→trough`, `${a.symbol} peak→recovery`],
          phases.map((p) => [stamp(p.peak, tf), stamp(p.trough, tf), Number.isNaN(p.recovery) ? 'not recovered' : stamp(p.recovery, tf), pct(p.depth), pct(p.assetPeakToTrough), pct(p.assetPeakToRecovery)]),
        );
    }
  }
  if (opts.monthly) {
    for (const a of r.assets) {
      const m = a.report.monthly;
      text +=
        `\n${style.bold(`${a.symbol} monthly returns`)}\n` +
        renderTable(
          ['year', ...MONTHS, 'year'],
          m.years.map((y, i) => [String(y), ...Array.from(m.months[i]!, (v) => (Number.isNaN(v) ? '' : (v * 100).toFixed(1))), (m.total[i]! * 100).toFixed(1)]),
        );
    }
    text += style.dim('monthly returns in per cent, compounded; first and last months may be partial') + '\n';
  }
  out.write(text);
}
