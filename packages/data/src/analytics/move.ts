import {
  formatIsoTime,
  isBars,
  lowerBound,
  moveLadder,
  parseTimeframe,
  pipSize,
  resampleBars,
  upperBound,
  type HlcBars,
  type MoveHorizon,
  type MoveProbability,
  type PriceSeries,
} from '@soukan/core';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { nul } from './nul.js';
import { apiName, withParam, type ParamLabel } from './paramLabel.js';
import { moveRequest } from '@soukan/requests';
import { parseParams } from './parseParams.js';

const DAY = 86_400_000;
/** Ladder thresholds (pips) when none are given. */
export const LADDER_PIPS = [10, 20, 30, 50, 80, 100];
/** Ladder horizons for intraday data. */
export const LADDER_INTRADAY = ['1h', '4h', '10h', '24h'];
/** Ladder horizons for daily data (bars). */
export const LADDER_DAILY = ['1b', '5b', '10b', '20b'];

/** A move-probability request as `soukan move` and `GET /api/move` take it. */
export interface MoveParams {
  readonly symbol: string;
  /** Move size(s) in pips: `50` or `20,50,100`; required unless `ladder`. */
  readonly threshold?: string;
  /** Horizon(s): `10h`, `600m`, `2d` or bars as `24b` (default 10h; 5b for daily data). */
  readonly horizon?: string;
  /** Several thresholds × horizons at once (defaults {@link LADDER_PIPS} × {@link LADDER_INTRADAY}). */
  readonly ladder?: boolean;
  /** Resample to this bar size first (default: the data as read). */
  readonly timeframe?: string;
  /** History: the last n calendar days (with `end`), or `from`/`to`. */
  readonly days?: number;
  readonly from?: number;
  readonly to?: number;
  readonly end?: number;
}

/** What `soukan move` computed: one row of probabilities per horizon, one cell per threshold. */
export interface MoveResult {
  readonly symbol: string;
  readonly pip: number;
  readonly thresholdsPips: readonly number[];
  readonly horizons: readonly string[];
  readonly ladder: MoveProbability[][];
  readonly bars: number;
  readonly start: number;
  readonly end: number;
  readonly closeOnly: boolean;
  readonly timeframe: string;
}

/** Bar size of a series from its median spacing (M1, M5, H1, D1…), else "as read". */
function barLabel(time: Float64Array): string {
  const n = Math.min(time.length - 1, 2001);
  if (n < 1) return 'as read';
  const d = Float64Array.from({ length: n }, (_, i) => time[i + 1]! - time[i]!).sort();
  const min = d[n >> 1]! / 60_000;
  const names: [number, string][] = [[1, 'M1'], [5, 'M5'], [15, 'M15'], [30, 'M30'], [60, 'H1'], [240, 'H4'], [1440, 'D1']];
  return names.find(([m]) => Math.abs(min - m) < 1e-9)?.[1] ?? 'as read';
}

/**
 * Parses one horizon: `10h`, `600m`, `2d` (time) or `24b` / `24` (bars).
 *
 * @example parseHorizon('10h').horizon // { ms: 36000000 }
 */
export function parseHorizon(text: string, label: ParamLabel = apiName): { horizon: MoveHorizon; label: string } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|b|bars?)?\s*$/i.exec(text);
  const v = m ? Number(m[1]) : Number.NaN;
  if (!m || !(v > 0)) throw new InputError(`${label('horizon')} must be a positive duration such as 10h, 600m, 2d or a bar count such as 24b, got ${JSON.stringify(text)}`);
  const unit = (m[2] ?? 'b').toLowerCase();
  if (unit.startsWith('b')) {
    if (!Number.isInteger(v)) throw new InputError(`${label('horizon')} in bars must be a whole number, got ${JSON.stringify(text)}`);
    return { horizon: { bars: v }, label: `${v} bar${v === 1 ? '' : 's'}` };
  }
  const ms = v * (unit === 'd' ? DAY : unit === 'h' ? 3_600_000 : 60_000);
  return { horizon: { ms }, label: `${v}${unit === 'min' ? 'm' : unit}` };
}

/** Median spacing of (up to the first 2,000) consecutive times, in ms. */
function medianStep(t: Float64Array): number {
  const n = Math.min(t.length, 2001);
  const d = new Float64Array(Math.max(0, n - 1));
  for (let i = 1; i < n; i++) d[i - 1] = t[i]! - t[i - 1]!;
  d.sort();
  return d.length ? d[d.length >> 1]! : 0;
}

function formatDuration(ms: number): string {
  if (ms % DAY === 0) return `${ms / DAY}d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  return `${Math.round(ms / 60_000)}m`;
}

/** Parses `50` or `20,50,100` into positive pip counts. */
export function parseThresholds(text: string, label: ParamLabel = apiName): number[] {
  return text.split(',').map((s) => {
    const v = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(v) || !(v > 0)) throw new InputError(`${label('threshold')} must be positive pip counts such as 50 or 20,50,100, got ${JSON.stringify(text)}`);
    return v;
  });
}

/** The history the request works on: [from, to] by dates or the last n days. */
function historyRange(s: PriceSeries, p: MoveParams, label: ParamLabel): { start: number; stop: number } {
  if (p.days !== undefined && (p.from !== undefined || p.to !== undefined)) throw new InputError(`give ${label('days')} (with ${label('end')}) or ${label('from')}/${label('to')}, not both`);
  const t = s.time;
  if (p.days !== undefined) {
    const stop = p.end === undefined ? t.length : upperBound(t, p.end + DAY - 1);
    const last = stop > 0 ? t[stop - 1]! : 0;
    return { start: lowerBound(t, last - p.days * DAY), stop };
  }
  if (p.from !== undefined && p.to !== undefined && p.from > p.to) throw new InputError(`${label('from')} is after ${label('to')}`);
  return { start: p.from === undefined ? 0 : lowerBound(t, p.from), stop: p.to === undefined ? t.length : upperBound(t, p.to + DAY - 1) };
}

/**
 * From every bar close in the history, the share of start points from which
 * price rose (on highs) or fell (on lows) at least X pips within the horizon,
 * with Wilson 95 % intervals, beside the Brownian first-passage estimate.
 *
 * @throws InputError for bad thresholds or horizons, an unknown symbol, too
 *   little history for the horizon, a constant series.
 */
export function moveQuery(market: Market, p: MoveParams, label: ParamLabel = apiName): MoveResult {
  parseParams(moveRequest, p);
  const symbol = market.route(p.symbol).target.symbol;
  const pip = pipSize(symbol);
  const daily = market.frequency === 'daily';
  let thresholdsPips: number[];
  let horizonTexts: string[];
  if (p.ladder) {
    thresholdsPips = p.threshold ? parseThresholds(p.threshold, label) : LADDER_PIPS;
    horizonTexts = p.horizon ? p.horizon.split(',') : daily ? LADDER_DAILY : LADDER_INTRADAY;
  } else {
    if (!p.threshold) throw new InputError(`${label('threshold')} is required (pips, e.g. ${label('threshold')} 50), or use ${label('ladder')}`, { code: 'missing-param', params: { param: 'threshold' } });
    thresholdsPips = parseThresholds(p.threshold, label);
    horizonTexts = (p.horizon ?? (daily ? '5b' : '10h')).split(',');
  }
  const horizons = horizonTexts.map((h) => parseHorizon(h, label));

  let s: PriceSeries = market.series(symbol);
  // Crosses built from two legs, and fixings, have closes only (bars resampled from them too).
  const closeOnly = !isBars(s);
  if (p.timeframe) {
    const tf = withParam(label('timeframe'), () => parseTimeframe(p.timeframe!));
    if (daily && tf !== 'D1' && tf !== 'W1') throw new InputError(`${label('timeframe')} ${tf} needs intraday data; ${market.label} is daily`, { code: 'timeframe-needs-intraday', params: { timeframe: tf } });
    s = resampleBars(s, tf).bars;
  }
  const { start, stop } = historyRange(s, p, label);
  const n = stop - start;
  if (n < 2) {
    throw new InputError(`too little history: ${n} bar(s) of ${symbol} in the chosen period${s.time.length ? ` (the data runs ${formatIsoTime(s.time[0]!)} → ${formatIsoTime(s.time[s.time.length - 1]!)})` : ''}`, {
      code: 'too-little-history',
      params: { observations: n, need: 2 },
    });
  }
  const close = s.close.subarray(start, stop);
  const bars: HlcBars = {
    time: s.time.subarray(start, stop),
    close,
    high: isBars(s) ? s.high.subarray(start, stop) : close,
    low: isBars(s) ? s.low.subarray(start, stop) : close,
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of close) {
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  if (!(hi > lo)) {
    throw new InputError(`${symbol} is constant over the chosen period (${formatIsoTime(bars.time[0]!)} → ${formatIsoTime(bars.time[n - 1]!)}): no moves to count`, { code: 'constant-series', params: { symbol } });
  }
  // A time horizon shorter than one bar would count no bars at all and print 0 %.
  const step = medianStep(bars.time);
  horizons.forEach((h, i) => {
    if ('ms' in h.horizon && h.horizon.ms < step) {
      throw new InputError(
        `${label('horizon')} ${horizonTexts[i]!.trim()} is shorter than one bar of this data (bars every ${formatDuration(step)}); use a horizon of at least ${formatDuration(step)}, a bar count such as 1b, or intraday data`,
        { code: 'horizon-shorter-than-bar', params: { horizon: horizonTexts[i]!.trim() } },
      );
    }
  });
  const ladder = moveLadder(bars, thresholdsPips.map((x) => x * pip), horizons.map((h) => h.horizon));
  ladder.forEach((row, i) => {
    if (row[0]!.windows === 0) {
      throw new InputError(
        `too little history for ${label('horizon')} ${horizonTexts[i]!.trim()}: ${n} bars ${formatIsoTime(bars.time[0]!)} → ${formatIsoTime(bars.time[n - 1]!)} hold no complete window; use a shorter horizon or more history (${label('days')})`,
        { code: 'too-little-history', params: { observations: n } },
      );
    }
  });
  return {
    symbol,
    pip,
    thresholdsPips,
    horizons: horizons.map((h) => h.label),
    ladder,
    bars: n,
    start: bars.time[0]!,
    end: bars.time[n - 1]!,
    closeOnly,
    timeframe: p.timeframe?.toUpperCase() ?? (daily ? 'D1' : barLabel(bars.time)),
  };
}

/** The JSON shape of move probabilities (`soukan move --format json`, `GET /api/move`). */
export function moveJson(r: MoveResult, about: DataAbout) {
  return {
    symbol: r.symbol,
    pip: r.pip,
    bars: r.bars,
    timeframe: r.timeframe,
    start: formatIsoTime(r.start),
    end: formatIsoTime(r.end),
    extremes: r.closeOnly ? 'closes (the data has no highs/lows)' : 'highs and lows',
    conventions: {
      start: 'every bar close with a complete window after it',
      hit: 'move ≥ threshold × (1 − 1e-9)',
      interval: 'Wilson 95% (windows overlap, so it is narrower than the true uncertainty)',
      brownian: '2·(1 − Φ(X/(σ√H))), σ = RMS of close-to-close changes per bar, H = mean bars per window, one side',
    },
    horizons: r.ladder.map((row, i) => ({
      horizon: r.horizons[i],
      windows: row[0]!.windows,
      meanBars: nul(row[0]!.horizonBars),
      sigmaPerBarPips: nul(row[0]!.sigmaPerBar / r.pip),
      rows: row.map((x, k) => ({
        thresholdPips: r.thresholdsPips[k],
        up: { hits: x.up.hits, share: nul(x.up.share), low: nul(x.up.lower), high: nul(x.up.upper) },
        down: { hits: x.down.hits, share: nul(x.down.share), low: nul(x.down.lower), high: nul(x.down.upper) },
        either: { hits: x.either.hits, share: nul(x.either.share), low: nul(x.either.lower), high: nul(x.either.upper) },
        brownian: nul(x.brownian),
      })),
    })),
    source: about.description,
    attribution: about.attribution ?? null,
  };
}
