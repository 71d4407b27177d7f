import { stabilityJson, stabilityQuery, sourceNeed } from '@soukan/data';
import { stabilityRequest, type OutputFormat } from '@soukan/requests';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions } from '../load.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';

export function registerStability(program: Command): void {
  const cmd = program.command('stability').summary('is each correlation stable, or breaking? (rolling score, change tests)').description(`${stabilityRequest.summary.en}.`);
  const names = addRequest(cmd, stabilityRequest);
  addFormat(cmd);
  addExamples(cmd, stabilityRequest);
  withDataOptions(cmd).action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const opts = self.opts<DataOptions & { format: OutputFormat }>();
    const params = parseCli(stabilityRequest, cliInput(self, names));
    const loaded = await loadMarket(opts, sourceNeed(params));
    const j = stabilityJson(await loaded.run((m) => stabilityQuery(m, params)), loaded);
    for (const n of j.notes) process.stderr.write(`note: ${n}\n`);
    if (opts.format === 'json') return void process.stdout.write(JSON.stringify(j) + '\n');
    const head = ['pair', 'ρ now', 'ρ before', 'z', 'p', 'changed', 'rolling mean', 'sd', 'same sign', 'score'];
    const rows = j.cells.map((c) => [`${c.a} ~ ${c.b}`, c.current, c.previous, c.z, c.pValue, c.changed, c.rolling.mean, c.rolling.sd, c.rolling.sameSign, c.rolling.score]);
    if (opts.format === 'csv') return void process.stdout.write(toCsv([head, ...rows.map((r) => r.map((v) => (typeof v === 'boolean' ? String(v) : v)))]));
    const f = (v: unknown, d = 3): string => (v === null ? '—' : typeof v === 'number' ? v.toFixed(d) : v === true ? 'yes' : v === false ? 'no' : String(v));
    process.stdout.write(
      `Stability · ${j.timeframe} · window ${j.window} returns: now ${j.current.from} → ${j.current.to}, before ${j.previous.from} → ${j.previous.to}; ` +
        `rolling history ${j.history.returns} returns (${j.history.from} → ${j.history.to})\n\n` +
        renderTable(head, rows.map((r) => r.map((v, i) => (i === 0 ? String(v) : f(v, i === 4 ? 4 : 3))))) +
        `\nWhole matrix (Jennrich χ², df ${j.matrix.df}): ${f(j.matrix.statistic, 2)}, p ${f(j.matrix.pValue, 4)} → ${j.matrix.changed ? 'changed' : 'no significant change'} at ${j.level}\n` +
        `score = same-sign share · (1 − sd of the rolling ρ); changed = Fisher z test of ρ now vs ρ before at ${j.level}\n` +
        `Source: ${j.source}${j.attribution ? ` · ${j.attribution}` : ''}\n`,
    );
  });
}
