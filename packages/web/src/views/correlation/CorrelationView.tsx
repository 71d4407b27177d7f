import { useEffect, useMemo, useRef, useState } from 'react';
import type { MatrixResponse } from '../../api/types';
import { BAND_LEGEND, cellBackground, cellStyle, DIVERGING_STOPS, type Scheme } from '../../charts/colors';
import { EChart, type ChartHandle } from '../../charts/EChart';
import { defaultWindow } from '@soukan/requests';
import { Collapsible } from '../../components/Collapsible';
import { Attribution, Card, exportSource, ErrorBox, ExportMenu, Segmented, Select, TextField } from '../../components/common';
import { useI18n, type I18n } from '../../i18n/i18n';
import { tfLabel } from '../../i18n/labels';
import { useMeta } from '../../state/meta';
import { useParam, useRouter } from '../../state/router';
import { useApi } from '../../state/useApi';
import { useMedia, useNarrow } from '../../state/useNarrow';
import { useWidth } from '../../state/useWidth';
import { LiveMatrixCard } from '../../live/LiveMatrixCard';
import { slug } from '../../util/download';
import type { ExportMeta } from '../../util/exportMeta';
import { CellDetails } from './CellDetails';
import { matrixCells, type Cell } from './cells';
import { MatrixTable, PairRanking } from './MatrixTable';
import { bubbleOption, gridLayout, heatmapOption } from './options';
import { PairList } from './PairList';
import { PairPicker } from './PairPicker';
import { StabilityLegend, StabilityOverlay, useStability } from '../stability/StabilityMarks';
import { correlationFormError, dateProblem, windowProblem } from './validate';

// The presets every daily source has (metals need a source that quotes them, so they are offered through the API and CLI).
const UNIVERSES = ['majors', 'usd-majors', 'crosses', 'exotics', 'jpy-crosses', 'usd-pairs', 'custom'] as const;
const EMPTY_OPTION = {};
// The matrix's axes, grid and tooltip stay across window/method changes: only the series is replaced.
const REPLACE_SERIES = ['series'];
const METHODS = ['pearson', 'spearman', 'kendall'] as const;
const VIEWS = ['heatmap', 'bubble', 'table'] as const;
const SHRINKS = ['none', 'lw', 'oas', 'cc', 'ss'] as const;

/** The caption every view of a matrix carries: method, input (returns or LEVELS), window and dates. */
export function matrixCaption(m: MatrixResponse, i18n: I18n): string {
  const { t } = i18n;
  const input = m.on === 'levels' ? t('corr.caption.levels') : t('corr.caption.returns', { kind: t(`corr.returns.${m.returns ?? 'log'}`) });
  const tf = tfLabel(m.timeframe, t);
  const caption = t('corr.caption', { method: t(`corr.method.${m.method}`), tf, input, n: i18n.int(m.observations), start: i18n.date(m.start), end: i18n.date(m.end) });
  const shrink = (m as { shrink?: { method: (typeof SHRINKS)[number]; intensity: number | null } | null }).shrink;
  return shrink ? `${caption} · ${t('corr.shrunk', { estimator: t(`corr.shrink.${shrink.method}`), intensity: i18n.num(shrink.intensity, 3) })}` : caption;
}

/** Labels are drawn in heatmap cells at least this many pixels wide (options.ts); below it the page lists the pairs. */
const READABLE_CELL = 21;

/**
 * What an exported matrix says about itself: the caption, the colour legend
 * with both signs of every band, what faded and grey cells mean, the source.
 */
export function matrixExportMeta(m: MatrixResponse, scheme: Scheme, i18n: I18n, version: string): ExportMeta {
  const { t } = i18n;
  const legend =
    scheme === 'bands'
      ? BAND_LEGEND.flatMap((b, i) => {
          const top = i === 0 ? 100 : (BAND_LEGEND[i - 1]!.min);
          const range = (sign: string): string => `${b.min === 0 ? '0' : `${sign}${b.min}`}…${sign}${top}`;
          return [
            { fill: b.positive.fill, text: `${range('+')} ${t('corr.legend.positive')}` },
            { fill: b.negative.fill, hatch: b.negative.hatch, text: `${range('−')} ${t('corr.legend.negative')}` },
          ];
        })
      : [-1, -0.5, 0, 0.5, 1].map((r) => ({ ...cellStyle(r, 'diverging', true), text: r === 0 ? '0' : `${r > 0 ? '+' : '−'}${Math.abs(r * 100)}` }));
  return {
    caption: matrixCaption(m, i18n),
    legend,
    notes: [t('export.legendFade', { level: Math.round((1 - m.ci.level) * 100) })],
    source: exportSource(t, version, m.attribution, m.source),
    fields: {
      method: m.method,
      on: m.on,
      returns: m.returns,
      timeframe: m.timeframe,
      window: m.window,
      observations: m.observations,
      start: m.start,
      end: m.end,
      minPeriods: m.minPeriods,
      confidence: m.ci.level,
      order: m.order,
      scheme,
      source: m.source,
      symbols: m.symbols.join(' '),
    },
  };
}

const pick = <T extends string>(v: string | null, allowed: readonly T[], fallback: T): T => (v !== null && (allowed as readonly string[]).includes(v) ? (v as T) : fallback);

/** The matrix request of a URL's parameters (also used by main.tsx to prefetch it). */
export function correlationApiParams(q: URLSearchParams) {
  const universe = pick(q.get('universe'), UNIVERSES, 'majors');
  const symbols = (q.get('symbols') ?? '').split(',').filter(Boolean);
  return {
    universe,
    symbols,
    api: {
      source: q.get('source') ?? undefined,
      universe: universe === 'custom' ? undefined : universe,
      symbols: universe === 'custom' ? symbols.join(',') : undefined,
      timeframe: q.get('timeframe') ?? undefined,
      // No window in the URL: none is sent, and the server takes the request's default for the timeframe (defaultWindow).
      window: q.get('window') ?? undefined,
      end: q.get('end') ?? undefined,
      method: pick(q.get('method'), METHODS, 'pearson'),
      on: pick(q.get('on'), ['returns', 'levels'] as const, 'returns'),
      order: pick(q.get('order'), ['given', 'cluster'] as const, 'given'),
      align: pick(q.get('align'), ['inner', 'pairwise'] as const, 'inner'),
      shrink: q.get('shrink') && q.get('shrink') !== 'none' ? pick(q.get('shrink'), SHRINKS, 'none') : undefined,
    },
  };
}

/** Matrix-level parameters of the current URL, as API query parameters. */
export function useCorrelationQuery() {
  const { location } = useRouter();
  return correlationApiParams(location.params);
}

export function CorrelationView() {
  const i18n = useI18n();
  const { t } = i18n;
  const { update, navigate, location } = useRouter();
  const meta = useMeta();
  const { universe, symbols, api } = useCorrelationQuery();
  const scheme = useParam<Scheme>('scheme', 'bands', ['bands', 'diverging']);
  const view = useParam('view', 'heatmap', VIEWS);
  const marks = useParam('marks', 'off', ['off', 'stability']);
  const narrow = useNarrow();
  const touch = useMedia('(hover: none)');
  const [selected, setSelected] = useState<Cell | null>(null);
  const [gridWanted, setGridWanted] = useState(false);
  const customInvalid = universe === 'custom' && (symbols.length < 2 || symbols.length > (meta.data?.limits.maxSymbols ?? 64));
  // The request's own rules, checked here as the API will: a refused query is not sent.
  const formError = customInvalid ? null : correlationFormError(api);
  const res = useApi<MatrixResponse>(customInvalid || formError ? null : '/api/correlation', api);
  const m = res.data;
  const stability = useStability(marks === 'stability' && view === 'heatmap', m?.symbols, { ...api, window: api.window ?? (typeof m?.window === 'number' ? String(m.window) : undefined) });
  const host = useRef<HTMLDivElement>(null);
  const width = useWidth(host);
  const chart = useRef<ChartHandle>(null);
  const marked = useRef<string | undefined>(undefined);
  const cells = useMemo(() => (m ? matrixCells(m, scheme) : []), [m, scheme]);
  const caption = m ? matrixCaption(m, i18n) : '';
  const option = useMemo(() => {
    if (view === 'table') return null;
    // Before the data arrives the chart is created empty, so ECharts starts up while the request runs.
    if (!m) return EMPTY_OPTION;
    return view === 'heatmap' ? heatmapOption(m, cells, i18n, width, caption) : bubbleOption(m, cells, i18n, width, caption);
  }, [m, cells, i18n, width, view, caption]);

  const open = (a: string, b: string): void => {
    const keep = Object.fromEntries([...location.params].filter(([k]) => ['source', 'timeframe', 'window', 'end', 'method', 'on', 'returns', 'align'].includes(k)));
    navigate('/correlation/pair', { ...keep, a, b });
  };
  const onRendered = (): void => {
    if (res.key && res.key !== marked.current) {
      marked.current = res.key;
      performance.mark('soukan:matrix-rendered', { detail: { key: res.key, view } });
      host.current?.setAttribute('data-rendered', res.key);
    }
  };
  const k = m?.symbols.length ?? 0;
  const timeframes = meta.data?.source?.timeframes ?? ['D1', 'W1'];
  // The timeframe the server uses: the URL's, else the one the answer reports
  // (the data layer's default), never a guess written back into the request.
  const frequency = meta.data?.source?.frequency;
  const shownTimeframe = api.timeframe ?? m?.timeframe ?? (frequency === 'intraday' ? 'H1' : 'D1');
  const tfUnknown = meta.data?.source !== undefined && meta.data.source !== null && api.timeframe !== undefined && !(timeframes as readonly string[]).includes(api.timeframe);
  useEffect(() => {
    // Another source without this bar size (e.g. M5 after switching to ECB): back to its default.
    if (tfUnknown) update({ timeframe: undefined });
  }, [tfUnknown, update]);
  // Too narrow for numbers in the grid: the ranked list instead, unless asked for.
  const listInstead = view === 'heatmap' && k > 0 && gridLayout(k, width).cell < READABLE_CELL && !gridWanted;
  const tapToSee = narrow || touch;
  const exportMeta = m ? () => matrixExportMeta(m, scheme, i18n, meta.data?.version ?? '') : undefined;
  // The window field shows the request's default for the shown timeframe (one span at every timeframe) when the URL has none.
  const scaledDefault = String(defaultWindow('correlation', shownTimeframe as Parameters<typeof defaultWindow>[1]));
  const shownWindow = api.window ?? scaledDefault;
  const summary = [t(`corr.universe.${universe}`), shownTimeframe, shownWindow, t(`corr.method.${api.method}`)].join(' · ');
  const name = m ? slug(`soukan-correlation-${m.method}-${m.on}-${m.timeframe}-${m.end}`) : 'soukan-correlation';

  return (
    <div className="view" data-testid="view-correlation">
      <h1>{t('corr.heading')}</h1>
      <LiveMatrixCard scheme={scheme} onOpen={open} />
      <Collapsible narrow={narrow} summary={summary}>
      <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label={t('corr.heading')}>
        <Select
          name="universe"
          label={t('corr.universe')}
          value={universe}
          options={UNIVERSES.map((u) => ({ value: u, label: t(`corr.universe.${u}`) }))}
          onChange={(v) => update({ universe: v === 'majors' ? undefined : v, symbols: v === 'custom' ? (symbols.length ? symbols.join(',') : (m?.symbols.slice(0, 6).join(',') ?? undefined)) : undefined })}
        />
        <Select name="timeframe" label={t('corr.timeframe')} value={shownTimeframe} options={timeframes.map((tf) => ({ value: tf, label: `${tf} · ${tfLabel(tf, t)}` }))} onChange={(v) => update({ timeframe: v })} />
        <TextField name="window" label={t('corr.window')} value={shownWindow} hint={t('corr.window.hint')} inputMode="numeric" width="6em" validate={(v) => windowProblem(v, i18n)} onCommit={(v) => { performance.mark('soukan:change'); update({ window: v.trim() === scaledDefault ? undefined : v.trim() }); }} />
        <TextField name="end" label={t('corr.end')} value={api.end ?? ''} type="date" validate={(v) => dateProblem(v, i18n)} onCommit={(v) => update({ end: v || undefined })} />
        <Select name="method" label={t('corr.method')} value={api.method} options={METHODS.map((x) => ({ value: x, label: t(`corr.method.${x}`) }))} onChange={(v) => { performance.mark('soukan:change'); update({ method: v === 'pearson' ? undefined : v }); }} />
        <Segmented name="on" label={t('corr.on')} value={api.on} options={[{ value: 'returns', label: t('corr.on.returns') }, { value: 'levels', label: t('corr.on.levels') }]} onChange={(v) => update({ on: v === 'returns' ? undefined : v })} />
        <Select name="align" label={t('corr.align')} value={api.align} options={[{ value: 'inner', label: t('corr.align.inner') }, { value: 'pairwise', label: t('corr.align.pairwise') }]} onChange={(v) => update({ align: v === 'inner' ? undefined : v })} />
        <Segmented name="order" label={t('corr.order')} value={api.order} options={[{ value: 'given', label: t('corr.order.given') }, { value: 'cluster', label: t('corr.order.cluster') }]} onChange={(v) => update({ order: v === 'given' ? undefined : v })} />
        <Segmented name="scheme" label={t('corr.scheme')} value={scheme} options={[{ value: 'bands', label: t('corr.scheme.bands') }, { value: 'diverging', label: t('corr.scheme.diverging') }]} onChange={(v) => update({ scheme: v === 'bands' ? undefined : v })} />
        <Select name="shrink" label={t('corr.shrink')} value={api.shrink ?? 'none'} options={SHRINKS.map((x) => ({ value: x, label: t(`corr.shrink.${x}`) }))} onChange={(v) => update({ shrink: v === 'none' ? undefined : v })} />
        <Segmented name="marks" label={t('stability.marks')} value={marks} options={[{ value: 'off', label: t('stability.marks.off') }, { value: 'stability', label: t('stability.marks.on') }]} onChange={(v) => update({ marks: v === 'off' ? undefined : v })} />
      </form>
      {universe === 'custom' && meta.data?.source && (
        <PairPicker pairs={meta.data.source.pairs} selected={symbols} max={meta.data.limits.maxSymbols} onChange={(s) => update({ symbols: s.join(',') || undefined })} />
      )}
      </Collapsible>

      <div className="tabs" role="tablist" aria-label={t('corr.view')}>
        {VIEWS.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={view === v ? 'on' : undefined} onClick={() => update({ view: v === 'heatmap' ? undefined : v })}>
            {t(`corr.view.${v}`)}
          </button>
        ))}
      </div>

      {formError && <ErrorBox error={formError} />}
      {res.error !== undefined && <ErrorBox error={res.error} onRetry={res.reload} />}
      <Card
        testId="matrix-card"
        title={m ? <span data-testid="caption">{caption}</span> : t('app.loading')}
        actions={
          m && (
            <ExportMenu
              name={name}
              chart={view === 'table' || listInstead ? undefined : chart}
              csv={() => [['', ...m.symbols], ...m.symbols.map((s, i) => [s, ...m.matrix[i]!])]}
              json={() => m}
              meta={exportMeta}
            />
          )
        }
      >
        {m?.on === 'levels' && (
          <p className="warning" role="note" data-testid="levels-warning">
            {t('corr.levelsWarning')}
          </p>
        )}
        <div ref={host} className={`matrix-host${res.loading ? ' busy' : ''}`} aria-busy={res.loading} data-testid="matrix-host" data-grid={m ? JSON.stringify({ k, ...gridLayout(k, width) }) : undefined}>
          {res.loading && <div className="spinner">{m ? t('app.updating') : t('app.loading')}</div>}
          {listInstead && m ? (
            <ListWithMark m={m} cells={cells} onSelect={setSelected} onMount={onRendered} />
          ) : (
            // On a phone the chart waits for the answer: most matrices there become the list, and a
            // chart created and disposed at once can leave ECharts a pending frame on a dead canvas.
            option && (m || !narrow) && (
              <EChart
                ref={chart}
                option={option}
                height={gridLayout(k || 28, width).height}
                label={caption}
                onClick={(p) => {
                  const c = (p.data as { cell?: Cell }).cell;
                  if (!c) return;
                  // On a phone or a touch screen a tap shows the cell (there is no hover); a click opens the pair.
                  if (tapToSee) setSelected(c);
                  else if (c.i !== c.j) open(c.a, c.b);
                }}
                onRendered={onRendered}
                testId={view === 'heatmap' ? 'heatmap' : 'bubble'}
                replaceMerge={REPLACE_SERIES}
              />
            )
          )}
          {m && view === 'table' && <MatrixTableWithMark m={m} cells={cells} onOpen={open} onMount={onRendered} />}
          {m && view === 'heatmap' && marks === 'stability' && <StabilityOverlay data={stability.data} symbols={m.symbols} grid={gridLayout(k, width)} />}
        </div>
        {m && selected && <CellDetails key={`${selected.i}-${selected.j}`} cell={cells.find((c) => c.i === selected.i && c.j === selected.j) ?? selected} m={m} onOpen={open} onClose={() => setSelected(null)} />}
        {m && view === 'heatmap' && k > 0 && gridLayout(k, width).cell < READABLE_CELL && (
          <p className="muted list-switch">
            {listInstead && <span>{t('corr.list.why', { k })} </span>}
            <button type="button" className="link" onClick={() => setGridWanted((x) => !x)} data-testid="grid-toggle">
              {listInstead ? t('corr.list.grid') : t('corr.list.list')}
            </button>
          </p>
        )}
        {m && (
          <div className="legend" data-testid="legend">
            {scheme === 'bands' ? (
              <span className="bands">
                {BAND_LEGEND.map((b) => (
                  <span key={b.min} className="band">
                    <i style={{ ...cellBackground(b.positive), color: b.positive.text }} data-band={b.name} data-sign="+">
                      +
                    </i>
                    <i style={{ ...cellBackground(b.negative), color: b.negative.text }} data-band={b.name} data-sign="−">
                      −
                    </i>
                  </span>
                ))}
                {t('corr.legend.bands')}
              </span>
            ) : (
              <span className="diverging">
                <i style={{ background: `linear-gradient(90deg, ${DIVERGING_STOPS.join(',')})` }} />
                {t('corr.legend.diverging')}
              </span>
            )}
            <span>{t('corr.legend.dim', { level: Math.round((1 - m.ci.level) * 100) })}</span>
            <span>{t('corr.legend.empty')}</span>
            <span>{tapToSee ? t('corr.tapHint') : t('corr.clickHint')}</span>
            {view === 'heatmap' && marks === 'stability' && <StabilityLegend state={stability} />}
          </div>
        )}
        {m && m.notes.length > 0 && (
          <details className="notes">
            <summary>{t('corr.notes')}</summary>
            <ul>
              {m.notes.map((n, i) => {
                const note = i18n.note(n, m.noteCodes?.[i]);
                return (
                  <li key={n} lang={note.lang}>
                    {note.text}
                  </li>
                );
              })}
            </ul>
          </details>
        )}
        <Attribution text={m?.attribution} />
      </Card>
      {m && view === 'table' && (
        <Card
          actions={
            <ExportMenu
              name={`${name}-pairs`}
              csv={() => [
                ['a', 'b', 'rho', 'n', 'ci_low', 'ci_high', 'p', 'reason'],
                ...cells.filter((c) => c.i < c.j).map((c) => [c.a, c.b, c.r, c.n, c.lo, c.hi, c.p, c.reason ?? '']),
              ]}
            />
          }
        >
          <PairRanking m={m} cells={cells} onOpen={open} />
        </Card>
      )}
    </div>
  );
}


function ListWithMark(p: { m: MatrixResponse; cells: readonly Cell[]; onSelect: (c: Cell) => void; onMount: () => void }) {
  const { onMount } = p;
  useEffect(() => onMount(), [p.m, onMount]);
  return <PairList symbols={p.m.symbols} cells={p.cells} onSelect={p.onSelect} />;
}

function MatrixTableWithMark(p: { m: MatrixResponse; cells: ReturnType<typeof matrixCells>; onOpen: (a: string, b: string) => void; onMount: () => void }) {
  const { onMount } = p;
  useEffect(() => onMount(), [p.m, onMount]);
  return <MatrixTable m={p.m} cells={p.cells} onOpen={p.onOpen} />;
}
