import { formatIsoTime, RISKMETRICS_LAMBDA, type AlignPolicy } from '@soukan/core';
import {
  correlationMatrixJson,
  correlationQuery,
  correlationSeriesJson,
  correlationSeriesQuery,
  DEFAULT_CORRELATION_MIN_PERIODS,
  DEFAULT_CORRELATION_WINDOW,
  InputError,
  type CorrelationParams,
  type CorrelationResult,
  type CorrelationSeriesResult,
  type ParallelRunInfo,
} from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { choiceOption, dateOption, intOption, numberOption } from '../options.js';
import { toCsv } from '../output/csv.js';
import { matrixTable, seriesTable } from '../output/correlationTable.js';
import { makeStyle } from '../output/style.js';

interface CorrOptions extends DataOptions {
  universe?: string;
  on: 'returns' | 'levels';
  returns: 'log' | 'simple';
  method: 'pearson' | 'spearman' | 'kendall';
  window: string;
  end?: number;
  from?: number;
  to?: number;
  timeframe?: string;
  minPeriods?: number;
  align: string;
  order: 'given' | 'cluster';
  rolling?: number;
  ewm?: number;
  confidence: number;
  format: 'table' | 'json' | 'csv';
  verbose?: boolean;
}

export function registerCorr(program: Command): void {
  const cmd = program
    .command('corr')
    .summary('correlation matrix of currency pairs (or a rolling/EWMA series of two)')
    .description(
      'Correlation matrix of currency pairs, with n, p-value and confidence interval per cell.\n' +
        'Symbols may be any pair the data can address: quoted, inverted, or crossed through a common currency.',
    )
    .argument('[symbols...]', 'pairs, e.g. EUR/USD USDJPY gbp_usd (default: --universe majors)')
    .option('--universe <name>', 'majors | jpy-crosses | usd-pairs')
    .option('--on <input>', 'returns | levels (price levels, as some broker tables publish)', choiceOption('--on', ['returns', 'levels'] as const), 'returns')
    .option('--returns <kind>', 'log | simple returns', choiceOption('--returns', ['log', 'simple'] as const), 'log')
    .option('--method <m>', 'pearson | spearman | kendall', choiceOption('--method', ['pearson', 'spearman', 'kendall'] as const), 'pearson')
    .option('--window <n>', 'last N observations (returns, or prices with --on levels), or "all"', String(DEFAULT_CORRELATION_WINDOW))
    .option('--end <date>', 'the window ends on or before this date (YYYY-MM-DD)', dateOption('--end'))
    .option('--from <date>', 'date range start (instead of --window)', dateOption('--from'))
    .option('--to <date>', 'date range end (instead of --window)', dateOption('--to'))
    .option('--timeframe <tf>', 'D1 or W1 for daily data; M5 M15 M30 H1 H4 D1 W1 for intraday (default D1; H1 for intraday data)')
    .option('--min-periods <n>', `cells with fewer observations stay empty (default ${DEFAULT_CORRELATION_MIN_PERIODS}, at most the window)`, intOption('--min-periods', 2))
    .option('--align <policy>', 'inner | pairwise | ffill:N (forward-fill at most N rows)', 'inner')
    .option('--order <o>', 'given | cluster (hierarchical, average linkage)', choiceOption('--order', ['given', 'cluster'] as const), 'given')
    .option('--rolling <w>', 'with two symbols: rolling correlation over w observations', intOption('--rolling', 2))
    .option('--ewm <lambda>', `with two symbols: exponentially weighted correlation with decay λ (RiskMetrics: ${RISKMETRICS_LAMBDA})`, numberOption('--ewm', 0, 1))
    .option('--confidence <c>', 'confidence level of the intervals', numberOption('--confidence', 0, 1), 0.95)
    .option('--format <f>', 'table | json | csv', choiceOption('--format', ['table', 'json', 'csv'] as const), 'table')
    .option('--verbose', 'say on stderr which kernel and how many threads computed the matrix, and the time of each phase');
  withDataOptions(cmd).action(async (symbols: string[], opts: CorrOptions) => {
    const params = toParams(symbols, opts);
    const loaded = await loadMarket(opts);
    if (opts.rolling !== undefined || opts.ewm !== undefined) {
      if (opts.method !== 'pearson') throw new InputError('--rolling and --ewm compute Pearson correlation; drop --method');
      printSeries(correlationSeriesQuery(loaded.market, { ...params, method: undefined, rolling: opts.rolling, ewm: opts.ewm }), loaded, opts.format);
    } else {
      printMatrix(await correlationQuery(loaded.market, params), loaded, opts.format, opts.verbose);
    }
  });
}

function parseAlign(text: string): AlignPolicy {
  if (text === 'inner' || text === 'pairwise') return { kind: text };
  const m = /^ffill:(\d+)$/.exec(text);
  if (m) return { kind: 'ffill', limit: Number(m[1]) };
  throw new InputError(`--align must be inner, pairwise or ffill:N (e.g. ffill:1), got ${JSON.stringify(text)}`);
}

function toParams(symbols: string[], o: CorrOptions): CorrelationParams {
  if (o.rolling !== undefined && o.ewm !== undefined) throw new InputError('choose one of --rolling and --ewm');
  return {
    symbols,
    universe: o.universe,
    on: o.on,
    returns: o.returns,
    method: o.method,
    window: o.window === 'all' ? 'all' : intOption('--window', 2)(o.window),
    end: o.end,
    from: o.from,
    to: o.to,
    timeframe: o.timeframe,
    minPeriods: o.minPeriods,
    align: parseAlign(o.align),
    order: o.order,
    confidence: o.confidence,
  };
}

const nul = (v: number): number | null => (Number.isNaN(v) ? null : v);

/** The JSON shape of a matrix (also what the HTTP API returns): {@link correlationMatrixJson}. */
export function matrixJson(res: CorrelationResult, loaded: Pick<LoadedMarket, 'description' | 'attribution'>) {
  return correlationMatrixJson(res, loaded);
}

function printMatrix(res: CorrelationResult, loaded: LoadedMarket, format: CorrOptions['format'], verbose = false): void {
  for (const n of res.notes) process.stderr.write(`note: ${n}\n`);
  if (verbose) process.stderr.write(`${computeLine(res.compute)}\n`);
  const r = res.report;
  const k = r.symbols.length;
  if (format === 'json') process.stdout.write(JSON.stringify(matrixJson(res, loaded)) + '\n');
  else if (format === 'csv') {
    const rows = [['', ...r.symbols], ...r.symbols.map((s, i) => [s, ...Array.from({ length: k }, (_, j) => nul(r.r[i * k + j]!))])];
    process.stdout.write(toCsv(rows));
  } else {
    process.stdout.write(matrixTable(r, { style: makeStyle(), timeframe: res.timeframe, source: loaded.description, attribution: loaded.attribution }));
  }
}

function printSeries(res: CorrelationSeriesResult, loaded: LoadedMarket, format: CorrOptions['format']): void {
  for (const n of res.notes) process.stderr.write(`note: ${n}\n`);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(correlationSeriesJson(res, loaded)) + '\n');
  } else if (format === 'csv') {
    process.stdout.write(toCsv([['time', 'rho'], ...Array.from(res.time, (t, i) => [formatIsoTime(t), nul(res.rho[i]!)])]));
  } else {
    const label = res.kind === 'rolling' ? `rolling ${res.rolling}` : `EWMA λ=${res.lambda}`;
    process.stdout.write(seriesTable(res, { style: makeStyle(), label, source: loaded.description, attribution: loaded.attribution }));
  }
}

/** `--verbose`: how the dispatcher computed the matrix. */
function computeLine(run: ParallelRunInfo): string {
  const kernel = run.kernels === 'native' ? `native (${run.blas})` : run.kernels === 'wasm' ? 'wasm (SIMD)' : 'typescript';
  const ms = Object.entries(run.ms)
    .map(([phase, v]) => `${phase} ${v.toFixed(1)} ms`)
    .join(', ');
  return `compute: kernel ${kernel}, ${run.threads} thread${run.threads === 1 ? '' : 's'}; ${ms}`;
}
