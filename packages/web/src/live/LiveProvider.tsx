import { createContext, useCallback, useContext, useEffect, useMemo, useReducer, useState, type ReactNode } from 'react';
import { alertKey, fetchLiveState, liveEventsUrl, LIVE_EVENT_SCHEMAS, LIVE_SESSIONS, parseLiveEvent, type LiveAlert, type LiveEvent, type LiveMatrixEvent, type LiveSession, type LiveStatus, type LiveStrengthEvent } from './liveApi';
import { liveText } from './liveText';
import { openEventStream } from './openEventStream';
import { useI18n } from '../i18n/i18n';

/** Where the page's own connection to the event stream stands (the feed's state is `status.state`). */
export type LiveLink = 'connecting' | 'open' | 'reconnecting' | 'closed';
/** Whether the browser may show notifications (`unsupported` without the Notification API). */
export type NotifyPermission = NotificationPermission | 'unsupported';

/** Everything the live parts of the page show. */
export interface LiveState {
  /** `checking` until `/api/live/state` answers; `off` when the server runs without --live. */
  readonly mode: 'checking' | 'off' | 'on';
  readonly link: LiveLink;
  /** Times the event stream dropped and the page reconnected. */
  readonly linkDrops: number;
  readonly status: LiveStatus | null;
  readonly matrix: LiveMatrixEvent | null;
  readonly strength: LiveStrengthEvent | null;
  /** Newest first. */
  readonly alerts: readonly LiveAlert[];
  /** The newest alert that arrived over the stream (not from a snapshot), for the in-page notification. */
  readonly fresh: LiveAlert | null;
  /** Events that did not match the contract, ignored. */
  readonly invalid: number;
  readonly session: LiveSession;
  setSession(s: LiveSession): void;
  readonly notify: NotifyPermission;
  /** Asks for notification permission: call it from a click (browsers refuse otherwise). */
  askNotify(): void;
}

const MAX_ALERTS = 200;
const SESSION_KEY = 'soukan.live.session';
const EVENT_TYPES = Object.keys(LIVE_EVENT_SCHEMAS) as (keyof typeof LIVE_EVENT_SCHEMAS)[];

interface Data {
  status: LiveStatus | null;
  matrix: LiveMatrixEvent | null;
  strength: LiveStrengthEvent | null;
  alerts: LiveAlert[];
  fresh: LiveAlert | null;
  invalid: number;
}

type Action = LiveEvent | { type: 'invalid' } | { type: 'reset' };

/** Alerts of both lists once each, newest first. */
function mergeAlerts(a: readonly LiveAlert[], b: readonly LiveAlert[]): LiveAlert[] {
  const seen = new Map<string, LiveAlert>();
  for (const x of [...a, ...b]) if (!seen.has(alertKey(x))) seen.set(alertKey(x), x);
  return [...seen.values()].sort((x, y) => (x.time < y.time ? 1 : x.time > y.time ? -1 : 0)).slice(0, MAX_ALERTS);
}

function reduce(d: Data, a: Action): Data {
  switch (a.type) {
    case 'reset':
      return { ...d, matrix: null, strength: null };
    case 'invalid':
      return { ...d, invalid: d.invalid + 1 };
    case 'snapshot':
      return { ...d, status: a.data.feed, matrix: a.data.matrix, strength: a.data.strength, alerts: mergeAlerts(a.data.alerts, d.alerts) };
    case 'status':
      return { ...d, status: a.data };
    case 'matrix':
      return { ...d, matrix: a.data };
    case 'strength':
      return { ...d, strength: a.data };
    case 'alert':
      if (d.alerts.some((x) => alertKey(x) === alertKey(a.data))) return d;
      return { ...d, alerts: [a.data, ...d.alerts].slice(0, MAX_ALERTS), fresh: a.data };
  }
}

const EMPTY: Data = { status: null, matrix: null, strength: null, alerts: [], fresh: null, invalid: 0 };
const LiveContext = createContext<LiveState | null>(null);

function storedSession(): LiveSession {
  try {
    const s = sessionStorage.getItem(SESSION_KEY);
    if (s && (LIVE_SESSIONS as readonly string[]).includes(s)) return s as LiveSession;
  } catch {
    /* storage disabled */
  }
  return 'all';
}

function notifyPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/**
 * Detects live mode (`GET /api/live/state`; 404 `live-off` → nothing live is
 * shown) and keeps one event stream on `/api/live/events?session=…` open
 * (an `EventSource`, or a `fetch` carrying the token of a `--token` server),
 * reconnecting when it drops. Changing the session reconnects with the new
 * `?session=`.
 *
 * @example <LiveProvider><App /></LiveProvider> // useLive() inside App
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  const [mode, setMode] = useState<LiveState['mode']>('checking');
  const [link, setLink] = useState<LiveLink>('connecting');
  const [linkDrops, setLinkDrops] = useState(0);
  const [session, setSessionState] = useState<LiveSession>(storedSession);
  const [notify, setNotify] = useState<NotifyPermission>(notifyPermission);
  const [data, dispatch] = useReducer(reduce, EMPTY);

  useEffect(() => {
    const ac = new AbortController();
    fetchLiveState(ac.signal).then(
      (s) => {
        if (!s) return setMode('off');
        dispatch({ type: 'snapshot', data: s });
        setMode('on');
      },
      // A server that cannot say (an older one, a network failure) shows no live parts.
      () => !ac.signal.aborted && setMode('off'),
    );
    return () => ac.abort();
  }, []);

  useEffect(() => {
    if (mode !== 'on') return;
    let close: (() => void) | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let backoff = 1000;
    let wasOpen = false;
    const open = (): void => {
      close = openEventStream(liveEventsUrl(session), EVENT_TYPES, {
        onOpen: () => {
          wasOpen = true;
          backoff = 1000;
          setLink('open');
        },
        onDrop: (retrying) => {
          if (wasOpen) setLinkDrops((n) => n + 1);
          wasOpen = false;
          setLink('reconnecting');
          // An EventSource retries a dropped stream itself; an HTTP error (or a fetch stream) is reopened here with backoff.
          if (!retrying) {
            timer = setTimeout(open, backoff);
            backoff = Math.min(backoff * 2, 30_000);
          }
        },
        onEvent: (type, data) => {
          const ev = parseLiveEvent(type as keyof typeof LIVE_EVENT_SCHEMAS, data);
          if (!ev) return dispatch({ type: 'invalid' });
          // The bench times tick → pixels from this mark to the painted cell.
          if (ev.type === 'matrix') performance.mark('soukan:live-matrix', { detail: { time: ev.data.time } });
          dispatch(ev);
        },
      });
    };
    setLink('connecting');
    dispatch({ type: 'reset' });
    open();
    return () => {
      clearTimeout(timer);
      close?.();
    };
  }, [mode, session]);

  // A browser notification for each alert that arrives while the page is open, once the user allowed it.
  useEffect(() => {
    const a = data.fresh;
    if (!a || notify !== 'granted' || typeof Notification === 'undefined') return;
    try {
      new Notification(`soukan · ${liveText(lang, `live.kind.${a.kind}`)}: ${a.subject}`, { body: a.message, tag: alertKey(a) });
    } catch {
      /* some browsers allow notifications only from a service worker */
    }
  }, [data.fresh, notify, lang]);

  const setSession = useCallback((s: LiveSession) => {
    try {
      sessionStorage.setItem(SESSION_KEY, s);
    } catch {
      /* storage disabled */
    }
    setSessionState(s);
  }, []);
  const askNotify = useCallback(() => {
    if (typeof Notification === 'undefined') return;
    void Notification.requestPermission().then(setNotify, () => setNotify(notifyPermission()));
  }, []);

  const value = useMemo<LiveState>(() => ({ mode, link, linkDrops, ...data, session, setSession, notify, askNotify }), [mode, link, linkDrops, data, session, setSession, notify, askNotify]);
  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

/**
 * The live state (mode `off` outside a provider, so views can use it unconditionally).
 *
 * @example const live = useLive(); live.mode === 'on' && live.matrix?.symbols.length // 8
 */
export function useLive(): LiveState {
  return useContext(LiveContext) ?? OFF;
}

const OFF: LiveState = { mode: 'off', link: 'closed', linkDrops: 0, ...EMPTY, session: 'all', setSession: () => {}, notify: 'unsupported', askNotify: () => {} };
