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
  /** Columns of the terminal: a matrix wider than this is drawn compact (see {@link compactLabels}). */
  readonly width?: number;
}

/** Below this many columns a matrix that does not fit is drawn compact. */
export const COMPACT_BELOW = 100;

/**
 * Two-letter labels for a compact matrix: a pair's two currencies by the
 * first two letters of their ISO codes (the country code: EU US GB JP …),
 * `EUUS` for EUR/USD — or null when two currencies would share a label
 * (XAU and XAG), and the full symbols are kept.
 *
 * @example compactLabels(['EUR/USD', 'USD/JPY']) // [['EU', 'US'], ['US', 'JP']]
 */
export function compactLabels(symbols: readonly string[]): [string, string][] | null {
  const split = symbols.map((s) => s.split('/') as [string, string]);
  const short = new Map<string, string>();
  for (const c of split.flat()) {
    const a = c.slice(0, 2);
    const other = [...short.entries()].find(([k, v]) => v === a && k !== c);
    if (other) return null;
    short.set(c, a);
  }
  return split.map(([b, q]) => [short.get(b)!, short.get(q)!]);
}

/** Width of the full matrix: row labels plus five columns a cell. */
function fullWidth(symbols: readonly string[]): number {
  return Math.max(...symbols.map((s) => s.length)) + 5 * symbols.length;
}

/** The legend's count of dimmed cells, saying what it counts. */
function dimmedText(dimmed: number, k: number, confidence: number): string {
  return `dim: not significant at ${Math.round((1 - confidence) * 100)}% (${dimmed} of the ${(k * (k - 1)) / 2} pairs)`;
}

/**
 * A matrix for a narrow terminal: labels of four letters (EUUS), cells of
 * two digits (ρ × 100, |…| capped at 99; a negative's minus takes the
 * space before it) — 28 pairs fit in 89 columns.
 */
function compactMatrix(r: CorrelationReport, ctx: TableContext, labels: [string, string][]): string[] {
  const { style } = ctx;
  const k = r.symbols.length;
  const rows: string[] = [];
  rows.push('     ' + labels.map((l) => ` ${l[0]}`).join(''));
  rows.push('     ' + labels.map((l) => ` ${l[1]}`).join(''));
  for (let i = 0; i < k; i++) {
    let row = `${labels[i]![0]}${labels[i]![1]} `;
    for (let j = 0; j < k; j++) {
      const c = i * k + j;
      const v = r.r[c]!;
      if (i === j) row += style.dim('  ·');
      else if (Number.isNaN(v)) row += '   ';
      else {
        const two = Math.min(99, Math.round(Math.abs(v) * 100));
        const txt = `${v < 0 && two > 0 ? '-' : ''}${two}`.padStart(3, ' ');
        const significant = r.p[c]! < 1 - r.confidence;
        row += !significant && style.color ? style.dim(style.paint(strengthColor(v), txt)) : style.paint(strengthColor(v), txt);
      }
    }
    rows.push(row);
  }
  rows.push(style.dim(`compact (under ${COMPACT_BELOW} columns): ${labels[0]![0]}${labels[0]![1]} = ${r.symbols[0]} …; ρ × 100, ±99 = |ρ| ≥ 0.985; wider: --width`));
  return rows;
}

/** One pair of a ranked list. */
export interface RankedPair {
  readonly a: string;
  readonly b: string;
  readonly r: number;
  readonly n: number;
  readonly p: number;
  readonly lo: number;
  readonly hi: number;
}

/**
 * The `n` strongest pairs of a matrix by |ρ| (each pair once, empty cells
 * left out), strongest first; ties keep the matrix order.
 *
 * @example topPairs(report, 3)[0] // { a: 'EUR/USD', b: 'USD/CHF', r: -0.93, … }
 */
export function topPairs(r: CorrelationReport, n: number): RankedPair[] {
  const k = r.symbols.length;
  const out: RankedPair[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const c = i * k + j;
      if (!Number.isNaN(r.r[c]!)) out.push({ a: r.symbols[i]!, b: r.symbols[j]!, r: r.r[c]!, n: r.n[c]!, p: r.p[c]!, lo: r.lo[c]!, hi: r.hi[c]! });
    }
  }
  return out.sort((x, y) => Math.abs(y.r) - Math.abs(x.r)).slice(0, n);
}

/** `--top N`: the strongest pairs as a ranked list instead of the grid. */
export function rankedTable(r: CorrelationReport, ctx: TableContext, n: number): string {
  const { style } = ctx;
  const k = r.symbols.length;
  const top = topPairs(r, n);
  const lines = header(r, ctx);
  const ci = `${Math.round(r.confidence * 100)}% interval`;
  const rows = top.map((t, i) => {
    const pct = Math.round(t.r * 100);
    return [`${i + 1}`, `${t.a} ~ ${t.b}`, style.paint(strengthColor(t.r), `${pct > 0 ? '+' : ''}${pct}`), `[${Math.round(t.lo * 100)}, ${Math.round(t.hi * 100)}]`, String(t.n), t.p < 1e-4 ? '<0.0001' : t.p.toFixed(4)];
  });
  lines.push(renderTable(['#', 'pair', 'ρ×100', ci, 'n', 'p'], rows).trimEnd());
  lines.push(style.dim(`the ${top.length} strongest of the ${(k * (k - 1)) / 2} pairs by |ρ|, sign kept (− : they move against each other)`));
  return lines.join('\n') + '\n';
}

function header(r: CorrelationReport, ctx: TableContext): string[] {
  const { style } = ctx;
  return [
    style.bold(`${METHOD_NAMES[r.method]} correlation ×100 of ${describeInput(r.on, r.returnKind, ctx.timeframe)}`) +
      `${ctx.shrink ? ` · shrunk (${ctx.shrink.estimator}, intensity ${ctx.shrink.intensity.toFixed(4)})` : ''}` +
      ` · ${r.observations} observations · ${formatIsoTime(r.start)} → ${formatIsoTime(r.end)}`,
    style.dim(`${ctx.source}${ctx.attribution ? ` · ${ctx.attribution}` : ''}`),
  ];
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
  const lines = header(r, ctx);
  const labels = ctx.width !== undefined && ctx.width < COMPACT_BELOW && fullWidth(r.symbols) > ctx.width ? compactLabels(r.symbols) : null;
  if (labels) lines.push(...compactMatrix(r, ctx, labels));
  // Column heads hold four characters: an index or a user's series is cut (SPX500 → SPX5); its row label stays whole.
  const split = r.symbols.map((s) => s.split('/').map((c) => c.slice(0, W - 1)));
  if (!labels) lines.push(' '.repeat(labelW) + split.map((p) => pad(p[0] ?? '', W)).join(''));
  if (!labels) lines.push(' '.repeat(labelW) + split.map((p) => pad(p[1] ?? '', W)).join(''));
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
    if (!labels) lines.push(row);
  }
  const foot: string[] = [];
  if (style.color) foot.push(`|ρ| ≥ 75 ${style.paint('31', 'red')}, ≥ 50 ${style.paint('38;5;208', 'orange')}, ≥ 25 ${style.paint('34', 'blue')}, else ${style.paint('32', 'green')}${dimmed ? `; ${dimmedText(dimmed, k, r.confidence)}` : ''}`);
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
