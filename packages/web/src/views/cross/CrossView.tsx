import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { ChartHandle } from '../../charts/EChart';
import { timeAxis } from '../../charts/timeAxis';
import { UPlotChart } from '../../charts/UPlotChart';
import { Attribution, Card, ErrorBox, ExportMenu, TextField } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { useI18n } from '../../i18n/i18n';
import { useRouter } from '../../state/router';
import { useApi } from '../../state/useApi';
import { crossRequest } from '@soukan/requests';
import { fieldProblem } from '../validate';

interface Summary {
  mean: number | null;
  median: number | null;
  p99Abs: number | null;
  maxAbs: number | null;
}

/** What the view reads of `GET /api/cross` (the data layer's crossJson). */
export interface CrossResponse {
  symbol: string;
  legs: { symbol: string; invert: boolean }[];
  via: string | null;
  timeframe: string;
  pip: number;
  observations: number;
  start: string | null;
  end: string | null;
  quotedDirectly: boolean;
  inconsistency: { definition: string; pips: Summary; bp: Summary } | null;
  series: { time: string[]; direct?: number[]; synthetic: number[]; pips?: (number | null)[]; bp?: (number | null)[] };
  attribution: string | null;
  notes: string[];
}

/**
 * Triangular consistency of a cross: the rate built from its two legs through
 * a common currency beside the directly quoted one, and their difference in
 * pips and basis points over time.
 */
export function CrossView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { location, update } = useRouter();
  const q = location.params;
  const symbol = q.get('symbol') ?? 'GBP/JPY';
  const via = q.get('via') ?? '';
  const res = useApi<CrossResponse>('/api/cross', { symbol, via: via || undefined, source: q.get('source') ?? undefined, timeframe: q.get('timeframe') ?? undefined });
  const d = res.data;
  const ref = useRef<ChartHandle>(null);

  const plot = useMemo(() => {
    if (!d) return null;
    const ta = timeAxis(i18n);
    const x = d.series.time.map((s) => Date.parse(s) / 1000);
    if (d.quotedDirectly && d.series.bp) {
      const options: Omit<uPlot.Options, 'width' | 'height'> = {
        scales: { x: { time: true } },
        series: [ta.series, { label: t('cross.bp'), stroke: '#6a1b9a', width: 1, value: (_u, v) => i18n.signed(v, 2) }],
        axes: [ta.axis, { stroke: '#333', grid: { stroke: '#e6e6e6' }, values: (_u, s) => s.map((v) => i18n.num(v, 1)), size: 56 }],
      };
      return { options, data: [x, d.series.bp] as uPlot.AlignedData };
    }
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true } },
      series: [ta.series, { label: t('cross.synthetic'), stroke: '#1565c0', width: 1.25, value: (_u, v) => i18n.num(v, 4) }],
      axes: [ta.axis, { stroke: '#333', grid: { stroke: '#e6e6e6' }, values: (_u, s) => s.map((v) => i18n.num(v, 3)), size: 64 }],
    };
    return { options, data: [x, d.series.synthetic] as uPlot.AlignedData };
  }, [d, i18n, t]);

  const legs = d ? d.legs.map((l) => (l.invert ? `1 / ${l.symbol}` : l.symbol)).join(' × ') : '';
  const inc = d?.inconsistency;

  return (
    <div className="view" data-testid="view-cross">
      <h1>{t('cross.heading')}</h1>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <TextField name="symbol" label={t('cross.symbol')} value={symbol} width="8em" validate={(v) => fieldProblem(crossRequest, 'symbol', v, i18n)} onCommit={(v) => update({ symbol: v.trim() || undefined })} />
        <TextField name="via" label={t('cross.via')} value={via} width="5em" validate={(v) => fieldProblem(crossRequest, 'via', v, i18n)} onCommit={(v) => update({ via: v.trim().toUpperCase() || undefined })} />
      </form>
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {res.loading && <div className="spinner">{t('app.loading')}</div>}
      {d && (
        <>
          <p className="summary" data-testid="cross-summary">
            {t('cross.summary', { symbol: d.symbol, legs, via: d.via ?? '—', n: i18n.int(d.observations), tf: d.timeframe, start: i18n.date(d.start), end: i18n.date(d.end) })}{' '}
            <strong>{d.quotedDirectly ? t('cross.quoted') : t('cross.notQuoted')}</strong>
          </p>
          {inc && (
            <Card title={t('cross.inconsistency')} testId="cross-inconsistency">
              <DataTable
                name={`soukan-cross-${d.symbol.replace('/', '')}`}
                testId="cross-table"
                rows={[
                  { unit: t('cross.unit.pips', { pip: d.pip }), s: inc.pips },
                  { unit: t('cross.unit.bp'), s: inc.bp },
                ]}
                columns={[
                  { key: 'unit', label: t('cross.unit'), value: (r) => r.unit },
                  { key: 'mean', label: t('cross.mean'), value: (r) => r.s.mean, show: (r) => i18n.signed(r.s.mean, 3), num: true },
                  { key: 'median', label: t('cross.median'), value: (r) => r.s.median, show: (r) => i18n.signed(r.s.median, 3), num: true },
                  { key: 'p99', label: t('cross.p99'), value: (r) => r.s.p99Abs, show: (r) => i18n.num(r.s.p99Abs, 3), num: true },
                  { key: 'max', label: t('cross.max'), value: (r) => r.s.maxAbs, show: (r) => i18n.num(r.s.maxAbs, 3), num: true },
                ]}
              />
              <p className="muted" style={{ fontSize: '0.8rem' }}>
                {t('cross.help')}
              </p>
            </Card>
          )}
          {plot && (
            <Card title={d.quotedDirectly ? t('cross.chart.bp') : t('cross.chart.synthetic')} actions={<ExportMenu name={`soukan-cross-${d.symbol.replace('/', '')}-series`} chart={ref} json={() => d.series} />} testId="cross-chart-card">
              <UPlotChart ref={ref} options={plot.options} data={plot.data} height={280} label={t('cross.heading')} testId="cross-chart" />
            </Card>
          )}
          <Attribution text={d.attribution} />
        </>
      )}
    </div>
  );
}
