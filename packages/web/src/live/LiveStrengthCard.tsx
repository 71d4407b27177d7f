import '../charts/echartsExtra';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../charts/EChart';
import { Card } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { tickTime } from './formatLive';
import { useLive } from './LiveProvider';
import { useLiveText } from './liveText';

/**
 * Live currency strength (live mode only): the index of each currency from
 * the latest `strength` event, strongest first, as bars from 100.
 *
 * @example <LiveStrengthCard /> // EUR 100.21, USD 99.87, …
 */
export function LiveStrengthCard() {
  const live = useLive();
  const i18n = useI18n();
  const lt = useLiveText();
  const s = live.strength;
  const option = useMemo<EChartOption | null>(() => {
    if (!s) return null;
    const rows = s.currencies.map((c, i) => ({ c, v: s.scores[i] ?? null })).sort((a, b) => (b.v ?? -Infinity) - (a.v ?? -Infinity));
    return {
      animation: false,
      grid: { left: 48, right: 64, top: 8, bottom: 24 },
      xAxis: { type: 'value', splitNumber: 3, axisLabel: { color: '#333', hideOverlap: true, formatter: (v: number) => i18n.num(100 + v, 1) }, splitLine: { lineStyle: { color: '#eee' } } },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.c), axisLabel: { color: '#222', fontWeight: 'bold' } },
      series: [
        {
          type: 'bar',
          data: rows.map((r) => ({ value: r.v === null ? null : r.v - 100, itemStyle: { color: (r.v ?? 100) >= 100 ? '#2e7d32' : '#c62828' } })),
          label: { show: true, position: 'right', color: '#222', formatter: (p: { value: number | null }) => (p.value === null ? '—' : i18n.num(100 + p.value, 2)) },
          barMaxWidth: 18,
        },
      ],
    };
  }, [s, i18n]);
  if (live.mode !== 'on' || !s || !option) return null;
  const title = lt('live.strength.title', { time: tickTime(s.time, i18n.locale) });
  return (
    <Card title={<span data-testid="live-strength-title">{title}</span>} testId="live-strength-card">
      <EChart option={option} height={Math.max(140, s.currencies.length * 24 + 32)} label={title} testId="live-strength-chart" />
      <p className="muted">{lt('live.strength.note')}</p>
    </Card>
  );
}
