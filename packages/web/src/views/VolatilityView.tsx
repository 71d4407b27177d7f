import '../charts/echartsExtra';
import { useMemo, useRef } from 'react';
import { EChart, type ChartHandle, type EChartOption } from '../charts/EChart';
import { Attribution, Card, ErrorBox, ExportMenu, exportSource, Select, TextField } from '../components/common';
import { DataTable } from '../components/DataTable';
import { PairField } from '../components/PairField';
import { useI18n, type I18n } from '../i18n/i18n';
import type { ExportMeta } from '../util/exportMeta';
import { tfLabel } from '../i18n/labels';
import { useMeta } from '../state/meta';
import { useRouter } from '../state/router';
import { useApi } from '../state/useApi';
import { LiveVolatilityCard } from '../live/LiveVolatilityCard';
import { slug } from '../util/download';
import { defaultWindow, volatilityRequest } from '@soukan/requests';
import { specField } from '../util/forms';
import type { VolResponse } from '../api/types';

/** What an hour's and a weekday's range have in common. */
type Bucket = Pick<NonNullable<VolResponse['rangeByHour']>['buckets'][number], 'bars' | 'pips' | 'percent'>;


export const ZONES = ['UTC', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Singapore'];
const WEEKDAY_KEYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'] as const;

/** Volatility of a pair: range by hour of day (zone selectable) and weekday in pips and %, and the estimator table. */
export function VolatilityView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { location, update } = useRouter();
  const meta = useMeta();
  const q = location.params;
  const symbol = q.get('symbol') ?? 'EUR/USD';
  const zone = q.get('zone') ?? 'UTC';
  const unit = q.get('unit') === 'percent' ? 'percent' : 'pips';
  const timeframes = meta.data?.source?.timeframes ?? ['D1', 'W1'];
  const res = useApi<VolResponse>('/api/volatility', {
    symbol,
    source: q.get('source') ?? undefined,
    timeframe: q.get('timeframe') ?? undefined,
    window: q.get('window') ?? undefined,
    end: q.get('end') ?? undefined,
    zone,
    weeks: q.get('weeks') ?? undefined,
  });
  const d = res.data;
  const hourRef = useRef<ChartHandle>(null);
  // What a range chart's export says about itself: its title and the range's span as the caption, the unit, the source.
  const rangeMeta = (title: string, fields: Record<string, string | number>): ExportMeta => {
    const span = d?.rangeSpan?.start && d.rangeSpan.end ? `${i18n.dateTime(d.rangeSpan.start)} → ${i18n.dateTime(d.rangeSpan.end)}` : '';
    return {
      caption: [`${d?.symbol ?? ''} · ${title}`, span].filter(Boolean).join(' · '),
      legend: [{ fill: '#1565c0', text: unit === 'pips' ? t('vol.unit.pips') : t('vol.unit.percent') }],
      notes: [],
      source: exportSource(t, meta.data?.version ?? '', d?.attribution, d?.source ?? ''),
      fields: { symbol: d?.symbol ?? '', unit, pip: d?.pip ?? null, start: d?.rangeSpan?.start ?? null, end: d?.rangeSpan?.end ?? null, ...fields },
    };
  };
  const dayRef = useRef<ChartHandle>(null);
  const weekdayName = useMemo(() => {
    const f = new Intl.DateTimeFormat(i18n.locale, { weekday: 'short', timeZone: 'UTC' });
    // 2024-01-01 was a Monday.
    return (name: string): string => {
      const k = WEEKDAY_KEYS.indexOf(name as (typeof WEEKDAY_KEYS)[number]);
      return k < 0 ? name : f.format(Date.UTC(2024, 0, 1 + k));
    };
  }, [i18n.locale]);

  const bar = (cats: string[], values: (number | null)[], name: string, color: string): EChartOption => ({
    animation: false,
    grid: { left: 56, right: 12, top: 16, bottom: 40 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (unit === 'percent' ? `${i18n.num(v, 3)} %` : `${i18n.num(v, 1)} pips`) },
    xAxis: { type: 'category', data: cats, axisLabel: { color: '#333', interval: 'auto', hideOverlap: true, fontSize: cats.length > 12 ? 10 : 12 } },
    yAxis: { type: 'value', name, nameTextStyle: { color: '#333' }, axisLabel: { color: '#333', formatter: (v: number) => i18n.num(v, unit === 'percent' ? 2 : 0) }, splitLine: { lineStyle: { color: '#eee' } } },
    series: [{ type: 'bar', data: values, itemStyle: { color }, barMaxWidth: 28 }],
  });
  const val = (b: Bucket): number | null => (unit === 'percent' ? b.percent : b.pips);
  const unitLabel = unit === 'percent' ? t('vol.unit.percent') : t('vol.unit.pips');
  const hourOption = d?.rangeByHour ? bar(d.rangeByHour.buckets.map((b) => String(b.hour).padStart(2, '0')), d.rangeByHour.buckets.map((b) => (b.bars ? val(b) : null)), unitLabel, '#1565c0') : null;
  const dayOption = d?.rangeByWeekday ? bar(d.rangeByWeekday.buckets.filter((b) => b.bars > 0).map((b) => weekdayName(b.weekday)), d.rangeByWeekday.buckets.filter((b) => b.bars > 0).map(val), unitLabel, '#ef6c00') : null;
  const name = slug(`soukan-vol-${symbol}`);
  const estimatorName = (n: string): string =>
    ({ 'close-to-close': t('vol.est.cc'), Parkinson: t('vol.est.parkinson'), 'Garman–Klass': t('vol.est.gk'), 'Rogers–Satchell': t('vol.est.rs'), 'Yang–Zhang': t('vol.est.yz') })[n] ?? n;

  return (
    <div className="view" data-testid="view-volatility">
      <h1>{t('vol.heading')}</h1>
      <LiveVolatilityCard symbol={symbol} />
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <PairField name="symbol" label={t('common.pair')} value={symbol} pairs={meta.data?.source?.pairs ?? []} onCommit={(v) => update({ symbol: v })} />
        <Select name="timeframe" label={t('vol.timeframe')} value={q.get('timeframe') ?? 'D1'} options={timeframes.map((tf) => ({ value: tf, label: `${tf} · ${tfLabel(tf, t)}` }))} onChange={(v) => update({ timeframe: v === 'D1' ? undefined : v })} />
        <TextField name="window" label={t('vol.window')} value={q.get('window') ?? String(defaultWindow('volatility', (q.get('timeframe') ?? 'D1') as Parameters<typeof defaultWindow>[1]))} width="6em" inputMode="numeric" validate={specField(volatilityRequest, 'window', i18n)} onCommit={(v) => update({ window: v === String(defaultWindow('volatility', (q.get('timeframe') ?? 'D1') as Parameters<typeof defaultWindow>[1])) ? undefined : v })} />
        <Select name="zone" label={t('vol.zone')} value={zone} options={ZONES.map((z) => ({ value: z, label: z }))} onChange={(v) => update({ zone: v === 'UTC' ? undefined : v })} />
        <TextField name="weeks" label={t('vol.weeks')} value={q.get('weeks') ?? '10'} width="5em" inputMode="numeric" validate={specField(volatilityRequest, 'weeks', i18n)} onCommit={(v) => update({ weeks: v === '10' ? undefined : v })} />
        <Select name="unit" label={t('vol.unit')} value={unit} options={[{ value: 'pips', label: t('vol.unit.pips') }, { value: 'percent', label: t('vol.unit.percent') }]} onChange={(v) => update({ unit: v === 'pips' ? undefined : v })} />
      </form>
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {res.loading && <div className="spinner">{t('app.loading')}</div>}
      {d && (
        <>
          <p className="summary" data-testid="vol-summary">
            {t('vol.caption', { symbol: d.symbol, n: i18n.int(d.bars), tf: tfLabel(d.timeframe, t), start: i18n.dateTime(d.start), end: i18n.dateTime(d.end), ppy: i18n.num(d.periodsPerYear, 0) })}
          </p>
          {!d.rangeByHour && <p className="warning" data-testid="vol-no-intraday">{t('vol.noIntraday')}</p>}
          <div className="two">
            {hourOption && d.rangeByHour && (
              <Card title={t('vol.byHour', { zone: d.rangeByHour.zone, weeks: d.rangeByHour.weeks })} actions={<ExportMenu name={`${name}-by-hour`} chart={hourRef} meta={() => rangeMeta(t('vol.byHour', { zone: d.rangeByHour!.zone, weeks: d.rangeByHour!.weeks }), { zone: d.rangeByHour!.zone, weeks: d.rangeByHour!.weeks })} csv={() => [['hour', 'bars', 'pips', 'percent'], ...d.rangeByHour!.buckets.map((b) => [b.hour, b.bars, b.pips, b.percent])]} json={() => d.rangeByHour} />} testId="vol-hour-card">
                <EChart ref={hourRef} option={hourOption} height={280} label={t('vol.byHour', { zone: d.rangeByHour.zone, weeks: d.rangeByHour.weeks })} testId="vol-hour-chart" />
              </Card>
            )}
            {dayOption && d.rangeByWeekday && (
              <Card title={t('vol.byWeekday', { weeks: d.rangeByWeekday.weeks })} actions={<ExportMenu name={`${name}-by-weekday`} chart={dayRef} meta={() => rangeMeta(t('vol.byWeekday', { weeks: d.rangeByWeekday!.weeks }), { weeks: d.rangeByWeekday!.weeks, day: d.rangeByWeekday!.day })} csv={() => [['weekday', 'bars', 'pips', 'percent'], ...d.rangeByWeekday!.buckets.map((b) => [b.weekday, b.bars, b.pips, b.percent])]} json={() => d.rangeByWeekday} />} testId="vol-weekday-card">
                <EChart ref={dayRef} option={dayOption} height={280} label={t('vol.byWeekday', { weeks: d.rangeByWeekday.weeks })} testId="vol-weekday-chart" />
              </Card>
            )}
          </div>
          <Card title={t('vol.estimators')} testId="vol-estimators">
            <DataTable
              name={`${name}-estimators`}
              testId="vol-estimator-table"
              rows={[...d.estimators.map((e) => ({ ...e, label: estimatorName(e.name) })), { name: 'ewma', label: t('vol.est.ewma', { lambda: d.ewma.lambda }), sigma: d.ewma.sigma, annualised: d.ewma.annualised, n: d.ewma.returns, pips: d.price !== null && d.ewma.sigma !== null ? (d.ewma.sigma * d.price) / d.pip : null }]}
              columns={[
                { key: 'estimator', label: t('vol.col.estimator'), value: (r) => r.name, show: (r) => r.label },
                { key: 'sigma', label: t('vol.col.sigma'), value: (r) => r.sigma, show: (r) => i18n.pct(r.sigma, 3), num: true },
                { key: 'pips', label: t('vol.col.pips'), value: (r) => r.pips, show: (r) => i18n.num(r.pips, 1), num: true },
                { key: 'annualised', label: t('vol.col.annualised'), value: (r) => r.annualised, show: (r) => i18n.pct(r.annualised, 2), num: true },
                { key: 'n', label: t('vol.col.n'), value: (r) => r.n, show: (r) => i18n.int(r.n), num: true },
              ]}
            />
            <p className="muted">{annualisation(d, i18n)}</p>
            {d.atr ? <p>{t('vol.atr', { period: d.atr.period, pips: i18n.num(d.atr.pips, 1), pct: i18n.num(d.atr.percent, 3) })}</p> : <p className="muted">{t('vol.closesOnly')}</p>}
            {d.garch && (
              <p data-testid="vol-garch">
                {t('vol.garch', {
                  alpha: i18n.num(d.garch.alpha, 4),
                  beta: i18n.num(d.garch.beta, 4),
                  persistence: i18n.num(d.garch.persistence, 4),
                  longRun: d.garch.longRunAnnualised === null ? '—' : i18n.pct(d.garch.longRunAnnualised, 2),
                  horizon: i18n.pct(d.garch.horizonSigma, 2),
                  n: d.garch.forecastSigma.length,
                })}
                {d.garch.warning && (
                  <>
                    <br />
                    <span className="muted" lang="en">
                      {d.garch.warning}
                    </span>
                  </>
                )}
              </p>
            )}
          </Card>
          <Attribution text={d.attribution} />
        </>
      )}
    </div>
  );
}

/**
 * How σ was annualised, worded here: the page always asks for the FX
 * convention (260 trading days a year × bars per day; W1 has no whole number
 * of bars a day, so it shows the API's label).
 */
function annualisation(d: { timeframe: string; periodsPerYear: number; annualisation: string }, i18n: I18n): string {
  const { t } = i18n;
  const ppy = i18n.int(d.periodsPerYear);
  if (d.timeframe === 'D1') return t('vol.annualisation.fx', { ppy });
  if (d.periodsPerYear % 260 === 0) return t('vol.annualisation.fxBars', { ppy, perDay: i18n.int(d.periodsPerYear / 260), tf: tfLabel(d.timeframe, t) });
  return t('vol.annualisation', { label: d.annualisation });
}
