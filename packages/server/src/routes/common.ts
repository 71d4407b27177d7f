import { UNIVERSES } from '@soukan/core';
import { HttpError } from '../http/httpError.js';
import {
  alignParam,
  dateParam,
  enumParam,
  intParam,
  numberParam,
  symbolsParam,
  textParam,
  timeframeParam,
  windowParam,
  type Param,
  type Parsed,
  type Schema,
} from '../http/params.js';

/** Most pairs in one request. */
export const MAX_SYMBOLS = 64;
/** Longest window (observations) accepted. */
export const MAX_WINDOW = 10_000_000;

/** The `source` parameter: which imported source to read. */
export const sourceParam = textParam('data source, e.g. ECB, FRB H.10, HistData (default: ECB when present, else the source with the most series)', /^[\w .-]{1,40}$/, 'a source name such as ECB', 40, 'source');

/** Parameters every correlation request shares (the options of `soukan corr`). */
export const correlationQuery = {
  source: sourceParam,
  symbols: symbolsParam('pairs, comma-separated, any spelling (EUR/USD, EURUSD, eur_usd); or give universe', MAX_SYMBOLS),
  universe: enumParam('named set of pairs (default majors when no symbols are given)', Object.keys(UNIVERSES)),
  on: enumParam('correlate returns (default) or price levels (what some broker tables publish; labelled)', ['returns', 'levels'] as const),
  returns: enumParam('log (default) or simple returns', ['log', 'simple'] as const),
  method: enumParam('pearson (default), spearman or kendall (tau-b)', ['pearson', 'spearman', 'kendall'] as const),
  window: windowParam('last N observations (default 250) or all', MAX_WINDOW),
  end: dateParam('the window ends on or before this date'),
  from: dateParam('date range start (instead of window)'),
  to: dateParam('date range end (instead of window)'),
  timeframe: timeframeParam('bar size (default D1 for daily data, H1 for intraday)'),
  minPeriods: intParam('cells with fewer observations stay empty (default 20, at most the window)', 2, MAX_WINDOW),
  align: alignParam('missing data: inner (default), pairwise, or ffill:N'),
  order: enumParam('given (default) or cluster (average-linkage on 1 − ρ)', ['given', 'cluster'] as const),
  confidence: numberParam('confidence level of the intervals (default 0.95)', { exclusiveMin: 0, exclusiveMax: 1 }),
} satisfies Record<string, Param<unknown>>;

/** The correlation request of a validated query, with the rules that involve several parameters. */
export function correlationParams(q: Parsed<typeof correlationQuery>) {
  if (q.symbols && q.universe) conflict('symbols', 'universe');
  if ((q.from !== undefined || q.to !== undefined) && q.window !== undefined) conflict('window', q.from !== undefined ? 'from' : 'to');
  if ((q.from !== undefined || q.to !== undefined) && q.end !== undefined) conflict('end', q.from !== undefined ? 'from' : 'to');
  if (q.from !== undefined && q.to !== undefined && q.from > q.to) {
    throw new HttpError(400, 'invalid-range', 'from is after to', { param: 'from' });
  }
  if (q.minPeriods !== undefined && typeof q.window === 'number' && q.minPeriods > q.window) {
    throw new HttpError(400, 'invalid-param', `minPeriods: expected at most the window (${q.window}), got ${q.minPeriods}`, {
      param: 'minPeriods',
      value: q.minPeriods,
      expected: `at most ${q.window}`,
      rule: 'at-most',
      max: q.window,
    });
  }
  return {
    symbols: q.symbols,
    universe: q.universe,
    on: q.on,
    returns: q.returns,
    method: q.method,
    window: q.window,
    end: q.end,
    from: q.from,
    to: q.to,
    timeframe: q.timeframe,
    minPeriods: q.minPeriods,
    align: q.align,
    order: q.order,
    confidence: q.confidence,
  };
}

/** 400 for two parameters that cannot be given together. */
export function conflict(a: string, b: string): never {
  throw new HttpError(400, 'conflicting-params', `give ${a} or ${b}, not both`, { param: a, other: b });
}

/** Schema of the matrix body (see correlationMatrixJson). */
export const matrixSchema: Schema = {
  type: 'object',
  required: ['symbols', 'matrix', 'n', 'p', 'ci', 'reason', 'method', 'on', 'window', 'timeframe', 'start', 'end', 'observations'],
  properties: {
    symbols: { type: 'array', items: { type: 'string' } },
    matrix: { type: 'array', items: { type: 'array', items: { type: ['number', 'null'] } }, description: 'coefficients, null where undefined (see reason)' },
    n: { type: 'array', items: { type: 'array', items: { type: 'integer' } }, description: 'observations per cell' },
    p: { type: 'array', items: { type: 'array', items: { type: ['number', 'null'] } }, description: 'two-sided p-values' },
    ci: { type: 'object', properties: { level: { type: 'number' }, low: { type: 'array' }, high: { type: 'array' } } },
    reason: { type: 'array', items: { type: 'array', items: { enum: [null, 'too-few-observations', 'constant-input'] } } },
    method: { enum: ['pearson', 'spearman', 'kendall'] },
    on: { enum: ['returns', 'levels'] },
    returns: { enum: ['log', 'simple', null] },
    window: { oneOf: [{ type: 'integer' }, { const: 'range' }] },
    timeframe: { type: 'string' },
    start: { type: 'string' },
    end: { type: 'string' },
    observations: { type: 'integer' },
    minPeriods: { type: 'integer' },
    order: { enum: ['given', 'cluster'] },
    source: { type: 'string' },
    attribution: { type: ['string', 'null'] },
    notes: { type: 'array', items: { type: 'string' }, description: 'things to know, in English' },
    noteCodes: {
      type: 'array',
      description: 'noteCodes[i] is the stable code of notes[i] and the values it names, for clients that word notes themselves',
      items: { type: 'object', properties: { code: { enum: ['pairs-missing', 'forward-filled'] }, params: { type: 'object' } } },
    },
  },
};
