import { formatIsoTime } from '@soukan/core';
import { partialJson, partialQuery, type PartialResult, sourceNeed } from '@soukan/data';
import { partialRequest, formatParam } from '@soukan/requests';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions } from '../load.js';
import { renderTable } from '../output/table.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';

type Format = 'table' | 'json';

export function registerPartial(program: Command): void {
  const cmd = program
    .command('partial')
    .summary('correlation net of chosen series: e.g. the USD pairs net of the dollar')
    .description(`${partialRequest.summary.en}.`);
  const names = addRequest(cmd, partialRequest);
  addFormat(cmd, formatParam(['table', 'json']));
  addExamples(cmd, partialRequest);
  withDataOptions(cmd).action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const opts = self.opts<DataOptions & { format: Format }>();
    const params = parseCli(partialRequest, cliInput(self, names));
    const loaded = await loadMarket(opts, sourceNeed(params));
    const res = await loaded.run((m) => partialQuery(m, params));
    if (opts.format === 'json') process.stdout.write(JSON.stringify(partialJson(res, loaded)) + '\n');
    else process.stdout.write(table(res, loaded.description));
  });
}

const fix = (v: number): string => (Number.isNaN(v) ? '—' : v.toFixed(3));

function table(r: PartialResult, source: string): string {
  const k = r.symbols.length;
  const cells = (a: Float64Array, i: number): string[] => Array.from({ length: k }, (_, j) => fix(a[i * k + j]!));
  return [
    `Correlation of ${r.returns} ${r.timeframe} log returns ${formatIsoTime(r.start)} → ${formatIsoTime(r.end)} · ${source}`,
    renderTable(['', ...r.symbols], r.symbols.map((s, i) => [s, ...cells(r.correlation, i)])).trimEnd(),
    '',
    `Net of ${r.given.join(', ')}`,
    renderTable(['', ...r.symbols], r.symbols.map((s, i) => [s, ...cells(r.net, i)])).trimEnd(),
  ].join('\n') + '\n';
}
