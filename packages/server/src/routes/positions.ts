import { positionsFromWords, type GivenPosition } from '@soukan/data';
import { MAX_SYMBOLS } from '@soukan/requests';
import { HttpError } from '../http/httpError.js';

/** Runs a parser that throws InputError for a bad value, as a 400 naming the parameter. */
export function parsed<T>(param: string, value: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new HttpError(400, 'invalid-param', (e as Error).message, { param, value });
  }
}

/**
 * The `positions` parameter (`EUR/USD 100000,USD/JPY -50000`), at most
 * {@link MAX_SYMBOLS}; each needs an amount unless `bareOne` allows a single
 * bare pair (VaR of one instrument). Required here: the command line may
 * read positions from a file instead, a query has nowhere else to give them.
 */
export function positionsOf(text: string | undefined, bareOne: boolean): GivenPosition[] {
  if (text === undefined) throw new HttpError(400, 'missing-param', 'positions is required: e.g. EUR/USD 100000,USD/JPY -50000', { param: 'positions' });
  const items = text.split(',').map((s) => s.trim());
  if (items.some((s) => s === '')) {
    throw new HttpError(400, 'invalid-param', 'positions: expected items separated by commas, e.g. EUR/USD 100000,USD/JPY -50000', { param: 'positions', value: text, expected: 'SYMBOL AMOUNT items separated by commas', rule: 'positions' });
  }
  const ps = parsed('positions', text, () => positionsFromWords(items));
  if (ps.length > MAX_SYMBOLS) throw new HttpError(400, 'invalid-param', `positions: at most ${MAX_SYMBOLS}`, { param: 'positions', expected: `at most ${MAX_SYMBOLS} positions`, rule: 'positions-max', max: MAX_SYMBOLS });
  const noAmount = bareOne && ps.length === 1 ? undefined : ps.find((x) => Number.isNaN(x.amount));
  if (noAmount) throw new HttpError(400, 'invalid-param', `positions: ${noAmount.text} has no amount${bareOne ? '; a portfolio needs one per position' : ''}`, { param: 'positions', value: noAmount.text, expected: 'SYMBOL AMOUNT', rule: 'positions' });
  return ps;
}
