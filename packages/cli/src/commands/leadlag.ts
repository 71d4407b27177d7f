import { formatIsoTime } from '@soukan/core';
import { leadLagJson, leadLagQuery, type LeadLagResult, sourceNeed } from '@soukan/data';
import { leadLagRequest, formatParam, OUTPUT_FORMATS, type OutputFormat } from '@soukan/requests';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions } from '../load.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';

export function registerLeadLag(program: Command): void {
  const cmd = program
    .command('leadlag')
    .summary('which of two pairs leads: cross-correlation over lags, the lag of largest |ρ|, Granger tests both ways')
    .description(`${leadLagRequest.summary.en}.\nLag k pairs the first pair's return at t with the second's at t + k: k > 0 means the first leads.`);
  const names = addRequest(cmd, leadLagRequest);
  addFormat(cmd, formatParam(OUTPUT_FORMATS, { en: 'csv: the cross-correlation', ja: 'csv: 相互相関' }));
  addExamples(cmd, leadLagRequest);
  withDataOptions(cmd).action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const opts = self.opts<DataOptions & { format: OutputFormat }>();
    const params = parseCli(leadLagRequest, cliInput(self, names));
    const loaded = await loadMarket(opts, sourceNeed(params));
    const res = await loaded.run((m) => leadLagQuery(m, params));
    if (opts.format === 'json') process.stdout.write(JSON.stringify(leadLagJson(res, loaded)) + '\n');
    else if (opts.format === 'csv') process.stdout.write(toCsv([['lag', 'r', 'n', 'p'], ...Array.from(res.cross.lags, (lag, i) => [lag, num(res.cross.r[i]!), res.cross.n[i]!, num(res.cross.p[i]!)])]));
    else process.stdout.write(table(res, loaded.description));
  });
}

const num = (v: number): number | null => (Number.isNaN(v) ? null : v);
const fix = (v: number, d: number): string => (Number.isNaN(v) ? '—' : v.toFixed(d));
const pv = (v: number): string => (Number.isNaN(v) ? '—' : v < 1e-4 ? v.toExponential(1) : v.toFixed(4));

function table(r: LeadLagResult, source: string): string {
  const [x, y] = r.symbols;
  const out: string[] = [];
  out.push(`Lead–lag of ${x} and ${y} · ${r.returns} ${r.timeframe} log returns ${formatIsoTime(r.start)} → ${formatIsoTime(r.end)} · ${source}`);
  out.push(`lag k: ${x} at t with ${y} at t + k (k > 0: ${x} leads) · p: two-sided t-test per lag`);
  out.push('');
  out.push(renderTable(['lag', 'r', 'n', 'p'], Array.from(r.cross.lags, (lag, i) => [String(lag), fix(r.cross.r[i]!, 4), String(r.cross.n[i]!), pv(r.cross.p[i]!)])).trimEnd());
  const b = r.cross.best;
  out.push('');
  out.push(b === null ? 'largest |r|: none (no lag has a coefficient)' : `largest |r| at lag ${b.lag}: r ${fix(b.r, 4)}, p ${pv(b.p)}, Bonferroni over ${r.cross.lags.length} lags ${pv(b.pAdjusted)}`);
  out.push('');
  out.push('Granger causality (SSR F test; χ² and LR in --format json)');
  const rows = r.granger.xToY.map((g, i) => {
    const h = r.granger.yToX[i]!;
    return [String(g.lag), fix(g.f, 3), pv(g.fP), fix(h.f, 3), pv(h.fP)];
  });
  out.push(renderTable(['lags', `${x} → ${y}: F`, 'p', `${y} → ${x}: F`, 'p'], rows).trimEnd());
  return out.join('\n') + '\n';
}
