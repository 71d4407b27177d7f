import type { MatrixResponse } from '../../api/types';
import { cellBackground } from '../../charts/colors';
import { useI18n } from '../../i18n/i18n';
import { x100, type Cell } from './cells';

/** The matrix as an HTML table (keyboard-reachable: every off-diagonal cell is a button to its pair). */
export function MatrixTable({ m, cells, onOpen }: { m: MatrixResponse; cells: readonly Cell[]; onOpen: (a: string, b: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const k = m.symbols.length;
  const title = (c: Cell): string =>
    c.r === null
      ? `${c.a} × ${c.b}: ${t('corr.tip.empty')} — ${c.reason ? t(`corr.reason.${c.reason}`, { n: c.n, min: m.minPeriods }) : ''}`
      : `${c.a} × ${c.b}: ρ ${i18n.signed(c.r, 3)}, n ${c.n}, ${t('corr.tip.ci', { level: Math.round(m.ci.level * 100) })} [${i18n.signed(c.lo, 3)}, ${i18n.signed(c.hi, 3)}], p ${i18n.pRel(c.p)}`;
  return (
    <div className="table-scroll">
      <table className="matrix" data-testid="matrix-table">
        <thead>
          <tr>
            <th scope="col" />
            {m.symbols.map((s) => (
              <th key={s} scope="col">
                <span>{s}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {m.symbols.map((s, i) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              {cells.slice(i * k, (i + 1) * k).map((c) => (
                <td key={c.j} style={{ ...cellBackground(c), color: c.text }} title={title(c)}>
                  {c.i === c.j ? (
                    x100(1)
                  ) : (
                    <button type="button" onClick={() => onOpen(c.a, c.b)} aria-label={title(c)} style={{ color: c.text }}>
                      {c.r === null ? '·' : x100(c.r)}
                    </button>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Pairs of the upper triangle ranked by |ρ| with n, interval and p. */
export function PairRanking({ m, cells, onOpen }: { m: MatrixResponse; cells: readonly Cell[]; onOpen: (a: string, b: string) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const rows = cells.filter((c) => c.i < c.j).sort((x, y) => Math.abs(y.r ?? -1) - Math.abs(x.r ?? -1));
  return (
    <div className="table-scroll">
      <table className="list" data-testid="pair-ranking">
        <caption>{t('corr.table.pairs')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('corr.table.a')}</th>
            <th scope="col">{t('corr.table.b')}</th>
            <th scope="col">ρ</th>
            <th scope="col">{t('corr.tip.n')}</th>
            <th scope="col">{t('corr.tip.ci', { level: Math.round(m.ci.level * 100) })}</th>
            <th scope="col">{t('corr.tip.p')}</th>
            <th scope="col">{t('corr.table.note')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={`${c.i}-${c.j}`}>
              <td>
                <button type="button" className="link" onClick={() => onOpen(c.a, c.b)}>
                  {c.a}
                </button>
              </td>
              <td>{c.b}</td>
              <td className="num">
                <span className="swatch" style={cellBackground(c)} /> {i18n.signed(c.r, 3)}
              </td>
              <td className="num">{i18n.int(c.n)}</td>
              <td className="num">{c.r === null ? '—' : `[${i18n.signed(c.lo, 3)}, ${i18n.signed(c.hi, 3)}]`}</td>
              <td className="num">{i18n.pValue(c.p)}</td>
              <td>{c.reason ? t(`corr.reason.${c.reason}`, { n: c.n, min: m.minPeriods }) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
