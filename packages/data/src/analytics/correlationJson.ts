import { formatIsoTime, type CorrelationReport } from '@soukan/core';
import type { CorrelationPairResult, CorrelationResult, CorrelationSeriesResult } from './correlation.js';
import { nul } from './nul.js';

/** Where the data of a result came from, for the JSON's `source` and `attribution`. */
export interface DataAbout {
  /** Short description ("ECB daily data (41 quoted series)"). */
  readonly description: string;
  /** Attribution the data's terms ask for, if any. */
  readonly attribution?: string;
}


function nested<T>(a: ArrayLike<T>, k: number, f: (v: T) => unknown = (v) => v): unknown[][] {
  return Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => f(a[i * k + j]!)));
}

/**
 * The JSON shape of a correlation matrix, shared by `soukan corr --format
 * json` and `GET /api/correlation`: nested k × k arrays `matrix`, `n`, `p`,
 * `ci.low`, `ci.high`, `reason`; `null` where a coefficient is undefined
 * (its `reason` says why); what it was computed on; where the data came from;
 * `notes` in English with `noteCodes[i]` (code and values) beside `notes[i]`;
 * `compute`: the kernel and threads the dispatcher used; `shrink`: the
 * estimator and intensity when the coefficients are shrunk (`null` for the
 * sample matrix; p and ci stay those of the sample coefficients).
 *
 * @example correlationMatrixJson(correlationQuery(m, { symbols: ['EUR/USD', 'USD/JPY'] }), about).matrix[0][0] // 1
 */
export function correlationMatrixJson(res: CorrelationResult, about: DataAbout) {
  const r: CorrelationReport = res.report;
  const k = r.symbols.length;
  return {
    symbols: r.symbols,
    matrix: nested(r.r, k, nul),
    n: nested(r.n, k),
    p: nested(r.p, k, nul),
    ci: { level: r.confidence, low: nested(r.lo, k, nul), high: nested(r.hi, k, nul) },
    reason: nested(r.reason, k),
    method: r.method,
    on: r.on,
    returns: r.on === 'returns' ? r.returnKind : null,
    window: res.window.kind === 'last' ? res.window.n : 'range',
    timeframe: res.timeframe,
    start: formatIsoTime(r.start),
    end: formatIsoTime(r.end),
    observations: r.observations,
    minPeriods: r.minPeriods,
    order: r.order,
    shrink: res.shrink ? { method: res.shrink.method, estimator: res.shrink.estimator, target: res.shrink.target, intensity: nul(res.shrink.intensity) } : null,
    source: about.description,
    attribution: about.attribution ?? null,
    notes: res.notes,
    noteCodes: res.noteCodes,
    compute: { kernel: res.compute.kernels, threads: res.compute.threads, blas: res.compute.blas ?? null },
  };
}

/**
 * The JSON shape of a rolling or EWMA correlation series (`soukan corr A B
 * --rolling w --format json`, `GET /api/correlation/series`): ISO times and
 * coefficients, `null` where undefined.
 */
export function correlationSeriesJson(res: CorrelationSeriesResult, about: DataAbout) {
  return {
    symbols: res.symbols,
    method: 'pearson',
    kind: res.kind,
    window: res.rolling ?? null,
    lambda: res.lambda ?? null,
    on: res.on,
    returns: res.on === 'returns' ? res.returnKind : null,
    timeframe: res.timeframe,
    time: Array.from(res.time, formatIsoTime),
    rho: Array.from(res.rho, nul),
    source: about.description,
    attribution: about.attribution ?? null,
    notes: res.notes,
  };
}

/**
 * The JSON shape of the pair drill-down (`GET /api/correlation/pair`): the
 * clicked cell as a 2 × 2 {@link correlationMatrixJson}, the sample behind it,
 * both price series and the rolling correlation with its mean and standard
 * deviation, and the regime breaks (blocks of the rolling window, each
 * tested against the one before). Times are epoch milliseconds here (the series are long and go
 * straight into charts).
 */
export function correlationPairJson(res: CorrelationPairResult, about: DataAbout) {
  const arr = (a: Float64Array): (number | null)[] => Array.from(a, nul);
  return {
    ...correlationMatrixJson(res.cell, about),
    prices: { time: Array.from(res.prices.time), a: arr(res.prices.a), b: arr(res.prices.b) },
    sample: { time: Array.from(res.sample.time), a: arr(res.sample.a), b: arr(res.sample.b) },
    rolling: {
      window: res.rolling.window,
      time: Array.from(res.rolling.time),
      rho: arr(res.rolling.rho),
      mean: nul(res.rolling.mean),
      sd: nul(res.rolling.sd),
      count: res.rolling.count,
    },
    breaks: {
      window: res.breaks.window,
      level: res.breaks.level,
      method: 'consecutive blocks of the rolling window aligned to the end; Fisher z of each block against the one before, two-sided normal p',
      blocks: res.breaks.blocks.map((b) => ({ from: res.breaks.time[b.start]!, to: res.breaks.time[b.stop - 1]!, r: nul(b.r), z: nul(b.z), p: nul(b.pValue), changed: b.changed })),
    },
  };
}
