import '../charts/echartsExtra';
import { useId, useRef, useState } from 'react';
import { EChart, type ChartHandle, type EChartOption } from '../charts/EChart';
import { Attribution, Card, ErrorBox, ExportMenu, exportSource, Select, TextField } from '../components/common';
import { DataTable } from '../components/DataTable';
import { normalPair } from '../components/PairField';
import { useI18n } from '../i18n/i18n';
import { useMeta } from '../state/meta';
import { useRouter } from '../state/router';
import { useApi } from '../state/useApi';
import { exposureRequest } from '@soukan/requests';
import { amountProblem, pairProblem, specField } from '../util/forms';
import { DiversificationPanel, type Diversification } from './diversification/DiversificationPanel';
import type { ExposureResponse } from '../api/types';


const DEFAULT_POSITIONS = 'EUR/USD 100000,USD/CHF -50000,GBP/JPY 20000';

interface Row {
  pair: string;
  amount: string;
}

function parseRows(text: string): Row[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [pair = '', amount = ''] = s.split(/\s+/);
      return { pair, amount };
    });
}


/** Bar colours of the exposure chart: long (positive) and short (negative) currency exposure. */
const LONG = '#2e7d32';
const SHORT = '#c62828';

/** The positions editor: one row per position, committed to the URL when every row is valid. */
function PositionsEditor({ rows, onCommit, pairs }: { rows: Row[]; onCommit: (rows: Row[]) => void; pairs: readonly string[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [draft, setDraft] = useState(rows);
  const id = useId();
  const pairProblems = draft.map((r) => pairProblem(r.pair, pairs, i18n));
  const problems = draft.map((r, i) => pairProblems[i] ?? amountProblem(r.amount, t));
  const ok = draft.length > 0 && problems.every((p) => p === null);
  const set = (i: number, patch: Partial<Row>): void => setDraft((d) => d.map((r, k) => (k === i ? { ...r, ...patch } : r)));
  return (
    <form
      className="positions"
      onSubmit={(e) => {
        e.preventDefault();
        if (ok) onCommit(draft.map((r) => ({ pair: normalPair(r.pair), amount: r.amount.trim() })));
      }}
      data-testid="positions-editor"
    >
      <div className="table-scroll">
      <table className="list">
        <thead>
          <tr>
            <th scope="col">{t('common.pair')}</th>
            <th scope="col">{t('exposure.amount')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {draft.map((r, i) => (
            <tr key={i}>
              <td>
                <input aria-label={`${t('common.pair')} ${i + 1}`} list={`${id}-pairs`} value={r.pair} onChange={(e) => set(i, { pair: e.target.value })} aria-invalid={pairProblems[i] ? true : undefined} name={`pair-${i}`} />
              </td>
              <td>
                <input aria-label={`${t('exposure.amount')} ${i + 1}`} value={r.amount} onChange={(e) => set(i, { amount: e.target.value })} inputMode="decimal" name={`amount-${i}`} aria-invalid={problems[i] ? true : undefined} />
                {problems[i] && (
                  <small className="invalid" role="alert">
                    {problems[i]}
                  </small>
                )}
              </td>
              <td>
                <button type="button" onClick={() => setDraft((d) => d.filter((_, k) => k !== i))} aria-label={t('exposure.remove', { n: i + 1 })}>
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <datalist id={`${id}-pairs`}>
        {pairs.map((p) => (
          <option key={p} value={p} />
        ))}
      </datalist>
      <p className="muted">{t('exposure.help')}</p>
      <div className="buttons">
        <button type="button" onClick={() => setDraft((d) => [...d, { pair: '', amount: '' }])}>
          {t('exposure.add')}
        </button>
        <button type="submit" className="primary" disabled={!ok} data-testid="positions-submit">
          {t('exposure.apply')}
        </button>
      </div>
    </form>
  );
}

/** Net exposure per currency, portfolio VaR/ES with contributions, and the minimum-variance hedge. */
export function ExposureView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { location, update } = useRouter();
  const meta = useMeta();
  const q = location.params;
  const positions = q.get('positions') ?? DEFAULT_POSITIONS;
  const account = q.get('account') ?? 'USD';
  const confidence = q.get('confidence') ?? '0.95,0.99';
  const res = useApi<ExposureResponse>('/api/exposure', { positions, account, confidence, source: q.get('source') ?? undefined, window: q.get('window') ?? undefined });
  const d = res.data;
  const expRef = useRef<ChartHandle>(null);
  const contribRef = useRef<ChartHandle>(null);
  const currencies = meta.data?.source?.currencies ?? ['USD', 'EUR', 'JPY', 'GBP', 'CHF'];
  const money = (v: number | null): string => i18n.num(v, 0);
  const last = d ? d.risk.normal[d.risk.normal.length - 1]! : undefined;

  const expOption: EChartOption | null = d
    ? {
        animation: false,
        grid: { left: 60, right: 72, top: 8, bottom: 28 },
        tooltip: { valueFormatter: (v: number) => `${money(v)} ${d.account}` },
        xAxis: { type: 'value', axisLabel: { color: '#333', formatter: (v: number) => i18n.num(v / 1000, 0) + 'k' }, splitLine: { lineStyle: { color: '#eee' } } },
        yAxis: { type: 'category', inverse: true, data: d.currencies.map((c) => c.currency), axisLabel: { color: '#222', fontWeight: 'bold' } },
        series: [{ type: 'bar', data: d.currencies.map((c) => ({ value: c.value, itemStyle: { color: (c.value ?? 0) >= 0 ? LONG : SHORT } })), barMaxWidth: 22, label: { show: true, position: 'right', color: '#222', formatter: (p: { value: number }) => money(p.value) } }],
      }
    : null;
  const contribOption: EChartOption | null =
    d && last
      ? {
          animation: false,
          grid: { left: 90, right: 24, top: 8, bottom: 28 },
          tooltip: { valueFormatter: (v: number) => `${money(v)} ${d.account}` },
          xAxis: { type: 'value', axisLabel: { color: '#333' }, splitLine: { lineStyle: { color: '#eee' } } },
          yAxis: { type: 'category', inverse: true, data: last.positions.map((p) => p.symbol), axisLabel: { color: '#222' } },
          series: [{ type: 'bar', data: last.positions.map((p) => ({ value: p.componentVar, itemStyle: { color: (p.componentVar ?? 0) >= 0 ? '#c62828' : '#1565c0' } })), barMaxWidth: 22 }],
        }
      : null;

  return (
    <div className="view" data-testid="view-exposure">
      <h1>{t('exposure.heading')}</h1>
      <div className="two">
        <Card title={t('exposure.positions')}>
          <PositionsEditor key={positions} rows={parseRows(positions)} pairs={meta.data?.source?.pairs ?? []} onCommit={(rows) => update({ positions: rows.map((r) => `${r.pair} ${r.amount}`).join(',') })} />
        </Card>
        <Card title={t('exposure.settings')}>
          <form className="controls" onSubmit={(e) => e.preventDefault()}>
            <Select name="account" label={t('exposure.account')} value={account} options={currencies.map((c) => ({ value: c, label: c }))} onChange={(v) => update({ account: v === 'USD' ? undefined : v })} />
            <TextField name="confidence" label={t('risk.var.confidence')} value={confidence} width="8em" validate={specField(exposureRequest, 'confidence', i18n)} onCommit={(x) => update({ confidence: x.replace(/\s+/g, '') })} />
          </form>
        </Card>
      </div>
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      {res.loading && <div className="spinner">{t('app.loading')}</div>}
      {d && expOption && (
        <>
          <p className="summary" data-testid="exposure-summary">
            {t('exposure.caption', { account: d.account, asOf: i18n.date(d.asOf), gross: money(d.gross), net: money(d.net) })}
          </p>
          <div className="two">
            <Card title={t('exposure.byCurrency', { account: d.account })} actions={
                <ExportMenu
                  name="soukan-exposure"
                  chart={expRef}
                  json={() => d}
                  meta={() => ({
                    caption: `${t('exposure.byCurrency', { account: d.account })} · ${t('exposure.caption', { account: d.account, asOf: i18n.date(d.asOf), gross: money(d.gross), net: money(d.net) })}`,
                    legend: [
                      { fill: LONG, text: t('exposure.legend.long') },
                      { fill: SHORT, text: t('exposure.legend.short') },
                    ],
                    notes: [],
                    source: exportSource(t, meta.data?.version ?? '', d.attribution, q.get('source') ?? ''),
                    fields: { account: d.account, asOf: d.asOf, gross: d.gross, net: d.net, positions },
                  })}
                />
              } testId="exposure-chart-card">
              <EChart ref={expRef} option={expOption} height={Math.max(160, d.currencies.length * 32 + 40)} label={t('exposure.byCurrency', { account: d.account })} testId="exposure-chart" />
              <DataTable
                name="soukan-exposure-currencies"
                testId="exposure-table"
                rows={d.currencies}
                columns={[
                  { key: 'currency', label: t('exposure.currency'), value: (r) => r.currency },
                  { key: 'amount', label: t('exposure.ccyAmount'), value: (r) => r.amount, show: (r) => money(r.amount), num: true },
                  { key: 'rate', label: t('exposure.rate', { account: d.account }), value: (r) => r.rate, show: (r) => i18n.num(r.rate, 6), num: true },
                  { key: 'value', label: t('exposure.value', { account: d.account }), value: (r) => r.value, show: (r) => money(r.value), num: true },
                ]}
              />
            </Card>
            <Card title={t('exposure.risk', { n: i18n.int(d.risk.returns), start: i18n.date(d.risk.start), end: i18n.date(d.risk.end) })} testId="exposure-risk-card">
              <DataTable
                name="soukan-portfolio-var"
                testId="portfolio-var-table"
                rows={d.risk.normal.flatMap((m, i) => [
                  { level: m.confidence, model: t('exposure.model.normal'), var: m.var, es: m.es },
                  { level: d.risk.historical[i]!.confidence, model: t('exposure.model.historical'), var: d.risk.historical[i]!.var, es: d.risk.historical[i]!.es },
                ])}
                columns={[
                  { key: 'confidence', label: t('risk.var.level'), value: (r) => r.level, show: (r) => i18n.pct(r.level, 1), num: true },
                  { key: 'model', label: t('risk.var.method'), value: (r) => r.model },
                  { key: 'var', label: `VaR ${d.account}`, value: (r) => r.var, show: (r) => money(r.var), num: true },
                  { key: 'es', label: `ES ${d.account}`, value: (r) => r.es, show: (r) => money(r.es), num: true },
                ]}
              />
              <DiversificationPanel d={(d as { diversification?: Diversification }).diversification} />
              <p data-testid="hedge">
                {t(d.hedge.given ? 'exposure.hedgeGiven' : 'exposure.hedge', {
                  action: (d.hedge.amount ?? 0) >= 0 ? t('exposure.buy') : t('exposure.sell'),
                  amount: money(Math.abs(d.hedge.amount ?? 0)),
                  symbol: d.hedge.symbol,
                  before: money(d.hedge.sigmaBefore),
                  after: money(d.hedge.sigmaAfter),
                  account: d.account,
                  reduction: i18n.pct(d.hedge.varianceReduction, 1),
                })}
              </p>
            </Card>
          </div>
          {last && contribOption && (
            <Card title={t('exposure.contributions', { level: i18n.pct(last.confidence, 1) })} actions={<ExportMenu name="soukan-contributions" chart={contribRef} />} testId="contrib-card">
              <div className="two">
                <EChart ref={contribRef} option={contribOption} height={Math.max(140, last.positions.length * 32 + 40)} label={t('exposure.contributions', { level: i18n.pct(last.confidence, 1) })} testId="contrib-chart" />
                <DataTable
                  name="soukan-contributions"
                  testId="contrib-table"
                  rows={last.positions.map((p, i) => ({ ...p, histEs: d.risk.historical[d.risk.historical.length - 1]!.positions[i]!.componentEs }))}
                  columns={[
                    { key: 'symbol', label: t('common.pair'), value: (r) => r.symbol },
                    { key: 'marginal_var', label: t('exposure.marginal'), value: (r) => r.marginalVar, show: (r) => i18n.num(r.marginalVar, 5), num: true },
                    { key: 'component_var', label: t('exposure.component'), value: (r) => r.componentVar, show: (r) => money(r.componentVar), num: true },
                    { key: 'share_of_var', label: t('exposure.share'), value: (r) => r.shareOfVar, show: (r) => i18n.pct(r.shareOfVar, 1), num: true },
                    { key: 'component_es_historical', label: t('exposure.componentEs'), value: (r) => r.histEs, show: (r) => money(r.histEs), num: true },
                  ]}
                />
              </div>
            </Card>
          )}
          <Attribution text={d.attribution} />
        </>
      )}
    </div>
  );
}
