import { DAY_MS, parseIsoDate, SYMBOL_TEXT, TIMEFRAMES, type AlignPolicy, type Timeframe } from '@soukan/core';
import * as z from 'zod/mini';
import { Invalid, type Expectation } from './invalid.js';
import type { Kind } from './param.js';

// The kinds of parameter value soukan takes. Each owns its bounds once: the
// typed schema, the text form and the expectation come from the same numbers.

function kind<T>(k: Omit<Kind<T>, 'query' | 'fromText'> & { query?: z.ZodMiniType; fromText(text: string): T | undefined; list?: false }): Kind<T> {
  return {
    ...k,
    query: k.query ?? k.value,
    fromText(text) {
      const s = typeof text === 'string' ? text : text.join(' ');
      const v = k.fromText(s);
      if (v === undefined || !k.value.safeParse(v).success) throw new Invalid(k.expected);
      return v;
    },
  };
}

const WHOLE = /^[+-]?\d+$/;

/**
 * A whole number in [min, max].
 *
 * @example int(1, 250).fromText('10') // 10
 */
export function int(min: number, max: number, placeholder = '<n>'): Kind<number> {
  return kind({
    value: z.number().check(z.int(), z.minimum(min), z.maximum(max)),
    expected: { en: `a whole number from ${min} to ${max}`, rule: 'int-range', values: { min, max } },
    placeholder,
    fromText: (t) => (WHOLE.test(t.trim()) ? Number(t) : undefined),
  });
}

/** Bounds of a real number: closed (`min`, `max`) or open (`gt`, `lt`). */
export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  readonly gt?: number;
  readonly lt?: number;
}

/**
 * A finite number within bounds.
 *
 * @example number({ gt: 0, lt: 1 }).fromText('0.95') // 0.95
 */
export function number(b: NumberBounds, placeholder = '<x>'): Kind<number> {
  const checks = [
    ...(b.min !== undefined ? [z.minimum(b.min)] : []),
    ...(b.max !== undefined ? [z.maximum(b.max)] : []),
    ...(b.gt !== undefined ? [z.gt(b.gt)] : []),
    ...(b.lt !== undefined ? [z.lt(b.lt)] : []),
  ];
  const s = z.number().check(...checks);
  const lo = b.min !== undefined ? `≥ ${b.min}` : b.gt !== undefined ? `> ${b.gt}` : undefined;
  const hi = b.max !== undefined ? `≤ ${b.max}` : b.lt !== undefined ? `< ${b.lt}` : undefined;
  const range = [lo, hi].filter((x) => x !== undefined).join(' and ');
  return kind({
    value: s,
    expected: { en: `a number${range ? ` ${range}` : ''}`, rule: 'number-range', values: { range: [lo, hi].filter((x) => x !== undefined).join(' ') } },
    placeholder,
    fromText: (t) => (t.trim() === '' ? undefined : Number(t)),
  });
}

/**
 * One of a fixed set of words (matched without regard to case).
 *
 * @example oneOf(['pearson', 'spearman'] as const).fromText('Pearson') // 'pearson'
 */
export function oneOf<const T extends string>(values: readonly [T, ...T[]], placeholder = values.join('|').length <= 24 ? `<${values.join('|')}>` : '<word>'): Kind<T> {
  return kind({
    value: z.enum(values as unknown as [T, ...T[]]) as unknown as z.ZodMiniType<T>,
    expected: { en: `one of ${values.join(', ')}`, rule: 'one-of', values: { values: values.join(', ') } },
    placeholder,
    fromText: (t) => values.find((v) => v.toLowerCase() === t.trim().toLowerCase()),
  });
}

/** A timeframe name (M1 … MN1). */
export function timeframe(): Kind<Timeframe> {
  return oneOf(TIMEFRAMES as unknown as [Timeframe, ...Timeframe[]], '<tf>');
}

/**
 * A yes/no: `true`/`false` (also `1`/`0`) in text; a switch on the command line.
 *
 * @example bool().fromText('1') // true
 */
export function bool(): Kind<boolean> {
  return {
    ...kind({
      value: z.boolean(),
      expected: { en: 'true or false', rule: 'boolean' },
      placeholder: '',
      fromText: (t) => (t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : undefined),
    }),
    switch: true,
  };
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A date `YYYY-MM-DD` (00:00 UTC; with `endOfDay`, its last millisecond) or an
 * ISO 8601 instant with its offset, as UTC epoch ms.
 *
 * @example date().fromText('2024-12-31') // 1735603200000
 */
export function date(o: { endOfDay?: boolean } = {}): Kind<number> {
  // As the end of a range of times, a bare date means its whole day.
  const dayEnd = o.endOfDay ? DAY_MS - 1 : 0;
  return kind({
    value: z.number().check(z.refine(Number.isFinite)),
    query: z.string().check(z.meta({ format: 'date', examples: ['2024-12-31', '2017-03-12T21:00Z'] })),
    expected: { en: 'a date YYYY-MM-DD or an ISO time such as 2017-03-12T21:00Z', rule: 'date' },
    placeholder: '<date>',
    fromText: (t) => {
      try {
        return parseIsoDate(t) + dayEnd;
      } catch {
        const v = ISO_INSTANT.test(t) ? Date.parse(t) : NaN;
        return Number.isFinite(v) ? v : undefined;
      }
    },
  });
}

/** A pair in any accepted spelling: `EUR/USD`, `EURUSD`, `eur_usd`, `XAU/USD`, `SPX500_USD` (core's one rule, `SYMBOL_TEXT`). */
export const PAIR_TEXT = SYMBOL_TEXT;

/**
 * One currency pair in any accepted spelling.
 *
 * @example pair().fromText(' eur_usd ') // 'eur_usd'
 */
export function pair(): Kind<string> {
  return kind({
    value: z.string().check(z.regex(PAIR_TEXT)),
    query: z.string().check(z.meta({ examples: ['EUR/USD'] })),
    expected: { en: 'a currency pair such as EUR/USD', rule: 'pair' },
    placeholder: '<pair>',
    fromText: (t) => t.trim(),
  });
}

/**
 * Currency pairs: comma-separated in a query, words on a command line; at
 * most `max`.
 *
 * @example pairs(64).fromText('EUR/USD,USD/JPY') // ['EUR/USD', 'USD/JPY']
 */
export function pairs(max: number): Kind<string[]> {
  const expected: Expectation = { en: 'pairs separated by commas, e.g. EUR/USD,USD/JPY', rule: 'pairs' };
  const tooMany: Expectation = { en: `at most ${max} pairs`, rule: 'pairs-max', values: { max } };
  const value = z.array(z.string().check(z.regex(PAIR_TEXT))).check(z.minLength(1), z.maxLength(max));
  return {
    value,
    query: z.string().check(z.meta({ examples: ['EUR/USD,USD/JPY,GBP/USD'] })),
    expected,
    placeholder: '<pairs>',
    list: true,
    fromText(text) {
      const items = (typeof text === 'string' ? [text] : text).flatMap((w) => w.split(',')).map((s) => s.trim());
      if (items.length === 0 || items.some((s) => s === '')) throw new Invalid(expected);
      const bad = items.find((s) => !PAIR_TEXT.test(s));
      if (bad !== undefined) throw new Invalid({ ...expected, en: `${expected.en} (${JSON.stringify(bad)} is not a pair)`, values: { bad } });
      if (items.length > max) throw new Invalid(tooMany);
      return items;
    },
  };
}

/**
 * The last N observations (min ≤ N ≤ max) or `all`.
 *
 * @example windowOrAll(2, 1000).fromText('all') // 'all'
 */
export function windowOrAll(min: number, max: number): Kind<number | 'all'> {
  return kind<number | 'all'>({
    value: z.union([z.number().check(z.int(), z.minimum(min), z.maximum(max)), z.literal('all')]),
    expected: { en: `a whole number from ${min} to ${max}, or "all"`, rule: 'window-range', values: { min, max } },
    placeholder: '<n|all>',
    fromText: (t) => (t.trim() === 'all' ? 'all' : /^\d+$/.test(t.trim()) ? Number(t) : undefined),
  });
}

/** Longest forward fill of `ffill:N`. */
export const MAX_FFILL = 9999;

/**
 * A missing-data policy: `inner`, `pairwise` or `ffill:N`.
 *
 * @example align().fromText('ffill:2') // { kind: 'ffill', limit: 2 }
 */
export function align(): Kind<AlignPolicy> {
  return kind<AlignPolicy>({
    value: z.union([z.object({ kind: z.enum(['inner', 'pairwise']) }), z.object({ kind: z.literal('ffill'), limit: z.number().check(z.int(), z.minimum(0), z.maximum(MAX_FFILL)) })]) as z.ZodMiniType<AlignPolicy>,
    query: z.string().check(z.regex(/^(inner|pairwise|ffill:\d{1,4})$/), z.meta({ examples: ['inner', 'pairwise', 'ffill:1'] })),
    expected: { en: `inner, pairwise or ffill:N (N from 0 to ${MAX_FFILL})`, rule: 'align' },
    placeholder: '<policy>',
    fromText: (t) => {
      if (t === 'inner' || t === 'pairwise') return { kind: t };
      const m = /^ffill:(\d{1,4})$/.exec(t);
      return m ? { kind: 'ffill', limit: Number(m[1]) } : undefined;
    },
  });
}

/**
 * Free text matching a pattern (a source name, a time zone), at most
 * `maxLength` characters; `expected` says what a valid one looks like.
 *
 * @example text(/^[A-Z]{3}$/, { en: 'a currency code such as USD', rule: 'currency' }).fromText('USD') // 'USD'
 */
export function text(pattern: RegExp, expected: Expectation, maxLength = 200, placeholder = '<text>'): Kind<string> {
  return kind({
    value: z.string().check(z.maxLength(maxLength), z.regex(pattern)),
    expected,
    placeholder,
    fromText: (t) => t,
  });
}

/**
 * File names (at most `max`, each at most 400 characters): words
 * on a command line, a JSON list in a request body.
 *
 * @example fileNames(50).fromText(['a.zip', 'b.csv']) // ['a.zip', 'b.csv']
 */
export function fileNames(max: number): Kind<string[]> {
  const expected: Expectation = { en: `a list of 1 to ${max} file names`, rule: 'files', values: { max } };
  // What a name may say (no folder outside the data folder, no NUL) is the importer's rule, where the path is resolved.
  const value = z.array(z.string().check(z.minLength(1), z.maxLength(400))).check(z.minLength(1), z.maxLength(max));
  return {
    value,
    query: value,
    expected,
    placeholder: '<files>',
    list: true,
    fromText(text) {
      const items = typeof text === 'string' ? [text] : [...text];
      if (!value.safeParse(items).success) throw new Invalid(expected);
      return items;
    },
  };
}
