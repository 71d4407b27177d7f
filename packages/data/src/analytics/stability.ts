import { correlationMatrix, fisherZChange, formatIsoTime, jennrichTest, rollingCorrelation, rollingStability, upperBound, type JennrichTest, type RollingStability, type Timeframe } from '@soukan/core';
import { DEFAULT_STABILITY_HISTORY, DEFAULT_STABILITY_WINDOW, stabilityRequest, type StabilityParams } from '@soukan/requests';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import { selectPairs } from './correlation.js';
import type { DataAbout } from './correlationJson.js';
import { nul } from './nul.js';
import { parseParams } from './parseParams.js';

export type { StabilityParams } from '@soukan/requests';

/** One cell of a stability report. */
export interface StabilityCell {
  readonly i: number;
  readonly j: number;
  /** ρ over the current window (the last `window` returns). */
  readonly current: number;
  /** ρ over the previous window (the `window` returns before it). */
  readonly previous: number;
  /** Fisher z test of current = previous. */
  readonly z: number;
  readonly pValue: number;
  /** pValue < level. */
  readonly changed: boolean;
  /** The rolling history's dispersion, same-sign share and score. */
  readonly rolling: RollingStability;
}

/** What `soukan stability` computed. */
export interface StabilityResult {
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  readonly window: number;
  readonly level: number;
  /** Times of the first and last return of the history, the current and the previous window (each return is stamped at its later price). */
  readonly history: { readonly n: number; readonly from: number; readonly to: number };
  readonly currentSpan: { readonly from: number; readonly to: number };
  readonly previousSpan: { readonly from: number; readonly to: number };
  readonly cells: readonly StabilityCell[];
  /** Jennrich's test of the whole matrix, current against previous. */
  readonly jennrich: JennrichTest;
  readonly notes: readonly string[];
}

/**
 * Stability of the correlation matrix of the pairs a user asked for: log
 * (or simple) returns of the aligned prices up to `end`, the last `history`
 * of them; per cell the rolling `window`-return correlation's dispersion,
 * same-sign share and score (`rollingStability`), and a Fisher z test
 * between the last `window` returns and the `window` before them
 * (`fisherZChange`); for the matrix, Jennrich's χ² test on the same two
 * windows (`jennrichTest`; NaN when the pooled matrix is singular — a cross
 * with both its legs).
 *
 * @throws InputError for bad parameters, unknown symbols, or a history
 *   shorter than two windows.
 * @example stabilityQuery(ecbMarket, { symbols: ['EUR/USD', 'EUR/GBP'], window: 60 }).cells[0].changed // false (2026-04-13: ρ 0.083 now, 0.190 before, p 0.56)
 */
export function stabilityQuery(market: Market, params: StabilityParams): StabilityResult {
  const p = parseParams(stabilityRequest, params);
  const w = p.window ?? DEFAULT_STABILITY_WINDOW;
  const level = p.level ?? 0.05;
  const sel = selectPairs(market, p, { atLeast: 2 });
  const { frame } = sel;
  const stop = p.end === undefined ? frame.time.length : upperBound(frame.time, p.end);
  const returnsAvailable = Math.max(0, stop - 1);
  const historyParam = p.history ?? DEFAULT_STABILITY_HISTORY;
  const n = historyParam === 'all' ? returnsAvailable : Math.min(historyParam, returnsAvailable);
  if (n < 2 * w) {
    throw new InputError(`stability needs at least two windows of ${w} returns (${2 * w}); the data has ${returnsAvailable} up to the end, the history allows ${n}`, {
      code: 'too-little-history',
      params: { observations: n, need: 2 * w },
    });
  }
  const simple = p.returns === 'simple';
  const first = stop - n; // index of the price of the first return
  const cols = frame.columns.map((c) => {
    const r = new Float64Array(n);
    for (let t = 0; t < n; t++) {
      const a = c[first - 1 + t]!;
      const b = c[first + t]!;
      r[t] = simple ? b / a - 1 : Math.log(b / a);
    }
    return r;
  });
  const k = cols.length;
  const cur = correlationMatrix(cols.map((c) => c.subarray(n - w)), { method: 'pearson', significance: false }).r;
  const prev = correlationMatrix(cols.map((c) => c.subarray(n - 2 * w, n - w)), { method: 'pearson', significance: false }).r;
  const cells: StabilityCell[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const current = cur[i * k + j]!;
      const previous = prev[i * k + j]!;
      const t = fisherZChange(current, w, previous, w);
      cells.push({ i, j, current, previous, z: t.z, pValue: t.pValue, changed: t.pValue < level, rolling: rollingStability(rollingCorrelation(cols[i]!, cols[j]!, w)) });
    }
  }
  const time = frame.time;
  return {
    symbols: sel.symbols,
    timeframe: sel.timeframe,
    window: w,
    level,
    history: { n, from: time[first]!, to: time[stop - 1]! },
    currentSpan: { from: time[stop - w]!, to: time[stop - 1]! },
    previousSpan: { from: time[stop - 2 * w]!, to: time[stop - w - 1]! },
    cells,
    jennrich: jennrichTest(cur, w, prev, w, k),
    notes: sel.notes.texts,
  };
}

/**
 * The JSON of a stability report (`soukan stability --format json`, `GET /api/correlation/stability`).
 *
 * @example stabilityJson(result, { description: 'ECB' }).matrix // { statistic: 2.23…, df: 3, pValue: 0.526…, changed: false } for EUR/USD, EUR/GBP, EUR/JPY to 2026-04-13
 */
export function stabilityJson(r: StabilityResult, about: DataAbout) {
  const span = (s: { from: number; to: number }) => ({ from: formatIsoTime(s.from), to: formatIsoTime(s.to) });
  return {
    symbols: r.symbols,
    timeframe: r.timeframe,
    window: r.window,
    level: r.level,
    history: { returns: r.history.n, ...span(r.history) },
    current: span(r.currentSpan),
    previous: span(r.previousSpan),
    method: {
      score: 'sameSign · (1 − sd) of the rolling Pearson ρ (sd ddof 1); sameSign = share of windows with the majority sign',
      change: 'Fisher z: (atanh ρ_current − atanh ρ_previous) / √(2/(window − 3)), two-sided normal p',
      matrix: 'Jennrich (1970) χ², df p(p−1)/2',
    },
    cells: r.cells.map((c) => ({
      a: r.symbols[c.i],
      b: r.symbols[c.j],
      current: nul(c.current),
      previous: nul(c.previous),
      z: nul(c.z),
      pValue: nul(c.pValue),
      changed: c.changed,
      rolling: {
        windows: c.rolling.windows,
        mean: nul(c.rolling.mean),
        sd: nul(c.rolling.sd),
        min: nul(c.rolling.min),
        max: nul(c.rolling.max),
        sameSign: nul(c.rolling.sameSign),
        sign: c.rolling.sign,
        score: nul(c.rolling.score),
      },
    })),
    matrix: { statistic: nul(r.jennrich.statistic), df: r.jennrich.df, pValue: nul(r.jennrich.pValue), changed: r.jennrich.pValue < r.level },
    source: about.description,
    attribution: about.attribution ?? null,
    notes: r.notes,
  };
}
