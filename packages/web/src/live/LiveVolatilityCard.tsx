import '../charts/echartsExtra';
import { useMemo } from 'react';
import { EChart, type EChartOption } from '../charts/EChart';
import { Card } from '../components/common';
import { useI18n } from '../i18n/i18n';
import { tickTime } from './formatLive';
import { useLive } from './LiveProvider';
import { useLiveText } from './liveText';

/**
 * Live volatility (live mode only): σ of one-minute log returns over the
 * live window for every live pair, from the latest `matrix` event, the
 * view's pair (`symbol`) highlighted.
 *
 * @example <LiveVolatilityCard symbol="EUR/USD" /> // bars per pair, EUR/USD in blue
 */
export function LiveVolatilityCard({ symbol }: { symbol?: string }) {
  const live = useLive();
  const i18n = useI18n();
  const lt = useLiveText();
  const m = live.matrix;
  const option = useMemo<EChartOption | null>(() => {
    if (!m) return null;
    return {
      animation: false,
      grid: { left: 56, right: 12, top: 16, bottom: 64 },
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${i18n.num(v, 4)} %` },
      xAxis: { type: 'category', data: m.symbols, axisLabel: { color: '#333', interval: 0, rotate: m.symbols.length > 6 ? 45 : 0, fontSize: 11 } },
      yAxis: { type: 'value', name: lt('live.vol.axis'), nameTextStyle: { color: '#333', align: 'left' }, axisLabel: { color: '#333', formatter: (v: number) => i18n.num(v, 3) }, splitLine: { lineStyle: { color: '#eee' } } },
      series: [{ type: 'bar', barMaxWidth: 28, data: m.vol.map((v, i) => ({ value: v === null ? null : v * 100, itemStyle: { color: m.symbols[i] === symbol ? '#1565c0' : '#90a4ae' } })) }],
    };
  }, [m, symbol, i18n, lt]);
  if (live.mode !== 'on' || !m || !option) return null;
  const title = lt('live.vol.title', { window: i18n.int(m.window), time: tickTime(m.time, i18n.locale) });
  return (
    <Card title={<span data-testid="live-vol-title">{title}</span>} testId="live-vol-card">
      <EChart option={option} height={240} label={title} testId="live-vol-chart" />
    </Card>
  );
}
