import { moveRequest, type Params, type RequestSpec } from '@soukan/requests';
import type { I18n } from '../i18n/i18n';
import { fieldProblem } from '../views/validate';

/**
 * A form field's validator derived from its parameter in the request spec
 * (`packages/requests`): the same bounds, rule and wording the API and the
 * command line use, in the user's language. Returns the message, or null.
 *
 * @example
 * specField(varRequest, 'window', i18n)('abc') // 'The value of “Window” is not valid: expected a whole number from 30 to 10,000,000, or “all”.'
 */
export function specField<P extends Params>(spec: RequestSpec<P>, name: keyof P & string, i18n: Pick<I18n, 'error'>): (text: string) => string | null {
  return (text) => fieldProblem(spec, name, text, i18n);
}

/**
 * An amount of one position (`100000`, `-50k`, `1.5m`; not zero). The
 * request spec declares positions as one text the data layer reads, so the
 * page checks the amount it puts into that text here.
 */
export function amountProblem(v: string, t: I18n['t']): string | null {
  return /^[+-]?(\d[\d,_]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?[kKmM]?$/.test(v.trim()) && Number(v.replace(/[kKmM,_]/g, '')) !== 0 ? null : t('form.invalid.amount');
}

/** `eurusd`, `EUR_USD` → `EUR/USD` (the server accepts any; this keeps the URL tidy). */
export function normalPair(text: string): string {
  const t = text.trim().toUpperCase().replace(/[_\-. ]/, '/');
  return /^[A-Z]{6}$/.test(t) ? `${t.slice(0, 3)}/${t.slice(3)}` : t;
}

/**
 * A pair field: the requests' pair rule (as the `symbol` of a move request,
 * the same for every request), then whether the source has that pair.
 */
export function pairProblem(text: string, pairs: readonly string[], i18n: Pick<I18n, 'error' | 't'>): string | null {
  const bad = fieldProblem(moveRequest, 'symbol', text, i18n);
  if (bad) return bad;
  const p = normalPair(text);
  return pairs.length && !pairs.includes(p) ? i18n.t('form.invalid.pairUnknown', { pair: p }) : null;
}
