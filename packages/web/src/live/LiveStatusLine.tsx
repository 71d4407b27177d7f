import { useI18n } from '../i18n/i18n';
import { lagText, tickTime } from './formatLive';
import { useLive } from './LiveProvider';
import { useLiveText } from './liveText';

/**
 * One line of the feed's state: feed, state, last tick time, lag and
 * reconnects (from `status` events), and the page's own link when it is not open.
 *
 * @example <LiveStatusLine /> // "● live · replay 60× · last tick Mar 15, 2017, 18:02:03 UTC · lag 12 ms · reconnects 0"
 */
export function LiveStatusLine() {
  const live = useLive();
  const i18n = useI18n();
  const lt = useLiveText();
  const s = live.status;
  // The page's link is what the user sees first when it is down: the feed's last status is stale then.
  const state = live.link !== 'open' ? live.link : (s?.state ?? 'connecting');
  const stateText = live.link === 'open' ? lt(`live.state.${s?.state ?? 'connecting'}`) : live.link === 'closed' ? lt('live.link.closed') : lt(`live.link.${live.link}`);
  const dropped = s ? s.dropped.duplicate + s.dropped.outOfOrder + s.dropped.invalid + s.dropped.unknown : 0;
  return (
    <div className="live-status" role="group" aria-label={lt('live.status')} data-testid="live-status" data-state={state}>
      <span className={`live-dot live-dot-${state}`} aria-hidden="true" />
      <strong className="live-state">{stateText}</strong>
      {s && (
        <>
          <span data-testid="live-feed">{s.feed === 'replay' ? lt('live.feed.replay', { speed: i18n.num(s.speed ?? 1, 0) }) : lt(`live.feed.${s.feed}`)}</span>
          <span data-testid="live-last-tick">{s.lastTickTime ? lt('live.lastTick', { time: tickTime(s.lastTickTime, i18n.locale) }) : lt('live.noTick')}</span>
          <span data-testid="live-lag">{lt('live.lag', { ms: lagText(s.lagMs) })}</span>
          <span data-testid="live-reconnects">{lt('live.reconnects', { n: i18n.int(s.reconnects) })}</span>
          <span className="live-minor">{lt('live.ticks', { n: i18n.int(s.ticks) })}</span>
          {dropped > 0 && <span className="live-minor">{lt('live.dropped', { n: i18n.int(dropped) })}</span>}
        </>
      )}
      {live.linkDrops > 0 && <span className="live-minor">{lt('live.linkDrops', { n: live.linkDrops })}</span>}
      {live.invalid > 0 && <span className="live-minor">{lt('live.invalid', { n: live.invalid })}</span>}
    </div>
  );
}
