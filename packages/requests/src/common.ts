import { date, text, timeframe } from './spec/kinds.js';
import { param } from './spec/param.js';
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
