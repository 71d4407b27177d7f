import { GraphicComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { ExportMeta } from '../util/exportMeta';
import { hatchPattern } from './hatchPattern';

echarts.use([GraphicComponent, SVGRenderer]);

const FONT = 13;
const LINE = 18;
const PAD = 12;
const SWATCH = 14;
// Unquoted names: the SVG renderer writes the font into a double-quoted style attribute.
const FAMILY = 'system-ui, -apple-system, Segoe UI, Hiragino Sans, Noto Sans JP, Noto Sans CJK JP, sans-serif';

let measurer: CanvasRenderingContext2D | null = null;
function textWidth(s: string, bold = false): number {
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return s.length * FONT * 0.6;
  measurer.font = `${bold ? 'bold ' : ''}${FONT}px ${FAMILY}`;
  return measurer.measureText(s).width;
}

/** Greedy word wrap to `width` px (CJK text without spaces breaks anywhere). */
function wrap(s: string, width: number, bold = false): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of s.split(/(?<=\s)|(?=[\u3000-\u9fff])/u)) {
    if (line && textWidth(line + ch, bold) > width) {
      out.push(line.trimEnd());
      line = ch.trimStart();
    } else line += ch;
  }
  if (line) out.push(line.trimEnd());
  return out;
}

type Graphic = Record<string, unknown>;

function text(x: number, y: number, s: string, o: { bold?: boolean; color?: string } = {}): Graphic {
  return { type: 'text', x, y, style: { text: s, font: `${o.bold ? 'bold ' : ''}${FONT}px ${FAMILY}`, fill: o.color ?? '#1b1f24' } };
}

function shift(v: unknown, by: number, fallback: number): number {
  return (typeof v === 'number' ? v : fallback) + by;
}

/**
 * A chart's option with the caption above it and the legend, notes and
 * source line below it, and the height that takes: what PNG and SVG exports
 * draw, so a saved image says what it shows.
 */
export function decorate(option: Record<string, unknown>, meta: ExportMeta, width: number, chartHeight: number): { option: Record<string, unknown>; height: number } {
  const inner = width - 2 * PAD;
  const head = wrap(meta.caption, inner, true);
  const header = PAD + head.length * LINE + 6;
  const g: Graphic[] = head.map((l, i) => text(PAD, PAD + i * LINE, l, { bold: true }));
  let y = header + chartHeight + 6;
  let x = PAD;
  for (const item of meta.legend) {
    const w = SWATCH + 6 + textWidth(item.text) + 16;
    if (x > PAD && x + w > width - PAD) {
      x = PAD;
      y += LINE + 4;
    }
    g.push({ type: 'rect', x, y: y + 1, shape: { width: SWATCH, height: SWATCH }, style: { fill: item.hatch ? hatchPattern(item.fill, item.hatch) : item.fill, stroke: '#9aa4b2', lineWidth: 0.5 } });
    g.push(text(x + SWATCH + 6, y + 1, item.text));
    x += w;
  }
  if (meta.legend.length) y += LINE + 6;
  for (const n of meta.notes) for (const l of wrap(n, inner)) {
    g.push(text(PAD, y, l, { color: '#4a5360' }));
    y += LINE;
  }
  for (const l of wrap(meta.source, inner)) {
    g.push(text(PAD, y, l, { color: '#4a5360' }));
    y += LINE;
  }
  const footer = y + PAD - (header + chartHeight);
  const grids = Array.isArray(option.grid) ? option.grid : option.grid ? [option.grid] : [{}];
  const grid = grids.map((x: Record<string, unknown>) => ({ ...x, top: shift(x.top, header, 60), bottom: shift(x.bottom, footer, 60) }));
  const legend = option.legend && !Array.isArray(option.legend) ? { ...(option.legend as Record<string, unknown>), bottom: shift((option.legend as Record<string, unknown>).bottom, footer, 0) } : option.legend;
  const graphic = [...(Array.isArray(option.graphic) ? option.graphic : []), ...g];
  return { option: { ...option, animation: false, backgroundColor: '#ffffff', grid, legend, graphic, tooltip: undefined }, height: header + chartHeight + footer };
}

/** The chart drawn with its caption, legend and source line, as a PNG data URL or an SVG document. */
export function renderExport(option: Record<string, unknown>, meta: ExportMeta, width: number, chartHeight: number, type: 'png' | 'svg'): string {
  const d = decorate(option, meta, width, chartHeight);
  if (type === 'svg') {
    const c = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height: d.height });
    try {
      c.setOption(d.option);
      return c.renderToSVGString();
    } finally {
      c.dispose();
    }
  }
  const host = document.createElement('div');
  host.style.cssText = `position:fixed;left:-100000px;top:0;width:${width}px;height:${d.height}px`;
  document.body.appendChild(host);
  const c = echarts.init(host, undefined, { renderer: 'canvas', width, height: d.height });
  try {
    c.setOption(d.option);
    return c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
  } finally {
    c.dispose();
    host.remove();
  }
}
