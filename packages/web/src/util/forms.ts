import type { I18n } from '../i18n/i18n';

/** Page-side checks (the API checks again); each returns the message in the user's language, or null. */
export function intProblem(v: string, min: number, max: number, t: I18n['t']): string | null {
  const s = v.trim();
  if (!/^\d+$/.test(s)) return t('form.invalid.int', { min, max });
  const n = Number(s);
  return n >= min && n <= max ? null : t('form.invalid.int', { min, max });
}

export function windowOrAllProblem(v: string, min: number, t: I18n['t']): string | null {
  return v.trim() === 'all' ? null : intProblem(v, min, 1_000_000, t) && t('form.invalid.windowMin', { min });
}

export function numberListProblem(v: string, t: I18n['t']): string | null {
  return /^\s*\d+(\.\d+)?\s*(,\s*\d+(\.\d+)?\s*)*$/.test(v) && v.split(',').every((x) => Number(x) > 0) ? null : t('form.invalid.pipsList');
}

export function horizonListProblem(v: string, t: I18n['t']): string | null {
  return /^\s*\d+(\.\d+)?\s*(m|h|d|b)?\s*(,\s*\d+(\.\d+)?\s*(m|h|d|b)?\s*)*$/i.test(v) ? null : t('form.invalid.horizons');
}

export function confidenceListProblem(v: string, t: I18n['t']): string | null {
  const ok = v.split(',').every((x) => {
    const s = x.trim();
    const n = s.endsWith('%') ? Number(s.slice(0, -1)) / 100 : Number(s);
    return s !== '' && n > 0 && n < 1;
  });
  return ok ? null : t('form.invalid.confidence');
}

export function amountProblem(v: string, t: I18n['t']): string | null {
  return /^[+-]?(\d[\d,_]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?[kKmM]?$/.test(v.trim()) && Number(v.replace(/[kKmM,_]/g, '')) !== 0 ? null : t('form.invalid.amount');
}
