import * as z from 'zod/mini';
import { int, number, oneOf, pairs, text, date } from './spec/kinds.js';
import { param } from './spec/param.js';
import { defineRequest, type Values } from './spec/request.js';

// The live API's payloads (LIVE-CONTRACT: `/api/live/state`, the SSE events,
// `/api/alerts`, the push input) and the requests of live mode. Times are
// ISO-8601 UTC strings with milliseconds; numbers that are not defined are null.

/** Live sources of `soukan serve --live`. */
export const LIVE_SOURCES = ['replay', 'oanda', 'push'] as const;
/** Sessions of the live matrix: every bar, or the bars inside one trading session. */
export const LIVE_SESSIONS = ['all', 'tokyo', 'london', 'newyork'] as const;
/** States of a live feed. */
export const LIVE_STATES = ['connecting', 'live', 'stalled', 'reconnecting', 'stopped'] as const;
/** Kinds of alert rule (see docs/live.md). */
export const ALERT_KINDS = ['breakdown-band', 'breakdown-fisher', 'divergence', 'vol-spike', 'move'] as const;

/** Most alerts `GET /api/alerts` answers, and `/api/live/state` carries. */
export const MAX_ALERTS = 1000;
export const SNAPSHOT_ALERTS = 100;

/**
 * Default start of `--live replay`: 30 minutes before the AUD/USD ~ NZD/USD
 * correlation broke out of its band at the Fed's rate decision of
 * 15 March 2017 (docs/live.md), so at the default speed the alert fires
 * about 30 s after the replay starts.
 *
 * @example new Date(DEFAULT_REPLAY_FROM).toISOString() // '2017-03-15T17:30:00.000Z'
 */
export const DEFAULT_REPLAY_FROM = Date.UTC(2017, 2, 15, 17, 30);
/** Default replay speed: an hour of market time per wall-clock minute. */
export const DEFAULT_REPLAY_SPEED = 60;
/** Default rolling window of the live matrix, bars (a day of minutes). */
export const DEFAULT_LIVE_WINDOW = 1440;

const num = z.nullable(z.number());
const isoTime = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/));

/**
 * A feed's state (`event: status`, at least once a second).
 *
 * @example liveStatusSchema.parse({ feed: 'replay', state: 'live', lastTickTime: null, lagMs: null, reconnects: 0, ticks: 0, dropped: { duplicate: 0, outOfOrder: 0, invalid: 0, unknown: 0 }, speed: 60 }).state // 'live'
 */
export const liveStatusSchema = z.object({
  feed: z.enum(LIVE_SOURCES),
  state: z.enum(LIVE_STATES),
  lastTickTime: z.nullable(isoTime),
  lagMs: num,
  reconnects: z.number(),
  ticks: z.number(),
  dropped: z.object({ duplicate: z.number(), outOfOrder: z.number(), invalid: z.number(), unknown: z.number() }),
  speed: num,
});
export type LiveStatus = z.infer<typeof liveStatusSchema>;

/**
 * The matrix after a closed bar (`event: matrix`). `rolling` and `ewm` are the
 * upper triangle in pair order (0,1), (0,2), …, (1,2), …; `changed` indexes
 * into `rolling` the pairs whose value rounded to 2 decimals changed.
 *
 * @example liveMatrixEventSchema.shape.timeframe.parse('M1') // 'M1'
 */
export const liveMatrixEventSchema = z.object({
  time: isoTime,
  timeframe: z.literal('M1'),
  window: z.number(),
  session: z.enum(LIVE_SESSIONS),
  symbols: z.array(z.string()),
  rolling: z.array(num),
  ewm: z.array(num),
  vol: z.array(num),
  close: z.array(num),
  changed: z.array(z.number()),
});
export type LiveMatrixEvent = z.infer<typeof liveMatrixEventSchema>;

/**
 * Currency strength after a closed bar (`event: strength`): the index (100 at the feed's first bar).
 *
 * @example liveStrengthEventSchema.parse({ time: '2017-03-15T18:02:00.000Z', currencies: ['EUR', 'USD'], scores: [100.2, 99.8] }).scores[0] // 100.2
 */
export const liveStrengthEventSchema = z.object({ time: isoTime, currencies: z.array(z.string()), scores: z.array(num) });
export type LiveStrengthEvent = z.infer<typeof liveStrengthEventSchema>;

/**
 * A fired alert with its evidence (`event: alert`, `/api/alerts`).
 *
 * @example alertSchema.shape.kind.parse('breakdown-band') // 'breakdown-band'
 */
export const alertSchema = z.object({
  ruleId: z.string(),
  kind: z.enum(ALERT_KINDS),
  time: isoTime,
  subject: z.string(),
  message: z.string(),
  evidence: z.record(z.string(), z.union([z.number(), z.string()])),
});
export type LiveAlert = z.infer<typeof alertSchema>;

/**
 * `GET /api/live/state` and the SSE `snapshot` event.
 *
 * @example liveSnapshotSchema.shape.alerts // at most 100, newest first
 */
export const liveSnapshotSchema = z.object({
  feed: liveStatusSchema,
  matrix: z.nullable(liveMatrixEventSchema),
  strength: z.nullable(liveStrengthEventSchema),
  alerts: z.array(alertSchema).check(z.maxLength(SNAPSHOT_ALERTS)),
});
export type LiveSnapshot = z.infer<typeof liveSnapshotSchema>;

/**
 * `GET /api/alerts`.
 *
 * @example alertListSchema.parse({ alerts: [] }).alerts.length // 0
 */
export const alertListSchema = z.object({ alerts: z.array(alertSchema) });

/**
 * One pushed tick (a line of `POST /api/ticks`, a WebSocket message):
 * `time` ISO 8601 with a zone or epoch ms; prices numbers or decimal strings.
 *
 * @example pushTickSchema.parse({ symbol: 'EURUSD', time: '2019-02-04T10:00:00.123Z', bid: 1.14512, ask: 1.14518 }).symbol // 'EURUSD'
 */
export const pushTickSchema = z.object({
  symbol: z.string(),
  time: z.union([z.string(), z.number()]),
  bid: z.union([z.number(), z.string()]),
  ask: z.union([z.number(), z.string()]),
  bidVolume: z.optional(z.number()),
  askVolume: z.optional(z.number()),
});

/** Parameters of `GET /api/live/events`. */
export const liveEventsParams = {
  session: param(oneOf(LIVE_SESSIONS), {
    description: { en: 'matrix of every bar (all), or of the bars inside the Tokyo, London or New York session', ja: '全バー（all）、または東京・ロンドン・ニューヨーク時間内のバーの行列' },
    default: 'all',
  }),
  url: param(text(/^https?:\/\/\S+$/, { en: 'an http(s) URL', rule: 'source' }, 300, '<url>'), {
    description: { en: 'address of a running soukan serve --live (default: run the feed given by --live here)', ja: '実行中の soukan serve --live のアドレス（既定: --live のフィードをここで実行）' },
    api: false,
  }),
};

/** The live event stream (server-sent events). */
export const liveEventsRequest = defineRequest({
  name: 'liveEvents',
  summary: { en: 'Live matrix, strength, feed status and alerts as server-sent events', ja: 'ライブの相関行列・通貨強弱・フィード状態・アラート（Server-Sent Events）' },
  params: liveEventsParams,
  rules: [],
  examples: [{ cli: 'soukan watch --session london', what: { en: 'the live matrix of London-session bars in the terminal', ja: 'ロンドン時間のバーによるライブ行列をターミナルに表示' } }],
});
export type LiveEventsParams = Values<typeof liveEventsParams>;

/** Parameters of `GET /api/alerts`. */
export const alertsParams = {
  limit: param(int(1, MAX_ALERTS), { description: { en: 'newest N alerts', ja: '新しい順に N 件' }, default: 100 }),
};

/** Persisted alerts. */
export const alertsRequest = defineRequest({
  name: 'alerts',
  summary: { en: 'Fired alerts with their evidence, newest first', ja: '発生したアラートと根拠（新しい順）' },
  params: alertsParams,
  rules: [],
  examples: [],
});

/** Options of live mode (`soukan serve --live`, `soukan watch`); command-line only. */
export const liveParams = {
  live: param(oneOf(LIVE_SOURCES), {
    description: { en: 'live source: replay (stored 2017 minutes at --speed), oanda (v20 stream, token in $OANDA_TOKEN) or push (POST /api/ticks, WebSocket /api/ticks/ws)', ja: 'ライブソース: replay（保存済み 2017 年の分足を --speed 倍で再生）、oanda（v20 ストリーム、トークンは $OANDA_TOKEN）、push（POST /api/ticks、WebSocket /api/ticks/ws）' },
    api: false,
  }),
  speed: param(number({ gt: 0, max: 1_000_000 }), {
    description: { en: 'replay: market time per wall time (60 = an hour a minute)', ja: 'replay: 再生速度（60 = 1 分で 1 時間分）' },
    default: DEFAULT_REPLAY_SPEED,
    api: false,
  }),
  from: param(date(), {
    description: { en: 'replay: start of the paced playback (the window before it is replayed at once to warm the analytics)', ja: 'replay: 再生開始時刻（その前の期間は分析の準備として一括で再生）' },
    default: DEFAULT_REPLAY_FROM,
    defaultText: '2017-03-15T17:30Z',
    api: false,
  }),
  symbols: param(pairs(40), { description: { en: 'live pairs (default: the eight 2017 HistData pairs)', ja: 'ライブのペア（既定: 2017 年 HistData の 8 ペア）' }, api: false }),
  window: param(int(30, 100_000), { description: { en: 'rolling window of the live matrix, bars', ja: 'ライブ行列のローリング期間（バー数）' }, default: DEFAULT_LIVE_WINDOW, api: false }),
  account: param(text(/^[\w-]{1,64}$/, { en: 'an OANDA account id such as 101-004-1234567-001', rule: 'source' }, 64, '<id>'), {
    description: { en: 'oanda: the v20 account id', ja: 'oanda: v20 のアカウント ID' },
    api: false,
  }),
  oandaStream: param(text(/^https?:\/\/\S+$/, { en: 'an http(s) URL', rule: 'source' }, 300, '<url>'), {
    description: { en: 'oanda: streaming host', ja: 'oanda: ストリーミングのホスト' },
    default: 'https://stream-fxpractice.oanda.com',
    api: false,
  }),
  oandaApi: param(text(/^https?:\/\/\S+$/, { en: 'an http(s) URL', rule: 'source' }, 300, '<url>'), {
    description: { en: 'oanda: REST host (candles for backfill)', ja: 'oanda: REST ホスト（欠損補完のローソク足）' },
    default: 'https://api-fxpractice.oanda.com',
    api: false,
  }),
  heartbeatTimeout: param(number({ gt: 0, max: 3600 }), { description: { en: 'oanda: seconds of silence before reconnecting', ja: 'oanda: 再接続までの無通信秒数' }, default: 15, api: false }),
  rules: param(text(/^\S.{0,499}$/, { en: 'a JSON file of alert rules', rule: 'source' }, 500, '<file>'), {
    description: { en: 'alert rules (JSON array, docs/live.md; default: one rule of each kind on the eight majors)', ja: 'アラートルール（JSON 配列、docs/live.md。既定: 主要 8 ペアに各種 1 つ）' },
    api: false,
  }),
  tickStore: param(text(/^\S.{0,499}$/, { en: 'a file path', rule: 'source' }, 500, '<file>'), {
    description: { en: 'DuckDB file the live ticks and alerts are written to (the store answers the dashboard meanwhile, so they have their own file)', ja: 'ライブのティックとアラートを書き込む DuckDB ファイル' },
    defaultText: 'live.duckdb beside the store',
    api: false,
  }),
  webhook: param(text(/^https?:\/\/\S+$/, { en: 'an http(s) URL', rule: 'source' }, 500, '<url>'), { description: { en: 'POST every alert as JSON to this URL', ja: '各アラートを JSON でこの URL に POST' }, api: false }),
};

/** Live mode of `soukan serve` and `soukan watch`. */
export const liveRequest = defineRequest({
  name: 'live',
  summary: { en: 'Live prices, incremental correlation and alerts', ja: 'ライブ価格、逐次更新の相関、アラート' },
  params: liveParams,
  rules: [],
  examples: [
    { cli: 'soukan serve --live replay', what: { en: '2017 minutes replayed at 60×; an alert fires within the first minute', ja: '2017 年の分足を 60 倍で再生。最初の 1 分でアラートが出る' } },
    { cli: 'OANDA_TOKEN=… soukan serve --live oanda --account 101-004-1234567-001', what: { en: 'OANDA practice prices, live', ja: 'OANDA デモ口座のライブ価格' } },
    { cli: 'soukan watch --live replay --speed 600', what: { en: 'the live matrix in the terminal', ja: 'ターミナルにライブ行列' } },
  ],
});
export type LiveParams = Values<typeof liveParams>;

/**
 * The body of `GET /api/live/events`: a `text/event-stream` whose events
 * carry the payloads above (see docs/live.md).
 *
 * @example liveEventStreamSchema.parse('event: status\ndata: {}\n\n') // 'event: status\ndata: {}\n\n'
 */
export const liveEventStreamSchema = z.string().check(z.meta({ description: 'server-sent events: snapshot, matrix, strength, status, alert; a ping comment every 15 s' }));

/**
 * The body of `POST /api/ticks`: lines read and ticks the gate accepted.
 *
 * @example pushTicksResponse.parse({ lines: 3, accepted: 2 }).accepted // 2
 */
export const pushTicksResponse = z.object({ lines: z.number().check(z.int(), z.minimum(0)), accepted: z.number().check(z.int(), z.minimum(0)) });
