import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartHandle } from './EChart';

export interface UPlotProps {
  /** Options without width/height (the chart follows its container). */
  readonly options: Omit<uPlot.Options, 'width' | 'height'>;
  readonly data: uPlot.AlignedData;
  readonly height: number;
  readonly label: string;
  readonly testId?: string;
}

/** A uPlot chart (long time series): rebuilt when `options` change, data swapped in place otherwise. */
export const UPlotChart = forwardRef<ChartHandle, UPlotProps>(function UPlotChart({ options, data, height, label, testId }, ref) {
  const el = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    const node = el.current!;
    const width = Math.max(200, node.clientWidth);
    const u = new uPlot({ ...options, width, height }, data, node);
    plot.current = u;
    const ro = new ResizeObserver(() => u.setSize({ width: Math.max(200, node.clientWidth), height }));
    ro.observe(node);
    return () => {
      ro.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Data changes are applied below without rebuilding.
  }, [options, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  useImperativeHandle(ref, () => ({
    png: () => {
      const u = plot.current;
      if (!u) return undefined;
      const src = u.ctx.canvas;
      const out = document.createElement('canvas');
      out.width = src.width;
      out.height = src.height;
      const ctx = out.getContext('2d')!;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(src, 0, 0);
      return out.toDataURL('image/png');
    },
  }));

  return <div ref={el} className="uplot-host" role="img" aria-label={label} data-testid={testId} />;
});
