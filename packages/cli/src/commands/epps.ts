import { formatIsoTime } from '@soukan/core';
import { eppsJson, eppsQuery, nul, type EppsResult } from '@soukan/data';
import { eppsRequest, formatParam, OUTPUT_FORMATS, type OutputFormat } from '@soukan/requests';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions } from '../load.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';

export function registerEpps(program: Command): void {
  const cmd = program
    .command('epps')
    .summary('correlation of asynchronous observations: Hayashi–Yoshida, and the Epps curve against sampling interval')
    .description(
      `${eppsRequest.summary.en}.\n` +
        'Each pair is read at its own stored times (ticks, or one-minute closes where a minute without a quote has no row); --thin keeps a random share of them.',
    );
  const names = addRequest(cmd, eppsRequest);
  addFormat(cmd, formatParam(OUTPUT_FORMATS, { en: 'csv: the Epps curve', ja: 'csv: Epps 曲線' }));
  addExamples(cmd, eppsRequest);
  withDataOptions(cmd).action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const opts = self.opts<DataOptions & { format: OutputFormat }>();
    const params = parseCli(eppsRequest, cliInput(self, names));
    const loaded = await loadMarket(opts);
    const res = await loaded.run((m) => eppsQuery(m, params));
    if (opts.format === 'json') process.stdout.write(JSON.stringify(eppsJson(res, loaded)) + '\n');
    else if (opts.format === 'csv') process.stdout.write(toCsv([['interval', 'seconds', 'returns', 'correlation'], ...res.epps.map((e, i) => [res.intervals[i]!.label, res.intervals[i]!.ms / 1000, e.n, nul(e.correlation)])]));
    else process.stdout.write(table(res, loaded.description));
  });
}

const fix = (v: number): string => (Number.isFinite(v) ? v.toFixed(4) : '—');

function table(r: EppsResult, source: string): string {
  const [a, b] = r.symbols;
  const out: string[] = [];
  out.push(`Asynchronous correlation of ${a} and ${b} · log prices ${formatIsoTime(r.from)} → ${formatIsoTime(r.to)} · ${source}`);
  const thin = r.thin < 1 ? ` (each kept with probability ${r.thin}, seed ${r.seed})` : '';
  out.push(`observations: ${a} ${r.used[0]}, ${b} ${r.used[1]}${thin}`);
  out.push('');
  out.push(`Hayashi–Yoshida (own times, no interpolation): ρ ${fix(r.hy.correlation)} · ${r.hy.overlaps} overlapping interval pairs`);
  out.push('');
  out.push('Epps curve: previous-tick sampling on a grid of each interval, realised correlation');
  out.push(renderTable(['interval', 'returns', 'ρ'], r.epps.map((e, i) => [r.intervals[i]!.label, String(e.n), fix(e.correlation)])).trimEnd());
  return out.join('\n') + '\n';
}
