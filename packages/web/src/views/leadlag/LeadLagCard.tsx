import '../../charts/echartsExtra';
import { useMemo, useRef } from 'react';
import { EChart, type ChartHandle, type EChartOption } from '../../charts/EChart';
import { Card, ErrorBox, ExportMenu, exportSource } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/i18n';
import { useMeta } from '../../state/meta';
import { useApi } from '../../state/useApi';

interface GrangerRow {
  lag: number;
  f: number | null;
  fP: number | null;
  dfDenom: number;
}

/** What the pair page reads of `GET /api/leadlag` (the data layer's leadLagJson). */
export interface LeadLagResponse {
  x: string;
  y: string;
  timeframe: string;
  returns: number;
  start: string;
  end: string;
  crossCorrelation: { lag: number; r: number | null; n: number; p: number | null }[];
  best: { lag: number; r: number | null; n: number; p: number | null; pAdjusted: number | null } | null;
  granger: Record<string, GrangerRow[]>;
}

/** Two-sided 95 % normal quantile: the ±1.96/√n band of a correlogram. */
const Z95 = 1.959963984540054;

/**
 * Which pair leads: the cross-correlation of returns at each lag with its
 * ±1.96/√n band (a coefficient outside it is significant at 5 % on its own),
 * the lag of largest |ρ| and the Granger tests in both directions.
 */
export function LeadLagCard({ a, b, query }: { a: string; b: string; query: Record<string, string | undefined> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const res = useApi<LeadLagResponse>('/api/leadlag', { symbols: `${a},${b}`, ...query });
  const d = res.data;
  const ref = useRef<ChartHandle>(null);
  const meta = useMeta();

  const option = useMemo<EChartOption | null>(() => {
    if (!d) return null;
    const n0 = d.crossCorrelation.find((c) => c.lag === 0)?.n ?? d.returns;
    const band = Z95 / Math.sqrt(n0);
    return {
      animation: false,
      grid: { left: 56, right: 16, top: 24, bottom: 48 },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const c = d.crossCorrelation[ps[0]?.dataIndex ?? 0]!;
          return `${t('leadlag.lag')} ${c.lag}<br/>r = ${i18n.signed(c.r, 3)} · p ${i18n.pRel(c.p)} · n = ${i18n.int(c.n)}`;
        },
      },
      xAxis: { type: 'category', data: d.crossCorrelation.map((c) => String(c.lag)), name: t('leadlag.axis', { x: d.x, y: d.y }), nameLocation: 'middle', nameGap: 30, axisLabel: { color: '#333' } },
      yAxis: { type: 'value', name: 'r', axisLabel: { color: '#333', formatter: (v: number) => i18n.num(v, 2) }, splitLine: { lineStyle: { color: '#eee' } } },
      series: [
        {
          type: 'bar',
          data: d.crossCorrelation.map((c) => ({
            value: c.r,
            itemStyle: { color: d.best && c.lag === d.best.lag ? '#c62828' : c.r !== null && Math.abs(c.r) > band ? '#1565c0' : '#90a4ae' },
          })),
          markLine: {
            silent: true,
            symbol: 'none',
            label: { formatter: (p: { value: number }) => `${p.value > 0 ? '+' : '−'}1.96/√n`, color: '#555' },
            lineStyle: { type: 'dashed', color: '#ef6c00' },
            data: [{ yAxis: band }, { yAxis: -band }],
          },
        },
      ],
    };
  }, [d, i18n, t]);

  const dirs = d ? Object.keys(d.granger) : [];
  const rows = d && dirs.length === 2 ? d.granger[dirs[0]!]!.map((g, i) => ({ lag: g.lag, f1: g.f, p1: g.fP, f2: d.granger[dirs[1]!]![i]?.f ?? null, p2: d.granger[dirs[1]!]![i]?.fP ?? null })) : [];

  return (
    <Card testId="leadlag-card" title={t('leadlag.title')} actions={
        d && (
          <ExportMenu
            name={`soukan-leadlag-${a}-${b}`.replace(/\//g, '')}
            chart={ref}
            meta={() => ({
              caption: `${t('leadlag.title')} · ${d.x} ~ ${d.y} · ${t('leadlag.summary', { n: i18n.int(d.returns), tf: d.timeframe, start: i18n.date(d.start), end: i18n.date(d.end) })}`,
              legend: [
                { fill: '#c62828', text: t('leadlag.legend.best') },
                { fill: '#1565c0', text: t('leadlag.legend.significant') },
                { fill: '#90a4ae', text: t('leadlag.legend.other') },
              ],
              notes: [t('leadlag.help')],
              source: exportSource(t, meta.data?.version ?? '', null, meta.data?.source?.name ?? ''),
              fields: { x: d.x, y: d.y, timeframe: d.timeframe, returns: d.returns, start: d.start, end: d.end, bestLag: d.best?.lag ?? null },
            })}
            csv={() => [['lag', 'r', 'n', 'p'], ...d.crossCorrelation.map((c) => [c.lag, c.r, c.n, c.p])]}
            json={() => d}
          />
        )
      }>
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {res.loading && !d && <div className="spinner">{t('app.loading')}</div>}
      {d && (
        <p className="muted" data-testid="leadlag-summary">
          {t('leadlag.summary', { n: i18n.int(d.returns), tf: d.timeframe, start: i18n.date(d.start), end: i18n.date(d.end) })}{' '}
          <strong>
            {d.best
              ? t('leadlag.best', { lag: d.best.lag, r: i18n.signed(d.best.r, 3), p: i18n.pRel(d.best.pAdjusted), who: d.best.lag > 0 ? t('leadlag.leads', { x: d.x, y: d.y }) : d.best.lag < 0 ? t('leadlag.leads', { x: d.y, y: d.x }) : t('leadlag.together') })
              : t('leadlag.none')}
          </strong>
        </p>
      )}
      {option && <EChart ref={ref} option={option} height={260} label={t('leadlag.title')} testId="leadlag-chart" />}
      {d && (
        <DataTable
          name={`soukan-granger-${a}-${b}`.replace(/\//g, '')}
          testId="granger-table"
          caption={t('leadlag.granger')}
          rows={rows}
          columns={[
            { key: 'lags', label: t('leadlag.lags'), value: (r) => r.lag, num: true },
            { key: 'f_xy', label: `${dirs[0] ?? ''}: F`, value: (r) => r.f1, show: (r) => i18n.num(r.f1, 3), num: true },
            { key: 'p_xy', label: 'p', value: (r) => r.p1, show: (r) => i18n.pRel(r.p1), num: true },
            { key: 'f_yx', label: `${dirs[1] ?? ''}: F`, value: (r) => r.f2, show: (r) => i18n.num(r.f2, 3), num: true },
            { key: 'p_yx', label: 'p', value: (r) => r.p2, show: (r) => i18n.pRel(r.p2), num: true },
          ]}
        />
      )}
      <p className="muted" style={{ fontSize: '0.8rem' }}>{t('leadlag.help')}</p>
    </Card>
  );
}
