import './live.css';
import { useEffect, useMemo, useRef } from 'react';
import type { Scheme } from '../charts/colors';
import { EChart } from '../charts/EChart';
import { Card } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { useWidth } from '../state/useWidth';
import { gridLayout } from '../views/correlation/options';
import { tickTime } from './formatLive';
import { liveCells } from './liveCells';
import { liveHeatmapOption } from './liveHeatmapOption';
import { useLive } from './LiveProvider';
import { useLiveText } from './liveText';
import { useChangedCells } from './useChangedCells';
import { useReducedMotion } from './useReducedMotion';

/**
 * The live correlation heatmap (live mode only; nothing otherwise): redrawn
 * from each `matrix` event without reload, the cells that changed at the
 * last bar outlined. After each new event is drawn, the frame after the next
 * animation frame marks `soukan:live-painted` (the tick → pixels bench reads it) and the host
 * carries the event's time in `data-live-time`.
 *
 * @example <LiveMatrixCard scheme="bands" onOpen={(a, b) => openPair(a, b)} />
 */
export function LiveMatrixCard(props: { scheme: Scheme; onOpen?: (a: string, b: string) => void }) {
  // The card mounts only in live mode, so its host exists when its width is first measured.
  return useLive().mode === 'on' ? <LiveMatrix {...props} /> : null;
}

function LiveMatrix({ scheme, onOpen }: { scheme: Scheme; onOpen?: (a: string, b: string) => void }) {
  const live = useLive();
  const i18n = useI18n();
  const lt = useLiveText();
  const host = useRef<HTMLDivElement>(null);
  const width = useWidth(host);
  const reduced = useReducedMotion();
  const ev = live.matrix;
  const changed = useChangedCells(ev, reduced);
  const changedKey = [...changed].join(',');
  const cells = useMemo(() => (ev ? liveCells(ev, scheme) : []), [ev, scheme]);
  // changedKey stands for the set (a new Set each render).
  const option = useMemo(() => (ev ? liveHeatmapOption(ev, cells, new Set(changedKey ? changedKey.split(',').map(Number) : []), i18n, lt, width) : {}), [ev, cells, changedKey, i18n, lt, width]);
  const painted = useRef<string | null>(null);
  const k = ev?.symbols.length ?? 8;
  const g = gridLayout(k, width);
  // EChart draws the canvas in its effect (setOption without lazy update renders at once); this effect runs
  // after it, so the frame after the next animation frame callback shows the new cells.
  useEffect(() => {
    const time = ev?.time;
    if (!time || painted.current === time) return;
    painted.current = time;
    requestAnimationFrame(() =>
      setTimeout(() => {
        performance.mark('soukan:live-painted', { detail: { time } });
        host.current?.setAttribute('data-live-time', time);
      }, 0),
    );
  }, [ev, option]);
  const title = ev ? lt('live.matrix.title', { window: i18n.int(ev.window), session: lt(`live.session.${ev.session}`), time: tickTime(ev.time, i18n.locale) }) : lt('live.matrix.waiting');
  return (
    <Card title={<span data-testid="live-matrix-title">{title}</span>} testId="live-matrix-card">
      <div
        ref={host}
        className="matrix-host live-matrix-host"
        data-testid="live-matrix-host"
        data-grid={JSON.stringify({ k, ...g })}
        data-symbols={ev?.symbols.join(',')}
        data-values={ev?.rolling.map((r) => (r === null ? '' : r.toFixed(2))).join(',')}
        data-changed={changedKey}
      >
        <EChart option={option} height={g.height} label={title} testId="live-heatmap" replaceMerge={REPLACE_SERIES} onClick={(p) => { const c = (p.data as { cell?: { i: number; j: number; a: string; b: string } }).cell; if (c && c.i !== c.j) onOpen?.(c.a, c.b); }} />
      </div>
      <p className="legend muted">
        {lt('live.matrix.legend')}
        {ev && ev.changed.length > 0 && <> {lt('live.matrix.changed', { n: ev.changed.length })}</>}
      </p>
    </Card>
  );
}

const REPLACE_SERIES = ['series'];
