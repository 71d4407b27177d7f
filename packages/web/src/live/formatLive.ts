const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A tick or bar time to the second, in UTC, in the page's locale.
 *
 * @example tickTime('2017-03-15T18:02:03.250Z', 'en-US') // 'Mar 15, 2017, 18:02:03 UTC'
 */
export function tickTime(iso: string | null, locale: string): string {
  if (!iso) return '—';
  let f = timeFormats.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false, timeZoneName: 'short' });
    timeFormats.set(locale, f);
  }
  return f.format(Date.parse(iso));
}

/**
 * A lag in milliseconds as people read it: ms below a second, then seconds,
 * minutes, hours, and days (a replay of old data lags by years).
 *
 * @example lagText(1234) // '1.2 s'
 */
export function lagText(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  if (ms < 172_800_000) return `${Math.round(ms / 3_600_000)} h`;
  return `${Math.round(ms / 86_400_000)} d`;
}
