import { SESSION_OPENS, tzOffset } from '@soukan/core';

/** Trading sessions a live matrix can be restricted to. */
export type LiveSession = keyof typeof SESSION_OPENS;

/** Hours a session lasts from its open (Tokyo 09:00–18:00 JST, London 08:00–17:00, New York 08:00–17:00 local). */
export const SESSION_HOURS = 9;

/**
 * Whether an instant lies inside a trading session: a weekday (local date)
 * between the session's open (`SESSION_OPENS`, local wall clock in the
 * centre's own zone, so daylight saving moves it in UTC) and
 * {@link SESSION_HOURS} later. The zone's offset is read at 12:00 UTC of the
 * day: the three centres change clocks at night (01:00–02:00 local), before
 * their sessions open, so it is the offset of the session's hours — and one
 * look-up per day keeps a replay of a year cheap. O(1).
 *
 * @example inSession('london', Date.UTC(2017, 2, 15, 9)) // true (09:00 GMT, a Wednesday)
 */
export function inSession(session: LiveSession, utcMs: number): boolean {
  const s = SESSION_OPENS[session];
  const noon = Math.floor(utcMs / 86_400_000) * 86_400_000 + 43_200_000;
  const local = utcMs + tzOffset(noon, s.tz);
  const day = new Date(local).getUTCDay();
  if (day === 0 || day === 6) return false;
  const hour = Math.floor((((local % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);
  return hour >= s.hour && hour < s.hour + SESSION_HOURS;
}
