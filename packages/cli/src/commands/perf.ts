import { formatIsoTime, type PerformanceReport, type RiskFree, type Timeframe } from '@soukan/core';
import { cliFlag, InputError, parseAnnualRate, perfJson, perfQuery, readRiskFreeFile, type PerfAsset, type PerfParams, type PerfResult, sourceNeed } from '@soukan/data';
import { perfRequest, type OutputFormat } from '@soukan/requests';
import { nul } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { choiceOption, intOption, numberOption } from '../options.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { makeStyle } from '../output/style.js';

interface PerfOptions extends DataOptions {
  rfFile?: string;
  rfUnit: 'percent' | 'decimal';
  phases: number;
  monthly?: boolean;
  format: OutputFormat;
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
    );
  const names = addRequest(cmd, perfRequest);
  addExamples(cmd, perfRequest)
    .option('--rf-file <csv>', 'risk-free series: CSV of date,rate (annual rates at the returns\' frequency, e.g. FRED DTB3)')
    .option('--rf-unit <u>', 'percent | decimal: how --rf-file writes rates', choiceOption('--rf-unit', ['percent', 'decimal'] as const), 'percent')
    .option('--phases <n>', 'benchmark drawdowns to list (deepest first)', intOption('--phases', 0), 5)
    .option('--monthly', 'print the monthly returns table of each asset');
  addFormat(cmd);
  withDataOptions(cmd).action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const opts = self.opts<PerfOptions>();
    const q = parseCli(perfRequest, cliInput(self, names));
    if (q.rf !== undefined && opts.rfFile !== undefined) throw new InputError('give --rf or --rf-file, not both');
    let riskFree: RiskFree | undefined;
    let riskFreeLabel: string | undefined;
    if (q.rf !== undefined) {
      riskFree = parseAnnualRate(q.rf, cliFlag);
      riskFreeLabel = `${+(riskFree * 100).toPrecision(6)}%`;
    } else if (opts.rfFile !== undefined) {
      riskFree = readRiskFreeFile(opts.rfFile, opts.rfUnit);
      riskFreeLabel = opts.rfFile;
    }
    const a = (q.annualization ?? 'observed').toLowerCase();
    const annualization = a === 'observed' || a === 'conventional' ? a : numberOption('--annualization', 0, Infinity)(a);
    const { rf: _rf, source: _source, ...rest } = q;
    const params: PerfParams = { ...rest, assets: q.assets!, riskFree, riskFreeLabel, annualization };
    const loaded = await loadMarket(opts, sourceNeed({ symbols: [...params.assets, params.benchmark], timeframe: params.timeframe }));
    print(await loaded.run((m) => perfQuery(m, params, cliFlag)), loaded, opts);
  });
}

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
