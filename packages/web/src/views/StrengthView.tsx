import '../charts/echartsExtra';
import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import { EChart, type ChartHandle, type EChartOption } from '../charts/EChart';
import { timeAxis } from '../charts/timeAxis';
import { UPlotChart } from '../charts/UPlotChart';
import { Attribution, Card, ErrorBox, ExportMenu, exportSource, Select, TextField } from '../components/common';
import { DataTable } from '../components/DataTable';
import { useI18n } from '../i18n/i18n';
import { tfLabel } from '../i18n/labels';
import { useMeta } from '../state/meta';
import { useRouter } from '../state/router';
import { useApi } from '../state/useApi';
import { LiveStrengthCard } from '../live/LiveStrengthCard';
import { dateProblem } from './correlation/validate';
import { strengthRequest } from '@soukan/requests';
import { specField } from '../util/forms';
import type { StrengthResponse } from '../api/types';


const MAJORS = ['EUR', 'GBP', 'AUD', 'NZD', 'USD', 'CAD', 'CHF', 'JPY'];
/** A colour per major that people associate with it (and distinct on a chart). */
const CCY_COLOR: Record<string, string> = { EUR: '#1565c0', GBP: '#6a1b9a', AUD: '#ef6c00', NZD: '#2e7d32', USD: '#111111', CAD: '#c62828', CHF: '#d81b60', JPY: '#00838f' };
const BASES = ['start', 'tokyo', 'london', 'newyork', 'date'] as const;

/** Least-squares currency strength indices rebased at a chosen time, and the latest ranking. */
export function StrengthView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { location, update } = useRouter();
  const meta = useMeta();
  const q = location.params;
  const have = meta.data?.source?.currencies ?? MAJORS;
  const selected = (q.get('currencies') ?? MAJORS.filter((c) => have.includes(c)).join(',')).split(',').filter(Boolean);
  const baseParam = q.get('base') ?? undefined;
  const baseKind = baseParam === undefined ? 'start' : (BASES as readonly string[]).includes(baseParam) ? (baseParam as (typeof BASES)[number]) : 'date';
  const intraday = meta.data?.source?.frequency === 'intraday';
  const timeframes = meta.data?.source?.timeframes ?? ['D1', 'W1'];
  const tooFew = selected.length < 2;
  const res = useApi<StrengthResponse>(tooFew || !meta.data ? null : '/api/strength', {
    currencies: selected.join(','),
    source: q.get('source') ?? undefined,
    window: q.get('window') ?? undefined,
    end: q.get('end') ?? undefined,
    timeframe: q.get('timeframe') ?? undefined,
    base: baseParam,
  });
  const d = res.data;
  const lineRef = useRef<ChartHandle>(null);
  const barRef = useRef<ChartHandle>(null);

  const plot = useMemo(() => {
    if (!d) return null;
    const ta = timeAxis(i18n);
    const x = d.series.time.map((s) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s) / 1000);
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true } },
      series: [ta.series, ...d.currencies.map((c) => ({ label: c, stroke: CCY_COLOR[c] ?? '#555', width: c === 'USD' ? 2 : 1.5, value: (_u: uPlot, v: number | null) => i18n.num(v, 2) }))],
      axes: [ta.axis, { stroke: '#333', grid: { stroke: '#e6e6e6' }, values: (_u, s) => s.map((v) => i18n.num(v, 1)) }],
    };
    return { options, data: [x, ...d.currencies.map((c) => d.series.index[c]!)] as uPlot.AlignedData };
  }, [d, i18n]);

  const barOption: EChartOption | null = d
    ? {
        animation: false,
        grid: { left: 48, right: 64, top: 8, bottom: 28 },
        tooltip: { valueFormatter: (v: number) => `${i18n.signed(v, 2)} %` },
        xAxis: { type: 'value', axisLabel: { color: '#333', formatter: (v: number) => `${i18n.num(v, 1)} %` }, splitLine: { lineStyle: { color: '#eee' } } },
        yAxis: { type: 'category', inverse: true, data: d.ranking.map((r) => r.currency), axisLabel: { color: '#222', fontWeight: 'bold' } },
        series: [
          {
            type: 'bar',
            data: d.ranking.map((r) => ({ value: r.changePct, itemStyle: { color: (r.changePct ?? 0) >= 0 ? '#2e7d32' : '#c62828' } })),
            label: { show: true, position: 'right', color: '#222', formatter: (p: { value: number }) => i18n.signed(p.value, 2) },
            barMaxWidth: 22,
          },
        ],
      }
    : null;

  const toggle = (c: string): void => {
    const next = selected.includes(c) ? selected.filter((x) => x !== c) : [...selected, c];
    update({ currencies: next.join(',') });
  };
  const baseLabel = d ? (d.base.requested === 'start' ? t('strength.base.start') : (BASES as readonly string[]).includes(d.base.requested) ? t(`strength.base.${d.base.requested as 'tokyo'}`) : d.base.requested) : '';

  return (
    <div className="view" data-testid="view-strength">
      <h1>{t('strength.heading')}</h1>
      <LiveStrengthCard />
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <fieldset className="field">
          <legend>{t('strength.currencies')}</legend>
          <div className="checks">
            {MAJORS.filter((c) => have.includes(c)).map((c) => (
              <label key={c}>
                <input type="checkbox" checked={selected.includes(c)} onChange={() => toggle(c)} /> <span style={{ color: CCY_COLOR[c] }}>■</span> {c}
              </label>
            ))}
          </div>
          {tooFew && (
            <small className="invalid" role="alert">
              {t('strength.tooFew')}
            </small>
          )}
        </fieldset>
        <Select name="timeframe" label={t('corr.timeframe')} value={q.get('timeframe') ?? (intraday ? 'H1' : 'D1')} options={timeframes.map((tf) => ({ value: tf, label: `${tf} · ${tfLabel(tf, t)}` }))} onChange={(v) => update({ timeframe: v })} />
        <TextField name="window" label={t('strength.window')} value={q.get('window') ?? '250'} width="6em" inputMode="numeric" validate={specField(strengthRequest, 'window', i18n)} onCommit={(v) => update({ window: v === '250' ? undefined : v })} />
        <Select
          name="base"
          label={t('strength.base')}
          value={baseKind}
          options={BASES.map((b) => ({ value: b, label: t(`strength.base.${b}`) }))}
          onChange={(v) => update({ base: v === 'start' ? undefined : v === 'date' ? (d?.series.time[Math.floor(d.series.time.length / 2)]?.slice(0, 10) ?? undefined) : v })}
        />
        {baseKind === 'date' && <TextField name="baseDate" label={t('strength.baseDate')} type="date" value={baseParam ?? ''} validate={(v) => (v ? dateProblem(v, i18n) : t('form.invalid.date'))} onCommit={(v) => update({ base: v })} />}
      </form>
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {res.loading && <div className="spinner">{t('app.loading')}</div>}
      {d && plot && barOption && (
        <>
          <p className="summary" data-testid="strength-summary">
            {t('strength.caption', { n: d.currencies.length, pairs: d.pairs.length, tf: tfLabel(d.timeframe, t), periods: i18n.int(d.periods), start: i18n.dateTime(d.start), end: i18n.dateTime(d.end), base: i18n.dateTime(d.base.time), baseLabel })}
          </p>
          <Card
            title={t('strength.chart', { value: d.base.value })}
            actions={<ExportMenu name="soukan-strength" chart={lineRef} csv={() => [['time', ...d.currencies], ...d.series.time.map((tm, i) => [tm, ...d.currencies.map((c) => d.series.index[c]![i])])]} json={() => d} />}
            testId="strength-chart-card"
          >
            <UPlotChart ref={lineRef} options={plot.options} data={plot.data} height={320} label={t('strength.chart', { value: d.base.value })} testId="strength-chart" />
          </Card>
          <div className="two">
            <Card title={t('strength.ranking')} actions={
                <ExportMenu
                  name="soukan-strength-ranking"
                  chart={barRef}
                  meta={() => ({
                    caption: `${t('strength.ranking')} · ${t('strength.caption', { n: d.currencies.length, pairs: d.pairs.length, tf: tfLabel(d.timeframe, t), periods: i18n.int(d.periods), start: i18n.dateTime(d.start), end: i18n.dateTime(d.end), base: i18n.dateTime(d.base.time), baseLabel })}`,
                    legend: [],
                    notes: [],
                    source: exportSource(t, meta.data?.version ?? '', d.attribution, d.source),
                    fields: { timeframe: d.timeframe, start: d.start, end: d.end, base: d.base.time, currencies: d.currencies.join(',') },
                  })}
                  csv={() => [['rank', 'currency', 'index', 'change_pct'], ...d.ranking.map((r) => [r.rank, r.currency, r.index, r.changePct])]}
                  json={() => d.ranking}
                />
              } testId="strength-bar-card">
              <EChart ref={barRef} option={barOption} height={Math.max(160, d.ranking.length * 30 + 40)} label={t('strength.ranking')} testId="strength-bar" />
            </Card>
            <Card title={t('strength.table')} testId="strength-table-card">
              <DataTable
                name="soukan-strength-ranking"
                testId="strength-table"
                rows={d.ranking}
                columns={[
                  { key: 'rank', label: t('strength.col.rank'), value: (r) => r.rank, num: true },
                  { key: 'currency', label: t('strength.col.currency'), value: (r) => r.currency },
                  { key: 'index', label: t('strength.col.index'), value: (r) => r.index, show: (r) => i18n.num(r.index, 2), num: true },
                  { key: 'change_pct', label: t('strength.col.change'), value: (r) => r.changePct, show: (r) => i18n.signed(r.changePct, 2), num: true },
                  { key: 'last_period_pct', label: t('strength.col.last'), value: (r) => r.lastPeriodPct, show: (r) => i18n.signed(r.lastPeriodPct, 3), num: true },
                  { key: 'average_change_index', label: t('strength.col.avg'), value: (r) => r.averageChangeIndex, show: (r) => i18n.num(r.averageChangeIndex, 2), num: true },
                ]}
              />
              <p className="muted">
                {d.residual.maxRmsBp !== null && d.residual.maxRmsBp < 1e-6
                  ? t('strength.consistent')
                  : t('strength.residual', { mean: i18n.num(d.residual.meanRmsBp, 2), median: i18n.num(d.residual.medianRmsBp, 2), max: i18n.num(d.residual.maxRmsBp, 2), r2: i18n.num(d.residual.medianR2, 4) })}
              </p>
              <p className="muted">{t('strength.avgNote')}</p>
            </Card>
          </div>
          <Attribution text={d.attribution} />
        </>
      )}
    </div>
  );
}
