import { DAY_MS } from '../time/date.js';
import { tzOffset, zonedToUtc } from '../time/zone.js';

/**
 * Trading-session opens used as base times for intraday strength: local
 * wall-clock hour in the financial centre's own zone, so daylight saving is
 * handled by the zone (London 08:00 is 07:00 UTC in summer, 08:00 in winter).
 */
export const SESSION_OPENS: Readonly<Record<'tokyo' | 'london' | 'newyork', { readonly tz: string; readonly hour: number }>> = {
  tokyo: { tz: 'Asia/Tokyo', hour: 9 },
  london: { tz: 'Europe/London', hour: 8 },
  newyork: { tz: 'America/New_York', hour: 8 },
};

export type Session = keyof typeof SESSION_OPENS;

/**
 * The latest weekday open of a session at or before an instant (UTC ms).
 * Saturdays and Sundays (local date) have no open.
 *
 * O(1) (at most a week of steps back).
 *
 * @example sessionOpenAtOrBefore('tokyo', Date.UTC(2024, 0, 10, 3)) // Date.UTC(2024, 0, 10, 0) = 09:00 JST on Wed 10 Jan
 */
export function sessionOpenAtOrBefore(session: Session, utcMs: number): number {
  const s = SESSION_OPENS[session];
  if (!s) throw new Error(`unknown session ${JSON.stringify(session)}; use one of ${Object.keys(SESSION_OPENS).join(', ')}`);
  if (!Number.isFinite(utcMs)) return Number.NaN;
  const localDay = Math.floor((utcMs + tzOffset(utcMs, s.tz)) / DAY_MS) * DAY_MS;
  for (let back = 0; back < 8; back++) {
    const day = localDay - back * DAY_MS;
    const wd = new Date(day).getUTCDay();
    if (wd === 0 || wd === 6) continue;
    const open = zonedToUtc(day + s.hour * 3_600_000, s.tz);
    if (open <= utcMs) return open;
  }
  return Number.NaN;
}
