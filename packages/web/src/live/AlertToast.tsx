import { useEffect, useState } from 'react';
import { alertKey, type LiveAlert } from './liveApi';
import { useLive } from './LiveProvider';
import { useLiveText } from './liveText';

/** How long the in-page notification of a new alert stays. */
const TOAST_MS = 12_000;

/**
 * The in-page notification of the newest alert that arrived over the
 * stream; clicking it opens the list at that alert.
 *
 * @example <AlertToast onOpen={(key) => showPanel(key)} /> // "Correlation left its band · AUD/USD~NZD/USD"
 */
export function AlertToast({ onOpen }: { onOpen: (key: string) => void }) {
  const live = useLive();
  const lt = useLiveText();
  const [shown, setShown] = useState<LiveAlert | null>(null);
  useEffect(() => {
    if (!live.fresh) return;
    setShown(live.fresh);
    const t = setTimeout(() => setShown(null), TOAST_MS);
    return () => clearTimeout(t);
  }, [live.fresh]);
  if (!shown) return null;
  return (
    <div className="live-toast" role="status" data-testid="live-toast">
      <button type="button" onClick={() => { onOpen(alertKey(shown)); setShown(null); }} title={lt('live.alerts.show')}>
        <strong>{lt(`live.kind.${shown.kind}`)}</strong> · {shown.subject}
        <br />
        <span lang="en">{shown.message}</span>
      </button>
      <button type="button" className="live-toast-close" aria-label={lt('live.alerts.close')} onClick={() => setShown(null)}>
        ×
      </button>
    </div>
  );
}
