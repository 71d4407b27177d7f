import { frameReturns, type ReturnKind } from '../series/returns.js';
import type { Frame } from '../series/types.js';
import { windowFrame, type Window } from '../series/window.js';
import { clusterOrder } from './clusterOrder.js';
import { correlationMatrix, type CorrelationMatrix } from './correlationMatrix.js';
import type { CorrelationMatrixOptions, MissingPolicy } from './correlationMatrixOptions.js';
import type { CorrelationMethod, CorrelationReason } from './types.js';

/** What a correlation matrix is computed on, and how. */
export interface CorrelationReportOptions {
  /** Returns (default) or price levels. Levels are what some broker tables publish; hedging needs returns. */
  readonly on?: 'returns' | 'levels';
  /** Log (default) or simple returns. */
  readonly returns?: ReturnKind;
  readonly method?: CorrelationMethod;
  /** Observations used: applied after returns are taken, so "last 250" means 250 returns. Default: all. */
  readonly window?: Window;
  readonly minPeriods?: number;
  readonly missing?: MissingPolicy;
  readonly confidence?: number;
  /** `given` keeps the frame's order; `cluster` orders by average-linkage clustering on 1 − ρ. */
  readonly order?: 'given' | 'cluster';
}

/** A labelled correlation matrix: coefficients, n, p, interval and reason per cell, in display order. */
export interface CorrelationReport {
  readonly symbols: readonly string[];
  readonly method: CorrelationMethod;
  readonly on: 'returns' | 'levels';
  readonly returnKind: ReturnKind;
  readonly order: 'given' | 'cluster';
  readonly confidence: number;
  readonly minPeriods: number;
  /** Rows in the window (returns or levels). */
  readonly observations: number;
  /** First and last time in the window (UTC ms; NaN when empty). */
  readonly start: number;
  readonly end: number;
  /** Row-major k × k. */
  readonly r: Float64Array;
  readonly n: Float64Array;
  readonly p: Float64Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
  readonly reason: readonly CorrelationReason[];
}

function permute<T>(a: ArrayLike<T>, order: Int32Array, k: number, into: { [i: number]: T }): void {
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) into[i * k + j] = a[order[i]! * k + order[j]!]!;
}

/**
 * What {@link correlationReport} computes its matrix on: the windowed frame
 * of returns (or levels) and the matrix options. Split from the report so
 * that a caller with a faster matrix engine (the compute dispatcher of
 * `@soukan/data`) computes the matrix itself and hands it to
 * {@link correlationReportOf}.
 *
 * @example correlationReportInput(prices, { window: { kind: 'last', n: 250 } }).frame.columns // the 250 log returns of each series
 */
export function correlationReportInput(prices: Frame, options: CorrelationReportOptions = {}): { readonly frame: Frame; readonly matrix: CorrelationMatrixOptions } {
  const on = options.on ?? 'returns';
  const input = on === 'returns' ? frameReturns(prices, options.returns ?? 'log') : prices;
  const frame = options.window ? windowFrame(input, options.window) : input;
  return {
    frame,
    matrix: { method: options.method, minPeriods: options.minPeriods, missing: options.missing, confidence: options.confidence },
  };
}

/**
 * The labelled, ordered report of a matrix computed on
 * `correlationReportInput(prices, options).frame`.
 *
 * @example correlationReportOf(input.frame, correlationMatrix(input.frame.columns, input.matrix), options).symbols
 */
export function correlationReportOf(win: Frame, m: CorrelationMatrix, options: CorrelationReportOptions = {}): CorrelationReport {
  const on = options.on ?? 'returns';
  const returnKind = options.returns ?? 'log';
  const k = m.k;
  const order = options.order ?? 'given';
  let symbols = win.symbols;
  let { r, n, p, lo, hi } = m;
  let reason: readonly CorrelationReason[] = m.reason;
  if (order === 'cluster' && k > 2) {
    const o = clusterOrder(m.r, k);
    symbols = Array.from(o, (i) => win.symbols[i]!);
    const re = (a: Float64Array): Float64Array => {
      const out = new Float64Array(k * k);
      permute(a, o, k, out);
      return out;
    };
    [r, n, p, lo, hi] = [re(r), re(n), re(p), re(lo), re(hi)];
    const rs: CorrelationReason[] = new Array<CorrelationReason>(k * k);
    permute(reason, o, k, rs);
    reason = rs;
  }
  const T = win.time;
  return {
    symbols,
    method: m.method,
    on,
    returnKind,
    order,
    confidence: m.confidence,
    minPeriods: m.minPeriods,
    observations: T.length,
    start: T.length ? T[0]! : Number.NaN,
    end: T.length ? T[T.length - 1]! : Number.NaN,
    r,
    n,
    p,
    lo,
    hi,
    reason,
  };
}

/**
 * Correlation matrix of a price frame: takes returns (unless `on: 'levels'`),
 * applies the window, computes every cell with its significance, and orders
 * the result. Pure; O(k² · n) for Pearson.
 *
 * @example correlationReport(prices, { window: { kind: 'last', n: 250 } }).r // k × k Pearson of log returns
 */
export function correlationReport(prices: Frame, options: CorrelationReportOptions = {}): CorrelationReport {
  const input = correlationReportInput(prices, options);
  return correlationReportOf(input.frame, correlationMatrix(input.frame.columns, input.matrix), options);
}
