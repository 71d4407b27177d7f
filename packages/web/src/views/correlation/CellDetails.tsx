import type { MatrixResponse } from '../../api/types';
import { cellBackground } from '../../charts/colors';
import { useI18n } from '../../i18n/i18n';
import { x100, type Cell } from './cells';

/**
 * What hovering a cell shows, for a tap: ρ, n, interval and p — or why the
 * cell is empty — with a button to the pair.
 */
export function CellDetails({ cell: c, m, onOpen, onClose }: { cell: Cell; m: MatrixResponse; onOpen: (a: string, b: string) => void; onClose: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <div className="cell-details" role="region" aria-live="polite" aria-label={`${c.a} × ${c.b}`} data-testid="cell-details">
      <div className="head">
        <span className="chip-cell" style={{ ...cellBackground(c), color: c.text }}>
          {c.r === null ? '·' : x100(c.r)}
        </span>
        <strong>
          {c.a} × {c.b}
        </strong>
      </div>
      {c.r === null ? (
        <p>
          {t('corr.tip.empty')}: {c.reason ? t(`corr.reason.${c.reason}`, { n: c.n, min: m.minPeriods }) : ''}
        </p>
      ) : (
        <dl>
          <dt>{t('corr.tip.rho')}</dt>
          <dd>{i18n.signed(c.r, 3)}</dd>
          <dt>{t('corr.tip.n')}</dt>
          <dd>{i18n.int(c.n)}</dd>
          {c.i !== c.j && (
            <>
              <dt>{t('corr.tip.ci', { level: Math.round(m.ci.level * 100) })}</dt>
              <dd>
                [{i18n.signed(c.lo, 3)}, {i18n.signed(c.hi, 3)}]
              </dd>
              <dt>{t('corr.tip.p')}</dt>
              <dd>{i18n.pValue(c.p)}</dd>
            </>
          )}
        </dl>
      )}
      <div className="buttons">
        {c.i !== c.j && (
          <button type="button" className="primary" onClick={() => onOpen(c.a, c.b)}>
            {t('corr.cell.open')}
          </button>
        )}
        <button type="button" onClick={onClose}>
          {t('corr.cell.close')}
        </button>
      </div>
    </div>
  );
}
