import {
  cornishFisherVaR,
  covarianceMatrix,
  ewmaVaR,
  formatIsoDate,
  formatIsoTime,
  historicalVaR,
  monteCarloVaR,
  normalVaR,
  parseSymbol,
  pipSize,
  RISKMETRICS_LAMBDA,
  riskInUnits,
  rollingVaR,
  varBacktest,
  type RiskMeasure,
  type VarBacktest,
  type VarMethod,
} from '@soukan/core';
import { InputError } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { dateOption, intOption, numberOption, choiceOption } from '../options.js';
import { toCsv } from '../output/csv.js';
import { makeStyle } from '../output/style.js';
import { renderTable } from '../output/table.js';
import {
  checkAccount,
  columnMeans,
  confidenceList,
  DEFAULT_RISK_WINDOW,
  makeRates,
  money,
  nul,
  num,
  pct,
  positionsFromArgs,
  positionsFromFile,
  returnMatrix,
  routePositions,
  unitValue,
  windowOption,
  type GivenPosition,
} from './exposure.js';

const METHODS = ['historical', 'normal', 'cornish-fisher', 'ewma', 'monte-carlo'] as const satisfies readonly VarMethod[];
const METHOD_LABEL: Record<VarMethod, string> = {
  historical: 'historical (linear quantile)',
  normal: 'normal',
  'cornish-fisher': 'Cornish–Fisher',
  ewma: 'EWMA normal',
  'monte-carlo': 'Monte Carlo',
};

interface VarOptions extends DataOptions {
  positions?: string;
  confidence: string;
  horizon: number;
  method: string;
  window: number | 'all';
  from?: number;
  end?: number;
  paths: number;
  seed: number;
  lambda: number;
  account?: string;
  backtest?: boolean;
  backtestWindow: number;
  mean: 'sample' | 'zero';
  format: 'table' | 'json' | 'csv';
}

/** Fewest returns a VaR is computed from. */
const MIN_RETURNS = 30;

export function registerVar(program: Command): void {
  const cmd = program
    .command('var')
    .summary('Value-at-Risk and Expected Shortfall of one instrument or a portfolio, with backtests')
    .description(
      'VaR and ES (losses positive) from daily log returns, by historical simulation (numpy "linear" quantile), normal, Cornish–Fisher, EWMA-normal (RiskMetrics) and Monte Carlo with correlated returns (seeded), in return, pips and money. One instrument: soukan var EUR/USD [+100000]. A portfolio: soukan var EUR/USD +100000 USD/JPY -50000 --account USD. --backtest rolls the VaR through the history (data up to the day before only) and reports Kupiec and Christoffersen tests.',
    )
    .argument('[positions...]', 'an instrument (EUR/USD), or positions (EUR/USD +100000 USD/CHF -50000; negative k/m amounts as USD/CHF=-50k)')
    .option('--positions <file>', 'positions from a CSV (symbol,amount) or JSON file')
    .option('--confidence <levels>', 'confidence level(s) in (0, 1)', '0.95,0.99')
    .option('--horizon <days>', 'holding period in days (√h scaling; overlapping h-day sums for historical)', intOption('--horizon', 1), 1)
    .option('--method <list>', `all, or some of ${METHODS.join(',')}`, 'all')
    .option('--window <n>', 'daily returns used, or "all"', windowOption('--window', MIN_RETURNS), DEFAULT_RISK_WINDOW)
    .option('--from <date>', 'ignore data before this date (the backtest starts here)', dateOption('--from'))
    .option('--end <date>', 'use data at or before this date (YYYY-MM-DD)', dateOption('--end'))
    .option('--paths <n>', 'Monte Carlo scenarios', intOption('--paths', 100), 100_000)
    .option('--seed <n>', 'Monte Carlo seed (same seed, same result)', intOption('--seed', 0), 1)
    .option('--lambda <λ>', 'EWMA decay', numberOption('--lambda', 0, 1), RISKMETRICS_LAMBDA)
    .option('--account <ccy>', 'account currency for money amounts (default: the quote currency of one instrument, USD for a portfolio)')
    .option('--mean <m>', 'mean return of the normal, Cornish–Fisher and Monte Carlo models: sample (default) | zero (EWMA is always zero-mean)', choiceOption('--mean', ['sample', 'zero'] as const), 'sample')
    .option('--backtest', 'roll the VaR through the history and test its breaches (Kupiec, Christoffersen)')
    .option('--backtest-window <n>', 'returns behind each backtest forecast', intOption('--backtest-window', MIN_RETURNS), 250)
    .option('--format <f>', 'table | json | csv', choiceOption('--format', ['table', 'json', 'csv'] as const), 'table');
  withDataOptions(cmd).action(async (args: string[], opts: VarOptions) => {
    await runVar(args, opts);
  });
}

function parseMethods(text: string): VarMethod[] {
  if (text.trim().toLowerCase() === 'all') return [...METHODS];
  const list = text.split(',').map((s) => s.trim().toLowerCase());
  for (const m of list) if (!(METHODS as readonly string[]).includes(m)) throw new InputError(`--method must be all or a list of ${METHODS.join(', ')}, got ${JSON.stringify(m)}`);
  return list as VarMethod[];
}

/** Sums of h consecutive values (overlapping), for h-day historical returns. */
function overlappingSums(x: Float64Array, h: number): Float64Array {
  if (h <= 1) return x;
  const n = x.length - h + 1;
  const out = new Float64Array(Math.max(0, n));
  let s = 0;
  for (let i = 0; i < x.length; i++) {
    s += x[i]!;
    if (i >= h) s -= x[i - h]!;
    if (i >= h - 1) out[i - h + 1] = s;
  }
  return out;
}

/** VaR/ES of a P&L series by each method; `cov`/`w` drive Monte Carlo (k factors). */
function measuresOf(
  pnl: Float64Array,
  methods: readonly VarMethod[],
  levels: number[],
  opts: VarOptions,
  mc: { cov: Float64Array; k: number; w: Float64Array; mean: Float64Array },
): { method: VarMethod; measures: RiskMeasure[] }[] {
  const h = opts.horizon;
  return methods.map((method) => {
    switch (method) {
      case 'historical':
        return { method, measures: historicalVaR(overlappingSums(pnl, h), levels) };
      case 'normal':
        return { method, measures: normalVaR(pnl, levels, { horizon: h, zeroMean: opts.mean === 'zero' }) };
      case 'cornish-fisher':
        return { method, measures: cornishFisherVaR(pnl, levels, { horizon: h, zeroMean: opts.mean === 'zero' }) };
      case 'ewma':
        return { method, measures: ewmaVaR(pnl, levels, { lambda: opts.lambda, horizon: h }) };
      case 'monte-carlo':
        return { method, measures: monteCarloVaR(mc.cov, mc.k, mc.w, levels, { paths: opts.paths, seed: opts.seed, horizon: h, mean: mc.mean }).measures };
    }
  });
}

interface Backtested {
  readonly method: VarMethod;
  readonly result: VarBacktest;
  readonly dates: string[];
}

function backtests(pnl: Float64Array, time: Float64Array, methods: readonly VarMethod[], levels: number[], opts: VarOptions): Backtested[] {
  const W = opts.backtestWindow;
  if (pnl.length < W + MIN_RETURNS) {
    throw new InputError(`too little history for --backtest-window ${W}: ${pnl.length} daily returns (need at least ${W + MIN_RETURNS}); use a smaller --backtest-window`);
  }
  const out: Backtested[] = [];
  for (const method of methods) {
    if (method === 'monte-carlo') continue; // for a fixed normal model it is the normal VaR plus noise
    for (const c of levels) {
      const f = rollingVaR(pnl, W, c, method, { lambda: opts.lambda });
      const result = varBacktest(pnl, f, c);
      out.push({ method, result, dates: Array.from(result.breachIndex, (i) => formatIsoDate(time[i]!)) });
    }
  }
  return out;
}

async function runVar(args: string[], opts: VarOptions): Promise<void> {
  const levels = confidenceList(opts.confidence);
  const methods = parseMethods(opts.method);
  let given: GivenPosition[] = [...positionsFromArgs(args), ...(opts.positions ? positionsFromFile(opts.positions) : [])];
  if (given.length === 0) throw new InputError('give an instrument (soukan var EUR/USD) or positions (soukan var EUR/USD +100000 USD/JPY -50000)');
  const portfolio = given.length > 1;
  if (portfolio) {
    const noAmount = given.find((p) => Number.isNaN(p.amount));
    if (noAmount) throw new InputError(`position ${JSON.stringify(noAmount.text)} has no amount; a portfolio needs one per position (e.g. "${noAmount.symbol} +100000")`);
  }
  const loaded = await loadMarket(opts);
  given = routePositions(loaded, given);
  const { rate, asOf } = makeRates(loaded, opts.end);
  const single = given[0]!;
  const inst = parseSymbol(single.symbol);
  const account = opts.account !== undefined ? checkAccount(loaded, opts.account) : portfolio ? checkAccount(loaded, loaded.market.currencies.includes('USD') ? 'USD' : loaded.market.currencies[0]!) : inst.quote;

  const factors = [...new Set(given.map((p) => p.symbol))];
  const k = factors.length;
  const w = new Float64Array(k);
  if (portfolio) for (const p of given) w[factors.indexOf(p.symbol)] += p.amount * unitValue(rate, parseSymbol(p.symbol).base, account);
  else w[0] = Number.isNaN(single.amount) || single.amount >= 0 ? 1 : -1; // returns of the position as held

  // All history up to --end (the backtest rolls through it); the estimation window is its tail.
  const all = returnMatrix(loaded, factors, 'all', opts.end, opts.from);
  const pnlAll = new Float64Array(all.T);
  for (let t = 0; t < all.T; t++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += w[j]! * all.R[t * k + j]!;
    pnlAll[t] = s;
  }
  const T = opts.window === 'all' ? all.T : Math.min(opts.window, all.T);
  if (T < MIN_RETURNS) throw new InputError(`too little history: ${all.T} daily returns of ${factors.join(', ')}${opts.end !== undefined ? ` up to ${formatIsoDate(opts.end)}` : ''} (need at least ${MIN_RETURNS})`);
  const notes: string[] = [];
  if (opts.window !== 'all' && T < opts.window) notes.push(`only ${T} daily returns available (--window ${opts.window})`);
  if (opts.horizon >= T / 2) throw new InputError(`--horizon ${opts.horizon} is too long for ${T} daily returns (use a shorter horizon or a longer --window)`);
  const R = all.R.subarray((all.T - T) * k);
  const pnl = pnlAll.subarray(all.T - T);
  const time = all.time.subarray(all.T - T);
  const cov = covarianceMatrix(R, T, k);
  for (let j = 0; j < k; j++) if (!(cov[j * k + j]! > 0)) throw new InputError(`${factors[j]} is constant over the window (${formatIsoTime(time[0]!)} → ${formatIsoTime(time[T - 1]!)}): no VaR can be estimated from it`);

  const results = measuresOf(pnl, methods, levels, opts, { cov, k, w, mean: opts.mean === 'zero' ? new Float64Array(k) : columnMeans(R, T, k) });
  const bt = opts.backtest ? backtests(pnlAll, all.time, methods, levels, opts) : [];

  const price = rate(single.symbol);
  const pip = pipSize(single.symbol);
  const quoteToAccount = unitValue(rate, inst.quote, account);
  const notional = Number.isNaN(single.amount) ? undefined : single.amount;
  const gross = given.reduce((s, p) => s + Math.abs(p.amount * unitValue(rate, parseSymbol(p.symbol).base, account)), 0);
  const rows = results.flatMap(({ method, measures }) =>
    portfolio
      ? measures.map((m) => ({ method, confidence: m.confidence, var: m.var / gross, es: m.es / gross, varPips: Number.NaN, esPips: Number.NaN, varMoney: m.var, esMoney: m.es }))
      : riskInUnits(measures, { price, pip, notional, quoteToAccount }).map((u) => ({ method, confidence: u.confidence, var: u.var, es: u.es, varPips: u.varPips, esPips: u.esPips, varMoney: u.varAccount, esMoney: u.esAccount })),
  );
  const ctx: VarContext = {
    loaded,
    portfolio,
    given,
    account,
    price,
    asOf: asOf(single.symbol),
    gross,
    T,
    start: time[0]!,
    end: time[T - 1]!,
    horizon: opts.horizon,
    paths: opts.paths,
    seed: opts.seed,
    lambda: opts.lambda,
    mean: opts.mean,
  };
  for (const n of notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  if (opts.format === 'json') out.write(JSON.stringify(varJson(rows, bt, ctx)) + '\n');
  else if (opts.format === 'csv') out.write(toCsv(varCsv(rows, bt)));
  else out.write(varTable(rows, bt, ctx));
}

type Row = { method: VarMethod; confidence: number; var: number; es: number; varPips: number; esPips: number; varMoney: number; esMoney: number };
interface VarContext {
  loaded: LoadedMarket;
  portfolio: boolean;
  given: GivenPosition[];
  account: string;
  price: number;
  asOf: number;
  gross: number;
  T: number;
  start: number;
  end: number;
  horizon: number;
  paths: number;
  seed: number;
  lambda: number;
  mean: 'sample' | 'zero';
}

function describe(ctx: VarContext): string {
  if (ctx.portfolio) return `portfolio of ${ctx.given.length} positions (gross ${money(ctx.gross)} ${ctx.account})`;
  const p = ctx.given[0]!;
  if (Number.isNaN(p.amount)) return `${p.symbol} long`;
  return `${p.symbol} ${p.amount >= 0 ? 'long' : 'short'} ${money(Math.abs(p.amount))}`;
}

function varJson(rows: Row[], bt: Backtested[], ctx: VarContext) {
  return {
    subject: ctx.portfolio ? 'portfolio' : 'instrument',
    positions: ctx.given.map((p) => ({ symbol: p.symbol, amount: nul(p.amount) })),
    account: ctx.account,
    price: ctx.portfolio ? null : nul(ctx.price),
    asOf: formatIsoTime(ctx.asOf),
    horizonDays: ctx.horizon,
    returns: ctx.T,
    start: formatIsoTime(ctx.start),
    end: formatIsoTime(ctx.end),
    conventions: {
      sign: 'losses positive',
      returns: 'daily log returns',
      quantile: 'numpy.quantile method="linear" (Hyndman–Fan 7); ES = mean of P&L at or below that quantile',
      horizon: 'normal/Cornish–Fisher/EWMA/Monte Carlo: i.i.d. scaling (μh, σ√h); historical: overlapping h-day sums',
      units: ctx.portfolio ? 'return = money / gross exposure; money in the account currency' : 'pips = return × price / pip; money = return × price × |amount| × quote→account (linear)',
      mean: `${ctx.mean} mean for normal, Cornish–Fisher and Monte Carlo; EWMA zero mean`,
      ewmaLambda: ctx.lambda,
      monteCarlo: { paths: ctx.paths, seed: ctx.seed, prng: 'xoshiro256** + Marsaglia polar' },
    },
    results: rows.map((r) => ({ method: r.method, confidence: r.confidence, var: nul(r.var), es: nul(r.es), varPips: nul(r.varPips), esPips: nul(r.esPips), varMoney: nul(r.varMoney), esMoney: nul(r.esMoney) })),
    backtest: bt.map((b) => ({
      method: b.method,
      confidence: b.result.confidence,
      days: b.result.n,
      breaches: b.result.breaches,
      expected: b.result.expected,
      kupiec: { lr: nul(b.result.kupiec.lr), pValue: nul(b.result.kupiec.pValue) },
      christoffersen: { lr: nul(b.result.independence.lr), pValue: nul(b.result.independence.pValue) },
      conditionalCoverage: { lr: nul(b.result.conditionalCoverage.lr), pValue: nul(b.result.conditionalCoverage.pValue) },
      breachDates: b.dates,
    })),
    source: ctx.loaded.description,
    attribution: ctx.loaded.attribution ?? null,
  };
}

function varCsv(rows: Row[], bt: Backtested[]): (string | number | null)[][] {
  const out: (string | number | null)[][] = [['section', 'method', 'confidence', 'var', 'es', 'var_pips', 'es_pips', 'var_money', 'es_money', 'days', 'breaches', 'expected', 'kupiec_p', 'christoffersen_p', 'conditional_coverage_p', 'breach_dates']];
  for (const r of rows) out.push(['risk', r.method, r.confidence, nul(r.var), nul(r.es), nul(r.varPips), nul(r.esPips), nul(r.varMoney), nul(r.esMoney), null, null, null, null, null, null, null]);
  for (const b of bt) {
    const x = b.result;
    out.push(['backtest', b.method, x.confidence, null, null, null, null, null, null, x.n, x.breaches, x.expected, nul(x.kupiec.pValue), nul(x.independence.pValue), nul(x.conditionalCoverage.pValue), b.dates.join(' ')]);
  }
  return out;
}

function varTable(rows: Row[], bt: Backtested[], ctx: VarContext): string {
  const style = makeStyle();
  const lines: string[] = [];
  lines.push(
    style.bold(`VaR / ES · ${describe(ctx)} · ${ctx.horizon} day${ctx.horizon === 1 ? '' : 's'}`) +
      ` · ${ctx.T} daily log returns ${formatIsoTime(ctx.start)} → ${formatIsoTime(ctx.end)} · losses positive`,
  );
  lines.push(style.dim(`${ctx.loaded.description}${ctx.loaded.attribution ? ` · ${ctx.loaded.attribution}` : ''}`));
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
  return lines.join('\n') + '\n';
}
