import type { I18n } from '../../i18n/i18n';

/** Page-side check of a window: a whole number 2 … 1,000,000 or "all" (the API checks again). */
export function windowProblem(v: string, t: I18n['t']): string | null {
  const s = v.trim();
  if (s === 'all') return null;
  if (!/^\d+$/.test(s)) return t('form.invalid.window');
  const n = Number(s);
  return n >= 2 && n <= 1_000_000 ? null : t('form.invalid.window');
}

/** Page-side check of an optional date. */
export function dateProblem(v: string, t: I18n['t']): string | null {
  if (v.trim() === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
  if (!m) return t('form.invalid.date');
  const d = new Date(`${v.trim()}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.getUTCDate() !== Number(m[3]) ? t('form.invalid.date') : null;
}

/** Page-side check of a rolling window. */
export function rollingProblem(v: string, t: I18n['t']): string | null {
  const s = v.trim();
  if (!/^\d+$/.test(s)) return t('form.invalid.rolling');
  const n = Number(s);
  return n >= 2 && n <= 100_000 ? null : t('form.invalid.rolling');
}
