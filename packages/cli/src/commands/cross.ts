import { formatIsoTime, type CrossInconsistency, type Timeframe } from '@soukan/core';
import { cliFlag, crossJson, crossQuery, type CrossParams, type CrossResult, sourceNeed } from '@soukan/data';
import { crossRequest, type OutputFormat } from '@soukan/requests';
import { nul } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { makeStyle } from '../output/style.js';

interface CrossOptions extends DataOptions {
  series?: boolean;
  format: OutputFormat;
}

export function registerCross(program: Command): void {
  const cmd = program
    .command('cross')
    .summary('build a cross from its legs; triangular inconsistency against a quoted cross (pips, bp)')
    .description(
      'Builds SYMBOL from two legs through a common currency (e.g. EUR/JPY = EUR/USD × USD/JPY).\n' +
        'When the data also quotes SYMBOL directly, reports direct − synthetic in pips and basis points.',
    )
    .option('--series', 'print every observation instead of the summary');
  addFormat(cmd);
  const names = addRequest(cmd, crossRequest);
  addExamples(cmd, crossRequest);
  withDataOptions(cmd).action(async (_symbol: string, _opts: CrossOptions, self: Command) => {
    const opts = self.opts<CrossOptions>();
    const q = parseCli(crossRequest, cliInput(self, names));
    const params: CrossParams = { ...q, symbol: q.symbol! };
    const loaded = await loadMarket(opts, sourceNeed({ symbols: [params.symbol], timeframe: params.timeframe, intraday: true }));
    print(await loaded.run((m) => crossQuery(m, params, cliFlag)), loaded, opts);
  });
}

const signed = (v: number, d: number): string => (Number.isNaN(v) ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(d)}`);
const stamp = (t: number, tf: Timeframe): string => (tf === 'D1' || tf === 'W1' ? formatIsoTime(t) : `${new Date(t).toISOString().slice(0, 16)}Z`);

/** `EUR/USD × USD/JPY`, or `EUR/JPY ÷ EUR/ZAR` for an inverted leg. */
function legsText(r: CrossResult): string {
  const mul = r.route.legs.filter((l) => !l.invert).map((l) => l.symbol);
  const div = r.route.legs.filter((l) => l.invert).map((l) => l.symbol);
  return [mul.length ? mul.join(' × ') : '1', ...div].join(' ÷ ');
}

function print(r: CrossResult, loaded: LoadedMarket, opts: CrossOptions): void {
  for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  const inc = r.inconsistency;
  if (opts.format === 'json') return void out.write(JSON.stringify(crossJson(r, loaded)) + '\n');
  if (opts.format === 'csv' || opts.series) {
    const header = inc ? ['time', 'direct', 'synthetic', 'pips', 'bp'] : ['time', 'synthetic'];
    const rows = inc
      ? Array.from(inc.time, (t, i) => [stamp(t, r.timeframe), inc.direct[i]!, inc.synthetic[i]!, nul(inc.pips[i]!), nul(inc.bp[i]!)])
      : Array.from(r.synthetic.time, (t, i) => [stamp(t, r.timeframe), r.synthetic.close[i]!]);
    if (opts.format === 'csv') return void out.write(toCsv([header, ...rows]));
    return void out.write(renderTable(header, rows.map((row) => row.map((v) => (typeof v === 'number' ? String(+v.toPrecision(10)) : (v ?? '—'))))));
  }
  const style = makeStyle();
  const t = inc ? inc.time : r.synthetic.time;
  const n = t.length;
  const lines: string[] = [];
  lines.push(
    style.bold(`${r.symbol} = ${legsText(r)}`) + ` (via ${r.route.via}) · ${r.timeframe === 'D1' ? 'daily' : r.timeframe} · ${n} observations · ${stamp(t[0]!, r.timeframe)} → ${stamp(t[n - 1]!, r.timeframe)}`,
  );
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  if (!inc) {
    lines.push(`latest synthetic ${r.symbol}: ${+r.synthetic.close[n - 1]!.toPrecision(8)} at ${stamp(t[n - 1]!, r.timeframe)} (not quoted directly; nothing to compare)`);
    return void out.write(lines.join('\n') + '\n');
  }
  const last = n - 1;
  lines.push(
    `latest ${stamp(inc.time[last]!, r.timeframe)}: direct ${+inc.direct[last]!.toPrecision(8)}, synthetic ${+inc.synthetic[last]!.toPrecision(8)}, difference ${signed(inc.pips[last]!, 2)} pips (${signed(inc.bp[last]!, 2)} bp)`,
  );
  const row = (name: string, s: CrossInconsistency['bpSummary']) => [name, signed(s.mean, 3), signed(s.median, 3), s.p99Abs.toFixed(3), s.maxAbs.toFixed(3)];
  const table = renderTable(['direct − synthetic', 'mean', 'median', 'p99 |x|', 'max |x|'], [row(`pips (pip ${r.pip})`, inc.pipsSummary), row('basis points', inc.bpSummary)]);
  out.write(lines.join('\n') + '\n' + table);
}
