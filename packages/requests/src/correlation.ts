import { DEFAULT_MIN_PERIODS, type Timeframe } from '@soukan/core';
import { UNIVERSES } from '@soukan/core';
import * as z from 'zod/mini';
import { endParam, fromParam, sourceParam, timeframeParam, toParam, windowRules } from './common.js';
import { defaultWindow, defaultWindowText } from './defaultWindow.js';
import { MAX_CORRELATION_SYMBOLS, MAX_WINDOW } from './limits.js';
import { align, int, number, oneOf, pairs, windowOrAll } from './spec/kinds.js';
import { param } from './spec/param.js';
import { aboutFields, count, described, grid, isoTime, maybe, namedValues, notes, timeframeName } from './spec/response.js';
import { defineRequest, type Params, type Rule, type Values } from './spec/request.js';
import { RequestError } from './spec/requestError.js';
import { notWith, onlyWith } from './spec/rules.js';

/** Default window of a correlation matrix at D1: about one year (the same span at every timeframe: {@link defaultWindow}). */
export const DEFAULT_CORRELATION_WINDOW = defaultWindow('correlation', 'D1');
/** Default minimum observations per cell (capped at the window): the library's own default, one number for every front end. */
export const DEFAULT_CORRELATION_MIN_PERIODS = DEFAULT_MIN_PERIODS;

const universes = Object.keys(UNIVERSES) as [string, ...string[]];

/** Parameters every correlation request shares (the options of `soukan corr`). */
export const correlationParams = {
  symbols: param(pairs(MAX_CORRELATION_SYMBOLS), {
    description: { en: 'pairs in any spelling (EUR/USD, EURUSD, eur_usd); or give --universe (default: majors)', ja: '通貨ペア（EUR/USD、EURUSD、eur_usd のどの書き方でも）。または universe（既定: majors）' },
    cli: 'argument',
  }),
  universe: param(oneOf(universes, '<name>'), {
    description: { en: `named set of pairs: ${universes.join(' | ')} (default majors when no symbols are given)`, ja: `名前付きのペア集合: ${universes.join(' | ')}（ペア指定がなければ majors）` },
  }),
  on: param(oneOf(['returns', 'levels']), {
    description: { en: 'correlate returns, or price levels (what some broker tables publish; labelled)', ja: 'リターンの相関、または価格水準の相関（一部の業者の表が載せるもの。明示される）' },
    default: 'returns',
  }),
  returns: param(oneOf(['log', 'simple']), {
    description: { en: 'log or simple returns', ja: '対数リターンか単純リターン' },
    default: 'log',
  }),
  method: param(oneOf(['pearson', 'spearman', 'kendall']), {
    description: { en: 'pearson, spearman or kendall (tau-b)', ja: 'pearson、spearman、kendall（tau-b）' },
    default: 'pearson',
  }),
  window: param(windowOrAll(2, MAX_WINDOW), {
    description: { en: 'last N observations (returns, or prices with on=levels), or all; the default spans about a year at every timeframe', ja: '直近 N 個の観測（リターン、levels なら価格）、または all。既定はどの足でも約 1 年分' },
    defaultText: defaultWindowText('correlation'),
  }),
  end: endParam,
  from: fromParam,
  to: toParam,
  timeframe: timeframeParam,
  minPeriods: param(int(2, MAX_WINDOW), {
    description: { en: 'cells with fewer observations stay empty', ja: 'これより観測の少ないセルは空欄' },
    defaultText: `${DEFAULT_CORRELATION_MIN_PERIODS}, at most the window`,
  }),
  align: param(align(), {
    description: { en: 'missing data: inner, pairwise, or ffill:N (forward-fill at most N rows)', ja: '欠損の扱い: inner、pairwise、ffill:N（最大 N 行の前方補完）' },
    default: { kind: 'inner' },
    defaultText: 'inner',
  }),
  order: param(oneOf(['given', 'cluster']), {
    description: { en: 'given, or cluster (average-linkage on 1 − ρ)', ja: '指定順、または cluster（1 − ρ の平均連結法）' },
    default: 'given',
  }),
  confidence: param(number({ gt: 0, lt: 1 }, '<c>'), {
    description: { en: 'confidence level of the intervals', ja: '信頼区間の信頼水準' },
    default: 0.95,
  }),
  shrink: param(oneOf(['none', 'lw', 'oas', 'cc', 'ss']), {
    description: {
      en: 'shrinkage estimator for large universes: none, lw (Ledoit–Wolf, identity), oas, cc (Ledoit–Wolf, constant correlation), ss (Schäfer–Strimmer); the intensity is reported',
      ja: '大きなユニバース向けの縮小推定: none、lw（Ledoit–Wolf、単位行列）、oas、cc（Ledoit–Wolf、一定相関）、ss（Schäfer–Strimmer）。縮小強度を表示',
    },
    default: 'none',
  }),
  source: sourceParam,
};

/**
 * Min-periods within the window: the given one, else the default for the
 * given timeframe. Without either, the timeframe comes from the data (H1 on
 * intraday, D1 on daily), so the data layer checks it against that
 * timeframe's default window.
 *
 * @example parseRequest(correlationRequest, { minPeriods: 6001, timeframe: 'H1' }) // throws RequestError invalid-param (at most 6000)
 */
export function minPeriodsWithinWindow<P extends Params>(): Rule<P> {
  return (given, _resolved, label) => {
    const g = given as { minPeriods?: unknown; window?: unknown; timeframe?: Timeframe };
    const x = g.minPeriods;
    if (typeof x !== 'number' || g.window === 'all') return undefined;
    if (typeof g.window !== 'number' && g.timeframe === undefined) return undefined;
    const y = typeof g.window === 'number' ? g.window : defaultWindow('correlation', g.timeframe!);
    if (x <= y) return undefined;
    return new RequestError('invalid-param', `${label('minPeriods')}: expected at most the ${label('window')} (${y}), got ${x}`, { param: 'minPeriods', value: x, expected: `at most ${y}`, rule: 'at-most', max: y });
  };
}

/** A shrunk matrix is a Pearson matrix of complete returns: the estimators take whole rows. */
const shrinkNeedsCompleteRows: Rule<typeof correlationParams> = (given, resolved, label) =>
  given.shrink !== undefined && given.shrink !== 'none' && resolved.align?.kind === 'pairwise'
    ? new RequestError('conflicting-params', `${label('shrink')} needs complete rows: use ${label('align')} inner or ffill:N, not pairwise`, { param: 'shrink', other: 'align' })
    : undefined;

/**
 * A correlation matrix (`soukan corr`, `GET /api/correlation`): n, p-value
 * and confidence interval per cell.
 */
export const correlationRequest = defineRequest({
  name: 'correlation',
  summary: {
    en: 'Correlation matrix of currency pairs, with n, p-value and confidence interval per cell',
    ja: '通貨ペアの相関行列（セルごとに n、p 値、信頼区間）',
  },
  params: correlationParams,
  rules: [
    notWith('symbols', ['universe']),
    ...windowRules<typeof correlationParams>(),
    minPeriodsWithinWindow<typeof correlationParams>(),
    onlyWith('shrink', 'method', 'pearson'),
    onlyWith('shrink', 'on', 'returns'),
    shrinkNeedsCompleteRows,
  ],
  examples: [
    { cli: 'soukan corr --universe majors --window 60', what: { en: 'the majors over the last 60 daily returns', ja: '主要通貨ペアの直近 60 日のリターン' } },
    { cli: 'soukan corr EUR/USD USD/JPY ZAR/JPY --from 2020-01-01 --to 2020-12-31 --method spearman', what: { en: 'Spearman over a date range; crosses built from the data', ja: '期間指定の Spearman 相関（クロスはデータから合成）' } },
    { cli: 'soukan corr --universe majors --window 60 --shrink lw', what: { en: 'Ledoit–Wolf shrunk correlations of 28 pairs from 60 returns, with the intensity', ja: '28 ペアを 60 リターンから Ledoit–Wolf 縮小推定（縮小強度つき）' } },
    { cli: 'soukan corr EUR/USD GBP/USD --rolling 60 --format csv', what: { en: 'a rolling 60-observation correlation of two pairs as CSV', ja: '2 ペアの 60 観測ローリング相関（CSV）' } },
  ],
});

/** A correlation request as the data layer takes it (typed values). */
export type CorrelationParams = Values<typeof correlationParams>;

const reason = z.nullable(z.enum(['too-few-observations', 'constant-input']));

/**
 * The fields of a correlation matrix response (also the top of the pair drill-down).
 *
 * @example z.object(correlationMatrixFields).shape.window // the count window, or 'range'
 */
export const correlationMatrixFields = {
  symbols: z.array(z.string()),
  matrix: described(grid(maybe), 'coefficients, null where undefined (see reason)'),
  n: described(grid(count), 'observations per cell'),
  p: described(grid(maybe), 'two-sided p-values'),
  ci: z.object({ level: z.number(), low: grid(maybe), high: grid(maybe) }),
  reason: described(grid(reason), 'why a cell is null'),
  method: z.enum(['pearson', 'spearman', 'kendall']),
  on: z.enum(['returns', 'levels']),
  returns: z.nullable(z.enum(['log', 'simple'])),
  window: described(z.union([count, z.literal('range')]), 'the count window, or range for a date range'),
  timeframe: timeframeName,
  start: isoTime,
  end: isoTime,
  observations: count,
  minPeriods: count,
  order: z.enum(['given', 'cluster']),
  ...aboutFields,
  notes,
  noteCodes: described(
    z.array(z.object({ code: z.string(), params: namedValues })),
    'noteCodes[i] is the stable code of notes[i] and the values it names, for clients that word notes themselves',
  ),
  compute: described(
    z.object({ kernel: z.enum(['native', 'wasm', 'ts', 'store']), threads: count, blas: z.nullable(z.string()) }),
    'how the products were computed: the OpenBLAS add-on, WebAssembly SIMD or TypeScript, and on how many threads; store: from sufficient statistics the store computed (no thread here)',
  ),
  shrink: described(
    z.nullable(
      z.object({
        method: z.enum(['lw', 'oas', 'cc', 'ss']),
        estimator: z.enum(['ledoit-wolf-identity', 'oas', 'ledoit-wolf-constant-correlation', 'schafer-strimmer']),
        target: z.enum(['identity-covariance', 'constant-correlation', 'identity-correlation']),
        intensity: maybe,
      }),
    ),
    'the shrinkage estimator the coefficients come from and its intensity in [0, 1] (null without shrink)',
  ),
};

/**
 * The body of `GET /api/correlation` and `soukan corr --format json`.
 *
 * @example correlationResponse.safeParse(await (await fetch('/api/correlation?window=60')).json()).success // true
 */
export const correlationResponse = z.object(correlationMatrixFields);
