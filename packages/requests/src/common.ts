import { MAX_WINDOW } from './limits.js';
import type { Localised } from './text.js';
import { date, text, timeframe, windowOrAll } from './spec/kinds.js';
import { param, type Kind } from './spec/param.js';
import { inOrder, notWith } from './spec/rules.js';
import type { Params, Rule } from './spec/request.js';

// Parameters and rules several requests share, declared once.

/** `source`: which imported source to read (HTTP only; the command line reads --data files or --source of the store). */
export const sourceParam = param(text(/^[\w .-]{1,40}$/, { en: 'a source name such as ECB', rule: 'source' }, 40, '<name>'), {
  description: {
    en: 'data source, e.g. ECB, FRB H.10, HistData (default: ECB when present, else the source with the most series)',
    ja: 'データソース（例: ECB、FRB H.10、HistData。既定: ECB があれば ECB、なければ系列の最も多いソース）',
  },
  cli: 'none',
});

/** `store`: the store file a command reads or writes (command line only; a server has its own). */
export const storeParam = param(text(/^[^\0\r\n]{1,400}$/, { en: 'a file path', rule: 'file' }, 400, '<path>'), {
  description: {
    en: 'store file (default $SOUKAN_STORE, else soukan.duckdb in the soukan data folder)',
    ja: 'ストアのファイル（既定: $SOUKAN_STORE、なければ soukan のデータフォルダの soukan.duckdb）',
  },
  api: false,
});

/** `end`: a count window ends at or before this date. */
export const endParam = param(date(), {
  description: { en: 'the window ends on or before this date (YYYY-MM-DD)', ja: 'ウィンドウの終わり（この日以前、YYYY-MM-DD）' },
});

/** `from`: start of a date range (instead of a count window). */
export const fromParam = param(date(), {
  description: { en: 'date range start (instead of --window)', ja: '期間の開始日（ウィンドウの代わり）' },
});

/** `to`: end of a date range (inclusive). */
export const toParam = param(date(), {
  description: { en: 'date range end, inclusive (instead of --window)', ja: '期間の終了日（この日を含む。ウィンドウの代わり）' },
});

/** `timeframe`: the bar size. */
export const timeframeParam = param(timeframe(), {
  description: {
    en: 'bar size: D1 or W1 for daily data; M5 M15 M30 H1 H4 D1 W1 for intraday (default D1; H1 for intraday data)',
    ja: '足の長さ: 日次データは D1 か W1、日中データは M5 M15 M30 H1 H4 D1 W1（既定 D1、日中データは H1）',
  },
});

/**
 * The rules of "last N observations" versus a date range: a window is a count
 * or a range, never both; `end` goes with a count; `from` is not after `to`.
 */
export function windowRules<P extends Params>(): Rule<P>[] {
  return [notWith<P>('window', ['from', 'to']), notWith<P>('end', ['from', 'to']), inOrder<P>('from', 'to')];
}

/** A three-letter currency code. */
export function currencyKind(): Kind<string> {
  return text(/^[A-Za-z]{3}$/, { en: 'a three-letter currency code such as USD', rule: 'currency' }, 3, '<ccy>');
}

/** An IANA time zone name, or UTC. */
export const zoneKind = (): Kind<string> => text(/^(UTC|[A-Za-z_]+(\/[A-Za-z0-9_+-]+){1,2})$/, { en: 'an IANA time zone such as Asia/Tokyo or UTC', rule: 'zone' }, 64, '<tz>');

/** Positions: `SYMBOL AMOUNT` items (k/m suffixes allowed) separated by commas; the data layer reads them. */
export const positionsKind = (): Kind<string> =>
  text(/^[^\0]{1,2000}$/, { en: 'pair and amount items separated by commas, e.g. EUR/USD 100000,USD/JPY -50000', rule: 'positions' }, 2000, '<positions>');

/** Confidence levels in (0, 1), comma-separated (`0.95,0.99` or `95%,99%`). */
export const confidenceListKind = (): Kind<string> =>
  text(/^\s*\d*\.?\d+%?\s*(,\s*\d*\.?\d+%?\s*)*$/, { en: 'confidence levels in (0, 1) such as 0.95,0.99', rule: 'confidence-list' }, 400, '<levels>');

/** The `window` of a request that counts observations: `min` … {@link MAX_WINDOW}, or all. */
export function windowParamOf(min: number, fallback: number | 'all', description: Localised) {
  return param(windowOrAll(min, MAX_WINDOW), { description, default: fallback });
}
