import {
  adfTest,
  correlationDivergence,
  engleGranger,
  formatIsoTime,
  halfLife,
  olsHedgeRatio,
  parseTimeframe,
  returnsInto,
  rollingZScore,
  spread,
  tlsHedgeRatio,
  windowBounds,
  type AdfResult,
  type AutoLag,
  type CorrelationDivergence,
  type EngleGrangerResult,
  type HalfLife,
  type HedgeRatio,
  type Timeframe,
  type TrendTerm,
  type Window,
} from '@soukan/core';
import { InputError, type Market } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { asInput, choiceOption, dateOption, intOption, numberOption } from '../options.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { makeStyle } from '../output/style.js';

/** Default estimation window: about two years of daily observations. */
export const DEFAULT_PAIR_WINDOW = 500;
/** Fewest observations the tests are run on. */
export const MIN_PAIR_OBSERVATIONS = 30;

interface PairOptions extends DataOptions {
  on: 'log' | 'price';
  hedge: 'ols' | 'tls';
  trend: TrendTerm;
  autolag: 'aic' | 'bic' | 't-stat' | 'none';
  maxLag?: number;
  zWindow: number;
  corrShort: number;
  corrLong: number;
  k: number;
  window: string;
  end?: number;
  from?: number;
  to?: number;
  timeframe?: string;
  format: 'table' | 'json' | 'csv';
}

/** A pair-trading request. */
export interface PairParams {
  readonly a: string;
  readonly b: string;
  /** Log prices (default) or price levels. */
  readonly on?: 'log' | 'price';
  /** Hedge ratio used for the spread (default OLS). */
  readonly hedge?: 'ols' | 'tls';
  /** Deterministic terms of the Engle–Granger first step (default c). */
  readonly trend?: TrendTerm;
  readonly autolag?: AutoLag;
  readonly maxLag?: number;
  readonly zWindow?: number;
  readonly corrShort?: number;
  readonly corrLong?: number;
  readonly k?: number;
  readonly window?: number | 'all';
  readonly end?: number;
  readonly from?: number;
  readonly to?: number;
  readonly timeframe?: string;
}

/** What `soukan pair` computed. */
export interface PairResult {
  readonly a: string;
  readonly b: string;
  readonly on: 'log' | 'price';
  readonly timeframe: Timeframe;
  readonly time: Float64Array;
  readonly priceA: Float64Array;
  readonly priceB: Float64Array;
  readonly ols: HedgeRatio;
  readonly tls: HedgeRatio;
  readonly hedge: 'ols' | 'tls';
  readonly spread: Float64Array;
  readonly zWindow: number;
  readonly z: Float64Array;
  readonly engleGranger: EngleGrangerResult;
  readonly adfSpread: AdfResult;
  readonly adfA: AdfResult;
  readonly adfB: AdfResult;
  readonly halfLife: HalfLife;
  /** Mean spacing of the observations in calendar days (weekends included), to express the half-life in days. */
  readonly spacingDays: number;
  /** On log returns; absent when the data is too short for the windows. */
  readonly divergence?: CorrelationDivergence;
  readonly notes: readonly string[];
}

export function registerPair(program: Command): void {
  const cmd = program
    .command('pair')
    .summary('pair trading (サヤ取り): hedge ratios, spread z-score, ADF and Engle–Granger tests, half-life, correlation divergence')
    .description(
      'Statistics for trading A against B: OLS and total-least-squares hedge ratios, the spread A − α − β B\n' +
        'and its rolling z-score, the Engle–Granger cointegration test and ADF tests with MacKinnon p-values,\n' +
        'the mean-reversion half-life, and an alert when the short-window correlation of the two legs\n' +
        'departs from the long-window one by more than k standard deviations of its own history.',
    )
    .argument('<a>', 'first leg (the dependent one), e.g. AUD/USD')
    .argument('<b>', 'second leg (the hedge), e.g. NZD/USD')
    .option('--on <input>', 'log | price: regress log prices (default) or price levels', choiceOption('--on', ['log', 'price'] as const), 'log')
    .option('--hedge <m>', 'ols | tls: the hedge ratio used for the spread', choiceOption('--hedge', ['ols', 'tls'] as const), 'ols')
    .option('--trend <t>', 'c | ct | n: deterministic terms of the cointegrating regression', choiceOption('--trend', ['c', 'ct', 'n'] as const), 'c')
    .option('--autolag <m>', 'aic | bic | t-stat | none: lag selection of the ADF regressions', choiceOption('--autolag', ['aic', 'bic', 't-stat', 'none'] as const), 'aic')
    .option('--max-lag <n>', 'largest ADF lag (default 12·(n/100)^¼; with --autolag none, the lags used)', intOption('--max-lag', 0))
    .option('--z-window <n>', 'rolling window of the spread z-score', intOption('--z-window', 2), 60)
    .option('--corr-short <n>', 'short correlation window (returns)', intOption('--corr-short', 2), 20)
    .option('--corr-long <n>', 'long correlation window, and the history of the short one', intOption('--corr-long', 3), 120)
    .option('--k <sd>', 'divergence alert threshold in standard deviations', numberOption('--k', 0, 100), 2)
    .option('--window <n>', 'last N observations, or "all"', String(DEFAULT_PAIR_WINDOW))
    .option('--end <date>', 'the window ends on or before this date (YYYY-MM-DD)', dateOption('--end'))
    .option('--from <date>', 'date range start (instead of --window)', dateOption('--from'))
    .option('--to <date>', 'date range end (instead of --window)', dateOption('--to'))
    .option('--timeframe <tf>', 'D1 or W1 for daily data; M5 M15 M30 H1 H4 D1 W1 for intraday (default D1; H1 for intraday data)')
    .option('--format <f>', 'table | json | csv', choiceOption('--format', ['table', 'json', 'csv'] as const), 'table');
  withDataOptions(cmd).action(async (a: string, b: string, opts: PairOptions) => {
    const params: PairParams = {
      a,
      b,
      on: opts.on,
      hedge: opts.hedge,
      trend: opts.trend,
      autolag: opts.autolag === 'none' ? null : opts.autolag,
      maxLag: opts.maxLag,
      zWindow: opts.zWindow,
      corrShort: opts.corrShort,
      corrLong: opts.corrLong,
      k: opts.k,
      window: opts.window === 'all' ? 'all' : intOption('--window', 2)(opts.window),
      end: opts.end,
      from: opts.from,
      to: opts.to,
      timeframe: opts.timeframe,
    };
    const loaded = await loadMarket(opts);
    print(pairQuery(loaded.market, params), loaded, opts.format);
  });
}

function windowOf(p: PairParams): Window {
  if (p.from !== undefined || p.to !== undefined) {
    if (p.end !== undefined) throw new InputError('--end goes with --window; with --from/--to the range is the window');
    if (p.from !== undefined && p.to !== undefined && p.from > p.to) throw new InputError('--from is after --to');
    return { kind: 'range', from: p.from, to: p.to };
  }
  const w = p.window ?? DEFAULT_PAIR_WINDOW;
  return w === 'all' ? { kind: 'range', to: p.end } : { kind: 'last', n: w, end: p.end };
}

/**
 * The pair statistics a user asked for, validated end to end.
 *
 * @throws InputError for unknown or identical symbols, series that do not
 *   overlap, too few observations for the tests or the z-score window, and
 *   bad option values.
 */
export function pairQuery(market: Market, p: PairParams): PairResult {
  const notes: string[] = [];
  let timeframe: Timeframe;
  try {
    timeframe = p.timeframe ? parseTimeframe(p.timeframe) : market.frequency === 'daily' ? 'D1' : 'H1';
  } catch (e) {
    throw new InputError(`--timeframe: ${(e as Error).message}`);
  }
  const a = market.route(p.a).target.symbol;
  const b = market.route(p.b).target.symbol;
  if (a === b) throw new InputError(`the two legs are the same pair (${a}); give two different pairs`);
  const [ba, qa] = a.split('/');
  if (b === `${qa}/${ba}`) throw new InputError(`${b} is ${a} inverted; the spread would be a constant (give two different pairs)`);
  const zWindow = p.zWindow ?? 60;
  const short = p.corrShort ?? 20;
  const long = p.corrLong ?? 120;
  if (short >= long) throw new InputError(`--corr-short (${short}) must be shorter than --corr-long (${long})`);
  const { frame } = market.frame([a, b], { kind: 'inner' }, timeframe);
  if (frame.time.length === 0) {
    const range = (s: string): string => {
      const t = market.series(s).time;
      return t.length ? `${s} ${formatIsoTime(t[0]!)} → ${formatIsoTime(t[t.length - 1]!)}` : `${s} (no data)`;
    };
    throw new InputError(`the series do not overlap in time: ${range(a)}; ${range(b)}`);
  }
  const w = windowOf(p);
  const { start, stop } = windowBounds(frame.time, w);
  const n = stop - start;
  if (n < MIN_PAIR_OBSERVATIONS) {
    throw new InputError(
      `too few observations for the cointegration tests: ${n} common ${n === 1 ? 'time' : 'times'} of ${a} and ${b} in the window (need at least ${MIN_PAIR_OBSERVATIONS}); the data runs ${formatIsoTime(frame.time[0]!)} → ${formatIsoTime(frame.time[frame.time.length - 1]!)}`,
    );
  }
  if (w.kind === 'last' && n < w.n) notes.push(`only ${n} common observations for --window ${w.n}`);
  if (zWindow > n) throw new InputError(`--z-window ${zWindow} is longer than the ${n} observations in the window`);
  const time = frame.time.slice(start, stop);
  const priceA = frame.columns[0]!.slice(start, stop);
  const priceB = frame.columns[1]!.slice(start, stop);
  const on = p.on ?? 'log';
  const y = on === 'log' ? priceA.map(Math.log) : priceA;
  const x = on === 'log' ? priceB.map(Math.log) : priceB;
  const ols = olsHedgeRatio(y, x);
  const tls = tlsHedgeRatio(y, x);
  const hedge = p.hedge ?? 'ols';
  const s = spread(y, x, hedge === 'ols' ? ols : tls);
  const autolag = p.autolag === undefined ? 'aic' : p.autolag;
  const adfOpts = { autolag, maxLag: p.maxLag };
  const eg = asInput('--max-lag', () => engleGranger(y, x, { trend: p.trend ?? 'c', ...adfOpts }));
  if (eg.collinear) notes.push(`${a} and ${b} are (almost) perfectly collinear over the window; the Engle–Granger statistic is −∞ and not informative`);
  const adfSpread = asInput('--max-lag', () => adfTest(s, { regression: 'c', ...adfOpts }));
  const adfA = asInput('--max-lag', () => adfTest(y, { regression: 'c', ...adfOpts }));
  const adfB = asInput('--max-lag', () => adfTest(x, { regression: 'c', ...adfOpts }));
  const hl = halfLife(s);
  let divergence: CorrelationDivergence | undefined;
  if (n - 1 >= short + long - 1) {
    const ra = returnsInto(priceA, new Float64Array(n - 1));
    const rb = returnsInto(priceB, new Float64Array(n - 1));
    divergence = correlationDivergence(ra, rb, { short, long, k: p.k ?? 2 });
  } else {
    notes.push(`correlation divergence needs at least ${short + long - 1} returns (--corr-short ${short} + --corr-long ${long} − 1); the window has ${n - 1}`);
  }
  return {
    a,
    b,
    on,
    timeframe,
    time,
    priceA,
    priceB,
    ols,
    tls,
    hedge,
    spread: s,
    zWindow,
    z: rollingZScore(s, zWindow),
    engleGranger: eg,
    adfSpread,
    adfA,
    adfB,
    halfLife: hl,
    spacingDays: (time[n - 1]! - time[0]!) / 86_400_000 / (n - 1),
    divergence,
    notes,
  };
}

const nul = (v: number): number | null => (Number.isFinite(v) ? v : null);
const num = (v: number, d: number): string => (Number.isNaN(v) ? '—' : v === Infinity ? '∞' : v === -Infinity ? '−∞' : v.toFixed(d));
const signed = (v: number, d: number): string => (Number.isFinite(v) ? `${v > 0 ? '+' : ''}${v.toFixed(d)}` : num(v, d));
const stamp = (t: number, tf: Timeframe): string => (tf === 'D1' || tf === 'W1' ? formatIsoTime(t) : `${new Date(t).toISOString().slice(0, 16)}Z`);
const adfJson = (r: AdfResult) => ({
  statistic: nul(r.statistic),
  pValue: nul(r.pValue),
  usedLag: r.usedLag,
  nobs: r.nobs,
  criticalValues: { '1%': nul(r.criticalValues['1%']), '5%': nul(r.criticalValues['5%']), '10%': nul(r.criticalValues['10%']) },
  regression: r.regression,
  autolag: r.autolag,
});

export function pairJson(r: PairResult, loaded: Pick<LoadedMarket, 'description' | 'attribution'>) {
  const eg = r.engleGranger;
  const last = r.time.length - 1;
  const d = r.divergence;
  const lastAlert = d ? d.episodes[d.episodes.length - 1] : undefined;
  const hedgeJson = (h: HedgeRatio) => ({ beta: nul(h.beta), alpha: nul(h.alpha), betaSe: nul(h.betaSe), alphaSe: nul(h.alphaSe) });
  return {
    a: r.a,
    b: r.b,
    on: r.on === 'log' ? 'log prices' : 'price levels',
    timeframe: r.timeframe,
    observations: r.time.length,
    start: formatIsoTime(r.time[0]!),
    end: formatIsoTime(r.time[last]!),
    hedge: { used: r.hedge, ols: hedgeJson(r.ols), tls: hedgeJson(r.tls) },
    spread: { latest: nul(r.spread[last]!), zWindow: r.zWindow, zLatest: nul(r.z[last]!) },
    engleGranger: {
      statistic: eg.collinear ? '-Infinity' : nul(eg.statistic),
      pValue: nul(eg.pValue),
      usedLag: Number.isNaN(eg.usedLag) ? null : eg.usedLag,
      nobs: eg.nobs,
      criticalValues: { '1%': nul(eg.criticalValues['1%']), '5%': nul(eg.criticalValues['5%']), '10%': nul(eg.criticalValues['10%']) },
      trend: eg.trend,
      beta: nul(eg.beta),
      alpha: nul(eg.alpha),
      collinear: eg.collinear,
    },
    adf: { spread: adfJson(r.adfSpread), a: adfJson(r.adfA), b: adfJson(r.adfB) },
    halfLife: { periods: r.halfLife.halfLife === Infinity ? 'Infinity' : nul(r.halfLife.halfLife), days: nul(r.halfLife.halfLife * r.spacingDays), phi: nul(r.halfLife.phi), b: nul(r.halfLife.b), bSe: nul(r.halfLife.bSe) },
    divergence: d
      ? {
          short: d.short,
          long: d.long,
          k: d.k,
          latest: { shortCorr: nul(d.shortCorr[d.shortCorr.length - 1]!), longCorr: nul(d.longCorr[d.longCorr.length - 1]!), z: nul(d.z[d.z.length - 1]!), alert: d.alert[d.alert.length - 1] === 1 },
          episodes: d.episodes.map((e) => ({ start: formatIsoTime(r.time[e.start + 1]!), end: formatIsoTime(r.time[e.end + 1]!), peakZ: e.peakZ })),
          lastEpisode: lastAlert ? { start: formatIsoTime(r.time[lastAlert.start + 1]!), end: formatIsoTime(r.time[lastAlert.end + 1]!) } : null,
        }
      : null,
    series: {
      time: Array.from(r.time, formatIsoTime),
      a: Array.from(r.priceA),
      b: Array.from(r.priceB),
      spread: Array.from(r.spread, nul),
      z: Array.from(r.z, nul),
      // returns-based series start at the second observation
      shortCorr: d ? [null, ...Array.from(d.shortCorr, nul)] : null,
      longCorr: d ? [null, ...Array.from(d.longCorr, nul)] : null,
      divergenceZ: d ? [null, ...Array.from(d.z, nul)] : null,
    },
    source: loaded.description,
    attribution: loaded.attribution ?? null,
    notes: r.notes,
  };
}

function print(r: PairResult, loaded: LoadedMarket, format: 'table' | 'json' | 'csv'): void {
  for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  if (format === 'json') return void out.write(JSON.stringify(pairJson(r, loaded)) + '\n');
  const d = r.divergence;
  if (format === 'csv') {
    const rows = Array.from(r.time, (t, i) => [
      stamp(t, r.timeframe),
      r.priceA[i]!,
      r.priceB[i]!,
      nul(r.spread[i]!),
      nul(r.z[i]!),
      d && i > 0 ? nul(d.shortCorr[i - 1]!) : null,
      d && i > 0 ? nul(d.longCorr[i - 1]!) : null,
      d && i > 0 ? nul(d.z[i - 1]!) : null,
      d && i > 0 ? d.alert[i - 1]! : null,
    ]);
    return void out.write(toCsv([['time', r.a, r.b, 'spread', `z${r.zWindow}`, 'corr_short', 'corr_long', 'divergence_z', 'alert'], ...rows]));
  }
  const style = makeStyle();
  const last = r.time.length - 1;
  const eg = r.engleGranger;
  const lines: string[] = [];
  const unit = r.on === 'log' ? 'log prices' : 'price levels';
  lines.push(style.bold(`Pair ${r.a} ~ ${r.b}`) + ` · ${unit} · ${r.timeframe === 'D1' ? 'daily' : r.timeframe} · ${r.time.length} observations · ${stamp(r.time[0]!, r.timeframe)} → ${stamp(r.time[last]!, r.timeframe)}`);
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  const hedges = renderTable(
    ['hedge ratio', 'β', 'α', 'se(β)'],
    [
      [`OLS${r.hedge === 'ols' ? ' (spread)' : ''}`, num(r.ols.beta, 4), num(r.ols.alpha, 4), num(r.ols.betaSe, 4)],
      [`TLS${r.hedge === 'tls' ? ' (spread)' : ''}`, num(r.tls.beta, 4), num(r.tls.alpha, 4), '—'],
    ],
  );
  const crit = (c: { '1%': number; '5%': number; '10%': number }): string => `1% ${num(c['1%'], 2)}  5% ${num(c['5%'], 2)}  10% ${num(c['10%'], 2)}`;
  const adfLine = (name: string, t: AdfResult): string[] => [name, num(t.statistic, 3), num(t.pValue, 4), String(t.usedLag), crit(t.criticalValues)];
  const tests = renderTable(
    ['test (H₀: unit root / no cointegration)', 'τ', 'p', 'lags', 'critical values'],
    [
      [`Engle–Granger ${r.a} on ${r.b} (trend ${eg.trend})`, eg.collinear ? '−∞' : num(eg.statistic, 3), num(eg.pValue, 4), Number.isNaN(eg.usedLag) ? '—' : String(eg.usedLag), crit(eg.criticalValues)],
      adfLine('ADF spread (constant)', r.adfSpread),
      adfLine(`ADF ${r.a} (constant)`, r.adfA),
      adfLine(`ADF ${r.b} (constant)`, r.adfB),
    ],
  );
  const hl = r.halfLife;
  const days = r.timeframe === 'D1' || r.timeframe === 'W1' ? ` ≈ ${num(hl.halfLife * r.spacingDays, 1)} calendar days` : '';
  const more: string[] = [];
  more.push(`spread ${r.a} − ${num(r.hedge === 'ols' ? r.ols.alpha : r.tls.alpha, 4)} − ${num(r.hedge === 'ols' ? r.ols.beta : r.tls.beta, 4)} × ${r.b}: latest ${signed(r.spread[last]!, 5)}, z(${r.zWindow}) ${signed(r.z[last]!, 2)}`);
  more.push(`half-life ${hl.halfLife === Infinity ? '∞ (the spread does not revert)' : `${num(hl.halfLife, 1)} periods${days}`} (AR(1) φ = ${num(hl.phi, 4)})`);
  if (d) {
    const i = d.z.length - 1;
    const lastEp = d.episodes[d.episodes.length - 1];
    const state = d.alert[i] ? style.bold('ALERT') : 'no alert';
    more.push(
      `correlation of returns: ${d.short}-period ${num(d.shortCorr[i]!, 3)}, ${d.long}-period ${num(d.longCorr[i]!, 3)}, z ${signed(d.z[i]!, 2)} (k ${d.k}): ${state}; ` +
        `${d.episodes.length} alert episode${d.episodes.length === 1 ? '' : 's'} in the window${lastEp ? `, last ${stamp(r.time[lastEp.start + 1]!, r.timeframe)} → ${stamp(r.time[lastEp.end + 1]!, r.timeframe)}` : ''}`,
    );
  }
  out.write(lines.join('\n') + '\n' + hedges + tests + more.join('\n') + '\n' + style.dim(
        `p-values: MacKinnon (1994); critical values: MacKinnon (2010); lags by ${r.adfSpread.autolag ?? 'fixed --max-lag'}.\n` +
          'The ADF line on the spread uses Dickey–Fuller tables, which overstate significance when β is estimated; judge cointegration by Engle–Granger.',
      ) + '\n');
}
