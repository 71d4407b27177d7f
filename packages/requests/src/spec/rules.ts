import { formatIsoTime } from '@soukan/core';
import type { Params, Rule, Values } from './request.js';
import { RequestError } from './requestError.js';

// Rules that recur across requests, each worded once.

type Key<P extends Params> = keyof P & string;

/**
 * `a` cannot be given with any of `others` (a count window with a date range…).
 *
 * @example notWith('window', ['from', 'to']) // conflicting-params when both are given
 */
export function notWith<P extends Params>(a: Key<P>, others: readonly Key<P>[]): Rule<P> {
  return (given, _r, label) => {
    if (given[a] === undefined) return undefined;
    const b = others.find((o) => given[o] !== undefined);
    return b === undefined ? undefined : new RequestError('conflicting-params', `give ${label(a)} or ${label(b)}, not both`, { param: a, other: b });
  };
}

/** Exactly one of `a` and `b` must be given. */
export function exactlyOneOf<P extends Params>(a: Key<P>, b: Key<P>): Rule<P> {
  return (given, _r, label) => {
    if (given[a] !== undefined && given[b] !== undefined) return new RequestError('conflicting-params', `give ${label(a)} or ${label(b)}, not both`, { param: a, other: b });
    if (given[a] === undefined && given[b] === undefined) return new RequestError('missing-param', `${label(a)} or ${label(b)} is required`, { param: a, other: b });
    return undefined;
  };
}

/** The date `from` is not after `to`. */
export function inOrder<P extends Params>(from: Key<P>, to: Key<P>): Rule<P> {
  return (given, _r, label) => {
    const f = given[from] as number | undefined;
    const t = given[to] as number | undefined;
    if (f === undefined || t === undefined || f <= t) return undefined;
    return new RequestError('invalid-range', `${label(from)} (${formatIsoTime(f)}) is after ${label(to)} (${formatIsoTime(t)})`, { param: from, other: to });
  };
}

/**
 * The number `a` is at most the number `b` (defaults included): a minimum
 * count of observations cannot exceed the window it counts in.
 */
export function atMost<P extends Params>(a: Key<P>, b: Key<P>): Rule<P> {
  return (given, resolved: Values<P>, label) => {
    const x = given[a];
    const y = resolved[b];
    if (typeof x !== 'number' || typeof y !== 'number' || x <= y) return undefined;
    return new RequestError('invalid-param', `${label(a)}: expected at most the ${label(b)} (${y}), got ${x}`, { param: a, value: x, expected: `at most ${y}`, rule: 'at-most', max: y });
  };
}

/** `a` only means something when `b` is given (or, with `value`, when `b` has that value). */
export function onlyWith<P extends Params>(a: Key<P>, b: Key<P>, value?: unknown): Rule<P> {
  return (given, resolved, label) => {
    if (given[a] === undefined) return undefined;
    const ok = value === undefined ? given[b] !== undefined : resolved[b] === value;
    if (ok) return undefined;
    const what = value === undefined ? label(b) : `${label(b)} ${String(value)}`;
    return new RequestError('conflicting-params', `${label(a)} goes with ${what}`, { param: a, other: b });
  };
}

/** `a` is required unless the switch `b` is on. */
export function requiredUnless<P extends Params>(a: Key<P>, b: Key<P>): Rule<P> {
  return (given, _r, label) =>
    given[a] === undefined && given[b] !== true ? new RequestError('missing-param', `${label(a)} is required, or ${label(b)}`, { param: a, other: b }) : undefined;
}
