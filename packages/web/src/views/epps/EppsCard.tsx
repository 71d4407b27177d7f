import '../../charts/echartsExtra';
import { eppsRequest } from '@soukan/requests';
import { useMemo, useRef } from 'react';
import type { EppsResponse } from '../../api/types';
import { EChart, type ChartHandle, type EChartOption } from '../../charts/EChart';
import { Card, ErrorBox, ExportMenu, exportSource, TextField } from '../../components/common';
import { useI18n } from '../../i18n/i18n';
import { useMeta } from '../../state/meta';
import { useNarrow } from '../../state/useNarrow';
import { useRouter } from '../../state/router';
import { useApi } from '../../state/useApi';
import { specField } from '../../util/forms';
import type { ExportMeta } from '../../util/exportMeta';

const CURVE = '#1565c0';
const HY = '#c62828';

/**
 * The Epps curve of a pair of pairs — the realised correlation of
 * previous-tick samples against the sampling interval (Epps 1979) — with the
 * Hayashi–Yoshida estimate on each series' own times as the level the curve
 * should approach. Intraday or tick data only; `thin` (URL `eppsThin`) keeps
 * each observation at random, making one-minute bars asynchronous.
 */
export function EppsCard({ a, b, query, intraday }: { a: string; b: string; query: Record<string, string | undefined>; intraday: boolean }) {
  const i18n = useI18n();
  const { t } = i18n;
  const meta = useMeta();
  const { location, update } = useRouter();
  const thin = location.params.get('eppsThin') ?? '1';
  const days = location.params.get('eppsDays') ?? undefined;
  const thinProblem = specField(eppsRequest, 'thin', i18n);
  const daysProblem = specField(eppsRequest, 'days', i18n);
  const bad = thinProblem(thin) !== null || (days !== undefined && daysProblem(days) !== null);
  const res = useApi<EppsResponse>(intraday && !bad ? '/api/epps' : null, { symbols: `${a},${b}`, thin, days, ...query });
  const d = res.data;
  const ref = useRef<ChartHandle>(null);
  // On a phone the legend takes two lines: the plot starts below them.
  const narrow = useNarrow();

  const option = useMemo<EChartOption | null>(() => {
    if (!d) return null;
    const hy = d.hayashiYoshida.correlation;
    return {
      animation: false,
      grid: { left: 48, right: 16, top: narrow ? 72 : 48, bottom: 52 },
      legend: { top: 0, data: [t('epps.curve'), t('epps.hy')], textStyle: { color: '#333' } },
      tooltip: {
        trigger: 'axis',
        formatter: (ps: { dataIndex: number }[]) => {
          const e = d.epps[ps[0]?.dataIndex ?? 0]!;
          return `${e.interval}: ρ = ${i18n.signed(e.correlation, 3)} · ${t('epps.returns', { n: i18n.int(e.returns) })}<br/>${t('epps.hy')}: ${i18n.signed(hy, 3)}`;
        },
      },
      xAxis: { type: 'category', data: d.epps.map((e) => e.interval), name: t('epps.axis'), nameLocation: 'middle', nameGap: 32, axisLabel: { color: '#333', interval: 0, fontSize: 11 } },
      yAxis: { type: 'value', name: 'ρ', min: (v: { min: number }) => Math.min(0, Math.floor(v.min * 10) / 10), max: 1, axisLabel: { color: '#333', formatter: (v: number) => i18n.num(v, 1) }, splitLine: { lineStyle: { color: '#eee' } } },
      series: [
        { name: t('epps.curve'), type: 'line', data: d.epps.map((e) => e.correlation), color: CURVE, symbolSize: 7, lineStyle: { width: 2 }, connectNulls: false },
        {
          name: t('epps.hy'),
          type: 'line',
          data: d.epps.map(() => hy),
          color: HY,
          symbol: 'none',
          lineStyle: { type: 'dashed', width: 2 },
        },
      ],
    };
  }, [d, i18n, t, narrow]);

  const exportMeta = d
    ? (): ExportMeta => ({
        caption: `${t('epps.title')} · ${d.symbols.join(' ~ ')} · ${t('epps.summary', { from: i18n.dateTime(d.from), to: i18n.dateTime(d.to), a: d.symbols[0]!, na: i18n.int(d.observations[d.symbols[0]!] ?? 0), b: d.symbols[1]!, nb: i18n.int(d.observations[d.symbols[1]!] ?? 0), thin: i18n.pct(d.thin, 0) })}`,
        legend: [
          { fill: CURVE, text: t('epps.curve') },
          { fill: HY, text: `${t('epps.hy')} = ${i18n.signed(d.hayashiYoshida.correlation, 3)}` },
        ],
        notes: [t('epps.help')],
        source: exportSource(t, meta.data?.version ?? '', d.attribution, d.source),
        fields: { symbols: d.symbols.join(','), from: d.from, to: d.to, thin: d.thin, seed: d.seed, hayashiYoshida: d.hayashiYoshida.correlation, method: d.method.epps },
      })
    : undefined;

  return (
    <Card
      testId="epps-card"
      title={t('epps.title')}
      actions={
        d && (
          <ExportMenu
            name={`soukan-epps-${a}-${b}`.replace(/\//g, '')}
            chart={ref}
            meta={exportMeta}
            csv={() => [['interval', 'seconds', 'returns', 'correlation', 'hayashi_yoshida'], ...d.epps.map((e) => [e.interval, e.seconds, e.returns, e.correlation, d.hayashiYoshida.correlation])]}
            json={() => d}
          />
        )
      }
    >
      {!intraday && <p className="muted" data-testid="epps-daily">{t('epps.needsIntraday')}</p>}
      {intraday && (
        <form className="controls" onSubmit={(e) => e.preventDefault()}>
          <TextField name="eppsThin" label={t('epps.thin')} value={thin} hint={t('epps.thin.hint')} inputMode="decimal" width="5em" validate={thinProblem} onCommit={(v) => update({ eppsThin: v.trim() === '1' ? undefined : v.trim() })} />
          <TextField name="eppsDays" label={t('epps.days')} value={days ?? '5'} inputMode="numeric" width="4em" validate={daysProblem} onCommit={(v) => update({ eppsDays: v.trim() === '5' ? undefined : v.trim() })} />
        </form>
      )}
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {res.loading && !d && <div className="spinner">{t('app.loading')}</div>}
      {d && (
        <p className="muted" data-testid="epps-summary">
          {t('epps.summary', { from: i18n.dateTime(d.from), to: i18n.dateTime(d.to), a: d.symbols[0]!, na: i18n.int(d.observations[d.symbols[0]!] ?? 0), b: d.symbols[1]!, nb: i18n.int(d.observations[d.symbols[1]!] ?? 0), thin: i18n.pct(d.thin, 0) })}{' '}
          <strong>{t('epps.hyValue', { r: i18n.signed(d.hayashiYoshida.correlation, 3) })}</strong>
        </p>
      )}
      {option && <EChart ref={ref} option={option} height={280} label={t('epps.title')} testId="epps-chart" />}
      {intraday && <p className="muted" style={{ fontSize: '0.8rem' }}>{t('epps.help')}</p>}
    </Card>
  );
}
