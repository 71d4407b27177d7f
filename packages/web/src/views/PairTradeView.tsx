import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { ChartHandle } from '../charts/EChart';
import { timeAxis } from '../charts/timeAxis';
import { UPlotChart } from '../charts/UPlotChart';
import { Attribution, Card, ErrorBox, ExportMenu, Segmented, TextField } from '../components/common';
import { DataTable } from '../components/DataTable';
import { PairField } from '../components/PairField';
import { useI18n } from '../i18n/i18n';
import { useMeta } from '../state/meta';
import { useRouter } from '../state/router';
import { useApi } from '../state/useApi';
import { slug } from '../util/download';
import { pairRequest } from '@soukan/requests';
import { specField } from '../util/forms';
import type { PairTradeResponse } from '../api/types';


/** Pair trading (サヤ取り): the spread with z-score bands, and whether the two legs are cointegrated. */
export function PairTradeView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { location, update } = useRouter();
  const meta = useMeta();
  const q = location.params;
  const a = q.get('a') ?? 'AUD/USD';
  const b = q.get('b') ?? 'NZD/USD';
  const zWindow = q.get('zWindow') ?? '60';
  const hedge = q.get('hedge') === 'tls' ? 'tls' : 'ols';
  const res = useApi<PairTradeResponse>('/api/pair', { a, b, source: q.get('source') ?? undefined, window: q.get('window') ?? undefined, zWindow, hedge: hedge === 'ols' ? undefined : 'tls', end: q.get('end') ?? undefined });
  const d = res.data;
  const zRef = useRef<ChartHandle>(null);
  const pRef = useRef<ChartHandle>(null);
  const sRef = useRef<ChartHandle>(null);
  const x = useMemo(() => (d ? d.series.time.map((s) => Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s) / 1000) : []), [d]);

  const zPlot = useMemo(() => {
    if (!d) return null;
    const ta = timeAxis(i18n);
    const flat = (v: number): number[] => x.map(() => v);
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true } },
      series: [
        ta.series,
        { label: t('pairtrade.z'), stroke: '#37474f', width: 1.25, value: (_u, v) => i18n.signed(v, 2) },
        { label: '+2σ', stroke: '#c62828', dash: [5, 4], width: 1, value: () => '' },
        { label: '+1σ', stroke: '#ef6c00', dash: [2, 4], width: 1, value: () => '' },
        { label: '−1σ', stroke: '#ef6c00', dash: [2, 4], width: 1, value: () => '' },
        { label: '−2σ', stroke: '#c62828', dash: [5, 4], width: 1, value: () => '' },
      ],
      axes: [ta.axis, { stroke: '#333', grid: { stroke: '#e6e6e6' }, values: (_u, s) => s.map((v) => i18n.num(v, 1)) }],
    };
    return { options, data: [x, d.series.z, flat(2), flat(1), flat(-1), flat(-2)] as uPlot.AlignedData };
  }, [d, x, i18n, t]);
  const spreadPlot = useMemo(() => {
    if (!d) return null;
    const ta = timeAxis(i18n);
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true } },
      series: [ta.series, { label: t('pairtrade.spread'), stroke: '#6a1b9a', width: 1.25, value: (_u, v) => i18n.num(v, 5) }],
      axes: [ta.axis, { stroke: '#333', grid: { stroke: '#e6e6e6' }, values: (_u, s) => s.map((v) => i18n.num(v, 3)), size: 64 }],
    };
    return { options, data: [x, d.series.spread] as uPlot.AlignedData };
  }, [d, x, i18n, t]);
  const pricePlot = useMemo(() => {
    if (!d) return null;
    const ta = timeAxis(i18n);
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true }, a: { auto: true }, b: { auto: true } },
      series: [ta.series, { label: d.a, stroke: '#1565c0', scale: 'a', width: 1.25, value: (_u, v) => i18n.num(v, 5) }, { label: d.b, stroke: '#c62828', scale: 'b', width: 1.25, value: (_u, v) => i18n.num(v, 5) }],
      axes: [ta.axis, { scale: 'a', stroke: '#1565c0', grid: { stroke: '#e6e6e6' }, size: 64, values: (_u, s) => s.map((v) => i18n.num(v, 4)) }, { scale: 'b', side: 1, stroke: '#c62828', grid: { show: false }, size: 64, values: (_u, s) => s.map((v) => i18n.num(v, 4)) }],
    };
    return { options, data: [x, d.series.a, d.series.b] as uPlot.AlignedData };
  }, [d, x, i18n]);

  const eg = d?.engleGranger;
  const cointegrated = eg ? (eg.pValue ?? 1) < 0.05 : false;
  const name = slug(`soukan-pair-${a}-${b}`);
  const hl = d?.halfLife;

  return (
    <div className="view" data-testid="view-pairtrade">
      <h1>{t('pairtrade.heading')}</h1>
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <PairField name="a" label={t('pairtrade.a')} value={a} pairs={meta.data?.source?.pairs ?? []} onCommit={(v) => update({ a: v })} />
        <PairField name="b" label={t('pairtrade.b')} value={b} pairs={meta.data?.source?.pairs ?? []} onCommit={(v) => update({ b: v })} />
        <TextField name="window" label={t('pairtrade.window')} value={q.get('window') ?? '500'} width="6em" inputMode="numeric" validate={specField(pairRequest, 'window', i18n)} onCommit={(v) => update({ window: v === '500' ? undefined : v })} />
        <TextField name="zWindow" label={t('pairtrade.zWindow')} value={zWindow} width="5em" inputMode="numeric" validate={specField(pairRequest, 'zWindow', i18n)} onCommit={(v) => update({ zWindow: v === '60' ? undefined : v })} />
        <Segmented name="hedge" label={t('pairtrade.hedge')} value={hedge} options={[{ value: 'ols', label: 'OLS' }, { value: 'tls', label: 'TLS' }]} onChange={(v) => update({ hedge: v === 'ols' ? undefined : v })} />
      </form>
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {res.loading && <div className="spinner">{t('app.loading')}</div>}
      {d && eg && zPlot && spreadPlot && pricePlot && (
        <>
          <div className={`verdict ${cointegrated ? 'good' : 'neutral'}`} data-testid="verdict" role="status">
            <strong>{cointegrated ? t('pairtrade.cointegrated') : t('pairtrade.notCointegrated')}</strong>
            <span>
              {t('pairtrade.eg', {
                stat: typeof eg.statistic === 'number' ? i18n.num(eg.statistic, 3) : '−∞',
                p: i18n.pRel(eg.pValue),
                c5: i18n.num(eg.criticalValues['5%'], 3),
                n: i18n.int(eg.nobs),
              })}
            </span>
            <span>
              {t('pairtrade.hedgeRatio', { method: d.hedge.used.toUpperCase(), beta: i18n.num(d.hedge[d.hedge.used].beta, 4) })} ·{' '}
              {typeof hl?.periods === 'number' ? t('pairtrade.halfLife', { periods: i18n.num(hl.periods, 1), days: i18n.num(hl.days, 1) }) : t('pairtrade.noHalfLife')}
            </span>
            <span>{t('pairtrade.zNow', { z: i18n.signed(d.spread.zLatest, 2), w: d.spread.zWindow })}</span>
            {d.divergence && <span className={d.divergence.latest.alert ? 'bad' : undefined}>{d.divergence.latest.alert ? t('pairtrade.divergenceAlert', { k: d.divergence.k }) : t('pairtrade.divergenceNone', { short: d.divergence.short, long: d.divergence.long })}</span>}
          </div>
          <p className="summary">{t('pairtrade.caption', { a: d.a, b: d.b, n: i18n.int(d.observations), start: i18n.dateTime(d.start), end: i18n.dateTime(d.end), on: d.on.startsWith('log') ? t('pairtrade.onLog') : t('pairtrade.onPrice') })}</p>
          <Card title={t('pairtrade.zChart', { w: d.spread.zWindow })} actions={<ExportMenu name={`${name}-z`} chart={zRef} csv={() => [['time', 'spread', 'z'], ...d.series.time.map((tm, i) => [tm, d.series.spread[i], d.series.z[i]])]} json={() => d} />} testId="z-card">
            <UPlotChart ref={zRef} options={zPlot.options} data={zPlot.data} height={240} label={t('pairtrade.zChart', { w: d.spread.zWindow })} testId="z-chart" />
          </Card>
          <div className="two">
            <Card title={t('pairtrade.spreadChart')} actions={<ExportMenu name={`${name}-spread`} chart={sRef} />} testId="spread-card">
              <UPlotChart ref={sRef} options={spreadPlot.options} data={spreadPlot.data} height={220} label={t('pairtrade.spreadChart')} testId="spread-chart" />
            </Card>
            <Card title={t('pair.prices')} actions={<ExportMenu name={`${name}-prices`} chart={pRef} csv={() => [['time', d.a, d.b], ...d.series.time.map((tm, i) => [tm, d.series.a[i], d.series.b[i]])]} />} testId="pairprice-card">
              <UPlotChart ref={pRef} options={pricePlot.options} data={pricePlot.data} height={220} label={t('pair.prices')} testId="pairprice-chart" />
            </Card>
          </div>
          <Card title={t('pairtrade.tests')} testId="adf-card">
            <DataTable
              name={`${name}-tests`}
              testId="adf-table"
              rows={[
                { test: t('pairtrade.test.eg'), stat: typeof eg.statistic === 'number' ? eg.statistic : null, p: eg.pValue, lag: eg.usedLag, c1: eg.criticalValues['1%'], c5: eg.criticalValues['5%'], c10: eg.criticalValues['10%'] },
                ...(['spread', 'a', 'b'] as const).map((k) => ({
                  test: t(`pairtrade.test.${k}`, { a: d.a, b: d.b }),
                  stat: d.adf[k].statistic,
                  p: d.adf[k].pValue,
                  lag: d.adf[k].usedLag,
                  c1: d.adf[k].criticalValues['1%'],
                  c5: d.adf[k].criticalValues['5%'],
                  c10: d.adf[k].criticalValues['10%'],
                })),
              ]}
              columns={[
                { key: 'test', label: t('pairtrade.col.test'), value: (r) => r.test },
                { key: 'statistic', label: t('pairtrade.col.stat'), value: (r) => r.stat, show: (r) => i18n.num(r.stat, 3), num: true },
                { key: 'p_value', label: t('corr.tip.p'), value: (r) => r.p, show: (r) => i18n.pValue(r.p), num: true },
                { key: 'lag', label: t('pairtrade.col.lag'), value: (r) => r.lag, num: true },
                { key: 'cv_1', label: '1 %', value: (r) => r.c1, show: (r) => i18n.num(r.c1, 3), num: true },
                { key: 'cv_5', label: '5 %', value: (r) => r.c5, show: (r) => i18n.num(r.c5, 3), num: true },
                { key: 'cv_10', label: '10 %', value: (r) => r.c10, show: (r) => i18n.num(r.c10, 3), num: true },
              ]}
            />
            <p className="muted">{t('pairtrade.testsNote')}</p>
          </Card>
          <Attribution text={d.attribution} />
        </>
      )}
    </div>
  );
}
