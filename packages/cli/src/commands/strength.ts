import { formatIsoTime, SESSION_OPENS, type Timeframe } from '@soukan/core';
import {
  cliFlag,
  residualSummary,
  strengthJson,
  strengthQuery,
  type StrengthParams,
  type StrengthResult,
  sourceNeed,
} from '@soukan/data';
import { strengthRequest, type OutputFormat } from '@soukan/requests';
import { nul } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { makeStyle } from '../output/style.js';

interface StrengthOptions extends DataOptions {
  series?: boolean;
  format: OutputFormat;
}

export function registerStrength(program: Command): void {
  const cmd = program
    .command('strength')
    .summary('currency strength index: least-squares factors from all pairs, rebased to 100')
    .description(
      'Decomposes each period\'s pair log returns into one factor per currency by least squares\n' +
        '(pair B/Q = factor B − factor Q; factors sum to zero, or --numeraire), cumulates and rebases\n' +
        'them to 100 at --base, ranks the currencies, and shows how well the pairs agree (residual).\n' +
        'The web-tool index "average % change against the other currencies" is shown beside it.',
    )
    .option('--series', 'print the index series (time × currency) instead of the ranking');
  addFormat(cmd);
  const names = addRequest(cmd, strengthRequest);
  addExamples(cmd, strengthRequest);
  withDataOptions(cmd).action(async (_currencies: string[], _opts: StrengthOptions, self: Command) => {
    const opts = self.opts<StrengthOptions>();
    const { currencies, align, ...q } = parseCli(strengthRequest, cliInput(self, names));
    const params: StrengthParams = { ...q, currencies: currencies?.split(/[, ]/), align: align ? { kind: align } : undefined };
    const loaded = await loadMarket(opts, sourceNeed({ timeframe: params.timeframe, intraday: /^[a-z]/i.test(params.base ?? '') }));
    print(await loaded.run((m) => strengthQuery(m, params, cliFlag)), loaded, opts);
  });
}

const signed = (v: number, d: number): string => (Number.isNaN(v) ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(d)}`);
const TF_WORDS: Record<string, string> = { D1: 'daily', W1: 'weekly' };
/** Dates for daily bars, date and UTC time for intraday ones (an open at 00:00 UTC is still a time). */
const stamp = (t: number, tf: Timeframe): string => (tf === 'D1' || tf === 'W1' ? formatIsoTime(t) : `${new Date(t).toISOString().slice(0, 16)}Z`);

function print(r: StrengthResult, loaded: LoadedMarket, opts: StrengthOptions): void {
  for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  const idx = r.strength.index;
  if (opts.format === 'json') return void out.write(JSON.stringify(strengthJson(r, loaded)) + '\n');
  if (opts.series) {
    const rows = Array.from(idx.time, (t, i) => [formatIsoTime(t), ...r.currencies.map((_, c) => idx.values[c]![i]!)]);
    if (opts.format === 'csv') return void out.write(toCsv([['time', ...r.currencies], ...rows]));
    return void out.write(renderTable(['time', ...r.currencies], rows.map(([t, ...v]) => [String(t), ...v.map((x) => (x as number).toFixed(2))])));
  }
  const avgLast = r.average.time.length - 1;
  const avgOf = (c: string): number => r.average.values[r.currencies.indexOf(c)]![avgLast]!;
  if (opts.format === 'csv') {
    return void out.write(
      toCsv([
        ['rank', 'currency', 'index', 'change_pct', 'last_period_pct', 'average_change_index'],
        ...r.strength.ranking.map((x) => [x.rank, x.currency, nul(x.index), nul(x.changePct), nul(x.lastPeriodPct), nul(avgOf(x.currency))]),
      ]),
    );
  }
  const style = makeStyle();
  const f = r.strength.factors;
  const bars = TF_WORDS[r.timeframe] ?? r.timeframe;
  const constraint = r.constraint.kind === 'zeroSum' ? 'zero-sum' : `numéraire ${r.constraint.currency}`;
  const lines: string[] = [];
  lines.push(
    style.bold(`Currency strength (least squares, ${constraint})`) +
      ` · ${r.currencies.length} currencies, ${r.pairs.length} pairs · ${bars} log returns · ${f.time.length} periods · ${formatIsoTime(idx.time[0]!)} → ${formatIsoTime(idx.time[idx.time.length - 1]!)}`,
  );
  lines.push(`index = ${idx.baseValue} at ${stamp(idx.time[idx.baseRow]!, r.timeframe)}${r.base.requested === 'start' ? ' (window start)' : r.base.requested in SESSION_OPENS ? ` (${r.base.requested} open)` : ''}`);
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  const table = renderTable(
    ['currency', 'rank', 'index', 'change %', 'last period %', 'avg % index*'],
    r.strength.ranking.map((x) => [x.currency, String(x.rank), x.index.toFixed(2), signed(x.changePct, 2), signed(x.lastPeriodPct, 3), avgOf(x.currency).toFixed(2)]),
  );
  const res = residualSummary(r);
  const foot: string[] = [];
  if (res.consistent) foot.push('residual: 0 — the pairs are triangularly consistent (crosses of one source), so the factors reproduce every pair exactly');
  else if (res.periods > 0) {
    foot.push(
      `residual (how well the pairs agree): RMS mean ${res.meanRmsBp.toFixed(2)} bp, median ${res.medianRmsBp.toFixed(2)} bp, worst ${res.maxRmsBp.toFixed(2)} bp on ${formatIsoTime(res.maxRmsAt)}; median R² ${res.medianR2.toFixed(4)}`,
    );
  }
  if (f.unidentified > 0) foot.push(`unidentified periods (too few pairs): ${f.unidentified}`);
  foot.push(`* ${r.average.method} since the base (the web-tool index), for comparison; not a least-squares factor`);
  out.write(lines.join('\n') + '\n' + table + style.dim(foot.join('\n')) + '\n');
}
