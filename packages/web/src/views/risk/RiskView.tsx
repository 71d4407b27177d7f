import '../../charts/echartsExtra';
import { useRef } from 'react';
import { EChart, type ChartHandle, type EChartOption } from '../../charts/EChart';
import { Collapsible } from '../../components/Collapsible';
import { Attribution, Card, ErrorBox, ExportMenu, exportSource, Segmented, TextField } from '../../components/common';
import { DataTable } from '../../components/DataTable';
import { PairField } from '../../components/PairField';
import { useI18n } from '../../i18n/i18n';
import { useMeta } from '../../state/meta';
import { useRouter } from '../../state/router';
import { useNarrow } from '../../state/useNarrow';
import { useApi } from '../../state/useApi';
import { slug } from '../../util/download';
import { MIN_VAR_RETURNS, moveRequest, varRequest } from '@soukan/requests';
import { amountProblem, specField } from '../../util/forms';
import type { MoveResponse, VarResponse } from '../../api/types';

type Share = MoveResponse['horizons'][number]['rows'][number]['up'];


const COLORS = ['#1565c0', '#c62828', '#2e7d32', '#ef6c00', '#6a1b9a', '#00838f'];

/** Move probability (ladder table and distribution chart) and VaR/ES with backtests for one pair. */
export function RiskView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { location, update } = useRouter();
  const meta = useMeta();
  const q = location.params;
  const daily = meta.data?.source?.frequency !== 'intraday';
  const symbol = q.get('symbol') ?? 'EUR/USD';
  const thresholds = q.get('thresholds') ?? '10,20,30,50,80,100';
  const horizons = q.get('horizons') ?? (daily ? '1b,5b,10b,20b' : '1h,4h,10h,24h');
  const days = q.get('days') ?? (daily ? '3650' : '365');
  const amount = q.get('amount') ?? '100000';
  const confidence = q.get('confidence') ?? '0.95,0.99';
  const hdays = q.get('hdays') ?? '1';
  const window = q.get('window') ?? '500';
  const backtest = q.get('backtest') !== 'false';
  const side = q.get('side') === 'down' ? 'down' : 'up';
  const source = q.get('source') ?? undefined;
  const move = useApi<MoveResponse>(meta.data ? '/api/move' : null, { symbol, source, threshold: thresholds, horizon: horizons, days, ladder: 'true' });
  const backtestWindow = q.get('backtestWindow') ?? undefined;
  // The figures and the backtest are two requests, so a backtest that cannot
  // run (too little history for its window) never hides the VaR and ES.
  const varQuery = { positions: `${symbol} ${amount}`, source, confidence, horizon: hdays, window };
  const risk = useApi<VarResponse>(meta.data ? '/api/var' : null, varQuery);
  const shownWindow = Number(backtestWindow ?? varRequest.params.backtestWindow.default);
  const tested = useApi<VarResponse>(meta.data && backtest ? '/api/var' : null, { ...varQuery, backtest: 'true', backtestWindow, method: 'historical,normal,cornish-fisher,ewma' });
  const chartRef = useRef<ChartHandle>(null);
  const narrow = useNarrow();
  const m = move.data;
  const v = risk.data;
  const name = slug(`soukan-${symbol}`);
  // Horizon labels from the request the shown answer is for (its i-th horizon), not from the server's English.
  const asked = (move.key?.split('?')[1] ? new URLSearchParams(move.key.split('?')[1]).get('horizon') ?? '' : '').split(',');
  const horizonLabel = (h: { horizon: string }, i: number): string => {
    const bars = /^\s*(\d+)\s*b?\s*$/i.exec(asked[i] ?? '');
    if (bars) return Number(bars[1]) === 1 ? t('risk.move.bar') : t('risk.move.bars', { n: i18n.int(Number(bars[1])) });
    return /^\s*\d+(\.\d+)?\s*[mhd]\s*$/i.test(asked[i] ?? '') ? asked[i]!.trim() : h.horizon;
  };

  // Entries per legend row: about 170 px each on a phone, 260 px on a wide screen.
  const legendRows = m ? Math.ceil((2 * m.horizons.length) / (narrow ? 2 : 4)) : 0;
  const distOption: EChartOption | null = m
    ? {
        animation: false,
        // The legend (two entries per horizon) sits under the axis name: the plot leaves room for its rows.
        grid: { left: 56, right: 16, top: 16, bottom: 56 + legendRows * 22 },
        legend: { bottom: 0, textStyle: { color: '#333' } },
        tooltip: { trigger: 'axis', valueFormatter: (x: number) => i18n.pct(x, 1) },
        xAxis: { type: 'value', name: t('risk.move.pips'), nameLocation: 'middle', nameGap: 28, axisLabel: { color: '#333' }, min: 0 },
        yAxis: { type: 'value', max: 1, axisLabel: { color: '#333', formatter: (x: number) => i18n.pct(x, 0) }, splitLine: { lineStyle: { color: '#eee' } } },
        series: m.horizons.flatMap((h, i) => [
          { type: 'line', name: `${horizonLabel(h, i)} · ${t(side === 'up' ? 'risk.move.up' : 'risk.move.down')}`, data: h.rows.map((r) => [r.thresholdPips, r[side].share]), itemStyle: { color: COLORS[i % COLORS.length] }, symbolSize: 6 },
          { type: 'line', name: `${horizonLabel(h, i)} · ${t('risk.move.brownian')}`, data: h.rows.map((r) => [r.thresholdPips, r.brownian]), lineStyle: { type: 'dashed' }, itemStyle: { color: COLORS[i % COLORS.length] }, symbol: 'none' },
        ]),
      }
    : null;
  const moveRows = m ? m.horizons.flatMap((h, i) => h.rows.map((r) => ({ ...r, horizon: horizonLabel(h, i), windows: h.windows }))) : [];
  const shareCell = (s: Share) => (
    <>
      {i18n.pct(s.share, 1)} <span className="muted">[{i18n.pct(s.low, 1)}–{i18n.pct(s.high, 1)}]</span>
    </>
  );
  const methodName = (x: string): string => ({ historical: t('risk.var.historical'), normal: t('risk.var.normal'), 'cornish-fisher': t('risk.var.cf'), ewma: t('risk.var.ewma'), 'monte-carlo': t('risk.var.mc') })[x] ?? x;

  return (
    <div className="view" data-testid="view-risk">
      <h1>{t('risk.heading')}</h1>
      <Collapsible narrow={narrow} summary={[symbol, horizons, `${days} d`].join(' · ')} testId="move-controls-toggle">
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <PairField name="symbol" label={t('common.pair')} value={symbol} pairs={meta.data?.source?.pairs ?? []} onCommit={(x) => update({ symbol: x })} />
        <TextField name="days" label={t('risk.move.days')} value={days} width="6em" inputMode="numeric" validate={specField(moveRequest, 'days', i18n)} onCommit={(x) => update({ days: x })} />
        <TextField name="horizons" label={t('risk.move.horizons')} value={horizons} width="11em" hint={t('risk.move.horizonsHint')} validate={specField(moveRequest, 'horizon', i18n)} onCommit={(x) => update({ horizons: x.replace(/\s+/g, '') })} />
        <TextField name="thresholds" label={t('risk.move.thresholds')} value={thresholds} width="12em" hint={t('risk.move.thresholdsHint')} validate={specField(moveRequest, 'threshold', i18n)} onCommit={(x) => update({ thresholds: x.replace(/\s+/g, '') })} />
        <Segmented name="side" label={t('risk.move.chartSide')} value={side} options={[{ value: 'up', label: t('risk.move.up') }, { value: 'down', label: t('risk.move.down') }]} onChange={(x) => update({ side: x === 'up' ? undefined : x })} />
      </form>
      </Collapsible>
      {move.error !== undefined && <ErrorBox error={move.error} onRetry={move.reload} />}
      {m && distOption && (
        <>
          <p className="summary" data-testid="move-summary">
            {t('risk.move.caption', { symbol: m.symbol, n: i18n.int(m.bars), tf: m.timeframe, start: i18n.dateTime(m.start), end: i18n.dateTime(m.end) })}
            {m.extremes.startsWith('closes') && (
              <>
                {' '}
                <span className="muted">{t('risk.move.closesOnly')}</span>
              </>
            )}
          </p>
          <div>
            <Card title={t('risk.move.chart')} actions={
                <ExportMenu
                  name={`${name}-move`}
                  chart={chartRef}
                  json={() => m}
                  meta={() => ({
                    caption: `${t('risk.move.chart')} · ${t('risk.move.caption', { symbol: m.symbol, n: i18n.int(m.bars), tf: m.timeframe, start: i18n.dateTime(m.start), end: i18n.dateTime(m.end) })}`,
                    legend: [],
                    notes: [t('risk.move.note')],
                    source: exportSource(t, meta.data?.version ?? '', m.attribution, source ?? ''),
                    fields: { symbol: m.symbol, timeframe: m.timeframe, bars: m.bars, start: m.start, end: m.end, horizons, thresholds, side, extremes: m.extremes },
                  })}
                />
              } testId="move-chart-card">
              <EChart ref={chartRef} option={distOption} height={320 + legendRows * 22} label={t('risk.move.chart')} testId="move-chart" />
            </Card>
            <Card title={t('risk.move.table')} testId="move-table-card">
              <DataTable
                name={`${name}-move`}
                testId="move-table"
                rows={moveRows}
                columns={[
                  { key: 'horizon', label: t('risk.move.horizon'), value: (r) => r.horizon },
                  { key: 'threshold_pips', label: t('risk.move.pips'), value: (r) => r.thresholdPips, show: (r) => i18n.int(r.thresholdPips), num: true },
                  { key: 'up', label: t('risk.move.up'), value: (r) => r.up.share, show: (r) => shareCell(r.up), num: true },
                  { key: 'down', label: t('risk.move.down'), value: (r) => r.down.share, show: (r) => shareCell(r.down), num: true },
                  { key: 'brownian', label: t('risk.move.brownian'), value: (r) => r.brownian, show: (r) => i18n.pct(r.brownian, 2), num: true },
                  { key: 'windows', label: t('risk.move.windows'), value: (r) => r.windows, show: (r) => i18n.int(r.windows), num: true },
                ]}
              />
              <p className="muted">{t('risk.move.note')}</p>
            </Card>
          </div>
        </>
      )}

      <h2 className="section">{t('risk.var.heading')}</h2>
      <Collapsible narrow={narrow} summary={[amount, confidence, `${hdays} d`, window].join(' · ')} testId="var-controls-toggle">
      <form className="controls" onSubmit={(e) => e.preventDefault()}>
        <TextField name="amount" label={t('risk.var.amount', { symbol })} value={amount} width="8em" validate={(x) => amountProblem(x, t)} onCommit={(x) => update({ amount: x.trim() })} />
        <TextField name="confidence" label={t('risk.var.confidence')} value={confidence} width="8em" validate={specField(varRequest, 'confidence', i18n)} onCommit={(x) => update({ confidence: x.replace(/\s+/g, '') })} />
        <TextField name="hdays" label={t('risk.var.horizon')} value={hdays} width="4em" inputMode="numeric" validate={specField(varRequest, 'horizon', i18n)} onCommit={(x) => update({ hdays: x })} />
        <TextField name="window" label={t('risk.var.window')} value={window} width="6em" inputMode="numeric" validate={specField(varRequest, 'window', i18n)} onCommit={(x) => update({ window: x })} />
        <TextField name="backtestWindow" label={t('risk.var.backtestWindow')} value={backtestWindow ?? String(varRequest.params.backtestWindow.default)} width="6em" inputMode="numeric" validate={specField(varRequest, 'backtestWindow', i18n)} onCommit={(x) => update({ backtestWindow: x.trim() })} />
        <Segmented name="backtest" label={t('risk.var.backtest')} value={backtest ? 'on' : 'off'} options={[{ value: 'on', label: t('common.on') }, { value: 'off', label: t('common.off') }]} onChange={(x) => update({ backtest: x === 'on' ? undefined : 'false' })} />
      </form>
      </Collapsible>
      {risk.error !== undefined && <ErrorBox error={risk.error} onRetry={risk.reload} />}
      {v && (
        <>
          <p className="summary" data-testid="var-summary">
            {t('risk.var.caption', { n: i18n.int(v.returns), start: i18n.date(v.start), end: i18n.date(v.end), h: v.horizonDays, price: i18n.num(v.price, 5), asOf: i18n.date(v.asOf), account: v.account })}
          </p>
          <Card title={t('risk.var.table')} testId="var-card">
            <DataTable
              name={`${name}-var`}
              testId="var-table"
              rows={[...v.results].sort((a, b) => a.confidence - b.confidence)}
              columns={[
                { key: 'confidence', label: t('risk.var.level'), value: (r) => r.confidence, show: (r) => i18n.pct(r.confidence, 1), num: true },
                { key: 'method', label: t('risk.var.method'), value: (r) => r.method, show: (r) => methodName(r.method) },
                { key: 'var', label: 'VaR', value: (r) => r.var, show: (r) => i18n.pct(r.var, 3), num: true },
                { key: 'es', label: 'ES', value: (r) => r.es, show: (r) => i18n.pct(r.es, 3), num: true },
                { key: 'var_pips', label: t('risk.var.varPips'), value: (r) => r.varPips, show: (r) => i18n.num(r.varPips, 1), num: true },
                { key: 'es_pips', label: t('risk.var.esPips'), value: (r) => r.esPips, show: (r) => i18n.num(r.esPips, 1), num: true },
                { key: 'var_money', label: `VaR ${v.account}`, value: (r) => r.varMoney, show: (r) => i18n.num(r.varMoney, 0), num: true },
                { key: 'es_money', label: `ES ${v.account}`, value: (r) => r.esMoney, show: (r) => i18n.num(r.esMoney, 0), num: true },
              ]}
            />
            <p className="muted">{t('risk.var.note')}</p>
          </Card>
          {backtest && (tested.error !== undefined || tested.data?.backtestSkipped) && (
            <Card title={t('risk.var.backtestTitle')} testId="backtest-card">
              <p className="warning" role="note" data-testid="backtest-skipped">
                {t('risk.var.backtestSkipped', {
                  reason:
                    tested.error !== undefined
                      ? i18n.error(tested.error).text
                      : t('risk.var.backtestTooShort', { returns: i18n.num(tested.data!.returns, 0), window: String(shownWindow), needed: String(shownWindow + MIN_VAR_RETURNS) }),
                })}
              </p>
            </Card>
          )}
          {backtest && tested.data && tested.data.backtest.length > 0 && (
            <Card title={t('risk.var.backtestTitle')} testId="backtest-card">
              <DataTable
                name={`${name}-backtest`}
                testId="backtest-table"
                rows={tested.data.backtest}
                columns={[
                  { key: 'confidence', label: t('risk.var.level'), value: (r) => r.confidence, show: (r) => i18n.pct(r.confidence, 1), num: true },
                  { key: 'method', label: t('risk.var.method'), value: (r) => r.method, show: (r) => methodName(r.method) },
                  { key: 'days', label: t('risk.var.days'), value: (r) => r.days, show: (r) => i18n.int(r.days), num: true },
                  { key: 'breaches', label: t('risk.var.breaches'), value: (r) => r.breaches, show: (r) => i18n.int(r.breaches), num: true },
                  { key: 'expected', label: t('risk.var.expected'), value: (r) => r.expected, show: (r) => i18n.num(r.expected, 1), num: true },
                  { key: 'kupiec_p', label: t('risk.var.kupiec'), value: (r) => r.kupiec.pValue, show: (r) => i18n.pValue(r.kupiec.pValue), num: true },
                  { key: 'christoffersen_p', label: t('risk.var.christoffersen'), value: (r) => r.christoffersen.pValue, show: (r) => i18n.pValue(r.christoffersen.pValue), num: true },
                  {
                    key: 'verdict',
                    label: t('risk.var.verdict'),
                    value: (r) => ((r.conditionalCoverage.pValue ?? 0) < 0.05 ? 'reject' : 'pass'),
                    show: (r) => ((r.conditionalCoverage.pValue ?? 0) < 0.05 ? <span className="bad">{t('risk.var.reject')}</span> : <span className="good">{t('risk.var.pass')}</span>),
                  },
                ]}
              />
              <p className="muted">{t('risk.var.backtestNote')}</p>
            </Card>
          )}
        </>
      )}
      <Attribution text={m?.attribution} />
    </div>
  );
}
