import { useI18n } from '../../i18n/i18n';
import { useApi } from '../../state/useApi';
import { ErrorBox } from '../../components/common';

/** What the heatmap reads of `GET /api/correlation/stability` (the data layer's stabilityJson). */
export interface StabilityResponse {
  symbols: string[];
  window: number;
  level: number;
  current: { from: string; to: string };
  previous: { from: string; to: string };
  cells: { a: string; b: string; current: number | null; previous: number | null; pValue: number | null; changed: boolean; rolling: { sameSign: number | null; score: number | null; windows: number } }[];
  matrix: { statistic: number | null; df: number; pValue: number | null; changed: boolean };
}

/** A cell is marked stable when its rolling ρ kept one sign in at least this share of windows and the last window did not change. */
export const STABLE_SAME_SIGN = 0.9;

/** Default compared window when the matrix window is "all" or longer than the history allows. */
const FALLBACK_WINDOW = 60;

/**
 * The stability request of a matrix: its symbols and timeframe, windows of
 * the matrix's length (so "changed" compares the matrix's window with the
 * one before it), a rolling history of three windows or 750 returns.
 */
export function stabilityQuery(symbols: readonly string[], api: { source?: string; timeframe?: string; window?: string; end?: string }): Record<string, string | undefined> {
  const w = Number(api.window);
  const window = Number.isInteger(w) && w >= 4 && w <= 2000 ? w : FALLBACK_WINDOW;
  return { symbols: symbols.join(','), window: String(window), history: String(Math.max(750, 3 * window)), end: api.end, timeframe: api.timeframe, source: api.source };
}

/** How one cell is marked. */
export type Mark = 'changed' | 'stable' | null;

/** Marks by row and column index of the matrix's symbols. */
export function cellMarks(s: StabilityResponse, symbols: readonly string[]): Map<string, Mark> {
  const at = new Map(symbols.map((x, i) => [x, i]));
  const out = new Map<string, Mark>();
  for (const c of s.cells) {
    const i = at.get(c.a);
    const j = at.get(c.b);
    if (i === undefined || j === undefined) continue;
    const mark: Mark = c.changed ? 'changed' : (c.rolling.sameSign ?? 0) >= STABLE_SAME_SIGN ? 'stable' : null;
    out.set(`${i},${j}`, mark);
    out.set(`${j},${i}`, mark);
  }
  return out;
}

/** The stability request of the matrix on screen (null path when off). */
export function useStability(on: boolean, symbols: readonly string[] | undefined, api: { source?: string; timeframe?: string; window?: string; end?: string }) {
  return useApi<StabilityResponse>(on && symbols && symbols.length >= 2 ? '/api/correlation/stability' : null, symbols ? stabilityQuery(symbols, api) : {});
}

/**
 * Marks over the heatmap's cells, drawn on top of the chart from the grid
 * layout the page publishes: a filled triangle in the corner of a cell whose
 * correlation changed (Fisher z, current window against the previous one),
 * a small ring in one that stayed stable.
 */
export function StabilityOverlay({ data, symbols, grid }: { data: StabilityResponse | undefined; symbols: readonly string[]; grid: { cell: number; left: number; top: number } }) {
  if (!data) return null;
  const k = symbols.length;
  const marks = cellMarks(data, symbols);
  const c = grid.cell;
  const size = Math.max(4, Math.min(10, Math.round(c * 0.32)));
  const shapes = [];
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const m = marks.get(`${i},${j}`);
      if (!m) continue;
      const x = grid.left + j * c;
      const y = grid.top + i * c;
      shapes.push(
        m === 'changed' ? (
          <path key={`${i},${j}`} d={`M${x + c - size - 1},${y + 1}h${size}v${size}z`} fill="#111" stroke="#fff" strokeWidth={0.8} data-mark="changed" />
        ) : c < 14 ? (
          // Cells of a phone's matrix are ~9 px: a ring would fill them, a dot says the same.
          <circle key={`${i},${j}`} cx={x + c - 2.5} cy={y + 2.5} r={1.2} fill="#111" data-mark="stable" />
        ) : (
          <circle key={`${i},${j}`} cx={x + c - size / 2 - 1.5} cy={y + size / 2 + 1.5} r={size / 2 - 0.5} fill="none" stroke="#111" strokeWidth={1.2} data-mark="stable" />
        ),
      );
    }
  }
  return (
    <svg className="stability-overlay" data-testid="stability-overlay" aria-hidden="true" style={{ position: 'absolute', left: 0, top: 0, width: grid.left + k * c + 2, height: grid.top + k * c + 2, pointerEvents: 'none', zIndex: 1 }}>
      {shapes}
    </svg>
  );
}

/** The legend line saying what the marks mean, with the windows compared and Jennrich's verdict on the whole matrix. */
export function StabilityLegend({ state }: { state: ReturnType<typeof useStability> }) {
  const i18n = useI18n();
  const { t } = i18n;
  if (state.error !== undefined) return <ErrorBox error={state.error} onRetry={state.reload} />;
  const s = state.data;
  if (!s) return <span>{t('app.loading')}</span>;
  const changed = s.cells.filter((c) => c.changed).length;
  return (
    <span className="stability-legend" data-testid="stability-legend">
      <svg width="12" height="12" aria-hidden="true">
        <path d="M2,1h9v9z" fill="#111" />
      </svg>{' '}
      {t('stability.legend.changed', { count: changed, w: s.window, level: i18n.pct(s.level, 0), prevFrom: i18n.date(s.previous.from), curFrom: i18n.date(s.current.from), to: i18n.date(s.current.to) })}{' '}
      <svg width="12" height="12" aria-hidden="true">
        <circle cx="6" cy="6" r="4.5" fill="none" stroke="#111" strokeWidth="1.2" />
      </svg>{' '}
      {t('stability.legend.stable', { share: i18n.pct(STABLE_SAME_SIGN, 0) })}{' '}
      {s.matrix.pValue === null ? t('stability.legend.matrixUndefined') : t(s.matrix.changed ? 'stability.legend.matrixChanged' : 'stability.legend.matrixSame', { p: i18n.pRel(s.matrix.pValue) })}
    </span>
  );
}
