import { formatIsoTime, type Timeframe, type AdfResult } from '@soukan/core';
import { cliFlag, pairJson, pairQuery, type PairParams, type PairResult, sourceNeed } from '@soukan/data';
import { pairRequest, type OutputFormat } from '@soukan/requests';
import { nul } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { makeStyle } from '../output/style.js';

export function registerPair(program: Command): void {
  const cmd = program
    .command('pair')
    .summary('pair trading (サヤ取り): hedge ratios, spread z-score, ADF and Engle–Granger tests, half-life, correlation divergence')
    .description(
      'Statistics for trading A against B: OLS and total-least-squares hedge ratios, the spread A − α − β B\n' +
        'and its rolling z-score, the Engle–Granger cointegration test and ADF tests with MacKinnon p-values,\n' +
        'the mean-reversion half-life, and an alert when the short-window correlation of the two legs\n' +
        'departs from the long-window one by more than k standard deviations of its own history.',
    );
  const names = addRequest(cmd, pairRequest);
  addExamples(cmd, pairRequest);
  addFormat(cmd);
  withDataOptions(cmd).action(async (...args: unknown[]) => {
    const self = args[args.length - 1] as Command;
    const opts = self.opts<DataOptions & { format: OutputFormat }>();
    const q = parseCli(pairRequest, cliInput(self, names));
    const params: PairParams = { ...q, a: q.a!, b: q.b!, autolag: q.autolag === 'none' ? null : q.autolag };
    const loaded = await loadMarket(opts, sourceNeed({ symbols: [params.a, params.b], timeframe: params.timeframe }));
    print(await loaded.run((m) => pairQuery(m, params, cliFlag)), loaded, opts.format);
  });
}

const num = (v: number, d: number): string => (Number.isNaN(v) ? '—' : v === Infinity ? '∞' : v === -Infinity ? '−∞' : v.toFixed(d));
const signed = (v: number, d: number): string => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(d)}` : num(v, d));
/** A subtracted term written with the sign folded in: `− 0.6338`, or `+ 0.0850` for −(−0.0850). */
const minus = (v: number, d: number): string => (Number.isFinite(v) ? `${v < 0 ? '+' : '−'} ${Math.abs(v).toFixed(d)}` : `− ${num(v, d)}`);
const stamp = (t: number, tf: Timeframe): string => (tf === 'D1' || tf === 'W1' ? formatIsoTime(t) : `${new Date(t).toISOString().slice(0, 16)}Z`);

function print(r: PairResult, loaded: LoadedMarket, format: OutputFormat): void {
  for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  if (format === 'json') return void out.write(JSON.stringify(pairJson(r, loaded)) + '\n');
  const d = r.divergence;
  if (format === 'csv') {
    const rows = Array.from(r.time, (t, i) => [
      stamp(t, r.timeframe),
      r.priceA[i]!,
      r.priceB[i]!,
      nul(r.spread[i]!),
      nul(r.z[i]!),
      d && i > 0 ? nul(d.shortCorr[i - 1]!) : null,
      d && i > 0 ? nul(d.longCorr[i - 1]!) : null,
      d && i > 0 ? nul(d.z[i - 1]!) : null,
      d && i > 0 ? d.alert[i - 1]! : null,
    ]);
    return void out.write(toCsv([['time', r.a, r.b, 'spread', `z${r.zWindow}`, 'corr_short', 'corr_long', 'divergence_z', 'alert'], ...rows]));
  }
  const style = makeStyle();
  const last = r.time.length - 1;
  const eg = r.engleGranger;
  const lines: string[] = [];
  const unit = r.on === 'log' ? 'log prices' : 'price levels';
  lines.push(style.bold(`Pair ${r.a} ~ ${r.b}`) + ` · ${unit} · ${r.timeframe === 'D1' ? 'daily' : r.timeframe} · ${r.time.length} observations · ${stamp(r.time[0]!, r.timeframe)} → ${stamp(r.time[last]!, r.timeframe)}`);
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  const hedges = renderTable(
    ['hedge ratio', 'β', 'α', 'se(β)'],
    [
      [`OLS${r.hedge === 'ols' ? ' (spread)' : ''}`, num(r.ols.beta, 4), num(r.ols.alpha, 4), num(r.ols.betaSe, 4)],
      [`TLS${r.hedge === 'tls' ? ' (spread)' : ''}`, num(r.tls.beta, 4), num(r.tls.alpha, 4), '—'],
    ],
  );
  const crit = (c: { '1%': number; '5%': number; '10%': number }): string => `1% ${num(c['1%'], 2)}  5% ${num(c['5%'], 2)}  10% ${num(c['10%'], 2)}`;
  const adfLine = (name: string, t: AdfResult): string[] => [name, num(t.statistic, 3), num(t.pValue, 4), String(t.usedLag), crit(t.criticalValues)];
  const tests = renderTable(
    ['test (H₀: unit root / no cointegration)', 'τ', 'p', 'lags', 'critical values'],
    [
      [`Engle–Granger ${r.a} on ${r.b} (trend ${eg.trend})`, eg.collinear ? '−∞' : num(eg.statistic, 3), num(eg.pValue, 4), Number.isNaN(eg.usedLag) ? '—' : String(eg.usedLag), crit(eg.criticalValues)],
      adfLine('ADF spread (constant)', r.adfSpread),
      adfLine(`ADF ${r.a} (constant)`, r.adfA),
      adfLine(`ADF ${r.b} (constant)`, r.adfB),
    ],
  );
  const hl = r.halfLife;
  const days = r.timeframe === 'D1' || r.timeframe === 'W1' ? ` ≈ ${num(hl.halfLife * r.spacingDays, 1)} calendar days` : '';
  const more: string[] = [];
  const h = r.hedge === 'ols' ? r.ols : r.tls;
  more.push(`spread ${r.a} ${minus(h.alpha, 4)} ${minus(h.beta, 4)} × ${r.b}: latest ${signed(r.spread[last]!, 5)}, z(${r.zWindow}) ${signed(r.z[last]!, 2)}`);
  const life = hl.halfLife === Infinity ? '∞ (the spread does not revert)' : `${num(hl.halfLife, 1)} periods${days}`;
  more.push(`half-life ${life} (AR(1) φ = ${num(hl.phi, 4)})`);
  const v = r.verdict;
  const tau = eg.collinear ? '−∞' : num(eg.statistic, 3);
  more.push(
    style.bold(`verdict: ${v.cointegrated ? 'cointegrated' : 'not cointegrated'} at ${v.level}`) +
      ` (Engle–Granger τ ${tau} ${v.cointegrated ? '<' : '≥'} ${num(v.critical, 2)}, p ${num(eg.pValue, 4)}); half-life ${life}`,
  );
  if (d) {
    const i = d.z.length - 1;
    const lastEp = d.episodes[d.episodes.length - 1];
    const state = d.alert[i] ? style.bold('ALERT') : 'no alert';
    more.push(
      `correlation of returns: ${d.short}-period ${num(d.shortCorr[i]!, 3)}, ${d.long}-period ${num(d.longCorr[i]!, 3)}, z ${signed(d.z[i]!, 2)} (k ${d.k}): ${state}; ` +
        `${d.episodes.length} alert episode${d.episodes.length === 1 ? '' : 's'} in the window${lastEp ? `, last ${stamp(r.time[lastEp.start + 1]!, r.timeframe)} → ${stamp(r.time[lastEp.end + 1]!, r.timeframe)}` : ''}`,
    );
  }
  out.write(lines.join('\n') + '\n' + hedges + tests + more.join('\n') + '\n' + style.dim(
        `p-values: MacKinnon (1994); critical values: MacKinnon (2010); lags by ${r.adfSpread.autolag ?? 'fixed --max-lag'}.\n` +
          'The ADF line on the spread uses Dickey–Fuller tables, which overstate significance when β is estimated; judge cointegration by Engle–Granger.',
      ) + '\n');
}
