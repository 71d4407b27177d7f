import { formatIsoTime } from '@soukan/core';
import {
  correlationMatrixJson,
  correlationQuery,
  correlationSeriesJson,
  correlationSeriesQuery,
  type CorrelationResult,
  type CorrelationSeriesResult,
  sourceNeed,
} from '@soukan/data';
import { correlationRequest, correlationSeriesRequest, type OutputFormat } from '@soukan/requests';
import { nul } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { intOption } from '../options.js';
import { toCsv } from '../output/csv.js';
import { COMPACT_BELOW, matrixTable, rankedTable, seriesTable } from '../output/correlationTable.js';
import { makeStyle } from '../output/style.js';
import { startupLine } from '../startupLine.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';

export function registerCorr(program: Command): void {
  const cmd = program
    .command('corr')
    .summary('correlation matrix of currency pairs (or a rolling/EWMA series of two)')
    .description(
      `${correlationRequest.summary.en}.\n` +
        'Symbols may be any pair the data can address: quoted, inverted, or crossed through a common currency.\n' +
        `With two symbols and --rolling or --ewm: ${correlationSeriesRequest.summary.en.toLowerCase()}.`,
    );
  const names = [...addRequest(cmd, correlationRequest), ...addRequest(cmd, correlationSeriesRequest, { only: ['rolling', 'ewm'] })];
  addFormat(cmd)
    .option('--verbose', 'say on stderr which kernel and how many threads computed the matrix, and the time of each phase')
    .option('--series', 'with --rolling or --ewm: print every value of the series, one line each (default: the last value and a summary)')
    .option('--top <n>', 'table: a ranked list of the n strongest pairs by |ρ| (sign kept) instead of the grid', intOption('--top'))
    .option('--width <columns>', `table: the terminal's width (default: the terminal's; under ${COMPACT_BELOW} a matrix that does not fit is drawn compact)`, intOption('--width', 20));
  addExamples(cmd, correlationRequest, correlationSeriesRequest);
  withDataOptions(cmd).action(async (...args: unknown[]) => {
    const actionAt = performance.now();
    const cpuAt = process.cpuUsage();
    const self = args[args.length - 1] as Command;
    const opts = self.opts<DataOptions & { format: OutputFormat; verbose?: boolean; series?: boolean; top?: number; width?: number }>();
    const input = cliInput(self, names);
    if (opts.verbose) {
      const line = startupLine(actionAt, cpuAt);
      if (line !== null) process.stderr.write(`${line}\n`);
    }
    if (input.rolling !== undefined || input.ewm !== undefined) {
      const params = parseCli(correlationSeriesRequest, input);
      const loaded = await loadMarket(opts, sourceNeed(params));
      printSeries(await loaded.run((m) => correlationSeriesQuery(m, params)), loaded, opts.format, opts.series);
    } else {
      const params = parseCli(correlationRequest, input);
      const loaded = await loadMarket(opts, sourceNeed(params));
      printMatrix(await loaded.run((m) => correlationQuery(m, params)), loaded, opts);
    }
  });
}


function printMatrix(res: CorrelationResult, loaded: LoadedMarket, o: { format: OutputFormat; verbose?: boolean; top?: number; width?: number }): void {
  const { format, verbose } = o;
  for (const n of res.notes) process.stderr.write(`note: ${n}\n`);
  if (verbose) process.stderr.write(`${computeLine(res.compute)}\n`);
  const r = res.report;
  const k = r.symbols.length;
  if (format === 'json') process.stdout.write(JSON.stringify(correlationMatrixJson(res, loaded)) + '\n');
  else if (format === 'csv') {
    const rows = [['', ...r.symbols], ...r.symbols.map((s, i) => [s, ...Array.from({ length: k }, (_, j) => nul(r.r[i * k + j]!))])];
    process.stdout.write(toCsv(rows));
  } else {
    const ctx = { style: makeStyle(), timeframe: res.timeframe, source: loaded.description, attribution: loaded.attribution, shrink: res.shrink, width: o.width ?? process.stdout.columns };
    process.stdout.write(o.top !== undefined ? rankedTable(r, ctx, o.top) : matrixTable(r, ctx));
  }
}

function printSeries(res: CorrelationSeriesResult, loaded: LoadedMarket, format: OutputFormat, rows = false): void {
  for (const n of res.notes) process.stderr.write(`note: ${n}\n`);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(correlationSeriesJson(res, loaded)) + '\n');
  } else if (format === 'csv') {
    process.stdout.write(toCsv([['time', 'rho'], ...Array.from(res.time, (t, i) => [formatIsoTime(t), nul(res.rho[i]!)])]));
  } else {
    const label = res.kind === 'rolling' ? `rolling ${res.rolling}` : `EWMA λ=${res.lambda}`;
    process.stdout.write(seriesTable(res, { style: makeStyle(), label, source: loaded.description, attribution: loaded.attribution, rows }));
  }
}

/** `--verbose`: how the dispatcher computed the matrix. */
function computeLine(run: CorrelationResult['compute']): string {
  const kernel = run.kernels === 'native' ? `native (${run.blas})` : run.kernels === 'wasm' ? 'wasm (SIMD)' : run.kernels === 'store' ? 'the store (sufficient statistics)' : 'typescript';
  const ms = Object.entries(run.ms)
    .map(([phase, v]) => `${phase} ${v.toFixed(1)} ms`)
    .join(', ');
  return `compute: kernel ${kernel}, ${run.threads} thread${run.threads === 1 ? '' : 's'}; ${ms}`;
}
