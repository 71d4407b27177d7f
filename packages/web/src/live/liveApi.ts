import { alertSchema, liveMatrixEventSchema, liveSnapshotSchema, liveStatusSchema, liveStrengthEventSchema, LIVE_SESSIONS, type LiveAlert, type LiveMatrixEvent, type LiveSnapshot, type LiveStatus, type LiveStrengthEvent } from '@soukan/requests';
import { ApiError, apiGet, queryString } from '../api/client';

/** A session of the live matrix (`?session=` of the event stream). */
export type LiveSession = (typeof LIVE_SESSIONS)[number];
export { LIVE_SESSIONS };
export type { LiveAlert, LiveMatrixEvent, LiveSnapshot, LiveStatus, LiveStrengthEvent };

/**
 * The server's live state, or `null` when live mode is off (the API answers
 * 404 `live-off`). Other failures throw the `ApiError`.
 *
 * @example await fetchLiveState() // null against `soukan serve` without --live
 */
export async function fetchLiveState(signal?: AbortSignal): Promise<LiveSnapshot | null> {
  try {
    return liveSnapshotSchema.parse(await apiGet<unknown>('/api/live/state', {}, signal));
  } catch (e) {
    if (e instanceof ApiError && e.code === 'live-off') return null;
    throw e;
  }
}

/**
 * Address of the event stream for a session.
 *
 * @example liveEventsUrl('london') // '/api/live/events?session=london'
 */
export function liveEventsUrl(session: LiveSession): string {
  return `/api/live/events${queryString({ session })}`;
}

/** The payload schema of each named event of the stream. */
export const LIVE_EVENT_SCHEMAS = {
  snapshot: liveSnapshotSchema,
  matrix: liveMatrixEventSchema,
  strength: liveStrengthEventSchema,
  status: liveStatusSchema,
  alert: alertSchema,
} as const;

/** A named event of the stream with its parsed payload. */
export type LiveEvent =
  | { type: 'snapshot'; data: LiveSnapshot }
  | { type: 'matrix'; data: LiveMatrixEvent }
  | { type: 'strength'; data: LiveStrengthEvent }
  | { type: 'status'; data: LiveStatus }
  | { type: 'alert'; data: LiveAlert };

/**
 * Parses one event's `data` text by its name; `null` when it is not JSON or
 * does not match the contract (the caller counts it and carries on).
 *
 * @example parseLiveEvent('strength', '{"time":"2017-03-15T18:02:00.000Z","currencies":["EUR"],"scores":[100.2]}')?.type // 'strength'
 */
export function parseLiveEvent(type: keyof typeof LIVE_EVENT_SCHEMAS, text: string): LiveEvent | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const r = LIVE_EVENT_SCHEMAS[type].safeParse(raw);
  return r.success ? ({ type, data: r.data } as LiveEvent) : null;
}

/**
 * Identity of an alert (the server de-duplicates; the page does too when a
 * reconnect's snapshot repeats alerts it already showed).
 *
 * @example alertKey({ ruleId: 'r1', time: '2017-03-15T18:02:00.000Z', subject: 'AUD/USD~NZD/USD' } as LiveAlert) // 'r1|2017-03-15T18:02:00.000Z|AUD/USD~NZD/USD'
 */
export function alertKey(a: LiveAlert): string {
  return `${a.ruleId}|${a.time}|${a.subject}`;
}
