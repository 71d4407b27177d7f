import * as z from 'zod/mini';
import { endParam, fromParam, sourceParam, timeframeParam, toParam, windowRules } from './common.js';
import { MAX_WINDOW } from './limits.js';
import { exactly } from './spec/count.js';
import { int, pairs, windowOrAll } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Default window of the lead–lag view: about two years of daily returns. */
export const DEFAULT_LEADLAG_WINDOW = 500;
/** Default largest lag of the cross-correlation, in bars. */
export const DEFAULT_LEADLAG_MAX_LAG = 10;
/** Default largest lag order of the Granger tests. */
export const DEFAULT_GRANGER_LAGS = 5;
/** Largest lag either may ask for. */
export const MAX_LEADLAG_LAG = 100;

/** Parameters of `soukan leadlag A B` and `GET /api/leadlag`. */
export const leadLagParams = {
  symbols: param(pairs(2), {
    description: { en: 'the two pairs, x then y (positive lags: x leads y)', ja: '2 つの通貨ペア（x、y の順。正のラグ: x が y に先行）' },
    cli: 'argument',
    required: true,
  }),
  maxLag: param(int(0, MAX_LEADLAG_LAG, '<bars>'), {
    description: { en: 'cross-correlation at lags −N … N bars', ja: '相互相関を −N … N 本のラグで計算' },
    default: DEFAULT_LEADLAG_MAX_LAG,
  }),
  granger: param(int(1, MAX_LEADLAG_LAG, '<lags>'), {
    description: { en: 'Granger tests with 1 … N lags, both directions', ja: 'ラグ 1 … N のグレンジャー因果性検定（両方向）' },
    default: DEFAULT_GRANGER_LAGS,
  }),
  window: param(windowOrAll(3, MAX_WINDOW), {
    description: { en: 'last N log returns, or all', ja: '直近 N 個の対数リターン、または all' },
    default: DEFAULT_LEADLAG_WINDOW,
  }),
  end: endParam,
  from: fromParam,
  to: toParam,
  timeframe: timeframeParam,
  source: sourceParam,
};

/**
 * Which of two pairs leads (`soukan leadlag`, `GET /api/leadlag`):
 * cross-correlation of log returns over lags with p-values, the lag of
 * largest |ρ|, and Granger tests in both directions.
 */
export const leadLagRequest = defineRequest({
  name: 'leadLag',
  summary: {
    en: 'Which pair leads: cross-correlation of returns over lags with p-values, the lag of largest |ρ|, Granger tests both ways',
    ja: 'どちらが先行するか: ラグごとのリターン相互相関と p 値、|ρ| 最大のラグ、両方向のグレンジャー検定',
  },
  params: leadLagParams,
  rules: [exactly('symbols', 2), ...windowRules<typeof leadLagParams>()],
  examples: [
    { cli: 'soukan leadlag AUD/USD NZD/USD --end 2019-12-31', what: { en: 'daily returns, lags −10 … 10, Granger 1 … 5', ja: '日次リターン、ラグ −10 … 10、グレンジャー 1 … 5' } },
    {
      cli: 'soukan leadlag EUR/USD GBP/USD --data HISTDATA_COM_ASCII_{EURUSD,GBPUSD}_M1_2017.zip --timeframe M5 --window all --max-lag 12',
      what: { en: 'five-minute returns of 2017, up to an hour either way', ja: '2017 年の 5 分足リターン、前後 1 時間まで' },
    },
  ],
});

/** A lead–lag request as the data layer takes it. */
export type LeadLagParams = Values<typeof leadLagParams>;

const grangerTest = z.object({ lag: count, nobs: count, f: maybe, fP: maybe, dfNum: count, dfDenom: z.number(), chi2: maybe, chi2P: maybe, lr: maybe, lrP: maybe });

/**
 * The body of `GET /api/leadlag` and `soukan leadlag --format json`.
 *
 * @example leadLagResponse.safeParse(await (await fetch('/api/leadlag?symbols=AUD/USD,NZD/USD')).json()).success // true
 */
export const leadLagResponse = z.object({
  x: z.string(),
  y: z.string(),
  timeframe: timeframeName,
  returns: count,
  start: isoTime,
  end: isoTime,
  method: z.object({ lags: z.string(), crossCorrelation: z.string(), granger: z.string() }),
  crossCorrelation: z.array(z.object({ lag: z.number().check(z.int()), r: maybe, n: count, p: maybe })),
  best: z.nullable(z.object({ lag: z.number().check(z.int()), r: maybe, n: count, p: maybe, pAdjusted: maybe })),
  granger: described(z.record(z.string(), z.array(grangerTest)), 'both directions, keyed "X → Y", one test per lag order'),
  ...aboutFields,
});
