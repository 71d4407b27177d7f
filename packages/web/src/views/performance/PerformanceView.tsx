import '../../charts/echartsExtra';
import { useMemo, useRef } from 'react';
import { EChart, type ChartHandle, type EChartOption } from '../../charts/EChart';
import { Attribution, Card, ErrorBox, ExportMenu, exportSource, TextField } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/i18n';
import { useMeta } from '../../state/meta';
import { useRouter } from '../../state/router';
import { useApi } from '../../state/useApi';
import { perfRequest } from '@soukan/requests';
import { fieldProblem } from '../validate';

interface Phase {
  peak: string;
  trough: string;
  recovery: string | null;
  depth: number;
  assetPeakToTrough: number;
  assetPeakToRecovery: number;
}

/** What the view reads of `GET /api/performance` (the data layer's perfJson). */
export interface PerfResponse {
  timeframe: string;
  benchmark: string | null;
  riskFree: string;
  assets: {
    symbol: string;
    start: string;
    end: string;
    n: number;
    annualization: { factor: number; label: string };
    cumulativeReturn: number | null;
    annualizedReturn: number | null;
    annualizedVolatility: number | null;
    returnRisk: number | null;
    sharpe: number | null;
    maxDrawdown: { depth: number } | null;
    benchmark: { correlation: number | null; beta: number | null; phases: Phase[] } | null;
  }[];
  attribution: string | null;
}

const DEFAULT_ASSETS = 'USD/JPY,EUR/GBP,AUD/USD,USD/CHF';
const DEFAULT_BENCHMARK = 'EUR/USD';
/** The benchmark's deepest drawdowns shown. */
const PHASES = 5;

/**
 * Several pairs side by side against a benchmark, as an asset manager's
 * comparison table: cumulative and annual return, risk, return/risk,
 * correlation and beta with the benchmark, and each pair's return during the
 * benchmark's deepest drawdowns.
 */
export function PerformanceView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { location, update } = useRouter();
  const q = location.params;
  const assets = q.get('assets') ?? DEFAULT_ASSETS;
  const benchmark = q.get('benchmark') ?? DEFAULT_BENCHMARK;
  const list = assets.split(',').map((s) => s.trim()).filter(Boolean);
  const all = list.includes(benchmark) ? list : [benchmark, ...list];
  const res = useApi<PerfResponse>('/api/performance', { assets: all.join(','), benchmark, window: q.get('window') ?? undefined, source: q.get('source') ?? undefined, timeframe: q.get('timeframe') ?? undefined });
  const d = res.data;
  const chartRef = useRef<ChartHandle>(null);
  const meta = useMeta();

  const scatter = useMemo<EChartOption | null>(() => {
    if (!d) return null;
    const pts = d.assets.filter((a) => a.annualizedVolatility !== null && a.annualizedReturn !== null).map((a) => ({ name: a.symbol, value: [a.annualizedVolatility! * 100, a.annualizedReturn! * 100], itemStyle: { color: a.symbol === d.benchmark ? '#c62828' : '#1565c0' } }));
    return {
      animation: false,
      grid: { left: 56, right: 72, top: 16, bottom: 48 },
      tooltip: { formatter: (p: { name: string; value: [number, number] }) => `${p.name}<br/>${t('perf.vol')}: ${i18n.num(p.value[0], 2)} %<br/>${t('perf.annual')}: ${i18n.signed(p.value[1], 2)} %` },
      xAxis: { type: 'value', name: t('perf.vol'), nameLocation: 'middle', nameGap: 28, axisLabel: { color: '#333', formatter: (v: number) => `${i18n.num(v, 0)} %` }, splitLine: { lineStyle: { color: '#eee' } } },
      yAxis: { type: 'value', name: t('perf.annual'), axisLabel: { color: '#333', formatter: (v: number) => `${i18n.num(v, 1)} %` }, splitLine: { lineStyle: { color: '#eee' } } },
      series: [{ type: 'scatter', symbolSize: 10, data: pts, label: { show: true, position: 'right', formatter: (p: { name: string }) => p.name, color: '#222', fontSize: 11 } }],
    };
  }, [d, i18n, t]);

  const phases = useMemo(() => {
    const withPhases = d?.assets.find((a) => a.benchmark && a.benchmark.phases.length > 0);
    if (!d || !withPhases) return [];
    const deepest = withPhases.benchmark!.phases.map((p, i) => ({ p, i })).sort((x, y) => x.p.depth - y.p.depth).slice(0, PHASES);
    return deepest.map(({ p, i }) => ({ phase: p, byAsset: d.assets.map((a) => a.benchmark?.phases[i]?.assetPeakToTrough ?? null) }));
  }, [d]);

  const pct = (v: number | null, digits = 2): string => (v === null ? '—' : `${i18n.signed(v * 100, digits)} %`);

  return (
    <div className="view" data-testid="view-performance">
      <h1>{t('perf.heading')}</h1>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <TextField name="assets" label={t('perf.assets')} value={assets} width="22em" validate={(v) => fieldProblem(perfRequest, 'assets', v, i18n)} onCommit={(v) => update({ assets: v.replace(/\s+/g, '') || undefined })} />
        <TextField name="benchmark" label={t('perf.benchmark')} value={benchmark} width="8em" validate={(v) => fieldProblem(perfRequest, 'benchmark', v, i18n)} onCommit={(v) => update({ benchmark: v.trim() || undefined })} />
        <TextField name="window" label={t('corr.window')} value={q.get('window') ?? 'all'} width="6em" validate={(v) => fieldProblem(perfRequest, 'window', v, i18n)} onCommit={(v) => update({ window: v.trim() === 'all' ? undefined : v.trim() })} />
      </form>
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {res.loading && <div className="spinner">{t('app.loading')}</div>}
      {d && (
        <>
          <Card title={t('perf.table', { benchmark: d.benchmark ?? '—', tf: d.timeframe })} testId="perf-card">
            <DataTable
              name="soukan-performance"
              testId="perf-table"
              rows={d.assets}
              columns={[
                { key: 'symbol', label: t('common.pair'), value: (r) => r.symbol, show: (r) => (r.symbol === d.benchmark ? <strong>{r.symbol} ★</strong> : r.symbol) },
                { key: 'cumulative', label: t('perf.cumulative'), value: (r) => r.cumulativeReturn, show: (r) => pct(r.cumulativeReturn, 1), num: true },
                { key: 'annual', label: t('perf.annual'), value: (r) => r.annualizedReturn, show: (r) => pct(r.annualizedReturn), num: true },
                { key: 'volatility', label: t('perf.vol'), value: (r) => r.annualizedVolatility, show: (r) => (r.annualizedVolatility === null ? '—' : `${i18n.num(r.annualizedVolatility * 100, 2)} %`), num: true },
                { key: 'returnRisk', label: t('perf.returnRisk'), value: (r) => r.returnRisk, show: (r) => i18n.signed(r.returnRisk, 2), num: true },
                { key: 'maxDrawdown', label: t('perf.maxDrawdown'), value: (r) => r.maxDrawdown?.depth ?? null, show: (r) => pct(r.maxDrawdown?.depth ?? null, 1), num: true },
                { key: 'correlation', label: t('perf.correlation'), value: (r) => r.benchmark?.correlation ?? null, show: (r) => i18n.signed(r.benchmark?.correlation ?? null, 3), num: true },
                { key: 'beta', label: 'β', value: (r) => r.benchmark?.beta ?? null, show: (r) => i18n.signed(r.benchmark?.beta ?? null, 2), num: true },
                { key: 'period', label: t('perf.period'), value: (r) => `${r.start} → ${r.end}`, show: (r) => `${i18n.date(r.start)} → ${i18n.date(r.end)} (${i18n.int(r.n)})` },
              ]}
            />
            <p className="muted" style={{ fontSize: '0.8rem' }}>
              {t('perf.help', { rf: d.riskFree, a: i18n.num(d.assets[0]?.annualization.factor ?? null, 1) })}
            </p>
          </Card>
          <div className="two">
            <Card title={t('perf.scatter')} actions={
                <ExportMenu
                  name="soukan-performance-risk-return"
                  chart={chartRef}
                  meta={() => ({
                    caption: `${t('perf.scatter')} · ${t('perf.table', { benchmark: d.benchmark ?? '—', tf: d.timeframe })}`,
                    legend: [
                      { fill: '#1565c0', text: t('perf.legend.asset') },
                      { fill: '#c62828', text: `${t('perf.legend.benchmark')} ${d.benchmark ?? ''}` },
                    ],
                    notes: d.assets.map((a) => `${a.symbol}: ${i18n.date(a.start)} → ${i18n.date(a.end)}, ${a.annualization.label}`),
                    source: exportSource(t, meta.data?.version ?? '', d.attribution, meta.data?.source?.name ?? ''),
                    fields: { timeframe: d.timeframe, benchmark: d.benchmark, riskFree: d.riskFree, assets: d.assets.map((a) => a.symbol).join(',') },
                  })}
                  csv={() => [['symbol', 'annualized_volatility', 'annualized_return'], ...d.assets.map((a) => [a.symbol, a.annualizedVolatility, a.annualizedReturn])]}
                  json={() => d.assets.map((a) => ({ symbol: a.symbol, annualizedVolatility: a.annualizedVolatility, annualizedReturn: a.annualizedReturn }))}
                />
              } testId="perf-scatter-card">
              {scatter && <EChart ref={chartRef} option={scatter} height={320} label={t('perf.scatter')} testId="perf-scatter" />}
            </Card>
            <Card title={t('perf.phases', { benchmark: d.benchmark ?? '—', n: phases.length })} testId="perf-phases-card">
              <DataTable
                name="soukan-performance-phases"
                testId="perf-phases"
                rows={phases}
                columns={[
                  { key: 'peak', label: t('perf.phase'), value: (r) => `${r.phase.peak} → ${r.phase.trough}`, show: (r) => `${i18n.date(r.phase.peak)} → ${i18n.date(r.phase.trough)}` },
                  ...d.assets.map((a, k) => ({ key: a.symbol, label: a.symbol, value: (r: (typeof phases)[number]) => r.byAsset[k] ?? null, show: (r: (typeof phases)[number]) => pct(r.byAsset[k] ?? null, 1), num: true })),
                ]}
              />
            </Card>
          </div>
          <Attribution text={d.attribution} />
        </>
      )}
    </div>
  );
}
