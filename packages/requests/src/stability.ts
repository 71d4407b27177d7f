import * as z from 'zod/mini';
import { correlationParams } from './correlation.js';
import { MAX_WINDOW } from './limits.js';
import { int, number, windowOrAll } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';
import { atMost, notWith } from './spec/rules.js';

/** Default window of the stability view: the current and the previous window each hold this many returns. */
export const DEFAULT_STABILITY_WINDOW = 60;
/** Default rolling history the stability score is computed from (about three years of daily returns). */
export const DEFAULT_STABILITY_HISTORY = 750;

const { symbols, universe, returns, timeframe, end, align, source } = correlationParams;

/** Parameters of the stability of a correlation matrix. */
export const stabilityParams = {
  symbols,
  universe,
  returns,
  timeframe,
  window: param(int(4, MAX_WINDOW, '<w>'), {
    description: { en: 'returns in the rolling window, and in the current and the previous window compared', ja: 'ローリング期間、および比較する今回と前回の期間のリターン数' },
    default: DEFAULT_STABILITY_WINDOW,
  }),
  history: param(windowOrAll(8, MAX_WINDOW), {
    description: { en: 'returns of rolling history behind the stability score (at least twice the window), or all', ja: '安定度スコアの元になるローリング履歴のリターン数（期間の 2 倍以上）、または all' },
    default: DEFAULT_STABILITY_HISTORY,
  }),
  end,
  level: param(number({ gt: 0, lt: 1 }, '<p>'), {
    description: { en: 'significance level of the change tests (Fisher z per cell, Jennrich for the matrix)', ja: '変化の検定の有意水準（セルごとの Fisher z、行列全体の Jennrich）' },
    default: 0.05,
  }),
  align,
  source,
};

/**
 * Is each correlation stable, or breaking? (`soukan stability`,
 * `GET /api/correlation/stability`): per cell the rolling history's
 * dispersion, same-sign share and score, and a Fisher z test of change from
 * the previous window; Jennrich's χ² test for the whole matrix.
 *
 * @example parseRequest(stabilityRequest, { window: '120', history: 'all' }, { text: true }) // { window: 120, history: 'all' }
 */
export const stabilityRequest = defineRequest({
  name: 'stability',
  summary: {
    en: 'Stability of each correlation: rolling dispersion and same-sign share, and a test of change from the previous window (Fisher z per cell, Jennrich χ² for the matrix)',
    ja: '各相関の安定度: ローリング相関のばらつきと符号一致率、前回の期間からの変化の検定（セルは Fisher z、行列全体は Jennrich χ²）',
  },
  params: stabilityParams,
  rules: [notWith('symbols', ['universe']), atMost('window', 'history')],
  examples: [
    { cli: 'soukan stability --universe majors', what: { en: 'the majors: 60-return windows over the last 750 returns', ja: '主要通貨ペア: 直近 750 リターンの 60 リターン期間' } },
    { cli: 'soukan stability EUR/USD GBP/USD USD/JPY --window 120 --history all --format json', what: { en: 'three pairs, 120-return windows over the whole history, as JSON', ja: '3 ペア、全履歴の 120 リターン期間（JSON）' } },
  ],
});

/** A stability request as the data layer takes it (typed values). */
export type StabilityParams = Values<typeof stabilityParams>;

const span = z.object({ from: isoTime, to: isoTime });

/**
 * The body of `GET /api/correlation/stability` and `soukan stability --format json`.
 *
 * @example stabilityResponse.safeParse(await (await fetch('/api/correlation/stability')).json()).success // true
 */
export const stabilityResponse = z.object({
  symbols: z.array(z.string()),
  timeframe: timeframeName,
  window: count,
  level: z.number(),
  history: z.object({ returns: count, from: isoTime, to: isoTime }),
  current: span,
  previous: span,
  method: z.object({ score: z.string(), change: z.string(), matrix: z.string() }),
  cells: z.array(
    z.object({
      a: z.string(),
      b: z.string(),
      current: maybe,
      previous: maybe,
      z: maybe,
      pValue: maybe,
      changed: z.boolean(),
      rolling: z.object({ windows: count, mean: maybe, sd: maybe, min: maybe, max: maybe, sameSign: maybe, sign: z.number(), score: maybe }),
    }),
  ),
  matrix: described(z.object({ statistic: maybe, df: count, pValue: maybe, changed: z.boolean() }), "Jennrich's χ² test of the whole matrix"),
  ...aboutFields,
  notes,
});
