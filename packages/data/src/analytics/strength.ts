import {
  allPairs,
  averageChangeIndex,
  currencyStrength,
  formatIsoTime,
  MAJOR_CURRENCIES,
  parseIsoDate,
  parseTimeframe,
  SESSION_OPENS,
  sessionOpenAtOrBefore,
  sliceFrame,
  windowBounds,
  type AlignPolicy,
  type AverageChangeIndex,
  type CurrencyStrength,
  type Frame,
  type Session,
  type StrengthConstraint,
  type Timeframe,
  type Window,
} from '@soukan/core';
import { InputError } from '../errors.js';
import type { Market } from '../market/market.js';
import type { DataAbout } from './correlationJson.js';
import { apiName, type ParamLabel } from './paramLabel.js';
import { DEFAULT_STRENGTH_WINDOW, strengthRequest } from '@soukan/requests';
import { parseParams } from './parseParams.js';
import { nul } from './nul.js';

export { DEFAULT_STRENGTH_WINDOW } from '@soukan/requests';


/** A strength request as the CLI and the HTTP API take it. */
export interface StrengthParams {
  /** Currencies (default: the eight majors the data has). */
  readonly currencies?: readonly string[];
  /** Pairs to use (default: every pair among the currencies the data can address). */
  readonly pairs?: readonly string[];
  readonly numeraire?: string;
  /** `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` (UTC), or a session name: tokyo | london | newyork. */
  readonly base?: string;
  /** Last N returns (default 250), or `all`. */
  readonly window?: number | 'all';
  readonly end?: number;
  readonly from?: number;
  readonly to?: number;
  readonly timeframe?: string;
  readonly align?: AlignPolicy;
}

/** What `soukan strength` computed. */
export interface StrengthResult {
  readonly strength: CurrencyStrength;
  readonly average: AverageChangeIndex;
  readonly currencies: readonly string[];
  readonly pairs: readonly string[];
  readonly timeframe: Timeframe;
  readonly constraint: StrengthConstraint;
  /** What the base was asked as (`start`, a date or a session) and where it fell. */
  readonly base: { readonly requested: string; readonly time: number };
  readonly notes: readonly string[];
}

function timeframeOf(market: Market, text: string | undefined, label: ParamLabel): Timeframe {
  try {
    return text ? parseTimeframe(text) : market.frequency === 'daily' ? 'D1' : 'H1';
  } catch (e) {
    throw new InputError(`${label('timeframe')}: ${(e as Error).message}`);
  }
}

function windowOf(p: StrengthParams, label: ParamLabel): Window {
  if (p.from !== undefined || p.to !== undefined) {
    if (p.end !== undefined) throw new InputError(`${label('end')} goes with ${label('window')}; with ${label('from')}/${label('to')} the range is the window`);
    if (p.from !== undefined && p.to !== undefined && p.from > p.to) throw new InputError(`${label('from')} is after ${label('to')}`);
    return { kind: 'range', from: p.from, to: p.to };
  }
  const w = p.window ?? DEFAULT_STRENGTH_WINDOW;
  // N returns need N + 1 prices.
  return w === 'all' ? { kind: 'range', to: p.end } : { kind: 'last', n: w + 1, end: p.end };
}

/** Parses --base against the prices' times. */
function baseTime(text: string | undefined, time: Float64Array, timeframe: Timeframe, label: ParamLabel): { requested: string; time: number } {
  const first = time[0]!;
  const last = time[time.length - 1]!;
  if (text === undefined) return { requested: 'start', time: first };
  const t = text.trim().toLowerCase();
  let at: number;
  if (t in SESSION_OPENS) {
    at = sessionOpenAtOrBefore(t as Session, last);
    // A session opens at an instant of the day; a daily or weekly bar has no price at that instant,
    // so rebasing there would silently rebase at the bar before it.
    if (timeframe === 'D1' || timeframe === 'W1') {
      throw new InputError(
        `${label('base')} ${t} is a session open (${new Date(at).toISOString().slice(0, 16)}Z), an instant inside the day, but these are ${timeframe} bars with no price at that instant; ` +
          `use intraday bars (${label('timeframe')} H1 or finer, with intraday data) or rebase at a date (${label('base')} ${formatIsoTime(at).slice(0, 10)})`,
        { code: 'session-needs-intraday', params: { base: t, timeframe } },
      );
    }
  } else {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[t ](\d{2}):(\d{2}))?z?$/.exec(t);
    if (!m) throw new InputError(`${label('base')} must be YYYY-MM-DD, YYYY-MM-DDTHH:MM (UTC) or one of ${Object.keys(SESSION_OPENS).join(', ')}, got ${JSON.stringify(text)}`);
    try {
      at = parseIsoDate(m[1]!) + (m[2] ? (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0);
    } catch (e) {
      throw new InputError(`${label('base')}: ${(e as Error).message}`);
    }
  }
  if (!(at >= first)) {
    throw new InputError(`${label('base')} ${text} (${Number.isNaN(at) ? 'no open found' : formatIsoTime(at)}) is before the window's first observation ${formatIsoTime(first)}; widen the window or choose a later base`);
  }
  if (at > last) throw new InputError(`${label('base')} ${text} (${formatIsoTime(at)}) is after the last observation ${formatIsoTime(last)}`);
  return { requested: text, time: at };
}

/**
 * The strength index a user asked for, validated end to end.
 *
 * @throws InputError for too few currencies, pairs that cannot identify the
 *   factors, unknown currencies or pairs, series that do not overlap, a base
 *   outside the window, bad option values.
 */
export function strengthQuery(market: Market, p: StrengthParams, label: ParamLabel = apiName): StrengthResult {
  parseParams(strengthRequest, p, ['currencies', 'align']);
  const notes: string[] = [];
  const timeframe = timeframeOf(market, p.timeframe, label);
  const bad = (p.currencies ?? []).find((c) => !/^[A-Za-z]{3}$/.test(c));
  if (bad !== undefined) throw new InputError(`not a currency code: ${JSON.stringify(bad)} (expected three letters, e.g. EUR)`);
  let currencies = (p.currencies ?? []).map((c) => c.toUpperCase());
  if (currencies.length === 0 && p.pairs && p.pairs.length > 0) {
    currencies = [...new Set(p.pairs.flatMap((s) => market.route(s).target.symbol.split('/')))];
  }
  if (currencies.length === 0) {
    currencies = MAJOR_CURRENCIES.filter((c) => market.currencies.includes(c));
    const missing = MAJOR_CURRENCIES.filter((c) => !market.currencies.includes(c));
    if (missing.length) notes.push(`${market.label} has no ${missing.join(' ')}; using the ${currencies.length} majors it has`);
  }
  const dup = currencies.find((c, i) => currencies.indexOf(c) !== i);
  if (dup) throw new InputError(`${dup} is given twice`);
  const absent = currencies.filter((c) => !market.currencies.includes(c));
  if (absent.length) throw new InputError(`${market.label} has no ${absent.join(' ')}; currencies: ${market.currencies.join(' ')}`);
  if (currencies.length < 2) {
    throw new InputError(`a strength index needs at least 2 currencies (factors are only identified relative to each other), got ${currencies.length}${currencies.length ? ` (${currencies.join(' ')})` : ''}`);
  }
  let pairs: string[];
  if (p.pairs && p.pairs.length > 0) {
    pairs = p.pairs.map((s) => market.route(s).target.symbol);
    const outside = pairs.filter((s) => s.split('/').some((c) => !currencies.includes(c)));
    if (outside.length) throw new InputError(`${label('pairs')} ${outside.join(' ')} involve currencies outside ${currencies.join(' ')}`);
    const d = pairs.find((s, i) => pairs.indexOf(s) !== i);
    if (d) throw new InputError(`${d} is given twice`);
  } else {
    const all = allPairs(currencies);
    pairs = all.filter((s) => {
      try {
        market.route(s);
        return true;
      } catch {
        return false;
      }
    });
    if (pairs.length < all.length) notes.push(`${all.length - pairs.length} pair(s) cannot be built from ${market.label}: ${all.filter((s) => !pairs.includes(s)).join(' ')}`);
  }
  if (pairs.length < currencies.length - 1) {
    throw new InputError(
      `too few pairs to identify ${currencies.length} currency factors: ${pairs.length} pair(s) (${pairs.join(' ') || 'none'}); at least ${currencies.length - 1} linking every currency are needed`,
    );
  }
  let constraint: StrengthConstraint = { kind: 'zeroSum' };
  if (p.numeraire !== undefined) {
    const c = p.numeraire.toUpperCase();
    if (!currencies.includes(c)) throw new InputError(`${label('numeraire')} ${p.numeraire} is not among the currencies ${currencies.join(' ')}`);
    constraint = { kind: 'numeraire', currency: c };
  }

  const { frame: all } = market.frame(pairs, p.align ?? { kind: 'inner' }, timeframe);
  if (all.time.length === 0) {
    const ranges = pairs.map((s) => {
      const t = market.series(s).time;
      return t.length ? `${s} ${formatIsoTime(t[0]!)} → ${formatIsoTime(t[t.length - 1]!)}` : `${s} (no data)`;
    });
    throw new InputError(`the series do not overlap in time: ${ranges.join('; ')}`);
  }
  const window = windowOf(p, label);
  const { start, stop } = windowBounds(all.time, window);
  const prices: Frame = sliceFrame(all, start, stop);
  if (prices.time.length < 2) {
    throw new InputError(`no returns in the window: ${prices.time.length} aligned price(s); the data runs ${formatIsoTime(all.time[0]!)} → ${formatIsoTime(all.time[all.time.length - 1]!)}`);
  }
  if (window.kind === 'last' && prices.time.length < window.n) {
    throw new InputError(
      `too few points for ${label('window')} ${window.n - 1}: ${prices.time.length - 1} returns after aligning ${pairs.length} pairs (${formatIsoTime(prices.time[0]!)} → ${formatIsoTime(prices.time[prices.time.length - 1]!)}); use a smaller ${label('window')} or "all"`,
    );
  }
  const base = baseTime(p.base, prices.time, timeframe, label);
  let strength: CurrencyStrength;
  try {
    strength = currencyStrength(prices, { currencies, constraint, baseTime: base.time });
  } catch (e) {
    // The pairs cannot identify the factors (a currency in no pair, unlinked groups).
    throw new InputError((e as Error).message.replace(/^strength: /, ''));
  }
  const average = averageChangeIndex(prices, { currencies, baseTime: base.time });
  if (strength.factors.unidentified > 0) {
    notes.push(`${strength.factors.unidentified} period(s) had too few pairs to identify every currency; the index stays flat across them`);
  }
  return { strength, average, currencies, pairs, timeframe, constraint, base, notes };
}

/** Residual summary: RMS in basis points over identified periods. */
export function residualSummary(r: StrengthResult) {
  const f = r.strength.factors;
  const rms: number[] = [];
  const r2: number[] = [];
  let worstAt = Number.NaN;
  let worst = -1;
  for (let t = 0; t < f.time.length; t++) {
    if (!f.identified[t]) continue;
    rms.push(f.rms[t]! * 1e4);
    if (!Number.isNaN(f.r2[t]!)) r2.push(f.r2[t]!);
    if (f.rms[t]! > worst) {
      worst = f.rms[t]!;
      worstAt = f.time[t]!;
    }
  }
  const med = (a: number[]): number => {
    if (a.length === 0) return Number.NaN;
    const s = [...a].sort((x, y) => x - y);
    return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
  };
  const mean = rms.length ? rms.reduce((a, b) => a + b, 0) / rms.length : Number.NaN;
  return { meanRmsBp: mean, medianRmsBp: med(rms), maxRmsBp: worst * 1e4, maxRmsAt: worstAt, medianR2: med(r2), periods: rms.length, consistent: worst >= 0 && worst * 1e4 < 1e-6 };
}

/** The JSON shape of a strength index (`soukan strength --format json`, `GET /api/strength`). */
export function strengthJson(r: StrengthResult, loaded: DataAbout) {
  const idx = r.strength.index;
  const f = r.strength.factors;
  const avgLast = r.average.time.length - 1;
  const res = residualSummary(r);
  return {
    method: 'least-squares currency factors of log returns',
    constraint: r.constraint.kind === 'zeroSum' ? 'zero-sum' : `numeraire ${r.constraint.currency}`,
    currencies: r.currencies,
    pairs: r.pairs,
    timeframe: r.timeframe,
    start: formatIsoTime(idx.time[0]!),
    end: formatIsoTime(idx.time[idx.time.length - 1]!),
    periods: f.time.length,
    base: { requested: r.base.requested, time: formatIsoTime(idx.time[idx.baseRow]!), value: idx.baseValue },
    ranking: r.strength.ranking.map((x) => ({
      ...x,
      index: nul(x.index),
      changePct: nul(x.changePct),
      lastPeriodPct: nul(x.lastPeriodPct),
      averageChangeIndex: nul(r.average.values[r.currencies.indexOf(x.currency)]![avgLast]!),
    })),
    residual: {
      meanRmsBp: nul(res.meanRmsBp),
      medianRmsBp: nul(res.medianRmsBp),
      maxRmsBp: nul(res.maxRmsBp),
      maxRmsAt: Number.isNaN(res.maxRmsAt) ? null : formatIsoTime(res.maxRmsAt),
      medianR2: nul(res.medianR2),
      unidentified: f.unidentified,
    },
    series: {
      time: Array.from(idx.time, formatIsoTime),
      index: Object.fromEntries(r.currencies.map((c, i) => [c, Array.from(idx.values[i]!, nul)])),
      averageChange: Object.fromEntries(r.currencies.map((c, i) => [c, Array.from(r.average.values[i]!, nul)])),
      rmsBp: [null, ...Array.from(f.rms, (v) => nul(v * 1e4))],
      r2: [null, ...Array.from(f.r2, nul)],
      pairsUsed: [null, ...Array.from(f.pairsUsed)],
    },
    averageChangeMethod: r.average.method,
    source: loaded.description,
    attribution: loaded.attribution ?? null,
    notes: r.notes,
  };
}

