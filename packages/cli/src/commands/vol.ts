import { formatIsoTime } from '@soukan/core';
import {
  cliFlag,
  garchIdentified,
  garchWarning,
  MIN_GARCH,
  volatilityJson,
  volatilityQuery,
  WEEKDAYS,
  type VolatilityResult,
  sourceNeed,
} from '@soukan/data';
import { volatilityRequest, type VolatilityParams as VolatilityRequestParams, type OutputFormat } from '@soukan/requests';
import type { Command } from 'commander';
import { loadMarket, withDataOptions, type DataOptions, type LoadedMarket } from '../load.js';
import { addExamples, addFormat, addRequest, cliInput, parseCli } from '../requestOptions.js';
import { toCsv } from '../output/csv.js';
import { makeStyle } from '../output/style.js';
import { renderTable } from '../output/table.js';
import { nul, num, pct } from './exposure.js';

interface VolOptions extends DataOptions {
  format: OutputFormat;
}

export function registerVol(program: Command): void {
  const cmd = program
    .command('vol')
    .summary('volatility of a pair: estimators (annualised, factor stated), ATR, EWMA, GARCH(1,1), range by hour and weekday')
    .description(
      'Volatility of a pair over the last N bars: close-to-close, Parkinson, Garman–Klass, Rogers–Satchell and Yang–Zhang (annualised by √(bars per year), the factor printed), Wilder ATR in pips, the RiskMetrics EWMA forecast and a GARCH(1,1) fit (Gaussian QML) with its forecast. With intraday data also the average bar range in pips and % by hour of day (H1 bars, in --zone) and by weekday (D1 bars, 17:00 New York day) over the last --weeks weeks.',
    );
  addFormat(cmd);
  const names = addRequest(cmd, volatilityRequest);
  addExamples(cmd, volatilityRequest);
  withDataOptions(cmd).action(async (_symbol: string, _opts: VolOptions, self: Command) => {
    await runVol(self.opts<VolOptions>(), parseCli(volatilityRequest, cliInput(self, names)));
  });
}

async function runVol(opts: VolOptions, q: VolatilityRequestParams): Promise<void> {
  const loaded = await loadMarket(opts, sourceNeed({ symbols: [q.symbol], timeframe: q.timeframe, intraday: true }));
  const r = await loaded.run((m) =>
    volatilityQuery(
      m,
      { ...q, symbol: q.symbol! },
      cliFlag,
    ),
  );
  for (const m of r.notes) process.stderr.write(`note: ${m}\n`);
  const out = process.stdout;
  if (opts.format === 'json') out.write(JSON.stringify(volatilityJson(r, loaded)) + '\n');
  else if (opts.format === 'csv') out.write(toCsv(volCsv(r)));
  else out.write(volTable(r, loaded));
}

function volCsv(r: VolatilityResult): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [['section', 'item', 'count', 'sigma', 'annualised', 'pips', 'percent']];
  for (const e of r.estimators) rows.push(['estimator', e.name, e.est.n, nul(e.est.sigma), nul(e.est.annualised), nul((e.est.sigma * r.price) / r.pip), null]);
  if (r.atr) rows.push(['atr', `ATR(${r.atrPeriod})`, null, null, null, nul(r.atr.pips), nul(100 * r.atr.fraction)]);
  rows.push(['ewma', `EWMA(${r.lambda})`, r.returnsUsed, nul(r.ewmaSigma), nul(r.ewmaSigma * Math.sqrt(r.ppy)), null, null]);
  if (r.garch) {
    const g = r.garch;
    rows.push(['garch', 'omega', g.nobs, nul(g.omega), null, null, null], ['garch', 'alpha', g.nobs, nul(g.alpha), null, null, null], ['garch', 'beta', g.nobs, nul(g.beta), null, null, null]);
    rows.push(['garch', 'long-run', g.nobs, nul(Math.sqrt(g.longRunVariance)), nul(g.annualisedLongRun), null, null]);
    g.forecast.forEach((v, i) => rows.push(['garch', `forecast ${i + 1}`, null, nul(Math.sqrt(v)), nul(Math.sqrt(v * r.ppy)), null, null]));
  }
  for (const b of r.hours ?? []) rows.push(['hour', String(b.key), b.count, null, null, nul(b.meanPips), nul(b.meanPct)]);
  for (const b of r.weekdays ?? []) rows.push(['weekday', WEEKDAYS[b.key]!, b.count, null, null, nul(b.meanPips), nul(b.meanPct)]);
  return rows;
}

function volTable(r: VolatilityResult, loaded: LoadedMarket): string {
  const style = makeStyle();
  const lines: string[] = [];
  lines.push(style.bold(`Volatility · ${r.symbol}`) + ` · ${r.n} ${r.tf} bars ${formatIsoTime(r.start)} → ${formatIsoTime(r.end)} · annualised × √${r.ppyLabel}`);
  lines.push(style.dim(`${loaded.description}${loaded.attribution ? ` · ${loaded.attribution}` : ''}`));
  const rows = r.estimators.map((e) => [e.name, pct(e.est.sigma, 3), num((e.est.sigma * r.price) / r.pip, 1), pct(e.est.annualised, 2), String(e.est.n)]);
  rows.push([`EWMA λ=${r.lambda} (next bar)`, pct(r.ewmaSigma, 3), num((r.ewmaSigma * r.price) / r.pip, 1), pct(r.ewmaSigma * Math.sqrt(r.ppy), 2), String(r.returnsUsed)]);
  lines.push(renderTable(['estimator', 'σ per bar', 'pips', 'annualised', 'n'], rows).trimEnd());
  if (r.atr) lines.push(`ATR(${r.atrPeriod}, Wilder): ${num(r.atr.pips, 1)} pips = ${pct(r.atr.fraction, 3)} of price (a mean range, ≈ 1.6 σ for a random walk, not a σ)`);
  else lines.push(style.dim(`range estimators, ATR and range tables need open/high/low bars; ${r.symbol} has closes only here (daily fixings, or a cross built from two quoted legs, whose highs and lows cannot be derived)`));
  const g = r.garch;
  if (g) {
    lines.push('');
    lines.push(style.bold('GARCH(1,1)') + ` · Gaussian QML on ${g.nobs + 1} ${r.tf} log returns, zero mean, σ²₀ = mean square (tseries conditioning)${g.converged ? '' : style.bold(' · NOT CONVERGED')}`);
    lines.push(
      renderTable(
        ['ω', 'α', 'β', 'α+β', 'log-lik', 'long-run σ (ann.)'],
        [[g.omega.toExponential(4), `${num(g.alpha, 4)} ±${num(g.stdErrors.alpha, 4)}`, `${num(g.beta, 4)} ±${num(g.stdErrors.beta, 4)}`, num(g.persistence, 4), num(g.logLikelihood, 2), garchIdentified(g) ? pct(g.annualisedLongRun, 2) : '—']],
      ).trimEnd(),
    );
    const f = Array.from(g.forecast, (v) => pct(Math.sqrt(v * r.ppy), 2));
    lines.push(`forecast σ (annualised), next ${f.length} bars: ${f.join(' ')} · over the ${f.length} bars: ${pct(g.horizonVolatility, 2)}`);
    const warn = garchWarning(g);
    if (warn) lines.push(style.bold(`warning: ${warn}`));
  } else lines.push(style.dim(`GARCH(1,1) needs at least ${MIN_GARCH} returns; ${r.returnsUsed} available`));
  if (r.hours) {
    lines.push('');
    lines.push(style.bold(`Average H1 range by hour (${r.zone})`) + ` · last ${r.weeks} weeks${r.rangeSpan ? ` (${formatIsoTime(r.rangeSpan[0])} → ${formatIsoTime(r.rangeSpan[1])})` : ''}`);
    lines.push(renderTable(['hour', 'bars', 'pips', '%'], r.hours.filter((b) => b.count > 0).map((b) => [`${String(b.key).padStart(2, '0')}:00`, String(b.count), num(b.meanPips, 1), num(b.meanPct, 3)])).trimEnd());
  }
  if (r.weekdays) {
    lines.push('');
    lines.push(style.bold('Average daily range by weekday') + ` · D1 bars (17:00 New York day) · last ${r.weeks} weeks`);
    lines.push(renderTable(['weekday', 'days', 'pips', '%'], r.weekdays.filter((b) => b.count > 0).map((b) => [WEEKDAYS[b.key]!, String(b.count), num(b.meanPips, 1), num(b.meanPct, 3)])).trimEnd());
  }
  return lines.join('\n') + '\n';
}
