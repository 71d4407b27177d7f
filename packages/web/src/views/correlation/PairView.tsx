import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import type { PairResponse } from '../../api/types';
import { EChart, type ChartHandle, type EChartOption } from '../../charts/EChart';
import { timeAxis } from '../../charts/timeAxis';
import { UPlotChart } from '../../charts/UPlotChart';
import { Attribution, Card, ErrorBox, ExportMenu, TextField } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { useMeta } from '../../state/meta';
import { useRouter } from '../../state/router';
import { useApi } from '../../state/useApi';
import { slug } from '../../util/download';
import { DccCard } from '../dcc/DccCard';
import { EppsCard } from '../epps/EppsCard';
import { LeadLagCard } from '../leadlag/LeadLagCard';
import { blockLevels, RegimeBreaks, type Breaks } from '../stability/RegimeBreaks';
import { matrixCaption } from './CorrelationView';
import { pairFormError, rollingProblem } from './validate';

const A_COLOR = '#1565c0';
const B_COLOR = '#c62828';

/** One cell in depth: rolling correlation with its mean ± σ band, the scatter behind ρ, and both prices. */
export function PairView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { location, update, navigate } = useRouter();
  const meta = useMeta();
  const q = location.params;
  const a = q.get('a') ?? 'EUR/USD';
  const b = q.get('b') ?? 'GBP/USD';
  const rolling = q.get('rolling') ?? '60';
  const query = {
    symbols: `${a},${b}`,
    source: q.get('source') ?? undefined,
    timeframe: q.get('timeframe') ?? undefined,
    window: q.get('window') ?? undefined,
    end: q.get('end') ?? undefined,
    method: q.get('method') ?? undefined,
    on: q.get('on') ?? undefined,
    align: q.get('align') ?? undefined,
    rolling,
  };
  // The request's own rules, checked here as the API will: a refused query is not sent.
  const formError = pairFormError(query);
  const res = useApi<PairResponse & { breaks?: Breaks }>(formError ? null : '/api/correlation/pair', query);
  const d = res.data;
  const rollRef = useRef<ChartHandle>(null);
  const scatterRef = useRef<ChartHandle>(null);
  const priceRef = useRef<ChartHandle>(null);

  const back = (): void => {
    const keep = Object.fromEntries([...q].filter(([k]) => !['a', 'b', 'rolling'].includes(k)));
    navigate('/correlation', keep);
  };

  const rollingPlot = useMemo(() => {
    if (!d) return null;
    const x = d.rolling.time.map((ms) => ms / 1000);
    const mean = d.rolling.mean;
    const sd = d.rolling.sd;
    const flat = (v: number | null): (number | null)[] => x.map(() => v);
    const ta = timeAxis(i18n);
    const blocks = d.breaks ? blockLevels(d.breaks, d.rolling.time) : x.map(() => null);
    const data: uPlot.AlignedData = [x, d.rolling.rho, flat(mean), flat(mean !== null && sd !== null ? mean + sd : null), flat(mean !== null && sd !== null ? mean - sd : null), blocks];
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true }, y: { range: [-1, 1] } },
      series: [
        ta.series,
        { label: t('pair.series.rho'), stroke: '#37474f', width: 1.25, value: (_u, v) => i18n.signed(v, 3) },
        { label: t('pair.series.mean'), stroke: '#ef6c00', width: 1.5, dash: [6, 4], value: (_u, v) => i18n.signed(v, 3) },
        { label: t('pair.series.upper'), stroke: 'rgba(239,108,0,0.35)', width: 1, value: (_u, v) => i18n.signed(v, 3) },
        { label: t('pair.series.lower'), stroke: 'rgba(239,108,0,0.35)', width: 1, value: (_u, v) => i18n.signed(v, 3) },
        { label: t('breaks.series', { w: d.breaks?.window ?? d.rolling.window }), stroke: '#6a1b9a', width: 2, value: (_u, v) => i18n.signed(v, 3) },
      ],
      bands: [{ series: [3, 4], fill: 'rgba(239,108,0,0.12)' }],
      axes: [ta.axis, { stroke: '#333', grid: { stroke: '#e6e6e6' }, values: (_u, s) => s.map((v) => i18n.num(v, 1)) }],
      legend: { live: true },
    };
    return { options, data };
  }, [d, i18n, t]);

  const pricePlot = useMemo(() => {
    if (!d) return null;
    const ta = timeAxis(i18n);
    const x = d.prices.time.map((ms) => ms / 1000);
    const digits = (v: (number | null)[]): number => {
      let last = 1;
      for (let i = v.length - 1; i >= 0; i--) {
        const y = v[i];
        if (y !== null && y !== undefined) {
          last = y;
          break;
        }
      }
      return Math.abs(last) >= 20 ? 2 : 4;
    };
    const da = digits(d.prices.a);
    const db = digits(d.prices.b);
    const options: Omit<uPlot.Options, 'width' | 'height'> = {
      scales: { x: { time: true }, a: { auto: true }, b: { auto: true } },
      series: [
        ta.series,
        { label: d.symbols[0], stroke: A_COLOR, width: 1.25, scale: 'a', value: (_u, v) => i18n.num(v, da) },
        { label: d.symbols[1], stroke: B_COLOR, width: 1.25, scale: 'b', value: (_u, v) => i18n.num(v, db) },
      ],
      axes: [
        ta.axis,
        { scale: 'a', stroke: A_COLOR, grid: { stroke: '#e6e6e6' }, values: (_u, s) => s.map((v) => i18n.num(v, da)), size: 64 },
        { scale: 'b', side: 1, stroke: B_COLOR, grid: { show: false }, values: (_u, s) => s.map((v) => i18n.num(v, db)), size: 64 },
      ],
    };
    return { options, data: [x, d.prices.a, d.prices.b] as uPlot.AlignedData };
  }, [d, i18n]);

  const scatter = useMemo<EChartOption | null>(() => {
    if (!d) return null;
    const isReturns = d.on === 'returns';
    const scale = isReturns ? 100 : 1;
    const pts: [number, number][] = [];
    for (let i = 0; i < d.sample.time.length; i++) {
      const x = d.sample.a[i];
      const y = d.sample.b[i];
      if (x !== null && x !== undefined && y !== null && y !== undefined) pts.push([x * scale, y * scale]);
    }
    const fmt = (v: number): string => (isReturns ? `${i18n.num(v, 1)} %` : i18n.num(v, 4));
    return {
      animation: false,
      grid: { left: 64, right: 16, top: 16, bottom: 48 },
      tooltip: { formatter: (p: { value: [number, number] }) => `${d.symbols[0]}: ${fmt(p.value[0])}<br/>${d.symbols[1]}: ${fmt(p.value[1])}` },
      xAxis: { type: 'value', scale: true, name: d.symbols[0], nameLocation: 'middle', nameGap: 28, axisLabel: { formatter: fmt, color: '#333' }, splitLine: { lineStyle: { color: '#eee' } } },
      yAxis: { type: 'value', scale: true, name: d.symbols[1], nameLocation: 'middle', nameGap: 48, axisLabel: { formatter: fmt, color: '#333' }, splitLine: { lineStyle: { color: '#eee' } } },
      series: [{ type: 'scatter', data: pts, symbolSize: 4, itemStyle: { color: 'rgba(21,101,192,0.55)' } }],
    };
  }, [d, i18n]);

  const r = d?.matrix[0]?.[1] ?? null;
  const name = slug(`soukan-${a}-${b}`);

  return (
    <div className="view" data-testid="view-pair">
      <p>
        <button type="button" className="link" onClick={back}>
          {t('pair.back')}
        </button>
      </p>
      <h1 data-testid="pair-heading">{t('pair.heading', { a, b })}</h1>
      {formError && <ErrorBox error={formError} />}
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {d && (
        <p className="summary" data-testid="pair-summary">
          <span>{matrixCaption(d, i18n)}</span>
          <br />
          <strong>
            {t('pair.summary', {
              r: i18n.signed(r, 3),
              level: Math.round(d.ci.level * 100),
              lo: i18n.signed(d.ci.low[0]![1], 3),
              hi: i18n.signed(d.ci.high[0]![1], 3),
              p: i18n.pRel(d.p[0]![1]),
              n: i18n.int(d.n[0]![1]!),
            })}
          </strong>
        </p>
      )}
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <TextField name="rolling" label={t('pair.rolling')} value={rolling} inputMode="numeric" width="6em" validate={(v) => rollingProblem(v, i18n)} onCommit={(v) => update({ rolling: v.trim() })} />
      </form>
      {res.loading && <div className="spinner">{t('app.loading')}</div>}
      {d && rollingPlot && (
        <Card
          testId="rolling-card"
          title={t('pair.rollingChart', { w: d.rolling.window })}
          actions={<ExportMenu name={`${name}-rolling`} chart={rollRef} csv={() => [['time', 'rho'], ...d.rolling.time.map((ms, i) => [new Date(ms).toISOString(), d.rolling.rho[i]])]} json={() => d.rolling} />}
        >
          <p className="muted">{t('pair.mean', { mean: i18n.signed(d.rolling.mean, 3), sd: i18n.num(d.rolling.sd, 3) })}</p>
          <UPlotChart ref={rollRef} options={rollingPlot.options} data={rollingPlot.data} height={260} label={t('pair.rollingChart', { w: d.rolling.window })} testId="rolling-chart" />
          {d.breaks && <RegimeBreaks breaks={d.breaks} name={`${name}-breaks`} />}
        </Card>
      )}
      {d && (
        <DccCard
          a={d.symbols[0]!}
          b={d.symbols[1]!}
          query={{ source: query.source, timeframe: query.timeframe, end: query.end }}
          rolling={{ window: d.rolling.window, time: d.rolling.time, rho: d.rolling.rho }}
        />
      )}
      {d && <LeadLagCard a={d.symbols[0]!} b={d.symbols[1]!} query={{ source: query.source, timeframe: query.timeframe, end: query.end }} />}
      {d && <EppsCard a={d.symbols[0]!} b={d.symbols[1]!} query={{ source: query.source, end: query.end }} intraday={meta.data?.source?.frequency === 'intraday'} />}
      <div className="two">
        {d && scatter && (
          <Card
            testId="scatter-card"
            title={t('pair.scatter', { input: t(d.on === 'returns' ? 'pair.scatter.returns' : 'pair.scatter.levels'), n: i18n.int(d.observations) })}
            actions={<ExportMenu name={`${name}-sample`} chart={scatterRef} csv={() => [['time', d.symbols[0], d.symbols[1]], ...d.sample.time.map((ms, i) => [new Date(ms).toISOString(), d.sample.a[i], d.sample.b[i]])]} />}
          >
            <EChart ref={scatterRef} option={scatter} height={320} label={t('pair.scatter', { input: '', n: d.observations })} testId="scatter-chart" />
          </Card>
        )}
        {d && pricePlot && (
          <Card
            testId="prices-card"
            title={t('pair.prices')}
            actions={<ExportMenu name={`${name}-prices`} chart={priceRef} csv={() => [['time', d.symbols[0], d.symbols[1]], ...d.prices.time.map((ms, i) => [new Date(ms).toISOString(), d.prices.a[i], d.prices.b[i]])]} />}
          >
            <UPlotChart ref={priceRef} options={pricePlot.options} data={pricePlot.data} height={300} label={t('pair.prices')} testId="prices-chart" />
          </Card>
        )}
      </div>
      <Attribution text={d?.attribution} />
    </div>
  );
}
