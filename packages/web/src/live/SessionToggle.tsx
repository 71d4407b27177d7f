import { Segmented } from '../components/common';
import { LIVE_SESSIONS } from './liveApi';
import { useLive } from './LiveProvider';
import { useLiveText } from './liveText';

/**
 * Tokyo / London / New York / all: which bars the live matrix is built from.
 * Changing it reconnects the event stream with `?session=`.
 *
 * @example <SessionToggle /> // four radio buttons, "All" checked at first
 */
export function SessionToggle() {
  const live = useLive();
  const lt = useLiveText();
  return <Segmented name="live-session" label={lt('live.session')} value={live.session} options={LIVE_SESSIONS.map((s) => ({ value: s, label: lt(`live.session.${s}`) }))} onChange={live.setSession} />;
}
