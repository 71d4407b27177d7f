import * as z from 'zod/mini';
import { correlationParams } from './correlation.js';
import { MAX_WINDOW } from './limits.js';
import { bool, int, oneOf, windowOrAll } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';
import { notWith } from './spec/rules.js';

/** Default estimation sample of the DCC model: about four years of daily returns. */
export const DEFAULT_DCC_WINDOW = 1000;
/** Default forecast horizon of the DCC model, in bars. */
export const DEFAULT_DCC_HORIZON = 10;

const { symbols, universe, timeframe, end, source } = correlationParams;

/** Parameters of a DCC-GARCH(1,1) fit. */
export const dccParams = {
  symbols,
  universe,
  timeframe,
  window: param(windowOrAll(100, MAX_WINDOW), {
    description: { en: 'last N log returns to fit the model to (at least 100), or all', ja: 'モデルを推定する直近 N 個の対数リターン（100 以上）、または all' },
    default: DEFAULT_DCC_WINDOW,
  }),
  end,
  horizon: param(int(1, 250, '<h>'), {
    description: { en: 'forecast steps (bars) of the correlation matrix', ja: '相関行列の予測ステップ数（足の数）' },
    default: DEFAULT_DCC_HORIZON,
  }),
  mean: param(oneOf(['zero', 'sample']), {
    description: { en: 'mean of each series in the GARCH step: zero, or the sample mean', ja: 'GARCH 段階での各系列の平均: ゼロ、または標本平均' },
    default: 'zero',
  }),
  series: param(bool(), {
    description: { en: 'include the conditional correlation series of every pair', ja: '全ペアの条件付き相関の時系列を含める' },
    default: false,
  }),
  source,
};

/**
 * Dynamic conditional correlation (`soukan dcc`, `GET /api/dcc`): Engle's
 * DCC-GARCH(1,1) fitted by two-step QML, the current conditional correlation
 * of every pair, its forecast path and (on request) its history.
 *
 * @example parseRequest(dccRequest, { horizon: '20', series: 'true' }, { text: true }) // { horizon: 20, series: true }
 */
export const dccRequest = defineRequest({
  name: 'dcc',
  summary: {
    en: 'DCC-GARCH(1,1) (Engle 2002): conditional correlation of every pair now, its forecast over the horizon, and its history',
    ja: 'DCC-GARCH(1,1)（Engle 2002）: 全ペアの現在の条件付き相関、予測期間の予測値、その推移',
  },
  params: dccParams,
  rules: [notWith('symbols', ['universe'])],
  examples: [
    { cli: 'soukan dcc EUR/USD GBP/USD USD/JPY', what: { en: 'three pairs: a, b, today’s conditional correlations and their 10-day forecast', ja: '3 ペア: a、b、現在の条件付き相関と 10 日先までの予測' } },
    { cli: 'soukan dcc --universe majors --window all --horizon 20 --format json', what: { en: 'the majors over the whole history, 20-step forecast, JSON', ja: '主要通貨ペア、全履歴、20 ステップ予測（JSON）' } },
  ],
});

/** A DCC request as the data layer takes it (typed values). */
export type DccParams = Values<typeof dccParams>;

const garchFit = z.object({ symbol: z.string(), omega: maybe, alpha: maybe, beta: maybe, persistence: maybe, logLikelihood: maybe });

/**
 * The body of `GET /api/correlation/dcc` and `soukan dcc --format json`.
 *
 * @example dccResponse.safeParse(await (await fetch('/api/dcc?symbols=EUR/USD,EUR/GBP')).json()).success // true
 */
export const dccResponse = z.object({
  symbols: z.array(z.string()),
  timeframe: timeframeName,
  returns: z.object({ n: count, from: isoTime, to: isoTime, kind: z.literal('log') }),
  model: z.object({
    a: z.number(),
    b: z.number(),
    persistence: z.number(),
    logLikelihood: z.number(),
    correlationLogLikelihood: z.number(),
    converged: z.boolean(),
    method: z.string(),
    forecast: z.string(),
  }),
  garch: described(z.array(garchFit), 'the GARCH(1,1) of each series'),
  horizon: count,
  pairs: z.array(z.object({ a: z.string(), b: z.string(), current: maybe, unconditional: maybe, forecast: described(z.array(maybe), 'steps 1 … horizon') })),
  series: described(z.nullable(z.object({ time: z.array(isoTime), rho: z.array(z.array(maybe)) })), 'the conditional correlation of each pair over time (with series=true)'),
  ...aboutFields,
  notes,
});
