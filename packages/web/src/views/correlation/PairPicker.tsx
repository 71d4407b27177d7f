import { useId, useMemo, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

/** Checkbox list of addressable pairs with a filter; the selection shows as removable chips. */
export function PairPicker({ pairs, selected, onChange, max }: { pairs: readonly string[]; selected: readonly string[]; onChange: (s: string[]) => void; max: number }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const id = useId();
  const shown = useMemo(() => {
    const f = filter.trim().toUpperCase().replace(/[^A-Z]/g, '');
    return f ? pairs.filter((p) => p.replace('/', '').includes(f)) : pairs;
  }, [pairs, filter]);
  const toggle = (p: string): void => onChange(selected.includes(p) ? selected.filter((x) => x !== p) : [...selected, p]);
  const problem = selected.length < 2 ? t('form.invalid.pick') : selected.length > max ? t('form.invalid.pickMax', { max }) : null;
  return (
    <div className="picker" data-testid="pair-picker">
      <div className="chips" aria-live="polite">
        <span>{t('corr.pick.count', { n: selected.length })}</span>
        {selected.map((p) => (
          <button type="button" key={p} className="chip" onClick={() => toggle(p)} aria-label={`${p} ×`}>
            {p} ×
          </button>
        ))}
        {selected.length > 0 && (
          <button type="button" className="link" onClick={() => onChange([])}>
            {t('corr.pick.clear')}
          </button>
        )}
      </div>
      {problem && (
        <small className="invalid" role="alert">
          {problem}
        </small>
      )}
      <details>
        <summary>{t('corr.pick')}</summary>
        <label htmlFor={id} className="visually-hidden">
          {t('corr.pick.filter')}
        </label>
        <input id={id} type="search" placeholder={t('corr.pick.filter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <ul className="picklist">
          {shown.slice(0, 400).map((p) => (
            <li key={p}>
              <label>
                <input type="checkbox" checked={selected.includes(p)} onChange={() => toggle(p)} /> {p}
              </label>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}
