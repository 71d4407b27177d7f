import type { EChartOption } from '../charts/EChart';
import { cellPaint } from '../charts/hatchPattern';
import type { I18n } from '../i18n/i18n';
import { x100, type Cell } from '../views/correlation/cells';
import { gridLayout } from '../views/correlation/options';
import type { LiveMatrixEvent } from './liveApi';
import { pairIndex } from './liveCells';
import type { LiveKey } from './liveText';

/** Outline of a cell that changed at the last bar (darker than every band colour). */
export const CHANGED_BORDER = '#111111';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * ECharts option of the live heatmap: the layout of the correlation view's
 * heatmap, ×100 labels when they fit, cells of `changed` pairs outlined,
 * and a tooltip with the rolling and EWMA coefficients.
 *
 * @example liveHeatmapOption(ev, liveCells(ev, 'bands'), new Set(ev.changed), i18n, lt, 800).series[0].type // 'heatmap'
 */
export function liveHeatmapOption(ev: LiveMatrixEvent, cells: readonly Cell[], changed: ReadonlySet<number>, i18n: I18n, lt: (k: LiveKey, p?: Record<string, string | number>) => string, width: number): EChartOption {
  const k = ev.symbols.length;
  const g = gridLayout(k, width);
  const showLabels = g.cell >= 21;
  const isChanged = (c: Cell): boolean => c.i !== c.j && changed.has(pairIndex(Math.min(c.i, c.j), Math.max(c.i, c.j), k));
  const tip = (c: Cell): string => {
    const head = `<b>${esc(c.a)} × ${esc(c.b)}</b>`;
    if (c.i === c.j) return head;
    const e = ev.ewm[pairIndex(Math.min(c.i, c.j), Math.max(c.i, c.j), k)] ?? null;
    return `${head}<br/>${esc(lt('live.tip.rolling', { window: i18n.int(ev.window) }))} = ${i18n.signed(c.r, 3)}<br/>${esc(lt('live.tip.ewm'))} = ${i18n.signed(e, 3)}`;
  };
  return {
    animation: false,
    aria: { enabled: true, label: { description: lt('live.matrix.legend') } },
    grid: { left: g.left, right: g.right, top: g.top, bottom: g.bottom },
    tooltip: { confine: true, formatter: (p: { data: { cell: Cell } }) => tip(p.data.cell) },
    xAxis: { type: 'category', data: ev.symbols, position: 'bottom', axisLabel: { rotate: 90, interval: 0, fontSize: g.font, color: '#222' }, axisTick: { show: false } },
    yAxis: { type: 'category', data: ev.symbols, inverse: true, axisLabel: { interval: 0, fontSize: g.font, color: '#222' }, axisTick: { show: false } },
    series: [
      {
        type: 'heatmap',
        data: cells.map((c) => {
          const hot = isChanged(c);
          return {
            value: [c.j, c.i, c.r ?? 0],
            cell: c,
            itemStyle: hot ? { color: cellPaint(c), borderColor: CHANGED_BORDER, borderWidth: 3 } : { color: cellPaint(c) },
            label: { color: c.text, fontWeight: hot ? 'bold' : 'normal' },
          };
        }),
        label: { show: showLabels, fontSize: g.cell >= 30 ? 11 : 9, formatter: (p: { data: { cell: Cell } }) => (p.data.cell.r === null ? '·' : x100(p.data.cell.r)) },
        itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
        emphasis: { itemStyle: { borderColor: '#111111', borderWidth: 2 } },
        progressive: 0,
      },
    ],
  };
}
