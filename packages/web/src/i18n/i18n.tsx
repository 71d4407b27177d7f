import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { paramLabel } from '@soukan/requests';
import { ApiError } from '../api/client';
import { en, type MessageKey } from './en';
import { ja } from './ja';

export type Lang = 'en' | 'ja';
export const LANGS: readonly Lang[] = ['en', 'ja'];
const CATALOG: Record<Lang, Record<MessageKey, string>> = { en, ja };
const STORAGE_KEY = 'soukan.lang';
const LOCALE: Record<Lang, string> = { en: 'en-US', ja: 'ja-JP' };

/** The language remembered in this browser, else the browser's own preference. */
export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'ja') return saved;
  } catch {
    /* storage disabled */
  }
  const prefs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const p of prefs) {
    const l = p.toLowerCase();
    if (l.startsWith('ja')) return 'ja';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export type Params = Record<string, string | number>;

/** Text, numbers and dates in the user's language. */
export interface I18n {
  readonly lang: Lang;
  readonly locale: string;
  setLang(l: Lang): void;
  t(key: MessageKey, params?: Params): string;
  /** A number with `digits` decimals (grouped). */
  num(v: number | null | undefined, digits?: number): string;
  /** A signed number (−0.52, +0.31). */
  signed(v: number | null | undefined, digits?: number): string;
  int(v: number): string;
  /** A p-value: 3 significant digits, "< 0.0001" below that. */
  pValue(v: number | null | undefined): string;
  /** A p-value with its relation: "= 0.0123" or "< 0.0001". */
  pRel(v: number | null | undefined): string;
  /** A percentage of a fraction. */
  pct(v: number | null | undefined, digits?: number): string;
  /** A date (UTC) from epoch ms or an ISO string. */
  date(v: number | string | null | undefined): string;
  /** A date and time (UTC) when the instant is not midnight. */
  dateTime(v: number | string | null | undefined): string;
  bytes(n: number): string;
  /** A user-facing message for an API error. */
  error(e: unknown): { text: string; detail?: string };
  /**
   * A server note in the user's language from its code and values
   * (`noteCodes[i]`), else the server's English text (`lang: 'en'`).
   */
  note(text: string, coded?: { code: string; params: Params } | null): { text: string; lang: Lang };
}

const Ctx = createContext<I18n | null>(null);

function interpolate(s: string, params?: Params): string {
  if (!params) return s;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] !== undefined ? String(params[k]) : m));
}

/**
 * The formatters and messages of one language (what {@link useI18n} gives a
 * component; tests make one directly).
 *
 * @example makeI18n('ja', () => {}).t('corr.window') // '期間'
 */
export function makeI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  const locale = LOCALE[lang];
  const cat = CATALOG[lang];
  const nf = new Map<string, Intl.NumberFormat>();
  const fmt = (digits: number, signed = false): Intl.NumberFormat => {
    const key = `${digits}|${signed}`;
    let f = nf.get(key);
    if (!f) {
      f = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits, signDisplay: signed ? 'exceptZero' : 'auto' });
      nf.set(key, f);
    }
    return f;
  };
  // Intl formatters are costly to create (locale data): made on first use, then kept.
  let dateFmtCache: Intl.DateTimeFormat | undefined;
  let dateTimeFmtCache: Intl.DateTimeFormat | undefined;
  let sigFmt: Intl.NumberFormat | undefined;
  const pctFmt = new Map<number, Intl.NumberFormat>();
  const dateFmt = { format: (ms: number): string => (dateFmtCache ??= new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' })).format(ms) };
  const dateTimeFmt = {
    format: (ms: number): string =>
      (dateTimeFmtCache ??= new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false, timeZoneName: 'short' })).format(ms),
  };
  const sig3 = (): Intl.NumberFormat => (sigFmt ??= new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 }));
  const pctOf = (d: number): Intl.NumberFormat => {
    let f = pctFmt.get(d);
    if (!f) pctFmt.set(d, (f = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: d, maximumFractionDigits: d })));
    return f;
  };
  const toMs = (v: number | string): number => (typeof v === 'number' ? v : Date.parse(v.length === 10 ? `${v}T00:00:00Z` : v));
  const t = (key: MessageKey, params?: Params): string => interpolate(cat[key] ?? en[key] ?? key, params);
  const dash = '—';
  return {
    lang,
    locale,
    setLang,
    t,
    note: (text, coded) => {
      const key = `note.${coded?.code}` as MessageKey;
      if (!coded || !(key in cat)) return { text, lang: 'en' };
      const universe = `corr.universe.${coded.params.universe}` as MessageKey;
      const params = { ...coded.params };
      if (universe in cat) params.universe = t(universe);
      for (const [k, v] of Object.entries(params)) if (typeof v === 'number' && Number.isInteger(v)) params[k] = fmt(0).format(v);
      return { text: t(key, params), lang };
    },
    num: (v, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? dash : fmt(d).format(v)),
    signed: (v, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? dash : fmt(d, true).format(v)),
    int: (v) => fmt(0).format(v),
    pValue: (v) => {
      if (v === null || v === undefined || !Number.isFinite(v)) return dash;
      if (v < 1e-4) return `< ${fmt(4).format(0.0001)}`;
      return sig3().format(v);
    },
    pRel: (v) => {
      if (v === null || v === undefined || !Number.isFinite(v)) return `= ${dash}`;
      if (v < 1e-4) return `< ${fmt(4).format(0.0001)}`;
      return `= ${sig3().format(v)}`;
    },
    pct: (v, d = 2) => (v === null || v === undefined || !Number.isFinite(v) ? dash : pctOf(d).format(v)),
    date: (v) => (v === null || v === undefined ? dash : dateFmt.format(toMs(v))),
    dateTime: (v) => {
      if (v === null || v === undefined) return dash;
      const ms = toMs(v);
      return ms % 86_400_000 === 0 ? dateFmt.format(ms) : dateTimeFmt.format(ms);
    },
    bytes: (n) => {
      const units = ['B', 'KB', 'MB', 'GB'];
      let i = 0;
      let x = n;
      while (x >= 1024 && i < units.length - 1) {
        x /= 1024;
        i++;
      }
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: i === 0 ? 0 : 1 }).format(x)} ${units[i]}`;
    },
    error: (e) => {
      if (e instanceof ApiError) {
        const key = `error.${e.code}` as MessageKey;
        const known = key in cat;
        const params: Params = {};
        for (const [k, v] of Object.entries(e.params)) params[k] = typeof v === 'number' && Number.isInteger(v) ? fmt(0).format(v) : v;
        // A field by its label in the user's language ("Minimum periods"), not its API spelling (minPeriods).
        for (const k of ['param', 'other'] as const) if (typeof e.params[k] === 'string') params[k] = paramLabel(e.params[k], lang);
        // What a valid value looks like: worded here from its rule when the page knows it, else the server's English.
        const rule = `expect.${e.params.rule}` as MessageKey;
        if (e.params.rule !== undefined && rule in cat) params.expected = t(rule, params);
        const text = known ? t(key, params) : t('error.generic', { code: e.code });
        return { text, detail: e.message };
      }
      return { text: t('error.generic', { code: 'client' }), detail: String((e as Error)?.message ?? e) };
    },
  };
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      /* storage disabled: the choice lasts until reload */
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}
