import { readFileSync } from 'node:fs';
import {
  accountExposure,
  covarianceMatrix,
  currencyExposure,
  formatIsoTime,
  frameReturns,
  lowerBound,
  minimumVarianceHedge,
  parsePosition,
  parseSymbol,
  portfolioHistoricalRisk,
  portfolioNormalRisk,
  upperBound,
  type Frame,
  type Position,
} from '@soukan/core';
import { InputError } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { choiceOption, dateOption, intOption } from '../options.js';
import { toCsv } from '../output/csv.js';
import { makeStyle } from '../output/style.js';
import { renderTable } from '../output/table.js';

// ---------------------------------------------------------------------------
// Shared by `soukan exposure` and `soukan var`: positions, rates, returns.
// ---------------------------------------------------------------------------

/** A position as typed, with the text it came from (for messages). */
export interface GivenPosition extends Position {
  readonly text: string;
}

const AMOUNT_TOKEN = /^[+-]?(\d[\d_,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?[kKmM]?$/;

/**
 * Positions from command-line words: `EUR/USD +100000`, `"USD/CHF -50k"`,
 * `GBP/JPY=20000`. A symbol not followed by an amount is returned with
 * `amount: NaN` (the caller decides whether that is allowed).
 */
export function positionsFromArgs(args: readonly string[]): GivenPosition[] {
  const out: GivenPosition[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!.trim();
    const next = args[i + 1]?.trim();
    let text = a;
    if (/[\s=:]/.test(a)) text = a;
    else if (next !== undefined && AMOUNT_TOKEN.test(next)) {
      text = `${a} ${next}`;
      i++;
    } else {
      try {
        out.push({ symbol: parseSymbol(a).symbol, amount: Number.NaN, text: a });
      } catch (e) {
        throw new InputError(`position ${JSON.stringify(a)}: ${(e as Error).message}`);
      }
      continue;
    }
    try {
      out.push({ ...parsePosition(text), text });
    } catch (e) {
      throw new InputError(`position ${JSON.stringify(text)}: ${(e as Error).message}`);
    }
  }
  return out;
}

/**
 * Positions from a file: JSON (`[{"symbol": "EUR/USD", "amount": 100000}]` or
 * `{"positions": [...]}`) or CSV/text lines `symbol,amount` (a header line is
 * skipped; `#` starts a comment).
 */
export function positionsFromFile(path: string): GivenPosition[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`--positions: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      throw new InputError(`--positions ${path}: not valid JSON (${(e as Error).message})`);
    }
    const list = Array.isArray(data) ? data : (data as { positions?: unknown }).positions;
    if (!Array.isArray(list)) throw new InputError(`--positions ${path}: expected a JSON array of {"symbol", "amount"} or {"positions": [...]}`);
    return list.map((p: unknown, i) => {
      const o = p as { symbol?: unknown; amount?: unknown };
      const where = `--positions ${path}: item ${i + 1}`;
      if (typeof o?.symbol !== 'string' || (typeof o.amount !== 'number' && typeof o.amount !== 'string')) throw new InputError(`${where}: expected {"symbol": "EUR/USD", "amount": 100000}`);
      try {
        return { ...parsePosition(`${o.symbol} ${String(o.amount)}`), text: `${o.symbol} ${String(o.amount)}` };
      } catch (e) {
        throw new InputError(`${where}: ${(e as Error).message}`);
      }
    });
  }
  const out: GivenPosition[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') return;
    const fields = line.split(/[,;\t]/).map((f) => f.trim());
    if (out.length === 0 && fields.length >= 2 && /^(symbol|pair|instrument)$/i.test(fields[0]!)) return; // header
    const t = fields.length >= 2 ? `${fields[0]} ${fields[1]}` : line;
    try {
      out.push({ ...parsePosition(t), text: t });
    } catch (e) {
      throw new InputError(`${(e as Error).message}`, { file: path, line: i + 1, text: raw });
    }
  });
  if (out.length === 0) throw new InputError(`--positions ${path}: no positions found (expected lines like "EUR/USD,100000")`);
  return out;
}

/** Canonical symbols checked against the data; a pair the data cannot build names the position. */
export function routePositions(loaded: LoadedMarket, ps: readonly GivenPosition[]): GivenPosition[] {
  return ps.map((p) => {
    try {
      return { ...p, symbol: loaded.market.route(p.symbol).target.symbol };
    } catch (e) {
      throw new InputError(`position ${JSON.stringify(p.text)}: no data for ${p.symbol}: ${(e as Error).message}`);
    }
  });
}

/** Checks an account currency against the data. */
export function checkAccount(loaded: LoadedMarket, account: string): string {
  const a = account.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(a)) throw new InputError(`--account must be a three-letter currency code such as USD, got ${JSON.stringify(account)}`);
  if (!loaded.market.currencies.includes(a)) {
    throw new InputError(`--account ${a}: unknown account currency for ${loaded.market.label}; currencies: ${loaded.market.currencies.join(' ')}`);
  }
  return a;
}

/**
 * Latest rate (QUOTE per 1 BASE) at or before `end` of any pair the data can
 * build, with its time. Cached per symbol.
 */
export function makeRates(loaded: LoadedMarket, end?: number): { rate: (symbol: string) => number; asOf: (symbol: string) => number } {
  const cache = new Map<string, { v: number; t: number }>();
  const get = (symbol: string): { v: number; t: number } => {
    let c = cache.get(symbol);
    if (!c) {
      const s = loaded.market.series(symbol);
      let i = end === undefined ? s.time.length : upperBound(s.time, end);
      while (i > 0 && !(s.close[i - 1]! > 0)) i--;
      c = i > 0 ? { v: s.close[i - 1]!, t: s.time[i - 1]! } : { v: Number.NaN, t: Number.NaN };
      cache.set(symbol, c);
    }
    return c;
  };
  return { rate: (s) => get(s).v, asOf: (s) => get(s).t };
}

/** Account value of one unit of a currency. */
export function unitValue(rate: (symbol: string) => number, currency: string, account: string): number {
  return currency === account ? 1 : rate(`${currency}/${account}`);
}

/**
 * Row-major T×k matrix of daily log returns of symbols (aligned on common
 * dates; intraday data resampled to D1 bars first), the last `window` rows
 * ending at `end`, using prices from `from` on.
 */
export function returnMatrix(
  loaded: LoadedMarket,
  symbols: readonly string[],
  window: number | 'all',
  end: number | undefined,
  from?: number,
): { R: Float64Array; T: number; time: Float64Array; frame: Frame } {
  const { frame } = loaded.market.frame(symbols, { kind: 'inner' }, loaded.market.frequency === 'daily' ? undefined : 'D1');
  // Returns need both prices inside [from, end]: drop prices before `from` first.
  const first = from === undefined ? 0 : lowerBound(frame.time, from);
  const r = frameReturns(first === 0 ? frame : { time: frame.time.subarray(first), symbols: frame.symbols, columns: frame.columns.map((c) => c.subarray(first)) }, 'log');
  const stop = end === undefined ? r.time.length : upperBound(r.time, end);
  const start = window === 'all' ? 0 : Math.max(0, stop - window);
  const T = stop - start;
  const k = symbols.length;
  const R = new Float64Array(T * k);
  for (let t = 0; t < T; t++) for (let j = 0; j < k; j++) R[t * k + j] = r.columns[j]![start + t]!;
  return { R, T, time: r.time.subarray(start, stop), frame };
}

/** Mean of each column of a row-major T×k matrix. */
export function columnMeans(R: Float64Array, T: number, k: number): Float64Array {
  const m = new Float64Array(k);
  for (let t = 0; t < T; t++) for (let j = 0; j < k; j++) m[j] = m[j]! + R[t * k + j]! / T;
  return m;
}

/** Parses `0.95,0.99` (or `95,99` as percent) into confidence levels in (0, 1). */
export function confidenceList(text: string, name = '--confidence'): number[] {
  const parts = text.split(',').map((s) => s.trim());
  return parts.map((p) => {
    let v = Number(p);
    if (p.endsWith('%')) v = Number(p.slice(0, -1)) / 100;
    if (p === '' || !Number.isFinite(v) || !(v > 0 && v < 1)) throw new InputError(`${name} must be confidence levels in (0, 1) such as 0.95,0.99 (or 95%,99%), got ${JSON.stringify(text)}`);
    return v;
  });
}

/** `all` or a whole number ≥ min. */
export function windowOption(name: string, min: number) {
  return (text: string): number | 'all' => (text.trim().toLowerCase() === 'all' ? 'all' : intOption(name, min)(text));
}

export const num = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : '—');
export const money = (v: number): string => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
export const pct = (v: number, digits = 2): string => (Number.isFinite(v) ? `${(100 * v).toFixed(digits)}%` : '—');
export const nul = (v: number): number | null => (Number.isFinite(v) ? v : null);

// ---------------------------------------------------------------------------
// soukan exposure
// ---------------------------------------------------------------------------

interface ExposureOptions extends DataOptions {
  positions?: string;
  account: string;
  confidence: string;
  window: number | 'all';
  end?: number;
  hedge?: string;
  mean: 'sample' | 'zero';
  format: 'table' | 'json' | 'csv';
}

/** Default estimation window for portfolio risk: about two years of daily returns. */
export const DEFAULT_RISK_WINDOW = 500;

export function registerExposure(program: Command): void {
  const cmd = program
    .command('exposure')
    .summary('net currency exposure of positions, portfolio VaR/ES with contributions, hedge suggestion')
    .description(
      'Net exposure per currency of FX positions (EUR/USD +100000 = long 100,000 EUR, short 100,000 × rate USD), valued in the account currency at the latest rates; correlated portfolio VaR/ES (normal, with Euler component and marginal contributions per position; historical, with component ES) from daily log returns; and the single position in a chosen pair that minimises the portfolio variance. Losses are positive.',
    )
    .argument('[positions...]', 'positions: EUR/USD +100000 USD/CHF -50000 (with a k/m suffix write a negative amount as USD/CHF=-50k or "USD/CHF -50k")')
    .option('--positions <file>', 'positions from a CSV (symbol,amount) or JSON ([{"symbol","amount"}]) file')
    .option('--account <ccy>', 'account currency', 'USD')
    .option('--confidence <levels>', 'confidence level(s), e.g. 0.99 or 0.95,0.99', '0.99')
    .option('--window <n>', `daily returns used for the risk model, or "all"`, windowOption('--window', 20), DEFAULT_RISK_WINDOW)
    .option('--end <date>', 'rates and returns at or before this date (YYYY-MM-DD)', dateOption('--end'))
    .option('--hedge <pair>', 'pair to hedge in (default: the best of the pairs held)')
    .option('--mean <m>', 'mean return of the normal model: sample (default, as the historical VaR sees it) | zero (RiskMetrics)', choiceOption('--mean', ['sample', 'zero'] as const), 'sample')
    .option('--format <f>', 'table | json | csv', choiceOption('--format', ['table', 'json', 'csv'] as const), 'table');
  withDataOptions(cmd).action(async (args: string[], opts: ExposureOptions) => {
    await runExposure(args, opts);
  });
}

async function runExposure(args: string[], opts: ExposureOptions): Promise<void> {
  const levels = confidenceList(opts.confidence);
  let given = [...positionsFromArgs(args), ...(opts.positions ? positionsFromFile(opts.positions) : [])];
  if (given.length === 0) throw new InputError('give positions, e.g. soukan exposure EUR/USD +100000 USD/CHF -50000 --account USD (or --positions file.csv)');
  const noAmount = given.find((p) => Number.isNaN(p.amount));
  if (noAmount) throw new InputError(`position ${JSON.stringify(noAmount.text)} has no amount; write e.g. "${noAmount.symbol} +100000"`);
  const loaded = await loadMarket(opts);
  const account = checkAccount(loaded, opts.account);
  given = routePositions(loaded, given);
  const { rate, asOf } = makeRates(loaded, opts.end);
  const accountRate = (c: string): number => unitValue(rate, c, account);

  const net = currencyExposure(given, rate);
  const acc = accountExposure(net, account, (c) => accountRate(c));

  // Risk factors: each distinct pair held (positions in the same pair add up), plus the hedge pair.
  const held = [...new Set(given.map((p) => p.symbol))];
  const hedgeCandidates = opts.hedge ? [routePositions(loaded, [{ symbol: opts.hedge, amount: 0, text: `--hedge ${opts.hedge}` }])[0]!.symbol] : held;
  const factors = [...held, ...hedgeCandidates.filter((s) => !held.includes(s))];
  const k = factors.length;
  const w = new Float64Array(k);
  for (const p of given) w[factors.indexOf(p.symbol)] += p.amount * accountRate(parseSymbol(p.symbol).base);
  const { R, T, time } = returnMatrix(loaded, factors, opts.window, opts.end);
  const minRows = 20;
  if (T < minRows) throw new InputError(`too little history for --window ${opts.window}: ${T} common daily returns of ${factors.join(', ')} (need ≥ ${minRows})`);
  const notes: string[] = [];
  if (opts.window !== 'all' && T < opts.window) notes.push(`only ${T} common daily returns available (--window ${opts.window})`);
  const cov = covarianceMatrix(R, T, k);
  for (let j = 0; j < k; j++) if (!(cov[j * k + j]! > 0)) throw new InputError(`${factors[j]} is constant over the window: no risk can be estimated from it`);
  const normal = portfolioNormalRisk(cov, k, w, levels, opts.mean === 'zero' ? {} : { mean: columnMeans(R, T, k) });
  const hist = portfolioHistoricalRisk(R, T, k, w, levels);
  const hedges = hedgeCandidates.map((s) => {
    const j = factors.indexOf(s);
    const h = minimumVarianceHedge(cov, k, w, j);
    const unit = accountRate(parseSymbol(s).base);
    return { symbol: s, ...h, amount: h.exposure / unit };
  });
  const best = hedges.reduce((a, b) => (b.varianceReduction > a.varianceReduction ? b : a));

  const result = {
    account,
    asOf: Math.max(...factors.map((s) => asOf(s))),
    positions: given.map((p) => ({ symbol: p.symbol, amount: p.amount, rate: rate(p.symbol), exposure: w[factors.indexOf(p.symbol)]! })),
    currencies: acc.rows,
    gross: acc.gross,
    net: acc.net,
    window: { returns: T, start: time[0]!, end: time[T - 1]! },
    factors: factors.slice(0, held.length),
    normal: normal.measures.map((m) => ({ confidence: m.confidence, var: m.var, es: m.es, contributions: m.contributions.slice(0, held.length) })),
    historical: hist.map((m) => ({ confidence: m.confidence, var: m.var, es: m.es, componentEs: m.componentEs.slice(0, held.length), tailScenarios: m.tailScenarios })),
    sigma: normal.sigma,
    hedge: opts.hedge ? hedges[0]! : best,
    mean: opts.mean,
  };
  for (const n of notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  if (opts.format === 'json') out.write(JSON.stringify(exposureJson(result, loaded)) + '\n');
  else if (opts.format === 'csv') out.write(toCsv(exposureCsv(result)));
  else out.write(exposureTable(result, loaded, opts.hedge !== undefined));
}

type ExposureResult = {
  account: string;
  asOf: number;
  positions: { symbol: string; amount: number; rate: number; exposure: number }[];
  currencies: readonly { currency: string; amount: number; rate: number; value: number }[];
  gross: number;
  net: number;
  window: { returns: number; start: number; end: number };
  factors: string[];
  normal: { confidence: number; var: number; es: number; contributions: readonly { marginalVar: number; componentVar: number; marginalEs: number; componentEs: number; shareOfVar: number }[] }[];
  historical: { confidence: number; var: number; es: number; componentEs: readonly number[]; tailScenarios: number }[];
  sigma: number;
  hedge: { symbol: string; exposure: number; amount: number; sigmaBefore: number; sigmaAfter: number; varianceReduction: number };
  mean: 'sample' | 'zero';
};

function exposureJson(r: ExposureResult, loaded: LoadedMarket) {
  return {
    account: r.account,
    asOf: formatIsoTime(r.asOf),
    positions: r.positions.map((p) => ({ ...p, exposure: nul(p.exposure) })),
    currencies: r.currencies.map((c) => ({ currency: c.currency, amount: nul(c.amount), rate: nul(c.rate), value: nul(c.value) })),
    gross: nul(r.gross),
    net: nul(r.net),
    risk: {
      model: 'daily log returns; exposure = account value of each position\'s base notional; P&L = Σ exposure × return; losses positive',
      returns: r.window.returns,
      start: formatIsoTime(r.window.start),
      end: formatIsoTime(r.window.end),
      sigma: nul(r.sigma),
      mean: r.mean,
      normal: r.normal.map((m) => ({
        confidence: m.confidence,
        var: nul(m.var),
        es: nul(m.es),
        positions: r.factors.map((s, i) => ({ symbol: s, marginalVar: nul(m.contributions[i]!.marginalVar), componentVar: nul(m.contributions[i]!.componentVar), shareOfVar: nul(m.contributions[i]!.shareOfVar), marginalEs: nul(m.contributions[i]!.marginalEs), componentEs: nul(m.contributions[i]!.componentEs) })),
      })),
      historical: r.historical.map((m) => ({ confidence: m.confidence, quantile: 'linear', var: nul(m.var), es: nul(m.es), tailScenarios: m.tailScenarios, positions: r.factors.map((s, i) => ({ symbol: s, componentEs: nul(m.componentEs[i]!) })) })),
    },
    hedge: { symbol: r.hedge.symbol, amount: nul(r.hedge.amount), exposure: nul(r.hedge.exposure), sigmaBefore: nul(r.hedge.sigmaBefore), sigmaAfter: nul(r.hedge.sigmaAfter), varianceReduction: nul(r.hedge.varianceReduction) },
    source: loaded.description,
    attribution: loaded.attribution ?? null,
  };
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
