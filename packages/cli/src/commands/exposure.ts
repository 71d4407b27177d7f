import { readFileSync } from 'node:fs';
import { formatIsoTime } from '@soukan/core';
import {
  cliFlag,
  confidenceList,
  exposureJson,
  exposureQuery,
  InputError,
  positionsFromText,
  positionsFromWords,
  type ExposureResult,
  type GivenPosition,
  sourceNeed,
} from '@soukan/data';
import { exposureRequest, type ExposureRequestParams, type OutputFormat } from '@soukan/requests';
import { nul } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { intOption } from '../options.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { toCsv } from '../output/csv.js';
import { makeStyle } from '../output/style.js';
import { renderTable } from '../output/table.js';

// ---------------------------------------------------------------------------
// Shared by `soukan exposure` and `soukan var`: positions, rates, returns.
// ---------------------------------------------------------------------------

/** Positions from command-line words (see positionsFromWords in @soukan/data). */
export function positionsFromArgs(args: readonly string[]): GivenPosition[] {
  return positionsFromWords(args);
}

/** Positions from a CSV (symbol,amount) or JSON file named by --positions. */
export function positionsFromFile(path: string): GivenPosition[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`--positions: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return positionsFromText(text, path, cliFlag);
}

/** `all` or a whole number ≥ min. */
export function windowOption(name: string, min: number) {
  return (text: string): number | 'all' => (text.trim().toLowerCase() === 'all' ? 'all' : intOption(name, min)(text));
}

export const num = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');
export const money = (v: number): string => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
export const pct = (v: number, digits = 2): string => (Number.isFinite(v) ? `${(100 * v).toFixed(digits)}%` : '—');
export { nul };

// ---------------------------------------------------------------------------
// soukan exposure
// ---------------------------------------------------------------------------

interface ExposureOptions extends DataOptions {
  positions?: string;
  format: OutputFormat;
}

export function registerExposure(program: Command): void {
  const cmd = program
    .command('exposure')
    .summary('net currency exposure of positions, portfolio VaR/ES with contributions, hedge suggestion')
    .description(
      'Net exposure per currency of FX positions (EUR/USD +100000 = long 100,000 EUR, short 100,000 × rate USD), valued in the account currency at the latest rates; correlated portfolio VaR/ES (normal, with Euler component and marginal contributions per position; historical, with component ES) from daily log returns; and the single position in a chosen pair that minimises the portfolio variance. Losses are positive.',
    )
    .argument('[positions...]', 'positions: EUR/USD +100000 USD/CHF -50000 (k/m suffixes: USD/CHF -50k)')
    .option('--positions <file>', 'positions from a CSV (symbol,amount) or JSON ([{"symbol","amount"}]) file');
  addFormat(cmd);
  const names = addRequest(cmd, exposureRequest);
  addExamples(cmd, exposureRequest);
  withDataOptions(cmd).action(async (args: string[], _opts: ExposureOptions, self: Command) => {
    await runExposure(args, self.opts<ExposureOptions>(), parseCli(exposureRequest, cliInput(self, names)));
  });
}

async function runExposure(args: string[], opts: ExposureOptions, q: ExposureRequestParams): Promise<void> {
  const levels = confidenceList(q.confidence ?? exposureRequest.params.confidence.default!, '--confidence');
  const positions = [...positionsFromArgs(args), ...(opts.positions ? positionsFromFile(opts.positions) : [])];
  if (positions.length === 0) throw new InputError('give positions, e.g. soukan exposure EUR/USD +100000 USD/CHF -50000 --account USD (or --positions file.csv)');
  const noAmount = positions.find((p) => Number.isNaN(p.amount));
  if (noAmount) throw new InputError(`position ${JSON.stringify(noAmount.text)} has no amount; write e.g. "${noAmount.symbol} +100000"`);
  const loaded = await loadMarket(opts, sourceNeed({ symbols: positions.map((p) => p.symbol) }));
  const result = await loaded.run((m) =>
    exposureQuery(
      m,
      { ...q, positions, confidence: levels },
      cliFlag,
    ),
  );
  for (const n of result.notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  if (opts.format === 'json') out.write(JSON.stringify(exposureJson(result, loaded)) + '\n');
  else if (opts.format === 'csv') out.write(toCsv(exposureCsv(result)));
  else out.write(exposureTable(result, loaded, q.hedge !== undefined));
}

function exposureCsv(r: ExposureResult): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [['section', 'item', 'amount', 'rate', 'value', 'confidence', 'var', 'es', 'marginal_var', 'component_var', 'share_of_var', 'component_es_historical', 'variance_reduction']];
  for (const c of r.currencies) rows.push(['currency', c.currency, nul(c.amount), nul(c.rate), nul(c.value), null, null, null, null, null, null, null, null]);
  r.normal.forEach((m, j) => {
    const h = r.historical[j]!;
    rows.push(['portfolio', 'normal', null, null, null, m.confidence, nul(m.var), nul(m.es), null, null, null, null, null]);
    rows.push(['portfolio', 'historical', null, null, null, h.confidence, nul(h.var), nul(h.es), null, null, null, null, null]);
    r.factors.forEach((s, i) => {
      const c = m.contributions[i]!;
      const p = r.positions.filter((x) => x.symbol === s).reduce((a, x) => a + x.amount, 0);
      rows.push(['position', s, p, null, r.positions.find((x) => x.symbol === s)!.exposure, m.confidence, null, null, nul(c.marginalVar), nul(c.componentVar), nul(c.shareOfVar), nul(h.componentEs[i]!), null]);
    });
  });
  rows.push(['hedge', r.hedge.symbol, nul(r.hedge.amount), null, nul(r.hedge.exposure), null, null, null, null, null, null, null, nul(r.hedge.varianceReduction)]);
  return rows;
}

function exposureTable(r: ExposureResult, loaded: LoadedMarket, hedgeGiven: boolean): string {
  const style = makeStyle();
  const lines: string[] = [];
  lines.push(style.bold(`Net currency exposure in ${r.account}`) + ` · rates as of ${formatIsoTime(r.asOf)}`);
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  lines.push(
    renderTable(
      ['currency', 'amount', `${r.account} per unit`, `value (${r.account})`],
      r.currencies.map((c) => [c.currency, money(c.amount), num(c.rate, 6), money(c.value)]),
    ).trimEnd(),
  );
  lines.push(`gross ${money(r.gross)} ${r.account} · net ${money(r.net)} ${r.account} (zero for a book marked at these rates)`);
  lines.push('');
  lines.push(style.bold('Portfolio risk') + ` · ${r.window.returns} daily log returns ${formatIsoTime(r.window.start)} → ${formatIsoTime(r.window.end)} · 1 day · losses positive, in ${r.account}`);
  const riskRows: string[][] = [];
  r.normal.forEach((m, j) => {
    const h = r.historical[j]!;
    riskRows.push([`${pct(m.confidence, 1)}`, `normal (${r.mean === 'zero' ? 'zero mean' : 'sample mean'})`, money(m.var), money(m.es)]);
    riskRows.push(['', 'historical (linear quantile)', money(h.var), money(h.es)]);
  });
  lines.push(renderTable(['confidence', 'model', 'VaR', 'ES'], riskRows).trimEnd());
  const m = r.normal[r.normal.length - 1]!;
  const h = r.historical[r.historical.length - 1]!;
  lines.push('');
  lines.push(style.bold(`Contributions at ${pct(m.confidence, 1)}`) + ' · marginal = VaR per extra 1 of exposure; components add up to the total');
  lines.push(
    renderTable(
      ['position', 'amount', `exposure (${r.account})`, 'marginal VaR', 'component VaR', 'share', 'component ES (hist)'],
      r.factors.map((s, i) => {
        const c = m.contributions[i]!;
        const amount = r.positions.filter((x) => x.symbol === s).reduce((a, x) => a + x.amount, 0);
        return [s, money(amount), money(r.positions.find((x) => x.symbol === s)!.exposure), num(c.marginalVar, 5), money(c.componentVar), pct(c.shareOfVar, 1), money(h.componentEs[i]!)];
      }),
    ).trimEnd(),
  );
  const hd = r.hedge;
  lines.push('');
  lines.push(
    style.bold(`Minimum-variance hedge${hedgeGiven ? '' : ' (best of the pairs held)'}`) +
      `: ${hd.amount >= 0 ? 'buy' : 'sell'} ${money(Math.abs(hd.amount))} ${hd.symbol} → daily σ ${money(hd.sigmaBefore)} → ${money(hd.sigmaAfter)} ${r.account} (variance −${pct(hd.varianceReduction, 1)})`,
  );
  return lines.join('\n') + '\n';
}
