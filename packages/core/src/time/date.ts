/** Calendar helpers on UTC epoch milliseconds. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses `YYYY-MM-DD` to 00:00 UTC of that date.
 *
 * @throws Error when the text is not a real calendar date.
 * @example parseIsoDate('2017-03-12') // 1489276800000
 */
export function parseIsoDate(text: string): number {
  const m = ISO_DATE.exec(text.trim());
  if (!m) throw new Error(`not a date: ${JSON.stringify(text)} (expected YYYY-MM-DD)`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new Error(`not a date: ${JSON.stringify(text)} (no such day)`);
  }
  return t;
}

/** `YYYY-MM-DD` of a UTC instant. */
export function formatIsoDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MMZ` of a UTC instant (date only when it is 00:00 UTC). */
export function formatIsoTime(utcMs: number): string {
  const iso = new Date(utcMs).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 16)}Z`;
}
