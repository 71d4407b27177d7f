import {
  cornishFisherVaR,
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
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { covarianceModel, type CovarianceModel, type ShrinkChoice } from './covarianceModel.js';
import { nul } from './nul.js';
import { apiName, type ParamLabel } from './paramLabel.js';
import { checkAccount, columnMeans, DEFAULT_RISK_WINDOW, makeRates, returnMatrix, routePositions, unitValue, type GivenPosition } from './positions.js';
import { DEFAULT_BACKTEST_WINDOW, MIN_VAR_RETURNS, VAR_METHODS, varRequest } from '@soukan/requests';
import { parseParams } from './parseParams.js';

export { MIN_VAR_RETURNS, VAR_METHODS } from '@soukan/requests';


/** A VaR/ES request as `soukan var` and `GET /api/var` take it. */
export interface VarParams {
  /** One instrument (amount may be NaN: "long one unit") or several positions with amounts. */
  readonly positions: readonly GivenPosition[];
  /** Confidence levels in (0, 1) (default 0.95, 0.99). */
  readonly confidence?: readonly number[];
  /** Holding period in days (default 1). */
  readonly horizon?: number;
  readonly methods?: readonly VarMethod[];
  /** Daily returns used (default 500), or `all`. */
  readonly window?: number | 'all';
  /** Ignore data before this time (the backtest starts here). */
  readonly from?: number;
  readonly end?: number;
  /** Monte Carlo scenarios (default 100,000) and seed (default 1). */
  readonly paths?: number;
  readonly seed?: number;
  readonly lambda?: number;
  /** Account currency (default: the quote currency of one instrument, USD for a portfolio). */
  readonly account?: string;
  readonly backtest?: boolean;
  readonly backtestWindow?: number;
  readonly mean?: 'sample' | 'zero';
  /** Covariance estimator for Monte Carlo (default auto: see {@link covarianceModel}). */
  readonly shrink?: ShrinkChoice;
}

/** One VaR/ES figure in every unit. */
export interface VarRow {
  readonly method: VarMethod;
  readonly confidence: number;
  readonly var: number;
  readonly es: number;
  readonly varPips: number;
  readonly esPips: number;
  readonly varMoney: number;
  readonly esMoney: number;
}

/** A backtest of one method at one level. */
export interface VarBacktested {
  readonly method: VarMethod;
  readonly result: VarBacktest;
  readonly dates: string[];
}

/** What `soukan var` computed. */
export interface VarResult {
  readonly rows: readonly VarRow[];
  readonly backtests: readonly VarBacktested[];
  /** Why the asked-for backtest did not run (the history is too short for its window), or null. */
  readonly backtestSkipped: string | null;
  readonly portfolio: boolean;
  readonly given: readonly GivenPosition[];
  readonly account: string;
  readonly price: number;
  readonly asOf: number;
  readonly gross: number;
  readonly T: number;
  readonly start: number;
  readonly end: number;
  readonly horizon: number;
  readonly paths: number;
  readonly seed: number;
  readonly lambda: number;
  readonly mean: 'sample' | 'zero';
  /** The covariance estimator Monte Carlo drew from, and its shrinkage intensity. */
  readonly covariance: Omit<CovarianceModel, 'cov'>;
  readonly notes: readonly string[];
}

/** Parses `all` or a list of {@link VAR_METHODS}. */
export function parseVarMethods(text: string, label: ParamLabel = apiName): VarMethod[] {
  if (text.trim().toLowerCase() === 'all') return [...VAR_METHODS];
  const list = text.split(',').map((s) => s.trim().toLowerCase());
  for (const m of list) if (!(VAR_METHODS as readonly string[]).includes(m)) throw new InputError(`${label('method')} must be all or a list of ${VAR_METHODS.join(', ')}, got ${JSON.stringify(m)}`);
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

interface Settings {
  readonly horizon: number;
  readonly mean: 'sample' | 'zero';
  readonly lambda: number;
  readonly paths: number;
  readonly seed: number;
}

function measuresOf(
  pnl: Float64Array,
  methods: readonly VarMethod[],
  levels: readonly number[],
  o: Settings,
  mc: { cov: Float64Array; k: number; w: Float64Array; mean: Float64Array },
): { method: VarMethod; measures: RiskMeasure[] }[] {
  const h = o.horizon;
  const lv = [...levels];
  return methods.map((method) => {
    switch (method) {
      case 'historical':
        return { method, measures: historicalVaR(overlappingSums(pnl, h), lv) };
      case 'normal':
        return { method, measures: normalVaR(pnl, lv, { horizon: h, zeroMean: o.mean === 'zero' }) };
      case 'cornish-fisher':
        return { method, measures: cornishFisherVaR(pnl, lv, { horizon: h, zeroMean: o.mean === 'zero' }) };
      case 'ewma':
        return { method, measures: ewmaVaR(pnl, lv, { lambda: o.lambda, horizon: h }) };
      case 'monte-carlo':
        return { method, measures: monteCarloVaR(mc.cov, mc.k, mc.w, lv, { paths: o.paths, seed: o.seed, horizon: h, mean: mc.mean }).measures };
    }
  });
}

/**
 * Why the backtest cannot run on `returns` daily returns with a window of
 * `W` (each forecast needs W returns before it, and the test needs at least
 * {@link MIN_VAR_RETURNS} forecasts), or null when it can.
 *
 * @example backtestProblem(258, 250, apiName) // 'no backtest: 258 daily returns; backtestWindow 250 needs at least 280 …'
 */
export function backtestProblem(returns: number, W: number, label: ParamLabel): string | null {
  if (returns >= W + MIN_VAR_RETURNS) return null;
  const most = returns - MIN_VAR_RETURNS;
  return (
    `no backtest: ${returns} daily returns; ${label('backtestWindow')} ${W} needs at least ${W + MIN_VAR_RETURNS} (${W} behind each forecast + ${MIN_VAR_RETURNS} forecasts to test)` +
    (most >= MIN_VAR_RETURNS ? `; ${label('backtestWindow')} ${most} or less would run` : '; the history is too short for any backtest')
  );
}

function backtests(pnl: Float64Array, time: Float64Array, methods: readonly VarMethod[], levels: readonly number[], W: number, lambda: number): VarBacktested[] {
  const out: VarBacktested[] = [];
  for (const method of methods) {
    if (method === 'monte-carlo') continue; // for a fixed normal model it is the normal VaR plus noise
    for (const c of levels) {
      const f = rollingVaR(pnl, W, c, method, { lambda });
      const result = varBacktest(pnl, f, c);
      out.push({ method, result, dates: Array.from(result.breachIndex, (i) => formatIsoDate(time[i]!)) });
    }
  }
  return out;
}

/**
 * VaR and ES (losses positive) of one instrument or a portfolio from daily
 * log returns by historical simulation (numpy "linear" quantile), normal,
 * Cornish–Fisher, EWMA-normal and Monte Carlo, in return, pips and money;
 * optionally rolled through the history and backtested (Kupiec,
 * Christoffersen).
 *
 * @throws InputError for no positions, a portfolio position without an amount,
 *   pairs the data cannot build, an unknown account currency, too little
 *   history, a horizon too long for the window, a constant series.
 */
export function varQuery(market: Market, p: VarParams, label: ParamLabel = apiName): VarResult {
  parseParams(varRequest, p, ['positions', 'confidence']);
  const levels = p.confidence ?? [0.95, 0.99];
  const methods = p.methods ?? [...VAR_METHODS];
  const horizon = p.horizon ?? 1;
  const window = p.window ?? DEFAULT_RISK_WINDOW;
  const o: Settings = { horizon, mean: p.mean ?? 'sample', lambda: p.lambda ?? RISKMETRICS_LAMBDA, paths: p.paths ?? 100_000, seed: p.seed ?? 1 };
  let given = [...p.positions];
  if (given.length === 0) throw new InputError('give an instrument (soukan var EUR/USD) or positions (soukan var EUR/USD +100000 USD/JPY -50000)', { code: 'missing-param', params: { param: 'positions' } });
  const portfolio = given.length > 1;
  if (portfolio) {
    const noAmount = given.find((x) => Number.isNaN(x.amount));
    if (noAmount) throw new InputError(`position ${JSON.stringify(noAmount.text)} has no amount; a portfolio needs one per position (e.g. "${noAmount.symbol} +100000")`);
  }
  given = routePositions(market, given);
  const { rate, asOf } = makeRates(market, p.end);
  const single = given[0]!;
  const inst = parseSymbol(single.symbol);
  const account =
    p.account !== undefined ? checkAccount(market, p.account, label) : portfolio ? checkAccount(market, market.currencies.includes('USD') ? 'USD' : market.currencies[0]!, label) : inst.quote;

  const factors = [...new Set(given.map((x) => x.symbol))];
  const k = factors.length;
  const w = new Float64Array(k);
  // `factors` is the set of held symbols, so indexOf never misses.
  if (portfolio) for (const x of given) w[factors.indexOf(x.symbol)]! += x.amount * unitValue(rate, parseSymbol(x.symbol).base, account);
  else w[0] = Number.isNaN(single.amount) || single.amount >= 0 ? 1 : -1; // returns of the position as held

  // All history up to `end` (the backtest rolls through it); the estimation window is its tail.
  const all = returnMatrix(market, factors, 'all', p.end, p.from);
  const pnlAll = new Float64Array(all.T);
  for (let t = 0; t < all.T; t++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += w[j]! * all.R[t * k + j]!;
    pnlAll[t] = s;
  }
  const T = window === 'all' ? all.T : Math.min(window, all.T);
  if (T < MIN_VAR_RETURNS) {
    throw new InputError(`too little history: ${all.T} daily returns of ${factors.join(', ')}${p.end !== undefined ? ` up to ${formatIsoDate(p.end)}` : ''} (need at least ${MIN_VAR_RETURNS})`, {
      code: 'too-little-history',
      params: { observations: all.T, need: MIN_VAR_RETURNS },
    });
  }
  const notes: string[] = [];
  if (window !== 'all' && T < window) notes.push(`only ${T} daily returns available (${label('window')} ${window})`);
  if (horizon >= T / 2) throw new InputError(`${label('horizon')} ${horizon} is too long for ${T} daily returns (use a shorter horizon or a longer ${label('window')})`);
  const R = all.R.subarray((all.T - T) * k);
  const pnl = pnlAll.subarray(all.T - T);
  const time = all.time.subarray(all.T - T);
  const model = covarianceModel(R, T, k, p.shrink);
  const cov = model.cov;
  for (let j = 0; j < k; j++) {
    if (!(cov[j * k + j]! > 0)) {
      throw new InputError(`${factors[j]} is constant over the window (${formatIsoTime(time[0]!)} → ${formatIsoTime(time[T - 1]!)}): no VaR can be estimated from it`, { code: 'constant-series', params: { symbol: factors[j]! } });
    }
  }
  const results = measuresOf(pnl, methods, levels, o, { cov, k, w, mean: o.mean === 'zero' ? new Float64Array(k) : columnMeans(R, T, k) });
  const W = p.backtestWindow ?? DEFAULT_BACKTEST_WINDOW;
  // The VaR figures stand on their own: a backtest the history is too short for is skipped and said why.
  const backtestSkipped = p.backtest ? backtestProblem(pnlAll.length, W, label) : null;
  if (backtestSkipped) notes.push(backtestSkipped);
  const bt = p.backtest && !backtestSkipped ? backtests(pnlAll, all.time, methods, levels, W, o.lambda) : [];

  const price = rate(single.symbol);
  const pip = pipSize(single.symbol);
  const quoteToAccount = unitValue(rate, inst.quote, account);
  const notional = Number.isNaN(single.amount) ? undefined : single.amount;
  const gross = given.reduce((s, x) => s + Math.abs(x.amount * unitValue(rate, parseSymbol(x.symbol).base, account)), 0);
  const rows: VarRow[] = results.flatMap(({ method, measures }) =>
    portfolio
      ? measures.map((m) => ({ method, confidence: m.confidence, var: m.var / gross, es: m.es / gross, varPips: Number.NaN, esPips: Number.NaN, varMoney: m.var, esMoney: m.es }))
      : riskInUnits(measures, { price, pip, notional, quoteToAccount }).map((u) => ({ method, confidence: u.confidence, var: u.var, es: u.es, varPips: u.varPips, esPips: u.esPips, varMoney: u.varAccount, esMoney: u.esAccount })),
  );
  return {
    rows,
    backtests: bt,
    backtestSkipped,
    portfolio,
    given,
    account,
    price,
    asOf: asOf(single.symbol),
    gross,
    T,
    start: time[0]!,
    end: time[T - 1]!,
    horizon,
    paths: o.paths,
    seed: o.seed,
    lambda: o.lambda,
    mean: o.mean,
    covariance: { estimator: model.estimator, shrinkage: model.shrinkage, rule: model.rule },
    notes,
  };
}

/** The JSON shape of a VaR/ES report (`soukan var --format json`, `GET /api/var`). */
export function varJson(ctx: VarResult, about: DataAbout) {
  return {
    subject: ctx.portfolio ? 'portfolio' : 'instrument',
    positions: ctx.given.map((x) => ({ symbol: x.symbol, amount: nul(x.amount) })),
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
      monteCarlo: { paths: ctx.paths, seed: ctx.seed, prng: 'xoshiro256** + Marsaglia polar', covariance: ctx.covariance },
    },
    results: ctx.rows.map((r) => ({ method: r.method, confidence: r.confidence, var: nul(r.var), es: nul(r.es), varPips: nul(r.varPips), esPips: nul(r.esPips), varMoney: nul(r.varMoney), esMoney: nul(r.esMoney) })),
    backtest: ctx.backtests.map((b) => ({
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
    backtestSkipped: ctx.backtestSkipped,
    source: about.description,
    attribution: about.attribution ?? null,
    notes: ctx.notes,
  };
}
