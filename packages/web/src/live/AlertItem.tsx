import { useId, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { tickTime } from './formatLive';
import type { LiveAlert } from './liveApi';
import { useLiveText } from './liveText';

/**
 * One alert: kind, subject, time and message; its evidence (the values,
 * windows and times the rule saw) opens on click or tap.
 *
 * @example <AlertItem alert={a} /> // "Correlation left its band · AUD/USD~NZD/USD · Mar 15, 2017, 18:02:00 UTC"
 */
export function AlertItem({ alert: a, open: initiallyOpen = false }: { alert: LiveAlert; open?: boolean }) {
  const i18n = useI18n();
  const lt = useLiveText();
  const [open, setOpen] = useState(initiallyOpen);
  const id = useId();
  return (
    <li className={`live-alert live-alert-${a.kind}`} data-testid="live-alert" data-kind={a.kind}>
      <button type="button" className="live-alert-head" aria-expanded={open} aria-controls={id} onClick={() => setOpen((o) => !o)}>
        <strong>{lt(`live.kind.${a.kind}`)}</strong> <span className="live-alert-subject">{a.subject}</span> <time dateTime={a.time}>{tickTime(a.time, i18n.locale)}</time>
      </button>
      <p className="live-alert-message" lang="en">
        {a.message}
      </p>
      {open && (
        <dl id={id} className="live-evidence" data-testid="live-evidence" aria-label={lt('live.alerts.evidence')}>
          {Object.entries(a.evidence).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'number' ? i18n.num(v, Number.isInteger(v) ? 0 : Math.abs(v) < 1 ? 4 : 2) : v}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
