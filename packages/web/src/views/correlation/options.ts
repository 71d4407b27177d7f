import type { MatrixResponse } from '../../api/types';
import type { EChartOption } from '../../charts/EChart';
import { cellPaint } from '../../charts/hatchPattern';
import type { I18n } from '../../i18n/i18n';
import { x100, type Cell } from './cells';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Tooltip lines of a cell: ρ, n, interval and p — or why it is empty. */
export function cellTooltip(c: Cell, m: MatrixResponse, i18n: I18n): string {
  const head = `<b>${esc(c.a)} × ${esc(c.b)}</b>`;
  if (c.r === null) {
    const why = c.reason ? i18n.t(`corr.reason.${c.reason}`, { n: c.n, min: m.minPeriods }) : '';
    return `${head}<br/>${esc(i18n.t('corr.tip.empty'))}: ${esc(why)}`;
  }
  return [
    head,
    `${i18n.t('corr.tip.rho')} = ${i18n.signed(c.r, 3)} (${x100(c.r)})`,
    `${esc(i18n.t('corr.tip.n'))} = ${i18n.int(c.n)}`,
    c.i === c.j ? '' : `${esc(i18n.t('corr.tip.ci', { level: Math.round(m.ci.level * 100) }))}: [${i18n.signed(c.lo, 3)}, ${i18n.signed(c.hi, 3)}]`,
    c.i === c.j ? '' : `${esc(i18n.t('corr.tip.p'))} ${i18n.pRel(c.p)}`,
  ]
    .filter(Boolean)
    .join('<br/>');
}

/**
 * Layout of a k × k grid of square cells in a container `width` px wide:
 * labels on the left and below, the grid's top at {@link GRID_TOP}.
 */
export function gridLayout(k: number, width: number): { cell: number; left: number; right: number; top: number; bottom: number; height: number; font: number } {
  const font = width < 500 ? 9 : 11;
  const label = Math.round(font * 5.2) + 8;
  const cell = Math.max(8, Math.min(34, Math.floor((width - label - 12) / k)));
  return { cell, left: label, right: Math.max(8, width - label - cell * k), top: GRID_TOP, bottom: label, height: cell * k + label + GRID_TOP, font };
}

/** Pixels above the grid. */
export const GRID_TOP = 4;

function axes(m: MatrixResponse, font: number) {
  return {
    xAxis: { type: 'category', data: m.symbols, position: 'bottom', axisLabel: { rotate: 90, interval: 0, fontSize: font, color: '#222' }, axisTick: { show: false }, splitArea: { show: false } },
    yAxis: { type: 'category', data: m.symbols, inverse: true, axisLabel: { interval: 0, fontSize: font, color: '#222' }, axisTick: { show: false }, splitArea: { show: false } },
  };
}

/** ECharts option of the heatmap: one coloured square per cell, ×100 labels when they fit. */
export function heatmapOption(m: MatrixResponse, cells: readonly Cell[], i18n: I18n, width: number, description: string): EChartOption {
  const k = m.symbols.length;
  const g = gridLayout(k, width);
  const showLabels = g.cell >= 21;
  // One label colour for the series (the commonest), a per-cell colour only where it differs:
  // plain labels lay out several times faster than rich text ones.
  const counts = new Map<string, number>();
  for (const c of cells) counts.set(c.text, (counts.get(c.text) ?? 0) + 1);
  let common = '#111111';
  for (const [color, n] of counts) if (n > (counts.get(common) ?? 0)) common = color;
  return {
    animation: false,
    aria: { enabled: true, label: { description } },
    grid: { left: g.left, right: g.right, top: g.top, bottom: g.bottom },
    tooltip: { confine: true, formatter: (p: { data: { cell: Cell } }) => cellTooltip(p.data.cell, m, i18n) },
    ...axes(m, g.font),
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => ({
          value: [c.j, c.i, c.r ?? 0],
          cell: c,
          itemStyle: { color: cellPaint(c) },
          ...(showLabels && c.text !== common ? { label: { color: c.text } } : {}),
        })),
        label: {
          show: showLabels,
          fontSize: g.cell >= 30 ? 11 : 9,
          color: common,
          formatter: (p: { data: { cell: Cell } }) => (p.data.cell.r === null ? '·' : x100(p.data.cell.r)),
        },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#111111', borderWidth: 2 } },
        progressive: 0,
      },
    ],
  };
}

/** ECharts option of the bubble view: area ∝ |ρ|, colour as the heatmap; empty cells as small grey squares. */
export function bubbleOption(m: MatrixResponse, cells: readonly Cell[], i18n: I18n, width: number, description: string): EChartOption {
  const k = m.symbols.length;
  const g = gridLayout(k, width);
  return {
    animation: false,
    aria: { enabled: true, label: { description } },
    grid: { left: g.left, right: g.right, top: g.top, bottom: g.bottom },
    tooltip: { confine: true, formatter: (p: { data: { cell: Cell } }) => cellTooltip(p.data.cell, m, i18n) },
    ...axes(m, g.font),
    series: [
      {
        type: 'scatter',
        data: cells.map((c) => ({
          value: [c.j, c.i],
          cell: c,
          symbol: c.r === null ? 'rect' : 'circle',
          symbolSize: c.r === null ? Math.max(4, g.cell * 0.3) : Math.max(3, Math.sqrt(Math.abs(c.r)) * g.cell * 0.95),
          itemStyle: { color: cellPaint(c), borderColor: c.r === null ? '#9e9e9e' : 'rgba(0,0,0,0.25)', borderWidth: 1 },
        })),
        emphasis: { scale: 1.15, itemStyle: { borderColor: '#111111', borderWidth: 2 } },
      },
    ],
  };
}
