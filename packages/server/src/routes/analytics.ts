import { confidenceList, parseAnnualRate, parseVarMethods, positionsFromWords, type GivenPosition } from '@soukan/data';
import { HttpError } from '../http/httpError.js';
import { boolParam, dateParam, enumParam, intParam, numberParam, required, symbolParam, symbolsParam, textParam, timeframeParam, windowParam, type Param } from '../http/params.js';
import { route } from '../http/route.js';
import { conflict, MAX_SYMBOLS, MAX_WINDOW, sourceParam } from './common.js';

const ZONE = /^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+){1,2})$/;
const zoneParam = textParam('IANA time zone, e.g. Europe/London, Asia/Tokyo, America/New_York (default UTC)', ZONE, 'an IANA time zone such as Asia/Tokyo or UTC', 64, 'zone');
const ccy = /^[A-Za-z]{3}$/;
const ccyParam = (d: string): Param<string> => textParam(d, ccy, 'a three-letter currency code such as USD', 3, 'currency');
const commonWindow = {
  source: sourceParam,
  end: dateParam('the window ends on or before this date'),
  from: dateParam('date range start (instead of window)'),
  to: dateParam('date range end (instead of window)'),
  timeframe: timeframeParam('bar size (default D1 for daily data)'),
};

/** `EUR/USD 100000,USD/JPY -50000` → positions; one bare pair is an instrument. */
function positions(text: string | undefined): GivenPosition[] {
  if (text === undefined) throw new HttpError(400, 'missing-param', 'positions is required: e.g. EUR/USD 100000,USD/JPY -50000', { param: 'positions' });
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) throw new HttpError(400, 'invalid-param', 'positions: expected items separated by commas, e.g. EUR/USD 100000,USD/JPY -50000', { param: 'positions', value: text, expected: 'SYMBOL AMOUNT items separated by commas', rule: 'positions' });
  return positionsFromWords(items);
}

/** Runs a parser that throws InputError for a bad value, as a 400 naming the parameter. */
function parsed<T>(param: string, value: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new HttpError(400, 'invalid-param', (e as Error).message, { param, value });
  }
}

const listText = (d: string, pattern: RegExp, expected: string): Param<string> => textParam(d, pattern, expected, 400);

const volQuery = {
  symbol: required(symbolParam('the pair, e.g. EUR/USD')),
  source: sourceParam,
  timeframe: timeframeParam('bars for the estimators: D1 (default), H4, H1 … (intraday data), W1'),
  window: windowParam('last n bars for the estimators (default 260), or all', MAX_WINDOW, 3),
  end: dateParam('the window ends on or before this date'),
  zone: zoneParam,
  weeks: intParam('weeks of history in the range tables (default 10)', 1, 520),
  lambda: numberParam('EWMA decay (default 0.94)', { exclusiveMin: 0, exclusiveMax: 1 }),
  atr: intParam('ATR period (default 14)', 1, 1000),
  horizon: intParam('GARCH forecast steps in bars (default 10)', 1, 250),
  periodsPerYear: textParam('annualisation: a number, fx (260 days × bars per day, default) or observed', /^(fx|observed|\d+(\.\d+)?)$/, 'fx, observed or a positive number', 20),
};

/** `GET /api/volatility` (`soukan vol`). */
export const volatilityRoute = route({
  method: 'get',
  path: '/api/volatility',
  tag: 'risk',
  summary: 'Volatility: estimators (annualised, factor stated), ATR, EWMA, GARCH(1,1), range by hour of day and weekday',
  description: 'As `soukan vol --format json`. Range estimators, ATR and the range tables need OHLC bars (intraday data); daily fixings give close-to-close, EWMA and GARCH only.',
  query: volQuery,
  response: { type: 'object', description: 'symbol, pip, timeframe, bars, estimators[], atr, ewma, garch, rangeByHour, rangeByWeekday' },
  heavy: true,
  handle: async (c, q, ctx) =>
    ctx.compute(c, 'volatility', await ctx.data.snapshot(q.source), {
      symbol: q.symbol!,
      timeframe: q.timeframe,
      window: q.window,
      end: q.end,
      zone: q.zone,
      weeks: q.weeks,
      lambda: q.lambda,
      atr: q.atr,
      horizon: q.horizon,
      periodsPerYear: q.periodsPerYear,
    }),
});

const moveQuery = {
  symbol: required(symbolParam('the pair, e.g. GBP/JPY')),
  source: sourceParam,
  threshold: listText('move size(s) in pips: 50 or 20,50,100 (required unless ladder)', /^\s*\d+(\.\d+)?\s*(,\s*\d+(\.\d+)?\s*)*$/, 'positive pip counts such as 50 or 20,50,100'),
  horizon: listText('horizon(s): 10h, 600m, 2d or bars as 24b (default 10h; 5b for daily data)', /^\s*\d+(\.\d+)?\s*(m|min|h|d|b|bars?)?\s*(,\s*\d+(\.\d+)?\s*(m|min|h|d|b|bars?)?\s*)*$/i, 'durations such as 10h, 600m, 2d or bar counts such as 24b'),
  ladder: boolParam('several thresholds × horizons at once'),
  timeframe: timeframeParam('resample to this bar size first (default: the data as read)'),
  days: numberParam('history: the last n calendar days', { exclusiveMin: 0, max: 100_000 }),
  from: dateParam('history from this date'),
  to: dateParam('history to this date, inclusive'),
  end: dateParam('with days: the history ends at this date'),
};

/** `GET /api/move` (`soukan move`). */
export const moveRoute = route({
  method: 'get',
  path: '/api/move',
  tag: 'risk',
  summary: 'Probability that a pair moves X pips within a horizon (empirical with Wilson 95 %, vs Brownian)',
  query: moveQuery,
  response: { type: 'object', description: 'symbol, pip, bars, horizons[] with rows[] of up/down/either shares and the Brownian estimate' },
  heavy: true,
  handle: async (c, q, ctx) => {
    if (q.days !== undefined && (q.from !== undefined || q.to !== undefined)) conflict('days', q.from !== undefined ? 'from' : 'to');
    if (!q.ladder && q.threshold === undefined) throw new HttpError(400, 'missing-param', 'threshold is required (pips, e.g. 50), or ladder=true', { param: 'threshold' });
    return ctx.compute(c, 'move', await ctx.data.snapshot(q.source), {
      symbol: q.symbol!,
      threshold: q.threshold,
      horizon: q.horizon,
      ladder: q.ladder,
      timeframe: q.timeframe,
      days: q.days,
      from: q.from,
      to: q.to,
      end: q.end,
    });
  },
});

const positionsParam = required(textParam('positions: SYMBOL AMOUNT items separated by commas (EUR/USD 100000,USD/JPY -50000; k/m suffixes allowed); VaR also takes one bare pair', /^[^\0]{1,2000}$/, 'SYMBOL AMOUNT items separated by commas', 2000, 'positions'));
/**
 * The `positions` parameter, at most {@link MAX_SYMBOLS} of them; each needs
 * an amount unless `bareOne` allows a single bare pair (VaR of one instrument).
 */
function positionsParamValue(text: string, bareOne: boolean): GivenPosition[] {
  const ps = parsed('positions', text, () => positions(text));
  if (ps.length > MAX_SYMBOLS) throw new HttpError(400, 'invalid-param', `positions: at most ${MAX_SYMBOLS}`, { param: 'positions', expected: `at most ${MAX_SYMBOLS} positions`, rule: 'positions-max', max: MAX_SYMBOLS });
  const noAmount = bareOne && ps.length === 1 ? undefined : ps.find((x) => Number.isNaN(x.amount));
  if (noAmount) throw new HttpError(400, 'invalid-param', `positions: ${noAmount.text} has no amount${bareOne ? '; a portfolio needs one per position' : ''}`, { param: 'positions', value: noAmount.text, expected: 'SYMBOL AMOUNT', rule: 'positions' });
  return ps;
}

const confidenceText = (d: string): Param<string> => listText(d, /^\s*\d*\.?\d+%?\s*(,\s*\d*\.?\d+%?\s*)*$/, 'confidence levels in (0, 1) such as 0.95,0.99');

const varQueryParams = {
  positions: positionsParam,
  source: sourceParam,
  confidence: confidenceText('confidence level(s) in (0, 1) (default 0.95,0.99)'),
  horizon: intParam('holding period in days (default 1)', 1, 250),
  method: listText('all (default), or some of historical,normal,cornish-fisher,ewma,monte-carlo', /^[a-z,\s-]{1,100}$/i, 'all or a list of historical, normal, cornish-fisher, ewma, monte-carlo'),
  window: windowParam('daily returns used (default 500), or all', MAX_WINDOW, 30),
  from: dateParam('ignore data before this date (the backtest starts here)'),
  end: dateParam('use data at or before this date'),
  paths: intParam('Monte Carlo scenarios (default 100,000)', 100, 1_000_000),
  seed: intParam('Monte Carlo seed (default 1)', 0, 2 ** 31 - 1),
  lambda: numberParam('EWMA decay (default 0.94)', { exclusiveMin: 0, exclusiveMax: 1 }),
  account: ccyParam('account currency (default: the quote currency of one instrument, USD for a portfolio)'),
  backtest: boolParam('roll the VaR through the history and test its breaches (Kupiec, Christoffersen)'),
  backtestWindow: intParam('returns behind each backtest forecast (default 250)', 30, 100_000),
  mean: enumParam('mean return of the normal, Cornish–Fisher and Monte Carlo models (default sample)', ['sample', 'zero'] as const),
};

/** `GET /api/var` (`soukan var`). */
export const varRoute = route({
  method: 'get',
  path: '/api/var',
  tag: 'risk',
  summary: 'Value-at-Risk and Expected Shortfall of an instrument or a portfolio, with backtests',
  description: 'As `soukan var --format json`: historical (numpy linear quantile), normal, Cornish–Fisher, EWMA and Monte Carlo (seeded) VaR/ES, losses positive, in return, pips and money.',
  query: varQueryParams,
  response: { type: 'object', description: 'subject, positions, account, results[] (method, confidence, var, es, varPips, esPips, varMoney, esMoney), backtest[]' },
  heavy: true,
  handle: async (c, q, ctx) => {
    const ps = positionsParamValue(q.positions!, true);
    return ctx.compute(c, 'var', await ctx.data.snapshot(q.source), {
      positions: ps,
      confidence: q.confidence === undefined ? undefined : parsed('confidence', q.confidence, () => confidenceList(q.confidence!)),
      horizon: q.horizon,
      methods: q.method === undefined ? undefined : parsed('method', q.method, () => parseVarMethods(q.method!)),
      window: q.window,
      from: q.from,
      end: q.end,
      paths: q.paths,
      seed: q.seed,
      lambda: q.lambda,
      account: q.account,
      backtest: q.backtest,
      backtestWindow: q.backtestWindow,
      mean: q.mean,
    });
  },
});

const exposureQueryParams = {
  positions: positionsParam,
  source: sourceParam,
  account: ccyParam('account currency (default USD)'),
  confidence: confidenceText('confidence level(s) (default 0.99)'),
  window: windowParam('daily returns for the risk model (default 500), or all', MAX_WINDOW, 20),
  end: dateParam('rates and returns at or before this date'),
  hedge: symbolParam('pair to hedge in (default: the best of the pairs held)'),
  mean: enumParam('mean return of the normal model (default sample)', ['sample', 'zero'] as const),
};

/** `GET /api/exposure` (`soukan exposure`). */
export const exposureRoute = route({
  method: 'get',
  path: '/api/exposure',
  tag: 'risk',
  summary: 'Net currency exposure, portfolio VaR/ES with contributions, minimum-variance hedge',
  query: exposureQueryParams,
  response: { type: 'object', description: 'account, positions[], currencies[] (amount, rate, value), gross, net, risk (normal/historical with contributions), hedge' },
  heavy: true,
  handle: async (c, q, ctx) => {
    const ps = positionsParamValue(q.positions!, false);
    return ctx.compute(c, 'exposure', await ctx.data.snapshot(q.source), {
      positions: ps,
      account: q.account,
      confidence: q.confidence === undefined ? undefined : parsed('confidence', q.confidence, () => confidenceList(q.confidence!)),
      window: q.window,
      end: q.end,
      hedge: q.hedge,
      mean: q.mean,
    });
  },
});

const strengthQueryParams = {
  currencies: listText('currencies, comma-separated (default: the eight majors the data has)', /^[A-Za-z]{3}(,[A-Za-z]{3}){0,39}$/, 'three-letter codes separated by commas, e.g. EUR,USD,JPY'),
  pairs: symbolsParam('pairs to use (default: every pair among the currencies)', 200),
  numeraire: ccyParam('measure against this currency (its factor is 0) instead of the zero-sum basket'),
  base: textParam('index = 100 here: YYYY-MM-DD[THH:MM] (UTC) or tokyo | london | newyork (latest session open); default: window start', /^(\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}Z?)?|tokyo|london|newyork)$/i, 'YYYY-MM-DD, YYYY-MM-DDTHH:MM or tokyo, london, newyork', 20, 'strength-base'),
  window: windowParam('last N returns (default 250), or all', MAX_WINDOW),
  ...commonWindow,
  align: enumParam('inner (default) or pairwise (periods with missing pairs are solved on the rest)', ['inner', 'pairwise'] as const),
};

/** `GET /api/strength` (`soukan strength`). */
export const strengthRoute = route({
  method: 'get',
  path: '/api/strength',
  tag: 'strength',
  summary: 'Currency strength index: least-squares factors from all pairs, rebased to 100; ranking and residual',
  query: strengthQueryParams,
  response: { type: 'object', description: 'currencies, pairs, base, ranking[], residual, series (time, index per currency, averageChange per currency)' },
  heavy: true,
  handle: async (c, q, ctx) => {
    checkRange(q);
    return ctx.compute(c, 'strength', await ctx.data.snapshot(q.source), {
      currencies: q.currencies?.split(','),
      pairs: q.pairs,
      numeraire: q.numeraire,
      base: q.base,
      window: q.window,
      end: q.end,
      from: q.from,
      to: q.to,
      timeframe: q.timeframe,
      align: q.align ? { kind: q.align } : undefined,
    });
  },
});

function checkRange(q: { window?: unknown; end?: number; from?: number; to?: number }): void {
  if ((q.from !== undefined || q.to !== undefined) && q.window !== undefined) conflict('window', q.from !== undefined ? 'from' : 'to');
  if ((q.from !== undefined || q.to !== undefined) && q.end !== undefined) conflict('end', q.from !== undefined ? 'from' : 'to');
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) throw new HttpError(400, 'invalid-range', 'from is after to', { param: 'from' });
}

/** `GET /api/cross` (`soukan cross`). */
export const crossRoute = route({
  method: 'get',
  path: '/api/cross',
  tag: 'strength',
  summary: 'A cross built from its legs; triangular inconsistency against a directly quoted cross (pips, bp)',
  query: {
    symbol: required(symbolParam('the cross, e.g. EUR/JPY')),
    via: ccyParam('common currency of the legs (default USD, then EUR)'),
    window: windowParam('last N observations (default 250), or all', MAX_WINDOW),
    ...commonWindow,
  },
  response: { type: 'object', description: 'symbol, legs, via, observations, inconsistency (pips/bp summaries), series' },
  heavy: true,
  handle: async (c, q, ctx) => {
    checkRange(q);
    return ctx.compute(c, 'cross', await ctx.data.snapshot(q.source), { symbol: q.symbol!, via: q.via, window: q.window, end: q.end, from: q.from, to: q.to, timeframe: q.timeframe });
  },
});

const pairQueryParams = {
  a: required(symbolParam('first leg (the dependent one), e.g. AUD/USD')),
  b: required(symbolParam('second leg (the hedge), e.g. NZD/USD')),
  on: enumParam('log prices (default) or price levels', ['log', 'price'] as const),
  hedge: enumParam('hedge ratio used for the spread: ols (default) or tls', ['ols', 'tls'] as const),
  trend: enumParam('deterministic terms of the cointegrating regression: c (default), ct, n', ['c', 'ct', 'n'] as const),
  autolag: enumParam('lag selection of the ADF regressions (default aic)', ['aic', 'bic', 't-stat', 'none'] as const),
  maxLag: intParam('largest ADF lag (default 12·(n/100)^¼)', 0, 100),
  zWindow: intParam('rolling window of the spread z-score (default 60)', 2, MAX_WINDOW),
  corrShort: intParam('short correlation window (default 20)', 2, MAX_WINDOW),
  corrLong: intParam('long correlation window (default 120)', 3, MAX_WINDOW),
  k: numberParam('divergence alert threshold in standard deviations (default 2)', { exclusiveMin: 0, max: 100 }),
  window: windowParam('last N observations (default 500), or all', MAX_WINDOW),
  ...commonWindow,
};

/** `GET /api/pair` (`soukan pair`). */
export const pairRoute = route({
  method: 'get',
  path: '/api/pair',
  tag: 'strength',
  summary: 'Pair trading (サヤ取り): hedge ratios, spread z-score, Engle–Granger and ADF tests, half-life, correlation divergence',
  query: pairQueryParams,
  response: { type: 'object', description: 'a, b, hedge (ols, tls), spread, engleGranger, adf, halfLife, divergence, series (time, a, b, spread, z, …)' },
  heavy: true,
  handle: async (c, q, ctx) => {
    checkRange(q);
    return ctx.compute(c, 'pair', await ctx.data.snapshot(q.source), {
      a: q.a!,
      b: q.b!,
      on: q.on,
      hedge: q.hedge,
      trend: q.trend,
      autolag: q.autolag === 'none' ? null : q.autolag,
      maxLag: q.maxLag,
      zWindow: q.zWindow,
      corrShort: q.corrShort,
      corrLong: q.corrLong,
      k: q.k,
      window: q.window,
      end: q.end,
      from: q.from,
      to: q.to,
      timeframe: q.timeframe,
    });
  },
});

const perfQueryParams = {
  assets: required(symbolsParam('pairs, comma-separated (long the base currency)', MAX_SYMBOLS)),
  benchmark: symbolParam('benchmark pair (same data)'),
  rf: textParam('constant annual risk-free rate: 0.02 or 2% (default 0)', /^-?\d*\.?\d+%?$/, 'an annual rate such as 0.02 or 2%', 20),
  annualization: textParam('observed (default) | conventional (252/52/12) | a number', /^(observed|conventional|\d+(\.\d+)?)$/, 'observed, conventional or a positive number', 20),
  varLevel: numberParam('VaR/ES confidence level (default 0.95)', { exclusiveMin: 0, exclusiveMax: 1 }),
  window: windowParam('last N returns, or all (default)', MAX_WINDOW),
  ...commonWindow,
};

/** `GET /api/performance` (`soukan perf`). */
export const performanceRoute = route({
  method: 'get',
  path: '/api/performance',
  tag: 'strength',
  summary: 'Performance report: return, risk, Sharpe/Sortino, drawdowns, VaR/ES, best/worst, monthly table, vs a benchmark',
  query: perfQueryParams,
  response: { type: 'object', description: 'timeframe, riskFree, benchmark, assets[] with the metrics and monthly table' },
  heavy: true,
  handle: async (c, q, ctx) => {
    checkRange(q);
    const a = q.annualization;
    const annualization = a === undefined ? undefined : a === 'observed' || a === 'conventional' ? a : Number(a);
    if (typeof annualization === 'number' && !(annualization > 0)) throw new HttpError(400, 'invalid-param', 'annualization: expected a positive number', { param: 'annualization', value: a!, expected: 'a positive number' });
    const rf = q.rf === undefined ? undefined : parsed('rf', q.rf, () => parseAnnualRate(q.rf!));
    return ctx.compute(c, 'performance', await ctx.data.snapshot(q.source), {
      assets: q.assets!,
      benchmark: q.benchmark,
      riskFree: rf,
      riskFreeLabel: rf === undefined ? undefined : `${+(rf * 100).toPrecision(6)}%`,
      annualization,
      varLevel: q.varLevel,
      window: q.window,
      end: q.end,
      from: q.from,
      to: q.to,
      timeframe: q.timeframe,
    });
  },
});
