import {
  correlationBreaks,
  correlationReportInput,
  correlationReportOf,
  ewmCorrelation,
  pearsonMatrixOfMoments,
  formatIsoDate,
  formatIsoTime,
  frameReturns,
  mean,
  rollingCorrelation,
  universe,
  variance,
  windowBounds,
  type CorrelationBlock,
  type CorrelationReport,
  type CorrelationReportOptions,
  type ReturnKind,
  type Timeframe,
  type Window,
} from '@soukan/core';
import { computeCorrelationMatrix } from '../compute/computeCorrelationMatrix.js';
import type { ParallelRunInfo } from '../compute/correlationMatrixParallel.js';
import {
  correlationPairRequest,
  correlationRequest,
  correlationSeriesRequest,
  DEFAULT_CORRELATION_MIN_PERIODS,
  defaultWindow,
  DEFAULT_PAIR_ROLLING,
  type CorrelationPairParams,
  type CorrelationParams,
  type CorrelationSeriesParams,
} from '@soukan/requests';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import { QueryMarket } from '../query/queryMarket.js';
import { Notes, type NoteCode } from './note.js';
import { parseParams } from './parseParams.js';
import { shrinkColumns, type ShrinkApplied } from './shrinkColumns.js';

export { DEFAULT_CORRELATION_MIN_PERIODS, DEFAULT_CORRELATION_WINDOW, DEFAULT_PAIR_ROLLING } from '@soukan/requests';
export type { CorrelationPairParams, CorrelationParams, CorrelationSeriesParams } from '@soukan/requests';

/** A correlation matrix with what it was computed on. */
export interface CorrelationResult {
  readonly report: CorrelationReport;
  readonly timeframe: Timeframe;
  readonly window: Window;
  /** Things the user should know (pairs a universe lacked, forward fills). */
  readonly notes: readonly string[];
  /** The code and values of each note, in step with `notes` (see {@link NoteCode}). */
  readonly noteCodes: readonly NoteCode[];
  /** How the matrix was computed: by the compute dispatcher (kernel, threads, phase times), or from the store's sufficient statistics. */
  readonly compute: ParallelRunInfo | StoreRunInfo;
  /** The shrinkage estimator the coefficients come from, when one was asked for. */
  readonly shrink?: ShrinkApplied;
}

/** A matrix computed from sufficient statistics the store computed (see `MarketQuery.moments`): no kernel ran here. */
export interface StoreRunInfo {
  readonly threads: 0;
  readonly kernels: 'store';
  readonly blas?: undefined;
  /** Pairs whose statistics the store returned. */
  readonly work: number;
  readonly ms: Readonly<Record<'cells', number>>;
}

/** Symbols and aligned prices a request asks for, validated. */
export interface PairSelection {
  readonly symbols: string[];
  readonly timeframe: Timeframe;
  readonly frame: import('@soukan/core').Frame;
  readonly notes: Notes;
}

/** The window of a validated request (the spec has refused a count with a range). */
function windowOf(p: CorrelationParams, timeframe: Timeframe): Window {
  if (p.from !== undefined || p.to !== undefined) return { kind: 'range', from: p.from, to: p.to };
  const w = p.window ?? defaultWindow('correlation', timeframe);
  if (p.window === undefined && w !== 'all' && p.minPeriods !== undefined && p.minPeriods > w) {
    // The spec checks a given window or timeframe; here the timeframe came from the data.
    throw new InputError(`min-periods: expected at most the default window at ${timeframe} (${w}), got ${p.minPeriods}`, {
      code: 'invalid-param',
      params: { param: 'minPeriods', value: p.minPeriods, expected: `at most ${w}` },
    });
  }
  if (w === 'all') return { kind: 'range', to: p.end };
  return { kind: 'last', n: w, end: p.end };
}

/** What {@link selectPairs} reads of a validated request. */
export type SelectParams = Pick<CorrelationParams, 'symbols' | 'universe' | 'timeframe' | 'align'>;

/**
 * The pairs a request names (or its universe's pairs the data has), routed,
 * de-duplicated and aligned at the timeframe; notes for missing universe
 * pairs and forward fills. Shared by the correlation, stability and DCC requests.
 *
 * @throws InputError for unknown universes or symbols, too few or duplicate pairs, series that do not overlap.
 * @example selectPairs(ecbMarket, { universe: 'majors' }, { atLeast: 2 }).symbols.length // 28
 */
export function selectPairs(market: Market, p: SelectParams, need: { exactly?: number; atLeast: number }): PairSelection {
  const { symbols, timeframe, notes } = pickPairs(market, p, need);
  const { frame, filled } = market.frame(symbols, p.align ?? { kind: 'inner' }, timeframe);
  const filledTotal = filled.reduce((a, b) => a + b, 0);
  if (filledTotal > 0) notes.add('forward-filled', { count: filledTotal }, `forward-filled ${filledTotal} missing value(s); each one manufactures a zero return`);
  if (frame.time.length === 0) {
    const ranges = symbols.map((s) => {
      const t = market.series(s).time;
      return t.length ? `${s} ${formatIsoTime(t[0]!)} → ${formatIsoTime(t[t.length - 1]!)}` : `${s} (no data)`;
    });
    throw new InputError(`the series do not overlap in time: ${ranges.join('; ')}`, { code: 'no-overlap', params: { symbols: symbols.join(' ') } });
  }
  return { symbols, timeframe, frame, notes };
}

/**
 * The pairs a request names (or its universe's pairs the data has), routed
 * and de-duplicated, with the timeframe and the notes on missing universe
 * pairs: {@link selectPairs} before the prices are aligned.
 *
 * @throws InputError as {@link selectPairs}, except for series that do not overlap.
 * @example pickPairs(ecbMarket, { universe: 'majors' }, { atLeast: 2 }).symbols.length // 28
 */
export function pickPairs(market: Market, p: SelectParams, need: { exactly?: number; atLeast: number }): Omit<PairSelection, 'frame'> {
  const timeframe: Timeframe = p.timeframe ?? (market.frequency === 'daily' ? 'D1' : 'H1');
  const notes = new Notes();
  let symbols = [...(p.symbols ?? [])];
  if (symbols.length === 0) {
    const name = p.universe ?? 'majors';
    let all: readonly string[];
    try {
      all = universe(name);
    } catch (e) {
      throw new InputError(`universe: ${(e as Error).message}`);
    }
    const missing: string[] = [];
    for (const s of all) {
      try {
        market.route(s);
        symbols.push(s);
      } catch {
        missing.push(s);
      }
    }
    if (missing.length) {
      notes.add('pairs-missing', { count: missing.length, universe: name, source: market.label, symbols: missing.join(' ') }, `${missing.length} pair(s) of ${name} are not in ${market.label}: ${missing.join(' ')}`);
    }
    if (symbols.length < need.atLeast) {
      throw new InputError(`${market.label} has ${symbols.length} pair(s) of the ${name} universe; need at least ${need.atLeast}`, {
        code: 'universe-too-small',
        params: { universe: name, count: symbols.length, need: need.atLeast },
      });
    }
  }
  symbols = symbols.map((s) => market.route(s).target.symbol);
  if (need.exactly !== undefined && symbols.length !== need.exactly) {
    throw new InputError(`need exactly ${need.exactly} symbols, got ${symbols.length}`, { code: 'symbol-count', params: { need: need.exactly, count: symbols.length } });
  }
  if (symbols.length < need.atLeast) {
    throw new InputError(`a correlation needs at least ${need.atLeast} symbols, got ${symbols.length}`, { code: 'symbol-count', params: { need: need.atLeast, count: symbols.length } });
  }
  const dup = symbols.find((s, i) => symbols.indexOf(s) !== i);
  if (dup) throw new InputError(`${dup} is given twice`, { code: 'duplicate-symbol', params: { symbol: dup } });
  return { symbols, timeframe, notes };
}

function describe(w: Window): string {
  if (w.kind === 'last') return `last ${w.n}${w.end !== undefined ? ` ending ${formatIsoDate(w.end)}` : ''}`;
  return `${w.from !== undefined ? formatIsoDate(w.from) : 'start'} → ${w.to !== undefined ? formatIsoDate(w.to) : 'end'}`;
}

/**
 * The correlation matrix a user asked for, validated end to end.
 *
 * @throws InputError for unknown symbols or universes, series that do not
 *   overlap, a window with too few observations, bad parameter values.
 */
export async function correlationQuery(market: Market, params: CorrelationParams): Promise<CorrelationResult> {
  const p = parseParams(correlationRequest, params);
  const on = p.on ?? 'returns';
  const fromStore = viaMoments(market, p);
  if (fromStore) return fromStore;
  const sel = selectPairs(market, p, { atLeast: 2 });
  let window = windowOf(p, sel.timeframe);
  if (p.window === undefined && window.kind === 'last') {
    // The default window spans about a year at every timeframe; a shorter history is used whole, and said so
    // (a window the user gave that the data cannot fill stays an error below).
    const { start, stop } = windowBounds(sel.frame.time, { kind: 'range', to: p.end });
    const have = on === 'returns' ? stop - start - 1 : stop - start;
    if (have >= 2 && have < window.n) {
      sel.notes.add(
        'window-shortened',
        { window: window.n, timeframe: sel.timeframe, observations: have },
        `the default window at ${sel.timeframe} is ${window.n} (about a year); the data holds ${have} ${on === 'returns' ? 'returns' : 'prices'}, all used`,
      );
      window = { kind: 'last', n: have, end: p.end };
    }
  }
  const n = window.kind === 'last' ? window.n : undefined;
  const options = matrixOptions(p, window);
  const input = correlationReportInput(sel.frame, options);
  const computed = await computeCorrelationMatrix(input.frame.columns, input.matrix);
  const { run } = computed;
  const shrink = p.shrink !== undefined && p.shrink !== 'none' ? shrinkColumns(input.frame.columns, p.shrink) : undefined;
  const matrix = shrink ? { ...computed.matrix, r: shrink.r } : computed.matrix;
  if (shrink) {
    const { estimator, intensity } = shrink.applied;
    sel.notes.add('shrunk', { estimator, intensity }, `coefficients shrunk (${estimator}, intensity ${intensity.toFixed(4)}); p-values and intervals are those of the sample coefficients`);
  }
  const report = correlationReportOf(input.frame, matrix, options);
  const t = sel.frame.time;
  if (report.observations === 0) {
    throw new InputError(`no observations in the window (${describe(window)}); the data runs ${formatIsoTime(t[0]!)} → ${formatIsoTime(t[t.length - 1]!)}`, {
      code: 'empty-window',
      params: { first: formatIsoTime(t[0]!), last: formatIsoTime(t[t.length - 1]!) },
    });
  }
  if (n !== undefined && report.observations < n) {
    throw new InputError(
      `too few points for window ${n}: ${report.observations} ${on === 'returns' ? 'returns' : 'prices'} after aligning ${sel.symbols.length} series (${formatIsoTime(report.start)} → ${formatIsoTime(report.end)}); use a smaller window or "all"`,
      { code: 'too-few-observations', params: { window: n, observations: report.observations } },
    );
  }
  return { report, timeframe: sel.timeframe, window, notes: sel.notes.texts, noteCodes: sel.notes.codes, compute: run, shrink: shrink?.applied };
}

/** The options of a validated request's matrix over a window (min-periods default to the window's count, up to the usual default). */
function matrixOptions(p: CorrelationParams, window: Window): CorrelationReportOptions & { minPeriods: number; confidence: number; missing: 'pairwise' | 'complete' } {
  const n = window.kind === 'last' ? window.n : undefined;
  return {
    on: p.on ?? 'returns',
    returns: p.returns,
    method: p.method,
    window,
    minPeriods: p.minPeriods ?? Math.min(DEFAULT_CORRELATION_MIN_PERIODS, n ?? DEFAULT_CORRELATION_MIN_PERIODS),
    missing: p.align?.kind === 'pairwise' ? 'pairwise' : 'complete',
    confidence: p.confidence ?? correlationRequest.params.confidence.default!,
    order: p.order,
  };
}

/**
 * The matrix from the store's sufficient statistics, where they give the
 * same cells as the bars: a store's market ({@link QueryMarket}) of
 * intraday data (whose closes the store builds) that does not keep closes
 * across requests (the API server does: see `reusesCloses`), Pearson without
 * shrinkage, aligned `inner` (no missing value in the window: listwise is
 * then pairwise) or `pairwise` (per pair counts), and a window the frame
 * fills. Anything else — and every error, worded from the bars — is
 * `undefined`: the caller computes from the bars.
 */
function viaMoments(market: Market, p: CorrelationParams): CorrelationResult | undefined {
  const align = p.align?.kind ?? 'inner';
  if (!(market instanceof QueryMarket) || market.data.reusesCloses || market.frequency !== 'intraday' || (p.method ?? 'pearson') !== 'pearson') return undefined;
  if ((p.shrink !== undefined && p.shrink !== 'none') || (align !== 'inner' && align !== 'pairwise')) return undefined;
  const picked = pickPairs(market, p, { atLeast: 2 });
  const window = windowOf(p, picked.timeframe);
  const options = matrixOptions(p, window);
  const fm = market.moments({ symbols: picked.symbols, timeframe: picked.timeframe, align, on: options.on ?? 'returns', returns: options.returns ?? 'log', window });
  if (!fm || fm.rows === 0 || (align === 'inner' && fm.gaps > 0) || (window.kind === 'last' && fm.rows < window.n)) return undefined;
  const t0 = performance.now();
  const matrix = pearsonMatrixOfMoments(fm.pairs, options);
  const span = fm.rows === 1 ? Float64Array.of(fm.first) : Float64Array.of(fm.first, fm.last);
  const report = { ...correlationReportOf({ time: span, symbols: picked.symbols, columns: [] }, matrix, options), observations: fm.rows };
  const compute: StoreRunInfo = { threads: 0, kernels: 'store', work: (fm.pairs.k * (fm.pairs.k + 1)) / 2, ms: { cells: performance.now() - t0 } };
  return { report, timeframe: picked.timeframe, window, notes: picked.notes.texts, noteCodes: picked.notes.codes, compute };
}

/** A correlation series of two symbols. */
export interface CorrelationSeriesResult {
  readonly symbols: readonly string[];
  readonly kind: 'rolling' | 'ewm';
  readonly rolling?: number;
  readonly lambda?: number;
  readonly on: 'returns' | 'levels';
  readonly returnKind: ReturnKind;
  readonly timeframe: Timeframe;
  readonly time: Float64Array;
  readonly rho: Float64Array;
  readonly notes: readonly string[];
}

/**
 * Rolling (window `rolling`, pandas `rolling(w).corr` semantics) or EWMA
 * (λ, pandas `ewm(alpha = 1 − λ).corr`) Pearson correlation of two symbols,
 * computed over all the data; `from`/`to`/`end` choose the part returned.
 *
 * @throws InputError as {@link correlationQuery}, and for a window longer than the data.
 */
export function correlationSeriesQuery(market: Market, params: CorrelationSeriesParams): CorrelationSeriesResult {
  const p = parseParams(correlationSeriesRequest, params);
  const sel = selectPairs(market, p, { exactly: 2, atLeast: 2 });
  const on = p.on ?? 'returns';
  const returnKind = p.returns ?? 'log';
  const f = on === 'returns' ? frameReturns(sel.frame, returnKind) : sel.frame;
  const [x, y] = f.columns as [Float64Array, Float64Array];
  if (p.rolling !== undefined && f.time.length < p.rolling) {
    throw new InputError(`too few points for rolling ${p.rolling}: ${f.time.length} ${on} after aligning ${sel.symbols.join(' and ')}`, {
      code: 'too-few-observations',
      params: { window: p.rolling, observations: f.time.length },
    });
  }
  const rho = p.rolling !== undefined ? rollingCorrelation(x, y, p.rolling, p.minPeriods ?? p.rolling) : ewmCorrelation(x, y, p.ewm!);
  if (p.ewm !== undefined) blankUntil(rho, x, y, p.minPeriods ?? DEFAULT_CORRELATION_MIN_PERIODS);
  const window = p.window ?? 'all';
  const { start, stop } = windowBounds(f.time, window === 'all' ? { kind: 'range', from: p.from, to: p.to ?? p.end } : { kind: 'last', n: window, end: p.end });
  return {
    symbols: sel.symbols,
    kind: p.rolling !== undefined ? 'rolling' : 'ewm',
    rolling: p.rolling,
    lambda: p.ewm,
    on,
    returnKind,
    timeframe: sel.timeframe,
    time: f.time.subarray(start, stop),
    rho: rho.subarray(start, stop),
    notes: sel.notes.texts,
  };
}

/**
 * pandas' `min_periods` for an expanding or exponentially weighted
 * statistic: a value needs `minPeriods` observations (rows where both
 * series are present) up to and including its row, else it is NaN — so the
 * EWM correlation does not open on a two-point ±1.
 *
 * @example blankUntil(Float64Array.of(NaN, 1, 0.5, 0.6), x, y, 3) // [NaN, NaN, 0.5, 0.6]
 */
function blankUntil(rho: Float64Array, x: Float64Array, y: Float64Array, minPeriods: number): void {
  let seen = 0;
  for (let i = 0; i < rho.length && seen < minPeriods; i++) {
    if (Number.isFinite(x[i]!) && Number.isFinite(y[i]!)) seen++;
    if (seen < minPeriods) rho[i] = NaN;
  }
}

/** Everything the pair view draws, computed on the same aligned frame. */
export interface CorrelationPairResult {
  /** The 2 × 2 matrix over the requested window: the cell that was clicked. */
  readonly cell: CorrelationResult;
  /** Aligned prices over the whole history. */
  readonly prices: { readonly time: Float64Array; readonly a: Float64Array; readonly b: Float64Array };
  /** The observations the cell's coefficient uses (returns, or levels with `on: 'levels'`). */
  readonly sample: { readonly time: Float64Array; readonly a: Float64Array; readonly b: Float64Array };
  /** Rolling Pearson correlation over the whole history, and its mean and sample standard deviation (finite values). */
  readonly rolling: {
    readonly window: number;
    readonly time: Float64Array;
    readonly rho: Float64Array;
    readonly mean: number;
    readonly sd: number;
    readonly count: number;
  };
  /** Regime breaks: consecutive blocks of the rolling window, each tested against the one before (Fisher z at {@link PAIR_BREAK_LEVEL}). */
  readonly breaks: { readonly window: number; readonly level: number; readonly time: Float64Array; readonly blocks: readonly CorrelationBlock[] };
}

/** Significance level of the pair view's regime-break tests. */
export const PAIR_BREAK_LEVEL = 0.05;

/**
 * The correlation of two symbols seen from every side: the coefficient with
 * n, p and interval over the window (as one cell of {@link correlationQuery}),
 * the observations it was computed on (for a scatter), both price series, and
 * the rolling correlation over the whole history with its mean ± standard
 * deviation (a stability band: a coefficient far outside it is unusual for
 * the pair), and its regime breaks (core `correlationBreaks` over blocks of
 * the rolling window).
 *
 * @throws InputError as {@link correlationQuery} and {@link correlationSeriesQuery}.
 */
export async function correlationPairQuery(market: Market, params: CorrelationPairParams): Promise<CorrelationPairResult> {
  const { rolling, ...p } = parseParams(correlationPairRequest, params);
  const rollingWindow = rolling ?? DEFAULT_PAIR_ROLLING;
  const cell = await correlationQuery(market, { ...p, order: 'given' });
  const sel = selectPairs(market, p, { exactly: 2, atLeast: 2 });
  const on = p.on ?? 'returns';
  const input = on === 'returns' ? frameReturns(sel.frame, p.returns ?? 'log') : sel.frame;
  const { start, stop } = windowBounds(input.time, cell.window);
  const series = correlationSeriesQuery(market, {
    symbols: sel.symbols,
    on,
    returns: p.returns,
    timeframe: p.timeframe,
    align: p.align,
    rolling: rollingWindow,
  });
  const finite = series.rho.filter(Number.isFinite);
  const [a, b] = sel.frame.columns as [Float64Array, Float64Array];
  const [sa, sb] = input.columns as [Float64Array, Float64Array];
  return {
    cell,
    prices: { time: sel.frame.time, a, b },
    sample: { time: input.time.subarray(start, stop), a: sa.subarray(start, stop), b: sb.subarray(start, stop) },
    rolling: { window: series.rolling!, time: series.time, rho: series.rho, mean: mean(finite), sd: Math.sqrt(variance(finite)), count: finite.length },
    breaks: { window: rollingWindow, level: PAIR_BREAK_LEVEL, time: input.time, blocks: rollingWindow >= 4 ? correlationBreaks(sa, sb, rollingWindow, PAIR_BREAK_LEVEL) : [] },
  };
}
