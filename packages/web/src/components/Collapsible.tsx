import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * A view's form that folds behind one button on a phone, so the result
 * comes first; the button shows what is chosen. On wider screens the form
 * is always open.
 */
export function Collapsible({ narrow, summary, children, testId = 'controls-toggle' }: { narrow: boolean; summary: string; children: ReactNode; testId?: string }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  if (!narrow) return <>{children}</>;
  return (
    <div className="collapsible">
      <button type="button" className="toggle" aria-expanded={open} aria-controls={id} onClick={() => setOpen((x) => !x)} data-testid={testId}>
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {open ? t('corr.controls.hide') : t('corr.controls.show')}
        <small>{summary}</small>
      </button>
      <div id={id} hidden={!open}>
        {children}
      </div>
    </div>
  );
}
