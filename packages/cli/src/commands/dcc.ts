import { dccJson, dccQuery, sourceNeed } from '@soukan/data';
import { dccRequest, formatParam, OUTPUT_FORMATS, type OutputFormat } from '@soukan/requests';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions } from '../load.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';

export function registerDcc(program: Command): void {
  const cmd = program.command('dcc').summary('dynamic conditional correlation (DCC-GARCH): now, forecast, history').description(`${dccRequest.summary.en}.`);
  const names = addRequest(cmd, dccRequest);
  addFormat(cmd, formatParam(OUTPUT_FORMATS, { en: 'csv: the conditional correlation series', ja: 'csv: 条件付き相関の系列' }));
  addExamples(cmd, dccRequest);
  withDataOptions(cmd).action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const opts = self.opts<DataOptions & { format: OutputFormat }>();
    const params = parseCli(dccRequest, cliInput(self, names));
    const loaded = await loadMarket(opts, sourceNeed(params));
    const j = dccJson(await loaded.run((m) => dccQuery(m, opts.format === 'csv' ? { ...params, series: true } : params)), loaded);
    for (const n of j.notes) process.stderr.write(`note: ${n}\n`);
    if (opts.format === 'json') return void process.stdout.write(JSON.stringify(j) + '\n');
    if (opts.format === 'csv') {
      const s = j.series!;
      const head = ['time', ...j.pairs.map((p) => `${p.a}~${p.b}`)];
      return void process.stdout.write(toCsv([head, ...s.time.map((t, i) => [t, ...s.rho.map((r) => r[i] ?? null)])]));
    }
    const f = (v: number | null | undefined, d = 3): string => (v === null || v === undefined ? '—' : v.toFixed(d));
    const h = j.horizon;
    const rows = j.pairs.map((p) => [`${p.a} ~ ${p.b}`, f(p.current), f(p.forecast[0]), f(p.forecast[h - 1]), f(p.unconditional)]);
    const g = j.garch.map((x) => [x.symbol ?? '', f(x.omega, 10), f(x.alpha, 4), f(x.beta, 4), f(x.persistence, 4)]);
    process.stdout.write(
      `DCC-GARCH(1,1) · ${j.timeframe} · ${j.returns.n} log returns ${j.returns.from} → ${j.returns.to}\n` +
        `a ${f(j.model.a, 5)}  b ${f(j.model.b, 5)}  (a + b ${f(j.model.persistence, 5)})  log-likelihood ${j.model.logLikelihood.toFixed(2)}${j.model.converged ? '' : '  (not converged)'}\n\n` +
        renderTable(['pair', 'ρ now', `1 step`, `${h} steps`, 'long run'], rows) +
        `\n` +
        renderTable(['GARCH(1,1)', 'ω', 'α', 'β', 'α + β'], g) +
        `\nρ now: the conditional correlation of the last return; forecasts beyond one step by Engle & Sheppard's approximation; long run: Q̄ as a correlation\n` +
        `Source: ${j.source}${j.attribution ? ` · ${j.attribution}` : ''}\n`,
    );
  });
}
