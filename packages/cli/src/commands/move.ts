import { formatIsoTime } from '@soukan/core';
import { cliFlag, moveJson, moveQuery, type MoveResult, sourceNeed } from '@soukan/data';
import { moveRequest, type MoveParams as MoveRequestParams, type OutputFormat } from '@soukan/requests';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { toCsv } from '../output/csv.js';
import { makeStyle } from '../output/style.js';
import { renderTable } from '../output/table.js';
import { nul, num, pct } from './exposure.js';

/** Below this a probability prints as `<0.01%` (two decimals of a percent is what the table shows). */
const SMALLEST_SHOWN = 0.0001;

/** Above this the empirical ÷ Brownian ratio prints as `>1000` (explained under the table). */
const RATIO_CAP = 1000;

/**
 * A probability as a percentage: `<0.01%` below 0.01 %, two decimals below
 * 10 %, one above — never an exponent.
 *
 * @example prob(5.1e-13) // '<0.01%'
 * @example prob(0.0044) // '0.44%'
 */
function prob(p: number): string {
  if (!Number.isFinite(p)) return '—';
  if (p === 0) return '0%';
  if (p < SMALLEST_SHOWN) return '<0.01%';
  return pct(p, p < 0.1 ? 2 : 1);
}

/** Empirical ÷ Brownian, capped where the Brownian tail is vanishingly small. */
function ratio(a: number, b: number): string {
  if (!(b > 0) || !Number.isFinite(a)) return '—';
  const r = a / b;
  return r > RATIO_CAP ? `>${RATIO_CAP}` : num(r, 2);
}

interface MoveOptions extends DataOptions {
  format: OutputFormat;
}

export function registerMove(program: Command): void {
  const cmd = program
    .command('move')
    .summary('probability that a pair moves X pips within a horizon (empirical, Wilson 95%, vs Brownian)')
    .description(
      'From every bar close in the history: the share of start points from which price rose at least X pips (on highs) and fell at least X pips (on lows) within the horizon, with counts and Wilson 95% intervals, beside the Brownian first-passage estimate 2·(1 − Φ(X / (σ√H))) from the same bars — where they differ, fat tails matter. Horizons: 600m, 10h, 2d (clock time after the start bar\'s close) or 24b / 24 (bars).',
    );
  addFormat(cmd);
  const names = addRequest(cmd, moveRequest);
  addExamples(cmd, moveRequest);
  withDataOptions(cmd).action(async (_symbol: string, _opts: MoveOptions, self: Command) => {
    await runMove(self.opts<MoveOptions>(), parseCli(moveRequest, cliInput(self, names)));
  });
}

async function runMove(opts: MoveOptions, q: MoveRequestParams): Promise<void> {
  const loaded = await loadMarket(opts, sourceNeed({ symbols: [q.symbol], timeframe: q.timeframe, intraday: true }));
  const r = await loaded.run((m) =>
    moveQuery(
      m,
      { ...q, symbol: q.symbol! },
      cliFlag,
    ),
  );
  const out = process.stdout;
  if (opts.format === 'json') out.write(JSON.stringify(moveJson(r, loaded)) + '\n');
  else if (opts.format === 'csv') out.write(toCsv(moveCsv(r)));
  else out.write(moveTable(r, loaded));
}

function moveCsv(ctx: MoveResult): (string | number | null)[][] {
  const ladder = ctx.ladder;
  const rows: (string | number | null)[][] = [['horizon', 'threshold_pips', 'windows', 'up_hits', 'up_share', 'up_low', 'up_high', 'down_hits', 'down_share', 'down_low', 'down_high', 'either_share', 'brownian']];
  ladder.forEach((row, i) =>
    row.forEach((p, k) =>
      rows.push([ctx.horizons[i]!, ctx.thresholdsPips[k]!, p.windows, p.up.hits, nul(p.up.share), nul(p.up.lower), nul(p.up.upper), p.down.hits, nul(p.down.share), nul(p.down.lower), nul(p.down.upper), nul(p.either.share), nul(p.brownian)]),
    ),
  );
  return rows;
}

function share(p: { share: number; lower: number; upper: number }): string {
  return `${prob(p.share)} [${prob(p.lower)}–${prob(p.upper)}]`;
}

function moveTable(ctx: MoveResult, loaded: LoadedMarket): string {
  const ladder = ctx.ladder;
  const style = makeStyle();
  const lines: string[] = [];
  lines.push(style.bold(`Move probability · ${ctx.symbol}`) + ` · ${ctx.bars.toLocaleString('en-US')} bars (${ctx.timeframe}) ${formatIsoTime(ctx.start)} → ${formatIsoTime(ctx.end)} · pip ${ctx.pip}`);
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  if (ctx.closeOnly) lines.push(style.dim(`${ctx.symbol} has closes only here (fixings, or a cross of two legs): moves are measured on closes, which misses intrabar touches`));
  const multi = ladder.length > 1;
  const header = multi ? ['horizon', 'pips', 'up ≥ X [95%]', 'down ≥ X [95%]', 'either', 'Brownian (one side)', 'up/BM'] : ['pips', 'up ≥ X [95%]', 'down ≥ X [95%]', 'either', 'Brownian (one side)', 'up/BM'];
  const body: string[][] = [];
  let capped = false;
  ladder.forEach((row, i) => {
    row.forEach((p, k) => {
      const cells = [String(ctx.thresholdsPips[k]), share(p.up), share(p.down), prob(p.either.share), prob(p.brownian), ratio(p.up.share, p.brownian)];
      if (p.brownian > 0 && p.up.share / p.brownian > RATIO_CAP) capped = true;
      body.push(multi ? [k === 0 ? ctx.horizons[i]! : '', ...cells] : cells);
    });
  });
  lines.push(renderTable(header, body).trimEnd());
  const foot = ladder.map((row, i) => `${ctx.horizons[i]}: ${row[0]!.windows.toLocaleString('en-US')} windows, ${num(row[0]!.horizonBars, 1)} bars each, σ ${num(row[0]!.sigmaPerBar / ctx.pip, 2)} pips/bar`);
  lines.push(style.dim(`${foot.join(' · ')}`));
  lines.push(style.dim('start points overlap, so the Wilson interval (binomial) is narrower than the real uncertainty; Brownian: driftless, one side, σ from the same bars'));
  if (capped) lines.push(style.dim(`up/BM >${RATIO_CAP}: the Brownian estimate is vanishingly small there (a ${RATIO_CAP}× fatter tail than a random walk's); the exact ratio is in --format json/csv`));
  return lines.join('\n') + '\n';
}
