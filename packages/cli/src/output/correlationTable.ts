import { formatIsoTime, type CorrelationReport, type Timeframe } from '@soukan/core';
import type { CorrelationSeriesResult } from '@soukan/data';
import { pad, renderTable } from './table.js';
import { strengthColor, type Style } from './style.js';

const TIMEFRAME_WORDS: Record<string, string> = { D1: 'daily', W1: 'weekly' };

function describeInput(on: 'returns' | 'levels', returnKind: string, timeframe: Timeframe): string {
  const bars = TIMEFRAME_WORDS[timeframe] ?? `${timeframe}`;
  return on === 'returns' ? `${bars} ${returnKind} returns` : `${bars} price LEVELS (not returns)`;
}

const METHOD_NAMES = { pearson: 'Pearson', spearman: 'Spearman', kendall: 'Kendall tau-b' } as const;

export interface TableContext {
  readonly style: Style;
  readonly timeframe: Timeframe;
  readonly source: string;
  readonly attribution?: string;
  /** The shrinkage estimator the coefficients come from, if any (said in the header). */
  readonly shrink?: { readonly estimator: string; readonly intensity: number };
}

/**
 * The matrix as traders read it in MetaTrader: ρ × 100, coloured by strength
 * (|ρ| ≥ 75 red, ≥ 50 orange, ≥ 25 blue, else green), not significant cells
 * dimmed, empty cells as `·` with the reason in a footnote. Column headers are
 * stacked (base over quote) so 28 pairs fit in about 150 columns.
 */
export function matrixTable(r: CorrelationReport, ctx: TableContext): string {
  const { style } = ctx;
  const k = r.symbols.length;
  const labelW = Math.max(...r.symbols.map((s) => s.length));
  const W = 5;
  const lines: string[] = [];
  lines.push(
    style.bold(`${METHOD_NAMES[r.method]} correlation ×100 of ${describeInput(r.on, r.returnKind, ctx.timeframe)}`) +
      `${ctx.shrink ? ` · shrunk (${ctx.shrink.estimator}, intensity ${ctx.shrink.intensity.toFixed(4)})` : ''}` +
      ` · ${r.observations} observations · ${formatIsoTime(r.start)} → ${formatIsoTime(r.end)}`,
  );
  lines.push(style.dim(`${ctx.source}${ctx.attribution ? ` · ${ctx.attribution}` : ''}`));
  const split = r.symbols.map((s) => s.split('/'));
  lines.push(' '.repeat(labelW) + split.map((p) => pad(p[0] ?? '', W)).join(''));
  lines.push(' '.repeat(labelW) + split.map((p) => pad(p[1] ?? '', W)).join(''));
  const reasons = new Map<string, number>();
  let dimmed = 0;
  for (let i = 0; i < k; i++) {
    let row = pad(r.symbols[i]!, labelW, 'left');
    for (let j = 0; j < k; j++) {
      const c = i * k + j;
      const v = r.r[c]!;
      if (Number.isNaN(v)) {
        row += pad('·', W);
        const why = r.reason[c] ?? 'undefined';
        if (i < j) reasons.set(why, (reasons.get(why) ?? 0) + 1);
        continue;
      }
      const pct = Math.round(v * 100);
      const txt = pad((pct > 0 && i !== j ? '+' : '') + String(pct === 0 ? 0 : pct), W);
      if (i === j) row += style.dim(txt);
      else {
        const significant = r.p[c]! < 1 - r.confidence;
        if (!significant && style.color) {
          row += style.dim(style.paint(strengthColor(v), txt));
          if (i < j) dimmed++;
        } else row += style.paint(strengthColor(v), txt);
      }
    }
    lines.push(row);
  }
  const foot: string[] = [];
  if (style.color) foot.push(`|ρ| ≥ 75 ${style.paint('31', 'red')}, ≥ 50 ${style.paint('38;5;208', 'orange')}, ≥ 25 ${style.paint('34', 'blue')}, else ${style.paint('32', 'green')}${dimmed ? `; dim: not significant at ${Math.round((1 - r.confidence) * 100)}% (${dimmed} pair${dimmed === 1 ? '' : 's'})` : ''}`);
  for (const [why, count] of reasons) foot.push(`· empty: ${why === 'too-few-observations' ? `fewer than ${r.minPeriods} observations` : why === 'constant-input' ? 'a series is constant over the window' : why} (${count} pair${count === 1 ? '' : 's'})`);
  if (r.order === 'cluster') foot.push('order: hierarchical clustering (average linkage on 1 − ρ)');
  return lines.join('\n') + '\n' + (foot.length ? style.dim(foot.join('\n')) + '\n' : '');
}

export interface SeriesContext {
  readonly style: Style;
  readonly label: string;
  readonly source: string;
  readonly attribution?: string;
  /** Every value, one line each (`--series`); else the last value and a summary. */
  readonly rows?: boolean;
}

/**
 * A rolling/EWMA correlation series: by default its last value and a summary
 * (mean ± σ, range, count, dates) — a daily series since 1999 is thousands
 * of lines, which belong in `--series` or `--format csv|json`.
 */
export function seriesTable(res: CorrelationSeriesResult, ctx: SeriesContext): string {
  const idx = Array.from(res.rho.keys()).filter((i) => !Number.isNaN(res.rho[i]!));
  const vals = idx.map((i) => res.rho[i]!);
  const mean = vals.reduce((a, b) => a + b, 0) / (vals.length || 1);
  const sd = Math.sqrt(vals.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, vals.length - 1));
  const head =
    ctx.style.bold(`${res.symbols.join(' vs ')}: ${ctx.label} Pearson correlation of ${describeInput(res.on, res.returnKind, res.timeframe)}`) +
    `\n${ctx.style.dim(`${ctx.source}${ctx.attribution ? ` · ${ctx.attribution}` : ''}`)}\n`;
  if (vals.length === 0) return head + 'no value: every window has too few observations\n';
  const at = (i: number): string => formatIsoTime(res.time[i]!);
  const last = idx[idx.length - 1]!;
  const lo = idx.reduce((a, b) => (res.rho[b]! < res.rho[a]! ? b : a));
  const hi = idx.reduce((a, b) => (res.rho[b]! > res.rho[a]! ? b : a));
  const summary =
    `mean ${mean.toFixed(3)} ± ${sd.toFixed(3)} (σ) over ${vals.length} values ${at(idx[0]!)} → ${at(last)}; ` +
    `min ${res.rho[lo]!.toFixed(3)} (${at(lo)}), max ${res.rho[hi]!.toFixed(3)} (${at(hi)})\n`;
  if (ctx.rows) {
    const rows = Array.from(res.time, (t, i) => {
      const v = res.rho[i]!;
      return [formatIsoTime(t), Number.isNaN(v) ? '' : ctx.style.paint(strengthColor(v), v.toFixed(3))];
    });
    return head + renderTable(['time', 'rho'], rows) + summary;
  }
  const v = res.rho[last]!;
  return (
    head +
    `last ${ctx.style.paint(strengthColor(v), v.toFixed(3))} at ${at(last)}\n` +
    summary +
    ctx.style.dim('every value: --series (with --window N for the last N), or --format csv|json') +
    '\n'
  );
}
