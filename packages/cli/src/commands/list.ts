import { listRequest, storeParam, type OutputFormat } from '@soukan/requests';
import { addExamples, addFormat, addParam, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { formatIsoTime } from '@soukan/core';
import { Store, storePath, type StoredSeries } from '@soukan/data';
import type { Command } from 'commander';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';

/**
 * `1-minute bars`, `daily fixings`, …
 *
 * @example describeKind({ kind: 'bars', frequency: 'intraday', stepMs: 60000 }) // '1-minute bars'
 */
export function describeKind(s: Pick<StoredSeries, 'kind' | 'frequency' | 'stepMs'>): string {
  if (s.kind === 'quotes') return s.frequency === 'daily' ? 'daily fixings' : 'intraday quotes';
  if (s.frequency === 'daily') return 'daily bars';
  if (s.stepMs === null) return 'intraday bars';
  const min = s.stepMs / 60_000;
  return min >= 60 && min % 60 === 0 ? `${min / 60}-hour bars` : `${min}-minute bars`;
}

/** `soukan list`: symbols, sources, kinds, rows and ranges in the store. */
export function registerList(program: Command): void {
  const cmd = program.command('list').summary('what the store holds: symbols, sources, ranges, row counts');
  const names = addRequest(cmd, listRequest);
  addParam(cmd, 'store', storeParam);
  addFormat(cmd);
  addExamples(cmd, listRequest).action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const opts = { ...self.opts<{ store?: string; format: OutputFormat }>(), ...parseCli(listRequest, cliInput(self, names)) };
    const path = opts.store ?? storePath();
    const store = await Store.open(path, { readOnly: true });
    let list: StoredSeries[];
    try {
      list = await store.list();
    } finally {
      await store.close();
    }
    if (opts.source !== undefined) list = list.filter((s) => s.source.toLowerCase() === opts.source!.toLowerCase());
    if (opts.format === 'json') {
      const rows = list.map((s) => ({ symbol: s.symbol, source: s.source, kind: s.kind, frequency: s.frequency, stepMs: s.stepMs, rows: s.rows, first: formatIsoTime(s.first), last: formatIsoTime(s.last) }));
      process.stdout.write(JSON.stringify({ store: path, series: rows }) + '\n');
      return;
    }
    if (opts.format === 'csv') {
      process.stdout.write(toCsv([['symbol', 'source', 'kind', 'rows', 'first', 'last'], ...list.map((s) => [s.symbol, s.source, describeKind(s), s.rows, formatIsoTime(s.first), formatIsoTime(s.last)])]));
      return;
    }
    if (list.length === 0) {
      process.stdout.write(`the store ${path} is empty${opts.source ? ` (for source ${opts.source})` : ''}; import data with: soukan import FILE…  or  soukan import ecb\n`);
      return;
    }
    const rows = list.map((s) => [s.symbol, s.source, describeKind(s), s.rows.toLocaleString('en-US'), formatIsoTime(s.first), formatIsoTime(s.last)]);
    process.stdout.write(renderTable(['symbol', 'source', 'kind', 'rows', 'first (UTC)', 'last (UTC)'], rows));
    const total = list.reduce((a, s) => a + s.rows, 0);
    process.stdout.write(`${list.length} series, ${total.toLocaleString('en-US')} rows in ${path}\n`);
  });
}
