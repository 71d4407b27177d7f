import { alertKey } from './liveApi';
import { useLive } from './LiveProvider';
import { AlertItem } from './AlertItem';
import { useLiveText } from './liveText';

/**
 * The list of alerts, newest first, each with its evidence on click.
 *
 * @example <AlertsPanel onClose={() => setOpen(false)} focus={key} /> // the alert `focus` opened
 */
export function AlertsPanel({ onClose, focus }: { onClose: () => void; focus?: string | null }) {
  const live = useLive();
  const lt = useLiveText();
  return (
    <section className="live-panel" aria-label={lt('live.alerts.title')} data-testid="live-alerts">
      <header>
        <h2>{lt('live.alerts.title')}</h2>
        <button type="button" onClick={onClose}>
          {lt('live.alerts.close')}
        </button>
      </header>
      {live.alerts.length === 0 ? (
        <p className="muted">{lt('live.alerts.none')}</p>
      ) : (
        <ol className="live-alerts">
          {live.alerts.map((a) => (
            <AlertItem key={alertKey(a)} alert={a} open={alertKey(a) === focus} />
          ))}
        </ol>
      )}
    </section>
  );
}
