import * as z from 'zod/mini';
import { endParam, sourceParam } from './common.js';
import { exactly } from './spec/count.js';
import { int, number, pairs, text } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, isoTime, maybe } from './spec/response.js';
import { defineRequest, type Values } from './spec/request.js';

/** Default span of the Epps request: the last five calendar days of common data. */
export const DEFAULT_EPPS_DAYS = 5;
/** Default sampling intervals of the Epps curve. */
export const DEFAULT_EPPS_INTERVALS = '1m,2m,5m,10m,15m,30m,1h,2h,4h';

/** Parameters of `soukan epps A B` and `GET /api/epps`. */
export const eppsParams = {
  symbols: param(pairs(2), {
    description: { en: 'the two pairs, each quoted (or inverted) in the data: a cross would be built on a common time index', ja: '2 つの通貨ペア（データにある、またはその逆数）。クロスは共通の時刻に揃えて作られるため不可' },
    cli: 'argument',
    required: true,
  }),
  intervals: param(text(/^\s*[1-9]\d{0,5}\s*[smh]\s*(,\s*[1-9]\d{0,5}\s*[smh]\s*){0,29}$/i, { en: 'sampling intervals such as 30s,1m,5m,1h', rule: 'intervals' }, 400, '<list>'), {
    description: { en: 'sampling intervals of the Epps curve: seconds (s), minutes (m) or hours (h), comma-separated', ja: 'Epps 曲線のサンプリング間隔: 秒 (s)、分 (m)、時間 (h) をカンマ区切りで' },
    default: DEFAULT_EPPS_INTERVALS,
  }),
  days: param(int(1, 366, '<n>'), {
    description: { en: 'calendar days of observations, ending at the end date (default: the last common observation)', ja: '観測の暦日数（終わりは end、既定: 両系列に共通の最後の観測）' },
    default: DEFAULT_EPPS_DAYS,
  }),
  end: param(endParam, { ...endParam, description: { en: 'the span ends with this date (YYYY-MM-DD, UTC, inclusive)', ja: '期間の終わりの日（YYYY-MM-DD、UTC、この日を含む）' } }),
  thin: param(number({ gt: 0, max: 1 }, '<p>'), {
    description: {
      en: 'keep each observation with this probability (seeded), making bars asynchronous; 1 keeps all',
      ja: '各観測をこの確率で残す（シード固定）。足を非同期の観測にする。1 なら全部',
    },
    default: 1,
  }),
  seed: param(int(0, 2 ** 31 - 1, '<n>'), {
    description: { en: 'seed of the thinning: the first pair uses it, the second seed + 1', ja: '間引きのシード（1 つ目のペアはこの値、2 つ目は +1）' },
    default: 1,
  }),
  source: sourceParam,
};

/**
 * Correlation of asynchronously observed pairs (`soukan epps`,
 * `GET /api/epps`): the Hayashi–Yoshida estimate on each series' own
 * observation times, and the Epps curve — the realised correlation of
 * previous-tick samples on grids of growing interval.
 *
 * @example parseRequest(eppsRequest, { symbols: 'EUR/USD,GBP/USD', thin: '0.3' }, { text: true }) // { symbols: ['EUR/USD', 'GBP/USD'], thin: 0.3 }
 */
export const eppsRequest = defineRequest({
  name: 'epps',
  summary: {
    en: 'Correlation of asynchronous observations: Hayashi–Yoshida on each series’ own times, and the Epps curve (correlation against sampling interval)',
    ja: '非同期観測の相関: 各系列自身の時刻での Hayashi–Yoshida 推定と Epps 曲線（サンプリング間隔ごとの相関）',
  },
  params: eppsParams,
  rules: [exactly('symbols', 2)],
  examples: [
    {
      cli: 'soukan epps EUR/USD GBP/USD --data HISTDATA_COM_ASCII_{EURUSD,GBPUSD}_M1_2017.zip --end 2017-03-10',
      what: { en: 'one week of one-minute closes, each pair at its own minutes', ja: '1 週間の 1 分足終値（各ペア自身の時刻で）' },
    },
    {
      cli: 'soukan epps EUR/USD GBP/USD --end 2017-03-10 --thin 0.3 --intervals 1m,5m,15m,1h,4h --format json',
      what: { en: 'the same, 30 % of minutes kept at random: sparser, asynchronous observations', ja: '同じ期間で 30 % の分だけを無作為に残す（より疎な非同期観測）' },
    },
  ],
});

/** An Epps request as the data layer takes it (typed values). */
export type EppsParams = Values<typeof eppsParams>;

const perPair = described(z.record(z.string(), count), 'per pair');

/**
 * The body of `GET /api/epps` and `soukan epps A B --format json`.
 *
 * @example eppsResponse.safeParse(await (await fetch('/api/epps?symbols=EUR/USD,USD/JPY')).json()).success // true
 */
export const eppsResponse = z.object({
  symbols: z.array(z.string()),
  from: isoTime,
  to: isoTime,
  observations: described(perPair, 'observations used per pair (after thinning)'),
  observed: described(perPair, 'observations stored per pair in the span'),
  thin: z.number(),
  seed: described(z.nullable(z.number().check(z.int())), 'the thinning seed (null without thinning)'),
  method: z.object({ hayashiYoshida: z.string(), epps: z.string(), thin: z.string() }),
  hayashiYoshida: z.object({ correlation: maybe, covariance: maybe, varianceA: maybe, varianceB: maybe, overlaps: count }),
  epps: described(z.array(z.object({ interval: z.string(), seconds: z.number(), returns: count, correlation: maybe })), 'the Epps curve: realised correlation of previous-tick samples at each interval'),
  ...aboutFields,
});
