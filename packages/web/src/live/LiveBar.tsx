import './live.css';
import { useState } from 'react';
import { AlertsPanel } from './AlertsPanel';
import { AlertToast } from './AlertToast';
import { useLive } from './LiveProvider';
import { LiveStatusLine } from './LiveStatusLine';
import { useLiveText } from './liveText';
import { SessionToggle } from './SessionToggle';

/**
 * The live strip every page shows in live mode (nothing otherwise): the
 * feed's status line, the session toggle, the alerts button and list, the
 * notification switch, and the in-page notification of a new alert.
 *
 * @example <LiveBar /> // renders null unless GET /api/live/state answered
 */
export function LiveBar() {
  const live = useLive();
  const lt = useLiveText();
  const [panel, setPanel] = useState(false);
  const [focus, setFocus] = useState<string | null>(null);
  if (live.mode !== 'on') return null;
  return (
    <section className="live-bar" data-testid="live-bar" aria-label={lt('live.badge')}>
      <div className="live-row">
        <span className="live-badge">{lt('live.badge')}</span>
        <LiveStatusLine />
      </div>
      <div className="live-row live-controls">
        <SessionToggle />
        <button type="button" aria-expanded={panel} onClick={() => { setFocus(null); setPanel((p) => !p); }} data-testid="live-alerts-button" className={live.alerts.length ? 'live-has-alerts' : undefined}>
          {lt('live.alerts', { n: live.alerts.length })}
        </button>
        {live.notify !== 'unsupported' && (
          <button type="button" onClick={live.askNotify} disabled={live.notify !== 'default'} data-testid="live-notify">
            {live.notify === 'granted' ? lt('live.notify.on') : live.notify === 'denied' ? lt('live.notify.denied') : lt('live.notify')}
          </button>
        )}
      </div>
      {panel && <AlertsPanel focus={focus} onClose={() => setPanel(false)} />}
      <AlertToast onOpen={(key) => { setFocus(key); setPanel(true); }} />
    </section>
  );
}
