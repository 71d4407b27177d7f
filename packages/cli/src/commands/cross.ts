import {
  crossInconsistency,
  crossSeries,
  findRoute,
  formatIsoTime,
  intersectTimes,
  parseTimeframe,
  pipSize,
  resampleBars,
  TIMEFRAME_MINUTES,
  windowBounds,
  type CrossInconsistency,
  type PriceSeries,
  type Route,
  type Timeframe,
  type Window,
} from '@soukan/core';
import { InputError, type Market } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { choiceOption, dateOption, intOption } from '../options.js';
import { toCsv } from '../output/csv.js';
import { renderTable } from '../output/table.js';
import { makeStyle } from '../output/style.js';

/** Default window: about one year of daily observations. */
export const DEFAULT_CROSS_WINDOW = 250;

interface CrossOptions extends DataOptions {
  via?: string;
  window: string;
  end?: number;
  from?: number;
  to?: number;
  timeframe?: string;
  series?: boolean;
  format: 'table' | 'json' | 'csv';
}

/** A cross request. */
export interface CrossParams {
  readonly symbol: string;
  /** Common currency of the legs (default: USD, then EUR, then any). */
  readonly via?: string;
  /** Last N observations (default 250), or `all`. */
  readonly window?: number | 'all';
  readonly end?: number;
  readonly from?: number;
  readonly to?: number;
  /** Bar size; default D1 for daily data, M1 for intraday (the data's own minutes). */
  readonly timeframe?: string;
}

/** A synthetic cross and, when the data also quotes it, its inconsistency. */
export interface CrossResult {
  readonly symbol: string;
  readonly route: Route;
  readonly timeframe: Timeframe;
  readonly pip: number;
  /** The synthetic rate over the window. */
  readonly synthetic: PriceSeries;
  /** Present when the data quotes the cross (or its inverse) directly. */
  readonly inconsistency?: CrossInconsistency;
  readonly notes: readonly string[];
}

export function registerCross(program: Command): void {
  const cmd = program
    .command('cross')
    .summary('build a cross from its legs; triangular inconsistency against a quoted cross (pips, bp)')
    .description(
      'Builds SYMBOL from two legs through a common currency (e.g. EUR/JPY = EUR/USD × USD/JPY).\n' +
        'When the data also quotes SYMBOL directly, reports direct − synthetic in pips and basis points.',
    )
    .argument('<symbol>', 'the cross, e.g. EUR/JPY')
    .option('--via <ccy>', 'common currency of the legs (default USD, then EUR)')
    .option('--window <n>', 'last N observations, or "all"', String(DEFAULT_CROSS_WINDOW))
    .option('--end <date>', 'the window ends on or before this date (YYYY-MM-DD)', dateOption('--end'))
    .option('--from <date>', 'date range start (instead of --window)', dateOption('--from'))
    .option('--to <date>', 'date range end (instead of --window)', dateOption('--to'))
    .option('--timeframe <tf>', 'bar size; default D1 for daily data, M1 (every minute) for intraday data')
    .option('--series', 'print every observation instead of the summary')
    .option('--format <f>', 'table | json | csv', choiceOption('--format', ['table', 'json', 'csv'] as const), 'table');
  withDataOptions(cmd).action(async (symbol: string, opts: CrossOptions) => {
    const params: CrossParams = {
      symbol,
      via: opts.via,
      window: opts.window === 'all' ? 'all' : intOption('--window', 1)(opts.window),
      end: opts.end,
      from: opts.from,
      to: opts.to,
      timeframe: opts.timeframe,
    };
    const loaded = await loadMarket(opts);
    print(crossQuery(loaded.market, params), loaded, opts);
  });
}

function windowOf(p: CrossParams): Window {
  if (p.from !== undefined || p.to !== undefined) {
    if (p.end !== undefined) throw new InputError('--end goes with --window; with --from/--to the range is the window');
    if (p.from !== undefined && p.to !== undefined && p.from > p.to) throw new InputError('--from is after --to');
    return { kind: 'range', from: p.from, to: p.to };
  }
  const w = p.window ?? DEFAULT_CROSS_WINDOW;
  return w === 'all' ? { kind: 'range', to: p.end } : { kind: 'last', n: w, end: p.end };
}

function slice(s: PriceSeries, start: number, stop: number): PriceSeries {
  return { symbol: s.symbol, time: s.time.subarray(start, stop), close: s.close.subarray(start, stop) };
}

/**
 * The synthetic cross (and its inconsistency against a direct quote) a user asked for.
 *
 * @throws InputError for an unknown symbol, a --via that does not link the
 *   legs, a cross no two legs can build, an intraday timeframe of daily data,
 *   or a window with no observations.
 */
export function crossQuery(market: Market, p: CrossParams): CrossResult {
  const notes: string[] = [];
  const target = market.route(p.symbol).target;
  let timeframe: Timeframe;
  try {
    timeframe = p.timeframe ? parseTimeframe(p.timeframe) : market.frequency === 'daily' ? 'D1' : 'M1';
  } catch (e) {
    throw new InputError(`--timeframe: ${(e as Error).message}`);
  }
  if (market.frequency === 'daily' && TIMEFRAME_MINUTES[timeframe] < TIMEFRAME_MINUTES.D1) {
    throw new InputError(`timeframe ${timeframe} needs intraday data; ${market.label} is daily (use D1 or W1)`);
  }
  const inverse = `${target.quote}/${target.base}`;
  const direct = market.quoted.includes(target.symbol) ? target.symbol : market.quoted.includes(inverse) ? inverse : undefined;
  const legsOnly = market.quoted.filter((s) => s !== target.symbol && s !== inverse);
  let via: string[] = ['USD', 'EUR'];
  if (p.via !== undefined) {
    const v = p.via.toUpperCase();
    if (v === target.base || v === target.quote) throw new InputError(`--via ${v} is one of ${target.symbol}'s own currencies; choose a third currency`);
    if (!market.currencies.includes(v)) throw new InputError(`--via ${v}: ${market.label} has no ${v}; currencies: ${market.currencies.join(' ')}`);
    via = [v];
  }
  const route = findRoute(target, legsOnly, via);
  if (!route || route.legs.length !== 2 || (p.via !== undefined && route.via !== via[0])) {
    throw new InputError(
      `cannot build ${target.symbol} from two legs${p.via !== undefined ? ` through ${via[0]}` : ''}: ${market.label} quotes ${legsOnly.join(' ') || 'nothing else'}`,
    );
  }
  const resample = (s: PriceSeries): PriceSeries => (market.frequency === 'daily' && timeframe === 'D1' ? s : resampleBars(s, timeframe).bars);
  // The cross is built at the data's own resolution (minute by minute), then resampled.
  let synthetic = resample(crossSeries(route, (s) => market.bySymbol.get(s)!));
  let directSeries = direct ? resample(market.series(target.symbol)) : undefined;
  const time = directSeries ? intersectTimes([directSeries.time, synthetic.time]) : synthetic.time;
  if (time.length === 0) {
    throw new InputError(
      directSeries
        ? `the direct quote and the legs of ${target.symbol} do not overlap in time: direct ${formatIsoTime(directSeries.time[0]!)} → ${formatIsoTime(directSeries.time[directSeries.time.length - 1]!)}; legs from ${formatIsoTime(synthetic.time[0] ?? Number.NaN)}`
        : `the legs of ${target.symbol} (${route.legs.map((l) => l.symbol).join(', ')}) do not overlap in time`,
    );
  }
  const w = windowOf(p);
  const { start, stop } = windowBounds(time, w);
  if (stop - start === 0) throw new InputError(`no observations in the window; the data runs ${formatIsoTime(time[0]!)} → ${formatIsoTime(time[time.length - 1]!)}`);
  if (w.kind === 'last' && stop - start < w.n) notes.push(`only ${stop - start} observations available for --window ${w.n}`);
  const from = time[start]!;
  const to = time[stop - 1]!;
  const cut = (s: PriceSeries): PriceSeries => {
    const a = windowBounds(s.time, { kind: 'range', from, to });
    return slice(s, a.start, a.stop);
  };
  synthetic = cut(synthetic);
  const pip = pipSize(target);
  let inconsistency: CrossInconsistency | undefined;
  if (directSeries) {
    directSeries = cut(directSeries);
    inconsistency = crossInconsistency(directSeries, synthetic, pip);
  } else {
    notes.push(`${market.label} does not quote ${target.symbol} directly; there is no quote to compare the synthetic cross with`);
  }
  return { symbol: target.symbol, route, timeframe, pip, synthetic, inconsistency, notes };
}

const nul = (v: number): number | null => (Number.isFinite(v) ? v : null);
const signed = (v: number, d: number): string => (Number.isNaN(v) ? '—' : `${v > 0 ? '+' : ''}${v.toFixed(d)}`);
const stamp = (t: number, tf: Timeframe): string => (tf === 'D1' || tf === 'W1' ? formatIsoTime(t) : `${new Date(t).toISOString().slice(0, 16)}Z`);

/** `EUR/USD × USD/JPY`, or `EUR/JPY ÷ EUR/ZAR` for an inverted leg. */
function legsText(r: CrossResult): string {
  const mul = r.route.legs.filter((l) => !l.invert).map((l) => l.symbol);
  const div = r.route.legs.filter((l) => l.invert).map((l) => l.symbol);
  return [mul.length ? mul.join(' × ') : '1', ...div].join(' ÷ ');
}

export function crossJson(r: CrossResult, loaded: Pick<LoadedMarket, 'description' | 'attribution'>) {
  const inc = r.inconsistency;
  const summary = (s: CrossInconsistency['bpSummary']) => ({ mean: nul(s.mean), median: nul(s.median), p99Abs: nul(s.p99Abs), maxAbs: nul(s.maxAbs) });
  return {
    symbol: r.symbol,
    legs: r.route.legs,
    via: r.route.via ?? null,
    timeframe: r.timeframe,
    pip: r.pip,
    observations: inc ? inc.time.length : r.synthetic.time.length,
    start: r.synthetic.time.length ? formatIsoTime(r.synthetic.time[0]!) : null,
    end: r.synthetic.time.length ? formatIsoTime(r.synthetic.time[r.synthetic.time.length - 1]!) : null,
    quotedDirectly: Boolean(inc),
    inconsistency: inc ? { definition: 'direct − synthetic; bp = 1e4 (direct / synthetic − 1)', pips: summary(inc.pipsSummary), bp: summary(inc.bpSummary) } : null,
    series: inc
      ? { time: Array.from(inc.time, formatIsoTime), direct: Array.from(inc.direct), synthetic: Array.from(inc.synthetic), pips: Array.from(inc.pips, nul), bp: Array.from(inc.bp, nul) }
      : { time: Array.from(r.synthetic.time, formatIsoTime), synthetic: Array.from(r.synthetic.close) },
    source: loaded.description,
    attribution: loaded.attribution ?? null,
    notes: r.notes,
  };
}

function print(r: CrossResult, loaded: LoadedMarket, opts: CrossOptions): void {
  for (const n of r.notes) process.stderr.write(`note: ${n}\n`);
  const out = process.stdout;
  const inc = r.inconsistency;
  if (opts.format === 'json') return void out.write(JSON.stringify(crossJson(r, loaded)) + '\n');
  if (opts.format === 'csv' || opts.series) {
    const header = inc ? ['time', 'direct', 'synthetic', 'pips', 'bp'] : ['time', 'synthetic'];
    const rows = inc
      ? Array.from(inc.time, (t, i) => [stamp(t, r.timeframe), inc.direct[i]!, inc.synthetic[i]!, nul(inc.pips[i]!), nul(inc.bp[i]!)])
      : Array.from(r.synthetic.time, (t, i) => [stamp(t, r.timeframe), r.synthetic.close[i]!]);
    if (opts.format === 'csv') return void out.write(toCsv([header, ...rows]));
    return void out.write(renderTable(header, rows.map((row) => row.map((v) => (typeof v === 'number' ? String(+v.toPrecision(10)) : (v ?? '—'))))));
  }
  const style = makeStyle();
  const t = inc ? inc.time : r.synthetic.time;
  const n = t.length;
  const lines: string[] = [];
  lines.push(
    style.bold(`${r.symbol} = ${legsText(r)}`) + ` (via ${r.route.via}) · ${r.timeframe === 'D1' ? 'daily' : r.timeframe} · ${n} observations · ${stamp(t[0]!, r.timeframe)} → ${stamp(t[n - 1]!, r.timeframe)}`,
  );
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  if (!inc) {
    lines.push(`latest synthetic ${r.symbol}: ${+r.synthetic.close[n - 1]!.toPrecision(8)} at ${stamp(t[n - 1]!, r.timeframe)} (not quoted directly; nothing to compare)`);
    return void out.write(lines.join('\n') + '\n');
  }
  const last = n - 1;
  lines.push(
    `latest ${stamp(inc.time[last]!, r.timeframe)}: direct ${+inc.direct[last]!.toPrecision(8)}, synthetic ${+inc.synthetic[last]!.toPrecision(8)}, difference ${signed(inc.pips[last]!, 2)} pips (${signed(inc.bp[last]!, 2)} bp)`,
  );
  const row = (name: string, s: CrossInconsistency['bpSummary']) => [name, signed(s.mean, 3), signed(s.median, 3), s.p99Abs.toFixed(3), s.maxAbs.toFixed(3)];
  const table = renderTable(['direct − synthetic', 'mean', 'median', 'p99 |x|', 'max |x|'], [row(`pips (pip ${r.pip})`, inc.pipsSummary), row('basis points', inc.bpSummary)]);
  out.write(lines.join('\n') + '\n' + table);
}
