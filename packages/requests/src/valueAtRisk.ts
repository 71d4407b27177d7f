import * as z from 'zod/mini';
import { RISKMETRICS_LAMBDA } from '@soukan/core';
import { confidenceListKind, currencyKind, endParam, positionsKind, sourceParam, windowParamOf } from './common.js';
import { bool, date, int, number, oneOf, text } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, notes } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Fewest daily returns a VaR is estimated from (the smallest window). */
export const MIN_VAR_RETURNS = 30;
/** Default estimation window for portfolio risk: about two years of daily returns. */
export const DEFAULT_RISK_WINDOW = 500;

/** Default returns behind each backtest forecast: about one year of daily returns. */
export const DEFAULT_BACKTEST_WINDOW = 250;
/** The VaR methods. */
export const VAR_METHODS = ['historical', 'normal', 'cornish-fisher', 'ewma', 'monte-carlo'] as const;

/** `mean`: the mean return of the parametric models. */
export const meanParam = param(oneOf(['sample', 'zero']), {
  description: { en: 'mean return of the normal, Cornish–Fisher and Monte Carlo models (EWMA is always zero-mean)', ja: '正規・Cornish–Fisher・モンテカルロの平均リターン（EWMA は常にゼロ）' },
  default: 'sample',
});

/** Parameters of `soukan var` / `GET /api/var`. */
export const varParams = {
  positions: param(positionsKind(), {
    description: { en: 'an instrument (EUR/USD), or positions: EUR/USD 100000,USD/JPY -50000 (k/m suffixes allowed)', ja: '銘柄（EUR/USD）、またはポジション: EUR/USD 100000,USD/JPY -50000（k/m 可）' },
    cli: 'none',
  }),
  confidence: param(confidenceListKind(), { description: { en: 'confidence level(s) in (0, 1)', ja: '信頼水準（0〜1、複数可）' }, default: '0.95,0.99' }),
  horizon: param(int(1, 250, '<days>'), { description: { en: 'holding period in days (√h scaling; overlapping h-day sums for historical)', ja: '保有期間（日）' }, default: 1 }),
  method: param(text(new RegExp(`^\\s*(all|(${VAR_METHODS.join('|')})(\\s*,\\s*(${VAR_METHODS.join('|')}))*)\\s*$`, 'i'), { en: `all or a list of ${VAR_METHODS.join(', ')}`, rule: 'var-methods' }, 100, '<list>'), {
    description: { en: `all, or some of ${VAR_METHODS.join(',')}`, ja: `all、または ${VAR_METHODS.join(',')} の一部` },
    default: 'all',
  }),
  window: windowParamOf(MIN_VAR_RETURNS, DEFAULT_RISK_WINDOW, { en: 'daily returns used, or all', ja: '使う日次リターンの数、または all' }),
  from: param(date(), { description: { en: 'ignore data before this date (the backtest starts here)', ja: 'この日より前のデータを使わない（バックテストの開始）' } }),
  end: param(endParam, { ...endParam, description: { en: 'use data at or before this date', ja: 'この日以前のデータを使う' } }),
  paths: param(int(100, 1_000_000), { description: { en: 'Monte Carlo scenarios', ja: 'モンテカルロのシナリオ数' }, default: 100_000 }),
  seed: param(int(0, 2 ** 31 - 1), { description: { en: 'Monte Carlo seed (same seed, same result)', ja: 'モンテカルロの乱数シード' }, default: 1 }),
  lambda: param(number({ gt: 0, lt: 1 }, '<λ>'), { description: { en: 'EWMA decay', ja: 'EWMA の減衰係数' }, default: RISKMETRICS_LAMBDA }),
  account: param(currencyKind(), { description: { en: 'account currency for money amounts (default: the quote currency of one instrument, USD for a portfolio)', ja: '口座通貨（既定: 1 銘柄ならその決済通貨、ポートフォリオなら USD）' } }),
  mean: meanParam,
  backtest: param(bool(), { description: { en: 'roll the VaR through the history and test its breaches (Kupiec, Christoffersen)', ja: 'VaR を履歴でバックテスト（Kupiec、Christoffersen）' } }),
  backtestWindow: param(int(MIN_VAR_RETURNS, 100_000), {
    description: {
      en: `returns behind each backtest forecast; the history needs this many plus ${MIN_VAR_RETURNS} (else the VaR is shown without a backtest, saying why)`,
      ja: `バックテストの各予測に使うリターン数。履歴にはこの数 + ${MIN_VAR_RETURNS} が必要（足りなければ理由を示し、バックテストなしで VaR を表示）`,
    },
    default: DEFAULT_BACKTEST_WINDOW,
  }),
  source: sourceParam,
};

/** Value-at-Risk and Expected Shortfall of an instrument or a portfolio. */
export const varRequest = defineRequest({
  name: 'valueAtRisk',
  summary: { en: 'Value-at-Risk and Expected Shortfall of an instrument or a portfolio, with backtests', ja: '1 銘柄またはポートフォリオの VaR と期待ショートフォール（バックテスト付き）' },
  params: varParams,
  rules: [],
  examples: [
    { cli: 'soukan var EUR/USD', what: { en: 'one-day VaR and ES of one instrument by every method', ja: '1 銘柄の 1 日 VaR と ES（全手法）' } },
    { cli: 'soukan var EUR/USD +100000 USD/JPY -50000 --account USD --confidence 0.99', what: { en: 'a two-position portfolio in USD', ja: '2 ポジションのポートフォリオ（USD 建て）' } },
    { cli: 'soukan var GBP/USD --backtest --method historical,normal', what: { en: 'backtests of two methods', ja: '2 手法のバックテスト' } },
    { cli: 'soukan var EUR/USD --source HistData --backtest --backtest-window 120', what: { en: 'a backtest on one year of intraday data (shorter forecast window)', ja: '1 年分の日中データでのバックテスト（短い予測ウィンドウ）' } },
  ],
});

/** A VaR request's scalar parameters as the data layer checks them. */
export type VarRequestParams = Values<typeof varParams>;

/**
 * How a portfolio covariance was estimated (VaR, exposure).
 *
 * @example covarianceModelSchema.parse({ estimator: 'sample', shrinkage: 0, rule: 'T ≥ 10k' }).estimator // 'sample'
 */
export const covarianceModelSchema = z.object({
  estimator: z.enum(['sample', 'ledoit-wolf-constant-correlation', 'ledoit-wolf-identity', 'oas']),
  shrinkage: z.number(),
  rule: z.string(),
});

const test = z.object({ lr: maybe, pValue: maybe });

/**
 * The body of `GET /api/var` and `soukan var --format json`.
 *
 * @example varResponse.safeParse(await (await fetch('/api/var?positions=EUR/USD')).json()).success // true
 */
export const varResponse = z.object({
  subject: z.enum(['instrument', 'portfolio']),
  positions: z.array(z.object({ symbol: z.string(), amount: maybe })),
  account: z.string(),
  price: maybe,
  asOf: isoTime,
  horizonDays: count,
  returns: count,
  start: isoTime,
  end: isoTime,
  conventions: z.object({
    sign: z.string(),
    returns: z.string(),
    quantile: z.string(),
    horizon: z.string(),
    units: z.string(),
    mean: z.string(),
    ewmaLambda: z.number(),
    monteCarlo: z.object({ paths: count, seed: z.number().check(z.int()), prng: z.string(), covariance: covarianceModelSchema }),
  }),
  results: described(
    z.array(z.object({ method: z.enum(VAR_METHODS), confidence: z.number(), var: maybe, es: maybe, varPips: maybe, esPips: maybe, varMoney: maybe, esMoney: maybe })),
    'VaR and ES (losses positive) per method and confidence level, as a return, in pips and in money',
  ),
  backtest: z.array(
    z.object({
      method: z.enum(VAR_METHODS),
      confidence: z.number(),
      days: count,
      breaches: count,
      expected: z.number(),
      kupiec: test,
      christoffersen: test,
      conditionalCoverage: test,
      breachDates: z.array(isoTime),
    }),
  ),
  backtestSkipped: described(z.nullable(z.string()), 'why the asked-for backtest did not run (too little history for backtestWindow), else null'),
  ...aboutFields,
  notes,
});
