import { useId, useState } from 'react';
import { cellBackground } from '../../charts/colors';
import { useI18n } from '../../i18n/i18n';
import { x100, type Cell } from './cells';

/** Rows the list shows before "show more". */
const TOP_N = 15;

/**
 * The matrix as a ranked list, for screens where the grid cannot show
 * readable numbers: the strongest pairs (by |ρ|, empty cells last), or the
 * pairs of one chosen symbol ("pairs with X"). A tap on a row selects it.
 */
export function PairList({ symbols, cells, onSelect }: { symbols: readonly string[]; cells: readonly Cell[]; onSelect: (c: Cell) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const id = useId();
  const [focus, setFocus] = useState('');
  const [shown, setShown] = useState(TOP_N);
  const k = symbols.length;
  const fi = symbols.indexOf(focus);
  const rows = cells
    .filter((c) => (fi < 0 ? c.i < c.j : c.i === fi && c.j !== fi))
    .sort((x, y) => Math.abs(y.r ?? -2) - Math.abs(x.r ?? -2));
  return (
    <div className="pair-list" data-testid="pair-list" data-k={k}>
      <div className="field">
        <label htmlFor={id}>{t('corr.list.with')}</label>
        <select id={id} value={focus} onChange={(e) => { setFocus(e.target.value); setShown(TOP_N); }} data-testid="pair-list-with">
          <option value="">{t('corr.list.all')}</option>
          {symbols.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <ol>
        {rows.slice(0, shown).map((c) => (
          <li key={`${c.i}-${c.j}`}>
            <button type="button" onClick={() => onSelect(c)} data-pair={`${c.a}|${c.b}`}>
              <span className="chip-cell" style={{ ...cellBackground(c), color: c.text }}>
                {c.r === null ? '·' : x100(c.r)}
              </span>
              <span className="names">{fi < 0 ? `${c.a} × ${c.b}` : c.b}</span>
              <span className="n muted">n {i18n.int(c.n)}</span>
            </button>
          </li>
        ))}
      </ol>
      {rows.length > shown && (
        <button type="button" onClick={() => setShown((x) => x + TOP_N)}>
          {t('corr.list.more', { n: Math.min(TOP_N, rows.length - shown) })}
        </button>
      )}
    </div>
  );
}
