import {
  accountExposure,
  averagePairwiseCorrelation,
  currencyExposure,
  diversificationRatio,
  formatIsoTime,
  minimumVarianceHedge,
  parseSymbol,
  portfolioHistoricalRisk,
  portfolioNormalRisk,
} from '@soukan/core';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { covarianceModel, type CovarianceModel, type ShrinkChoice } from './covarianceModel.js';
import { nul } from './nul.js';
import { apiName, type ParamLabel } from './paramLabel.js';
import { checkAccount, columnMeans, DEFAULT_RISK_WINDOW, makeRates, returnMatrix, routePositions, unitValue, type GivenPosition } from './positions.js';
import { MIN_EXPOSURE_RETURNS, exposureRequest } from '@soukan/requests';
import { parseParams } from './parseParams.js';

export { MIN_EXPOSURE_RETURNS } from '@soukan/requests';


/** An exposure request as `soukan exposure` and `GET /api/exposure` take it. */
export interface ExposureParams {
  /** Positions with amounts (units of the base currency; negative = short). */
  readonly positions: readonly GivenPosition[];
  /** Account currency (default USD). */
  readonly account?: string;
  /** Confidence levels in (0, 1) (default 0.99). */
  readonly confidence?: readonly number[];
  /** Daily returns for the risk model (default 500), or `all`. */
  readonly window?: number | 'all';
  readonly end?: number;
  /** Pair to hedge in (default: the best of the pairs held). */
  readonly hedge?: string;
  readonly mean?: 'sample' | 'zero';
  /** Covariance estimator (default auto: see {@link covarianceModel}). */
  readonly shrink?: ShrinkChoice;
}

/** What `soukan exposure` computed. */
export interface ExposureResult {
  readonly account: string;
  readonly asOf: number;
  readonly positions: { symbol: string; amount: number; rate: number; exposure: number }[];
  readonly currencies: readonly { currency: string; amount: number; rate: number; value: number }[];
  readonly gross: number;
  readonly net: number;
  readonly window: { returns: number; start: number; end: number };
  readonly factors: string[];
  readonly normal: { confidence: number; var: number; es: number; contributions: readonly { marginalVar: number; componentVar: number; marginalEs: number; componentEs: number; shareOfVar: number }[] }[];
  readonly historical: { confidence: number; var: number; es: number; componentEs: readonly number[]; tailScenarios: number }[];
  readonly sigma: number;
  readonly hedge: { symbol: string; exposure: number; amount: number; sigmaBefore: number; sigmaAfter: number; varianceReduction: number };
  /** True when the hedge pair was given, false when it is the best of the pairs held. */
  readonly hedgeGiven: boolean;
  readonly mean: 'sample' | 'zero';
  /** The covariance estimator used and its shrinkage intensity. */
  readonly covariance: Omit<CovarianceModel, 'cov'>;
  /** Diversification of the positions held (see core's diversificationRatio, averagePairwiseCorrelation). */
  readonly diversification: { ratio: number; equalWeighted: number; riskWeighted: number; pairs: number };
  readonly notes: readonly string[];
}

/**
 * Net exposure per currency of FX positions, valued in the account currency
 * at the latest rates; correlated portfolio VaR/ES (normal with Euler
 * contributions, historical with component ES) from daily log returns; and
 * the single position in a pair that minimises the portfolio variance.
 *
 * @throws InputError for no positions or a position without an amount, pairs
 *   the data cannot build, an unknown account currency, too little history,
 *   a constant series.
 */
export function exposureQuery(market: Market, p: ExposureParams, label: ParamLabel = apiName): ExposureResult {
  parseParams(exposureRequest, p, ['positions', 'confidence']);
  const levels = [...(p.confidence ?? [0.99])];
  const window = p.window ?? DEFAULT_RISK_WINDOW;
  const mean = p.mean ?? 'sample';
  let given = [...p.positions];
  if (given.length === 0) {
    throw new InputError(`give positions, e.g. soukan exposure EUR/USD +100000 USD/CHF -50000 --account USD (or ${label('positions')} file.csv)`, { code: 'missing-param', params: { param: 'positions' } });
  }
  const noAmount = given.find((x) => Number.isNaN(x.amount));
  if (noAmount) throw new InputError(`position ${JSON.stringify(noAmount.text)} has no amount; write e.g. "${noAmount.symbol} +100000"`);
  const account = checkAccount(market, p.account ?? 'USD', label);
  given = routePositions(market, given);
  const { rate, asOf } = makeRates(market, p.end);
  const accountRate = (c: string): number => unitValue(rate, c, account);

  const net = currencyExposure(given, rate);
  const acc = accountExposure(net, account, (c) => accountRate(c));

  // Risk factors: each distinct pair held (positions in the same pair add up), plus the hedge pair.
  const held = [...new Set(given.map((x) => x.symbol))];
  const hedgeCandidates = p.hedge ? [routePositions(market, [{ symbol: p.hedge, amount: 0, text: `${label('hedge')} ${p.hedge}` }])[0]!.symbol] : held;
  const factors = [...held, ...hedgeCandidates.filter((s) => !held.includes(s))];
  const k = factors.length;
  const w = new Float64Array(k);
  // `factors` starts with every held symbol, so indexOf never misses.
  for (const x of given) w[factors.indexOf(x.symbol)]! += x.amount * accountRate(parseSymbol(x.symbol).base);
  const { R, T, time } = returnMatrix(market, factors, window, p.end);
  if (T < MIN_EXPOSURE_RETURNS) {
    throw new InputError(`too little history for ${label('window')} ${window}: ${T} common daily returns of ${factors.join(', ')} (need ≥ ${MIN_EXPOSURE_RETURNS})`, {
      code: 'too-little-history',
      params: { observations: T, need: MIN_EXPOSURE_RETURNS },
    });
  }
  const notes: string[] = [];
  if (window !== 'all' && T < window) notes.push(`only ${T} common daily returns available (${label('window')} ${window})`);
  const model = covarianceModel(R, T, k, p.shrink);
  const cov = model.cov;
  for (let j = 0; j < k; j++) if (!(cov[j * k + j]! > 0)) throw new InputError(`${factors[j]} is constant over the window: no risk can be estimated from it`, { code: 'constant-series', params: { symbol: factors[j]! } });
  const normal = portfolioNormalRisk(cov, k, w, levels, mean === 'zero' ? {} : { mean: columnMeans(R, T, k) });
  const hist = portfolioHistoricalRisk(R, T, k, w, levels);
  const hedges = hedgeCandidates.map((s) => {
    const j = factors.indexOf(s);
    const h = minimumVarianceHedge(cov, k, w, j);
    const unit = accountRate(parseSymbol(s).base);
    return { symbol: s, ...h, amount: h.exposure / unit };
  });
  const best = hedges.reduce((a, b) => (b.varianceReduction > a.varianceReduction ? b : a));
  // The hedge candidate's exposure is 0 in w, so it drops out of both figures.
  const avg = averagePairwiseCorrelation(cov, k, w);
  return {
    account,
    asOf: Math.max(...factors.map((s) => asOf(s))),
    positions: given.map((x) => ({ symbol: x.symbol, amount: x.amount, rate: rate(x.symbol), exposure: w[factors.indexOf(x.symbol)]! })),
    currencies: acc.rows,
    gross: acc.gross,
    net: acc.net,
    window: { returns: T, start: time[0]!, end: time[T - 1]! },
    factors: factors.slice(0, held.length),
    normal: normal.measures.map((m) => ({ confidence: m.confidence, var: m.var, es: m.es, contributions: m.contributions.slice(0, held.length) })),
    historical: hist.map((m) => ({ confidence: m.confidence, var: m.var, es: m.es, componentEs: m.componentEs.slice(0, held.length), tailScenarios: m.tailScenarios })),
    sigma: normal.sigma,
    hedge: p.hedge ? hedges[0]! : best,
    hedgeGiven: p.hedge !== undefined,
    mean,
    covariance: { estimator: model.estimator, shrinkage: model.shrinkage, rule: model.rule },
    diversification: { ratio: diversificationRatio(cov, k, w), equalWeighted: avg.equalWeighted, riskWeighted: avg.riskWeighted, pairs: avg.pairs },
    notes,
  };
}

/** The JSON shape of an exposure report (`soukan exposure --format json`, `GET /api/exposure`). */
export function exposureJson(r: ExposureResult, about: DataAbout) {
  return {
    account: r.account,
    asOf: formatIsoTime(r.asOf),
    positions: r.positions.map((x) => ({ ...x, exposure: nul(x.exposure) })),
    currencies: r.currencies.map((c) => ({ currency: c.currency, amount: nul(c.amount), rate: nul(c.rate), value: nul(c.value) })),
    gross: nul(r.gross),
    net: nul(r.net),
    risk: {
      model: "daily log returns; exposure = account value of each position's base notional; P&L = Σ exposure × return; losses positive",
      returns: r.window.returns,
      start: formatIsoTime(r.window.start),
      end: formatIsoTime(r.window.end),
      sigma: nul(r.sigma),
      mean: r.mean,
      covariance: r.covariance,
      normal: r.normal.map((m) => ({
        confidence: m.confidence,
        var: nul(m.var),
        es: nul(m.es),
        positions: r.factors.map((s, i) => ({
          symbol: s,
          marginalVar: nul(m.contributions[i]!.marginalVar),
          componentVar: nul(m.contributions[i]!.componentVar),
          shareOfVar: nul(m.contributions[i]!.shareOfVar),
          marginalEs: nul(m.contributions[i]!.marginalEs),
          componentEs: nul(m.contributions[i]!.componentEs),
        })),
      })),
      historical: r.historical.map((m) => ({ confidence: m.confidence, quantile: 'linear', var: nul(m.var), es: nul(m.es), tailScenarios: m.tailScenarios, positions: r.factors.map((s, i) => ({ symbol: s, componentEs: nul(m.componentEs[i]!) })) })),
    },
    diversification: {
      ratio: nul(r.diversification.ratio),
      averageCorrelation: { equalWeighted: nul(r.diversification.equalWeighted), riskWeighted: nul(r.diversification.riskWeighted), pairs: r.diversification.pairs },
      definition: 'ratio = Σ|exposure|·σ / portfolio σ (Choueifaty & Coignard 2008); average correlation of the positions’ P&L (a short flips the sign), over pairs equally and weighted by |wᵢwⱼ|σᵢσⱼ',
    },
    hedge: { symbol: r.hedge.symbol, given: r.hedgeGiven, amount: nul(r.hedge.amount), exposure: nul(r.hedge.exposure), sigmaBefore: nul(r.hedge.sigmaBefore), sigmaAfter: nul(r.hedge.sigmaAfter), varianceReduction: nul(r.hedge.varianceReduction) },
    source: about.description,
    attribution: about.attribution ?? null,
    notes: r.notes,
  };
}
