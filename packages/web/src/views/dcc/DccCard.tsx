import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import { timeAxis } from '../../charts/timeAxis';
import { UPlotChart } from '../../charts/UPlotChart';
import type { ChartHandle } from '../../charts/EChart';
import { Card, ErrorBox, ExportMenu } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../state/useApi';

/** What the pair page reads of `GET /api/dcc` (the data layer's dccJson). */
export interface DccResponse {
  symbols: string[];
  timeframe: string;
  returns: { n: number; from: string; to: string };
  model: { a: number; b: number; persistence: number; converged: boolean };
  horizon: number;
  pairs: { a: string; b: string; current: number | null; unconditional: number | null; forecast: (number | null)[] }[];
  series: { time: string[]; rho: (number | null)[][] } | null;
}

/** Default forecast horizon drawn on the pair page, in bars. */
const HORIZON = 20;

/**
 * The pair's DCC-GARCH(1,1) conditional correlation (Engle 2002) beside the
 * rolling one, with its forecast path over the next bars continuing the line.
 */
export function DccCard({ a, b, query, rolling }: { a: string; b: string; query: Record<string, string | undefined>; rolling: { window: number; time: number[]; rho: (number | null)[] } }) {
  const i18n = useI18n();
  const { t } = i18n;
  const res = useApi<DccResponse>('/api/dcc', { symbols: `${a},${b}`, series: 'true', horizon: String(HORIZON), ...query });
  const d = res.data;
  const ref = useRef<ChartHandle>(null);
  const pair = d?.pairs[0];

  const plot = useMemo(() => {
    if (!d?.series || !pair) return null;
    const time = d.series.time.map((s) => Date.parse(s));
    const rho = d.series.rho[0] ?? [];
    const byTime = new Map<number, number | null>();
    rolling.time.forEach((ms, i) => byTime.set(ms, rolling.rho[i] ?? null));
    // The forecast is h bars ahead: spaced by the typical recent bar gap (weekends make the daily gap uneven).
    const gaps = time.slice(-21).map((v, i, arr) => (i === 0 ? Number.NaN : v - arr[i - 1]!)).filter(Number.isFinite).sort((x, y) => x - y);
    const step = gaps[Math.floor(gaps.length / 2)] ?? 86_400_000;
    const last = time[time.length - 1]!;
    const ahead = pair.forecast.map((_, h) => last + (h + 1) * step);
    const x = [...time, ...ahead].map((ms) => ms / 1000);
    const dcc = [...rho, ...ahead.map(() => null)];
    const roll = [...time.map((ms) => byTime.get(ms) ?? null), ...ahead.map(() => null)];
    const fc = [...time.map((_, i) => (i === time.length - 1 ? (rho[i] ?? null) : null)), ...pair.forecast];
    const ta = timeAxis(i18n);
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true }, y: { range: [-1, 1] } },
      series: [
        ta.series,
        { label: t('dcc.series.dcc'), stroke: '#6a1b9a', width: 1.5, value: (_u, v) => i18n.signed(v, 3) },
        { label: t('dcc.series.rolling', { w: rolling.window }), stroke: '#90a4ae', width: 1, value: (_u, v) => i18n.signed(v, 3) },
        { label: t('dcc.series.forecast', { h: pair.forecast.length }), stroke: '#e65100', width: 2, dash: [5, 3], value: (_u, v) => i18n.signed(v, 3) },
      ],
      axes: [ta.axis, { stroke: '#333', grid: { stroke: '#e6e6e6' }, values: (_u, s) => s.map((v) => i18n.num(v, 1)) }],
      legend: { live: true },
    };
    return { options, data: [x, dcc, roll, fc] as uPlot.AlignedData, time, rho };
  }, [d, pair, rolling, i18n, t]);

  return (
    <Card
      testId="dcc-card"
      title={t('dcc.title')}
      actions={
        d &&
        plot && (
          <ExportMenu
            name={`soukan-dcc-${a}-${b}`.replace(/\//g, '')}
            chart={ref}
            csv={() => [['time', 'dcc_rho'], ...plot.time.map((ms, i) => [new Date(ms).toISOString(), plot.rho[i] ?? null]), ...(pair?.forecast ?? []).map((v, h) => [`+${h + 1}`, v])]}
            json={() => d}
          />
        )
      }
    >
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {res.loading && !d && <div className="spinner">{t('app.loading')}</div>}
      {d && pair && (
        <p className="muted" data-testid="dcc-summary">
          {t('dcc.summary', {
            current: i18n.signed(pair.current, 3),
            h: pair.forecast.length,
            forecast: i18n.signed(pair.forecast[pair.forecast.length - 1] ?? null, 3),
            long: i18n.signed(pair.unconditional, 3),
            a: i18n.num(d.model.a, 4),
            b: i18n.num(d.model.b, 4),
            n: i18n.int(d.returns.n),
          })}
        </p>
      )}
      {plot && <UPlotChart ref={ref} options={plot.options} data={plot.data} height={260} label={t('dcc.title')} testId="dcc-chart" />}
      <p className="muted" style={{ fontSize: '0.8rem' }}>{t('dcc.help')}</p>
    </Card>
  );
}
