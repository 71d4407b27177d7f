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
import { InputError } from '@soukan/data';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { asInput, choiceOption, dateOption, numberOption } from '../options.js';
import { toCsv } from '../output/csv.js';
import { makeStyle } from '../output/style.js';
import { renderTable } from '../output/table.js';
import { nul, num, pct } from './exposure.js';

/** A probability as a percentage, keeping small ones readable (0.00064%, 6.4e-11%). */
function prob(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p === 0 || p >= 0.001) return pct(p, 2);
  return `${(100 * p).toPrecision(2)}%`;
}

/** Empirical ÷ Brownian, capped for display where the Brownian tail is vanishingly small. */
function ratio(a: number, b: number): string {
  if (!(b > 0) || !Number.isFinite(a)) return '—';
  const r = a / b;
  return r >= 1000 ? '>1000' : num(r, 2);
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

interface MoveOptions extends DataOptions {
  threshold?: string;
  horizon?: string;
  ladder?: boolean;
  timeframe?: string;
  days?: number;
  from?: number;
  to?: number;
  end?: number;
  format: 'table' | 'json' | 'csv';
}

const DAY = 86_400_000;
const LADDER_PIPS = [10, 20, 30, 50, 80, 100];
const LADDER_INTRADAY = ['1h', '4h', '10h', '24h'];
const LADDER_DAILY = ['1b', '5b', '10b', '20b'];

export function registerMove(program: Command): void {
  const cmd = program
    .command('move')
    .summary('probability that a pair moves X pips within a horizon (empirical, Wilson 95%, vs Brownian)')
    .description(
      'From every bar close in the history: the share of start points from which price rose at least X pips (on highs) and fell at least X pips (on lows) within the horizon, with counts and Wilson 95% intervals, beside the Brownian first-passage estimate 2·(1 − Φ(X / (σ√H))) from the same bars — where they differ, fat tails matter. Horizons: 600m, 10h, 2d (clock time after the start bar\'s close) or 24b / 24 (bars).',
    )
    .argument('<symbol>', 'pair, e.g. EUR/USD')
    .option('--threshold <pips>', 'move size(s) in pips, e.g. 50 or 20,50,100')
    .option('--horizon <h>', 'horizon(s): 10h, 600m, 2d, or bars as 24b (default 10h; 5b for daily data)')
    .option('--ladder', `several thresholds × horizons at once (default ${LADDER_PIPS.join('/')} pips × ${LADDER_INTRADAY.join('/')})`)
    .option('--timeframe <tf>', 'resample to this bar size first (default: the data as read)')
    .option('--days <n>', 'history: the last n calendar days', numberOption('--days', 0, Number.MAX_VALUE))
    .option('--from <date>', 'history from this date (YYYY-MM-DD)', dateOption('--from'))
    .option('--to <date>', 'history to this date, inclusive (YYYY-MM-DD)', dateOption('--to'))
    .option('--end <date>', 'with --days: the history ends at this date', dateOption('--end'))
    .option('--format <f>', 'table | json | csv', choiceOption('--format', ['table', 'json', 'csv'] as const), 'table');
  withDataOptions(cmd).action(async (symbol: string, opts: MoveOptions) => {
    await runMove(symbol, opts);
  });
}

/** Parses one horizon: `10h`, `600m`, `2d` (time) or `24b` / `24` (bars). */
export function parseHorizon(text: string): { horizon: MoveHorizon; label: string } {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(m|min|h|d|b|bars?)?\s*$/i.exec(text);
  const v = m ? Number(m[1]) : Number.NaN;
  if (!m || !(v > 0)) throw new InputError(`--horizon must be a positive duration such as 10h, 600m, 2d or a bar count such as 24b, got ${JSON.stringify(text)}`);
  const unit = (m[2] ?? 'b').toLowerCase();
  if (unit.startsWith('b')) {
    if (!Number.isInteger(v)) throw new InputError(`--horizon in bars must be a whole number, got ${JSON.stringify(text)}`);
    return { horizon: { bars: v }, label: `${v} bar${v === 1 ? '' : 's'}` };
  }
  const ms = v * (unit === 'd' ? DAY : unit === 'h' ? 3_600_000 : 60_000);
  return { horizon: { ms }, label: `${v}${unit === 'min' ? 'm' : unit}` };
}

function parseThresholds(text: string): number[] {
  return text.split(',').map((s) => {
    const v = Number(s.trim());
    if (s.trim() === '' || !Number.isFinite(v) || !(v > 0)) throw new InputError(`--threshold must be positive pip counts such as 50 or 20,50,100, got ${JSON.stringify(text)}`);
    return v;
  });
}

/** The history the command works on: [from, to] by dates or the last n days. */
function historyRange(s: PriceSeries, opts: MoveOptions): { start: number; stop: number } {
  if (opts.days !== undefined && (opts.from !== undefined || opts.to !== undefined)) throw new InputError('give --days (with --end) or --from/--to, not both');
  const t = s.time;
  if (opts.days !== undefined) {
    const stop = opts.end === undefined ? t.length : upperBound(t, opts.end + DAY - 1);
    const last = stop > 0 ? t[stop - 1]! : 0;
    return { start: lowerBound(t, last - opts.days * DAY), stop };
  }
  if (opts.from !== undefined && opts.to !== undefined && opts.from > opts.to) throw new InputError('--from is after --to');
  return { start: opts.from === undefined ? 0 : lowerBound(t, opts.from), stop: opts.to === undefined ? t.length : upperBound(t, opts.to + DAY - 1) };
}

async function runMove(symbolText: string, opts: MoveOptions): Promise<void> {
  const loaded = await loadMarket(opts);
  const symbol = loaded.market.route(symbolText).target.symbol;
  const pip = pipSize(symbol);
  const daily = loaded.market.frequency === 'daily';
  let thresholdsPips: number[];
  let horizonTexts: string[];
  if (opts.ladder) {
    thresholdsPips = opts.threshold ? parseThresholds(opts.threshold) : LADDER_PIPS;
    horizonTexts = opts.horizon ? opts.horizon.split(',') : daily ? LADDER_DAILY : LADDER_INTRADAY;
  } else {
    if (!opts.threshold) throw new InputError('--threshold is required (pips, e.g. --threshold 50), or use --ladder');
    thresholdsPips = parseThresholds(opts.threshold);
    horizonTexts = (opts.horizon ?? (daily ? '5b' : '10h')).split(',');
  }
  const horizons = horizonTexts.map(parseHorizon);

  let s: PriceSeries = loaded.market.series(symbol);
  // Crosses built from two legs, and fixings, have closes only (bars resampled from them too).
  const closeOnly = !isBars(s);
  if (opts.timeframe) {
    const tf = asInput('--timeframe', () => parseTimeframe(opts.timeframe!));
    if (daily && tf !== 'D1' && tf !== 'W1') throw new InputError(`--timeframe ${tf} needs intraday data; ${loaded.market.label} is daily`);
    s = resampleBars(s, tf).bars;
  }
  const { start, stop } = historyRange(s, opts);
  const n = stop - start;
  if (n < 2) throw new InputError(`too little history: ${n} bar(s) of ${symbol} in the chosen period${s.time.length ? ` (the data runs ${formatIsoTime(s.time[0]!)} → ${formatIsoTime(s.time[s.time.length - 1]!)})` : ''}`);
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
  if (!(hi > lo)) throw new InputError(`${symbol} is constant over the chosen period (${formatIsoTime(bars.time[0]!)} → ${formatIsoTime(bars.time[n - 1]!)}): no moves to count`);

  const ladder = moveLadder(bars, thresholdsPips.map((p) => p * pip), horizons.map((h) => h.horizon));
  ladder.forEach((row, i) => {
    if (row[0]!.windows === 0) {
      throw new InputError(
        `too little history for --horizon ${horizonTexts[i]!.trim()}: ${n} bars ${formatIsoTime(bars.time[0]!)} → ${formatIsoTime(bars.time[n - 1]!)} hold no complete window; use a shorter horizon or more history (--days)`,
      );
    }
  });
  const ctx: MoveContext = { loaded, symbol, pip, thresholdsPips, horizons: horizons.map((h) => h.label), bars: n, start: bars.time[0]!, end: bars.time[n - 1]!, closeOnly, timeframe: opts.timeframe?.toUpperCase() ?? (daily ? 'D1' : barLabel(bars.time)) };
  const out = process.stdout;
  if (opts.format === 'json') out.write(JSON.stringify(moveJson(ladder, ctx)) + '\n');
  else if (opts.format === 'csv') out.write(toCsv(moveCsv(ladder, ctx)));
  else out.write(moveTable(ladder, ctx));
}

interface MoveContext {
  loaded: LoadedMarket;
  symbol: string;
  pip: number;
  thresholdsPips: number[];
  horizons: string[];
  bars: number;
  start: number;
  end: number;
  closeOnly: boolean;
  timeframe: string;
}

function moveJson(ladder: MoveProbability[][], ctx: MoveContext) {
  return {
    symbol: ctx.symbol,
    pip: ctx.pip,
    bars: ctx.bars,
    timeframe: ctx.timeframe,
    start: formatIsoTime(ctx.start),
    end: formatIsoTime(ctx.end),
    extremes: ctx.closeOnly ? 'closes (the data has no highs/lows)' : 'highs and lows',
    conventions: {
      start: 'every bar close with a complete window after it',
      hit: 'move ≥ threshold × (1 − 1e-9)',
      interval: 'Wilson 95% (windows overlap, so it is narrower than the true uncertainty)',
      brownian: '2·(1 − Φ(X/(σ√H))), σ = RMS of close-to-close changes per bar, H = mean bars per window, one side',
    },
    horizons: ladder.map((row, i) => ({
      horizon: ctx.horizons[i],
      windows: row[0]!.windows,
      meanBars: nul(row[0]!.horizonBars),
      sigmaPerBarPips: nul(row[0]!.sigmaPerBar / ctx.pip),
      rows: row.map((p, k) => ({
        thresholdPips: ctx.thresholdsPips[k],
        up: { hits: p.up.hits, share: nul(p.up.share), low: nul(p.up.lower), high: nul(p.up.upper) },
        down: { hits: p.down.hits, share: nul(p.down.share), low: nul(p.down.lower), high: nul(p.down.upper) },
        either: { hits: p.either.hits, share: nul(p.either.share), low: nul(p.either.lower), high: nul(p.either.upper) },
        brownian: nul(p.brownian),
      })),
    })),
    source: ctx.loaded.description,
    attribution: ctx.loaded.attribution ?? null,
  };
}

function moveCsv(ladder: MoveProbability[][], ctx: MoveContext): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [['horizon', 'threshold_pips', 'windows', 'up_hits', 'up_share', 'up_low', 'up_high', 'down_hits', 'down_share', 'down_low', 'down_high', 'either_share', 'brownian']];
  ladder.forEach((row, i) =>
    row.forEach((p, k) =>
      rows.push([ctx.horizons[i]!, ctx.thresholdsPips[k]!, p.windows, p.up.hits, nul(p.up.share), nul(p.up.lower), nul(p.up.upper), p.down.hits, nul(p.down.share), nul(p.down.lower), nul(p.down.upper), nul(p.either.share), nul(p.brownian)]),
    ),
  );
  return rows;
}

function share(p: { share: number; lower: number; upper: number }): string {
  const d = p.upper < 0.01 ? 2 : 1;
  return `${pct(p.share, d)} [${pct(p.lower, d)}–${pct(p.upper, d)}]`;
}

function moveTable(ladder: MoveProbability[][], ctx: MoveContext): string {
  const style = makeStyle();
  const lines: string[] = [];
  lines.push(style.bold(`Move probability · ${ctx.symbol}`) + ` · ${ctx.bars.toLocaleString('en-US')} bars (${ctx.timeframe}) ${formatIsoTime(ctx.start)} → ${formatIsoTime(ctx.end)} · pip ${ctx.pip}`);
  lines.push(style.dim(`${ctx.loaded.description}${ctx.loaded.attribution ? ` · ${ctx.loaded.attribution}` : ''}`));
  if (ctx.closeOnly) lines.push(style.dim(`${ctx.symbol} has closes only here (fixings, or a cross of two legs): moves are measured on closes, which misses intrabar touches`));
  const multi = ladder.length > 1;
  const header = multi ? ['horizon', 'pips', 'up ≥ X [95%]', 'down ≥ X [95%]', 'either', 'Brownian (one side)', 'up/BM'] : ['pips', 'up ≥ X [95%]', 'down ≥ X [95%]', 'either', 'Brownian (one side)', 'up/BM'];
  const body: string[][] = [];
  ladder.forEach((row, i) => {
    row.forEach((p, k) => {
      const cells = [String(ctx.thresholdsPips[k]), share(p.up), share(p.down), pct(p.either.share, 1), prob(p.brownian), ratio(p.up.share, p.brownian)];
      body.push(multi ? [k === 0 ? ctx.horizons[i]! : '', ...cells] : cells);
    });
  });
  lines.push(renderTable(header, body).trimEnd());
  const foot = ladder.map((row, i) => `${ctx.horizons[i]}: ${row[0]!.windows.toLocaleString('en-US')} windows, ${num(row[0]!.horizonBars, 1)} bars each, σ ${num(row[0]!.sigmaPerBar / ctx.pip, 2)} pips/bar`);
  lines.push(style.dim(`${foot.join(' · ')}`));
  lines.push(style.dim('start points overlap, so the Wilson interval (binomial) is narrower than the real uncertainty; Brownian: driftless, one side, σ from the same bars'));
  return lines.join('\n') + '\n';
}
