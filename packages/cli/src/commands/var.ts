import { formatIsoTime, type VarMethod } from '@soukan/core';
import {
  cliFlag,
  confidenceList,
  InputError,
  parseVarMethods,
  varJson,
  varQuery,
  type GivenPosition,
  type VarResult,
  sourceNeed,
} from '@soukan/data';
import { varRequest, type VarRequestParams, type OutputFormat } from '@soukan/requests';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { toCsv } from '../output/csv.js';
import { makeStyle } from '../output/style.js';
import { renderTable } from '../output/table.js';
import { money, nul, num, pct, positionsFromArgs, positionsFromFile } from './exposure.js';

const METHOD_LABEL: Record<VarMethod, string> = {
  historical: 'historical (linear quantile)',
  normal: 'normal',
  'cornish-fisher': 'Cornish–Fisher',
  ewma: 'EWMA normal',
  'monte-carlo': 'Monte Carlo',
};

interface VarOptions extends DataOptions {
  positions?: string;
  format: OutputFormat;
}

export function registerVar(program: Command): void {
  const cmd = program
    .command('var')
    .summary('Value-at-Risk and Expected Shortfall of one instrument or a portfolio, with backtests')
    .description(
      'VaR and ES (losses positive) from daily log returns, by historical simulation (numpy "linear" quantile), normal, Cornish–Fisher, EWMA-normal (RiskMetrics) and Monte Carlo with correlated returns (seeded), in return, pips and money. One instrument: soukan var EUR/USD [+100000]. A portfolio: soukan var EUR/USD +100000 USD/JPY -50000 --account USD. --backtest rolls the VaR through the history (data up to the day before only) and reports Kupiec and Christoffersen tests.',
    )
    .argument('[positions...]', 'an instrument (EUR/USD), or positions (EUR/USD +100000 USD/CHF -50k)')
    .option('--positions <file>', 'positions from a CSV (symbol,amount) or JSON file');
  addFormat(cmd);
  const names = addRequest(cmd, varRequest);
  addExamples(cmd, varRequest);
  withDataOptions(cmd).action(async (args: string[], _opts: VarOptions, self: Command) => {
    await runVar(args, self.opts<VarOptions>(), parseCli(varRequest, cliInput(self, names)));
  });
}

async function runVar(args: string[], opts: VarOptions, q: VarRequestParams): Promise<void> {
  const levels = confidenceList(q.confidence ?? varRequest.params.confidence.default!, '--confidence');
  const methods = parseVarMethods(q.method ?? 'all', cliFlag);
  const positions: GivenPosition[] = [...positionsFromArgs(args), ...(opts.positions ? positionsFromFile(opts.positions) : [])];
  if (positions.length === 0) throw new InputError('give an instrument (soukan var EUR/USD) or positions (soukan var EUR/USD +100000 USD/JPY -50000)');
  if (positions.length > 1) {
    const noAmount = positions.find((p) => Number.isNaN(p.amount));
    if (noAmount) throw new InputError(`position ${JSON.stringify(noAmount.text)} has no amount; a portfolio needs one per position (e.g. "${noAmount.symbol} +100000")`);
  }
  const loaded = await loadMarket(opts, sourceNeed({ symbols: positions.map((p) => p.symbol) }));
  const r = await loaded.run((m) =>
    varQuery(
      m,
      { ...q, positions, confidence: levels, methods },
      cliFlag,
    ),
  );
  for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  if (opts.format === 'json') out.write(JSON.stringify(varJson(r, loaded)) + '\n');
  else if (opts.format === 'csv') out.write(toCsv(varCsv(r)));
  else out.write(varTable(r, loaded));
}

function describe(ctx: VarResult): string {
  if (ctx.portfolio) return `portfolio of ${ctx.given.length} positions (gross ${money(ctx.gross)} ${ctx.account})`;
  const p = ctx.given[0]!;
  if (Number.isNaN(p.amount)) return `${p.symbol} long`;
  return `${p.symbol} ${p.amount >= 0 ? 'long' : 'short'} ${money(Math.abs(p.amount))}`;
}

function varCsv(r0: VarResult): (string | number | null)[][] {
  const rows = r0.rows;
  const bt = r0.backtests;
  const out: (string | number | null)[][] = [['section', 'method', 'confidence', 'var', 'es', 'var_pips', 'es_pips', 'var_money', 'es_money', 'days', 'breaches', 'expected', 'kupiec_p', 'christoffersen_p', 'conditional_coverage_p', 'breach_dates']];
  for (const r of rows) out.push(['risk', r.method, r.confidence, nul(r.var), nul(r.es), nul(r.varPips), nul(r.esPips), nul(r.varMoney), nul(r.esMoney), null, null, null, null, null, null, null]);
  for (const b of bt) {
    const x = b.result;
    out.push(['backtest', b.method, x.confidence, null, null, null, null, null, null, x.n, x.breaches, x.expected, nul(x.kupiec.pValue), nul(x.independence.pValue), nul(x.conditionalCoverage.pValue), b.dates.join(' ')]);
  }
  return out;
}

function varTable(ctx: VarResult, loaded: LoadedMarket): string {
  const rows = ctx.rows;
  const bt = ctx.backtests;
  const style = makeStyle();
  const lines: string[] = [];
  lines.push(
    style.bold(`VaR / ES · ${describe(ctx)} · ${ctx.horizon} day${ctx.horizon === 1 ? '' : 's'}`) +
      ` · ${ctx.T} daily log returns ${formatIsoTime(ctx.start)} → ${formatIsoTime(ctx.end)} · losses positive`,
  );
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  const hasMoney = rows.some((r) => Number.isFinite(r.varMoney));
  const header = ['confidence', 'method', 'VaR', 'ES'];
  if (!ctx.portfolio) header.push('VaR pips', 'ES pips');
  if (hasMoney) header.push(`VaR ${ctx.account}`, `ES ${ctx.account}`);
  const sorted = [...rows].sort((a, b) => a.confidence - b.confidence);
  lines.push(
    renderTable(
      header,
      sorted.map((r, i) => {
        const cells = [i > 0 && sorted[i - 1]!.confidence === r.confidence ? '' : pct(r.confidence, 1), METHOD_LABEL[r.method], pct(r.var, 3), pct(r.es, 3)];
        if (!ctx.portfolio) cells.push(num(r.varPips, 1), num(r.esPips, 1));
        if (hasMoney) cells.push(money(r.varMoney), money(r.esMoney));
        return cells;
      }),
    ).trimEnd(),
  );
  const notes = [
    ctx.portfolio ? `VaR and ES in % of gross exposure; money in ${ctx.account}` : `price ${num(ctx.price, 5)} as of ${formatIsoTime(ctx.asOf)}; pips and money scale the return linearly`,
    'historical: numpy.quantile "linear"; ES: mean of the P&L at or below it',
    `${ctx.mean} mean (EWMA: zero) · EWMA λ ${ctx.lambda}; Monte Carlo ${ctx.paths.toLocaleString('en-US')} paths, seed ${ctx.seed}`,
  ];
  if (ctx.horizon > 1) notes.push(`${ctx.horizon}-day: parametric models scale by √h, historical uses overlapping ${ctx.horizon}-day sums`);
  lines.push(style.dim(notes.join(' · ')));
  if (bt.length > 0) {
    lines.push('');
    lines.push(style.bold('Backtest') + ` · one-day VaR forecasts from the previous returns only · breach = loss > VaR · p < 0.05 rejects the model`);
    lines.push(
      renderTable(
        ['confidence', 'method', 'days', 'breaches', 'expected', 'Kupiec p', 'Christoffersen p', 'cond. cov. p', 'last breaches'],
        bt.map((b) => {
          const x = b.result;
          return [pct(x.confidence, 1), METHOD_LABEL[b.method], String(x.n), String(x.breaches), num(x.expected, 1), num(x.kupiec.pValue, 3), num(x.independence.pValue, 3), num(x.conditionalCoverage.pValue, 3), b.dates.slice(-3).join(' ')];
        }),
      ).trimEnd(),
    );
  }
  if (ctx.backtestSkipped) lines.push('', style.bold('Backtest skipped') + ` · ${ctx.backtestSkipped.replace(/^no backtest: /, '')}`);
  return lines.join('\n') + '\n';
}
