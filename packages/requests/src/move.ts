import * as z from 'zod/mini';
import { date, bool, number, pair, text, timeframe } from './spec/kinds.js';
import { endParam, sourceParam } from './common.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe, timeframeName } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';
import { inOrder, notWith, requiredUnless } from './spec/rules.js';

/** Parameters of `soukan move` / `GET /api/move`. */
export const moveParams = {
  symbol: param(pair(), { description: { en: 'the pair, e.g. GBP/JPY', ja: '通貨ペア（例: GBP/JPY）' }, cli: 'argument', required: true }),
  threshold: param(text(/^\s*\d+(\.\d+)?\s*(,\s*\d+(\.\d+)?\s*)*$/, { en: 'positive pip counts such as 50 or 20,50,100', rule: 'pips-list' }, 400, '<pips>'), {
    description: { en: 'move size(s) in pips: 50 or 20,50,100 (required unless ladder)', ja: '値幅（pips）: 50 や 20,50,100（ladder 以外は必須）' },
  }),
  horizon: param(text(/^\s*\d+(\.\d+)?\s*(m|min|h|d|b|bars?)?\s*(,\s*\d+(\.\d+)?\s*(m|min|h|d|b|bars?)?\s*)*$/i, { en: 'durations such as 10h, 600m, 2d or bar counts such as 24b', rule: 'horizons' }, 400, '<h>'), {
    description: { en: 'horizon(s): 10h, 600m, 2d, or bars as 24b', ja: '期間: 10h、600m、2d、または本数 24b' },
    defaultText: '10h; 5b for daily data',
  }),
  ladder: param(bool(), { description: { en: 'several thresholds × horizons at once', ja: '複数の値幅 × 期間を一度に' } }),
  timeframe: param(timeframe(), { description: { en: 'resample to this bar size first (default: the data as read)', ja: 'この足に変換してから数える（既定: データのまま）' } }),
  days: param(number({ gt: 0, max: 100_000 }, '<n>'), { description: { en: 'history: the last n calendar days', ja: '履歴: 直近 n 暦日' } }),
  from: param(date(), { description: { en: 'history from this date', ja: '履歴の開始日' } }),
  to: param(date(), { description: { en: 'history to this date, inclusive', ja: '履歴の終了日（この日を含む）' } }),
  end: param(endParam, { ...endParam, description: { en: 'with days: the history ends at this date', ja: 'days と共に: 履歴の終わり' } }),
  source: sourceParam,
};

/** Probability that a pair moves X pips within a horizon. */
export const moveRequest = defineRequest({
  name: 'move',
  summary: { en: 'Probability that a pair moves X pips within a horizon (empirical with Wilson 95 %, vs Brownian)', ja: '一定期間内に X pips 動く確率（経験値と Wilson 95 %、ブラウン運動との比較）' },
  params: moveParams,
  rules: [notWith('days', ['from', 'to']), inOrder('from', 'to'), requiredUnless('threshold', 'ladder')],
  examples: [
    { cli: 'soukan move EUR/USD --threshold 50 --horizon 5b', what: { en: 'how often EUR/USD moved 50 pips within 5 daily bars', ja: 'EUR/USD が 5 日以内に 50 pips 動いた頻度' } },
    { cli: 'soukan move USD/JPY --ladder --days 3650', what: { en: 'a ladder of thresholds × horizons over ten years', ja: '10 年間の値幅 × 期間の一覧' } },
  ],
});

/** A move request as the data layer takes it. */
export type MoveParams = Values<typeof moveParams>;

const side = z.object({ hits: count, share: maybe, low: maybe, high: maybe });

/**
 * The body of `GET /api/move` and `soukan move --format json`.
 *
 * @example moveResponse.safeParse(await (await fetch('/api/move?symbol=EUR/USD')).json()).success // true
 */
export const moveResponse = z.object({
  symbol: z.string(),
  pip: z.number(),
  bars: count,
  timeframe: timeframeName,
  start: isoTime,
  end: isoTime,
  extremes: z.string(),
  conventions: z.object({ start: z.string(), hit: z.string(), interval: z.string(), brownian: z.string() }),
  horizons: z.array(
    z.object({
      horizon: z.string(),
      windows: count,
      meanBars: maybe,
      sigmaPerBarPips: maybe,
      rows: described(z.array(z.object({ thresholdPips: z.number(), up: side, down: side, either: side, brownian: maybe })), 'one row per threshold: share of windows that rose, fell, or either, by at least it'),
    }),
  ),
  ...aboutFields,
});
