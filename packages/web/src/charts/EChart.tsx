import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { HeatmapChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ExportMeta } from '../util/exportMeta';

// What the correlation views need; the other views register bar/line/legend
// in charts/echartsExtra.ts (loaded with them).
echarts.use([HeatmapChart, ScatterChart, GridComponent, TooltipComponent, AriaComponent, CanvasRenderer]);

export type EChartOption = echarts.EChartsCoreOption;

/** What a chart exposes to its parent (export). */
export interface ChartHandle {
  /** PNG data URL of the chart on a white background. */
  png(): string | undefined;
  /**
   * The chart with its caption, legend and source line (see
   * charts/exportChart.ts, loaded on first use): a PNG data URL or an SVG document.
   */
  image?(type: 'png' | 'svg', meta: ExportMeta): Promise<string | undefined>;
}

export interface EChartProps {
  readonly option: EChartOption;
  readonly height: number | string;
  readonly label: string;
  readonly onClick?: (p: { data?: unknown; value?: unknown; dataIndex: number; seriesIndex?: number }) => void;
  /** Called after each completed render. */
  readonly onRendered?: () => void;
  readonly testId?: string;
  /**
   * Components replaced (not rebuilt) when `option` changes, e.g. `['series']`
   * for a chart whose axes, grid and tooltip stay: ECharts keeps their models
   * and only lays out what changed. Without it every option is set afresh
   * (`notMerge`), which suits charts whose components come and go.
   */
  readonly replaceMerge?: readonly string[];
}

/** An ECharts chart that follows its container's width and re-renders when `option` changes. */
export const EChart = forwardRef<ChartHandle, EChartProps>(function EChart({ option, height, label, onClick, onRendered, testId, replaceMerge }, ref) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const last = useRef(option);
  last.current = option;
  const handlers = useRef({ onClick, onRendered });
  handlers.current = { onClick, onRendered };

  useEffect(() => {
    const c = echarts.init(el.current!, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => handlers.current.onClick?.(p as never));
    c.on('finished', () => handlers.current.onRendered?.());
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(el.current!);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  const merge = replaceMerge?.join(',');
  useEffect(() => {
    chart.current?.setOption(option, merge ? { replaceMerge: merge.split(','), lazyUpdate: false } : { notMerge: true, lazyUpdate: false });
  }, [option, merge]);

  useImperativeHandle(ref, () => ({
    png: () => chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }),
    image: async (type, meta) => {
      const box = el.current;
      if (!box) return undefined;
      const { renderExport } = await import('./exportChart');
      return renderExport(last.current as Record<string, unknown>, meta, box.clientWidth, box.clientHeight, type);
    },
  }));

  return <div ref={el} className="chart" style={{ height }} role="img" aria-label={label} data-testid={testId} />;
});
