import { dccFit, dccForecast, formatIsoTime, upperBound, type DccFit, type Timeframe } from '@soukan/core';
import { DEFAULT_DCC_HORIZON, DEFAULT_DCC_WINDOW, dccRequest, type DccParams } from '@soukan/requests';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import { selectPairs } from './correlation.js';
import type { DataAbout } from './correlationJson.js';
import { nul } from './nul.js';
import { parseParams } from './parseParams.js';

export type { DccParams } from '@soukan/requests';

/** Fewest returns a DCC model is fitted to (the request's lower bound on the window). */
export const MIN_DCC_RETURNS = 100;

/** What `soukan dcc` computed. */
export interface DccResult {
  readonly symbols: readonly string[];
  readonly timeframe: Timeframe;
  /** Time of each return (its later price), t = 0…T−1. */
  readonly time: Float64Array;
  readonly fit: DccFit;
  /** Forecast matrices for steps 1…horizon. */
  readonly forecast: readonly Float64Array[];
  readonly horizon: number;
  /** Include the conditional correlation series in the JSON. */
  readonly series: boolean;
  readonly notes: readonly string[];
}

/**
 * DCC-GARCH(1,1) of the pairs a user asked for (`dccFit`): log returns of
 * the aligned prices, the last `window` of them up to `end`; the model, the
 * current conditional correlation of every pair, its forecast for steps
 * 1…horizon (`dccForecast`, Engle–Sheppard beyond one step) and, with
 * `series`, its history.
 *
 * @throws InputError for bad parameters, unknown symbols, fewer than 100
 *   returns, or a series whose GARCH fit fails (constant prices).
 * @example dccQuery(ecbMarket, { symbols: ['EUR/USD', 'EUR/GBP', 'EUR/JPY'] }).fit.a // 0.02178 (b 0.92184; 1,000 returns to 2026-04-13)
 */
export function dccQuery(market: Market, params: DccParams): DccResult {
  const p = parseParams(dccRequest, params);
  const sel = selectPairs(market, { ...p, align: { kind: 'inner' } }, { atLeast: 2 });
  const { frame } = sel;
  const stop = p.end === undefined ? frame.time.length : upperBound(frame.time, p.end);
  const available = Math.max(0, stop - 1);
  const want = p.window ?? DEFAULT_DCC_WINDOW;
  const n = want === 'all' ? available : Math.min(want, available);
  if (n < MIN_DCC_RETURNS) {
    throw new InputError(`DCC needs at least ${MIN_DCC_RETURNS} common returns; the pairs share ${available} up to the end`, {
      code: 'too-little-history',
      params: { observations: available, need: MIN_DCC_RETURNS },
    });
  }
  const notes = [...sel.notes.texts];
  if (want !== 'all' && n < want) notes.push(`only ${n} common returns for window ${want}`);
  const first = stop - n;
  const returns = frame.columns.map((c) => {
    const r = new Float64Array(n);
    for (let t = 0; t < n; t++) r[t] = Math.log(c[first + t]! / c[first - 1 + t]!);
    return r;
  });
  const fit = dccFit(returns, { mean: p.mean ?? 'zero' });
  if (!Number.isFinite(fit.a)) {
    const m = /^series (\d+): (.*)$/.exec(fit.message);
    const which = m ? sel.symbols[Number(m[1])] : undefined;
    const why = m ? m[2]! : fit.message;
    throw new InputError(`DCC: ${which ? `${which}: ` : ''}${why}`, { code: /constant/.test(why) ? 'constant-series' : 'input-error', params: which ? { symbol: which } : {} });
  }
  if (!fit.converged) notes.push(`the optimiser of the correlation step did not converge (${fit.message}); read a and b with care`);
  const horizon = p.horizon ?? DEFAULT_DCC_HORIZON;
  return {
    symbols: sel.symbols,
    timeframe: sel.timeframe,
    time: frame.time.slice(first, stop),
    fit,
    forecast: dccForecast(fit, horizon),
    horizon,
    series: p.series ?? false,
    notes,
  };
}

/**
 * The JSON of a DCC fit (`soukan dcc --format json`, `GET /api/dcc`).
 *
 * @example dccJson(result, { description: 'ECB' }).pairs[0] // { a: 'EUR/USD', b: 'EUR/GBP', current: 0.071…, unconditional: 0.194…, forecast: [0.080…, …] }
 */
export function dccJson(r: DccResult, about: DataAbout) {
  const { fit } = r;
  const k = fit.k;
  const T = fit.T;
  const rbar = (i: number, j: number): number => fit.qbar[i * k + j]! / Math.sqrt(fit.qbar[i * k + i]! * fit.qbar[j * k + j]!);
  return {
    symbols: r.symbols,
    timeframe: r.timeframe,
    returns: { n: T, from: formatIsoTime(r.time[0]!), to: formatIsoTime(r.time[T - 1]!), kind: 'log' },
    model: {
      a: fit.a,
      b: fit.b,
      persistence: fit.a + fit.b,
      logLikelihood: fit.logLikelihood,
      correlationLogLikelihood: fit.correlationLogLikelihood,
      converged: fit.converged,
      method: 'Engle (2002) DCC(1,1), two-step Gaussian QML; GARCH(1,1) per series with σ²₀ = mean square; Q̄ = mean of z zᵀ',
      forecast: 'step 1 exact; beyond, Engle & Sheppard (2001): R(h) ≈ (1 − (a+b)^(h−1)) R̄ + (a+b)^(h−1) R(1)',
    },
    garch: fit.garch.map((g, i) => ({ symbol: r.symbols[i], omega: nul(g.omega), alpha: nul(g.alpha), beta: nul(g.beta), persistence: nul(g.persistence), logLikelihood: nul(g.logLikelihood) })),
    horizon: r.horizon,
    pairs: Array.from(fit.pairI, (i, p) => {
      const j = fit.pairJ[p]!;
      return {
        a: r.symbols[i],
        b: r.symbols[j],
        current: nul(fit.correlations[p * T + T - 1]!),
        unconditional: nul(rbar(i, j)),
        forecast: r.forecast.map((m) => nul(m[i * k + j]!)),
      };
    }),
    series: r.series
      ? {
          time: Array.from(r.time, formatIsoTime),
          rho: Array.from(fit.pairI, (_, p) => Array.from(fit.correlations.subarray(p * T, (p + 1) * T), nul)),
        }
      : null,
    source: about.description,
    attribution: about.attribution ?? null,
    notes: r.notes,
  };
}
