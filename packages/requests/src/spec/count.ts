import type { Params, Rule } from './request.js';
import { RequestError } from './requestError.js';

/**
 * The list parameter `name`, when given, has exactly `n` items (a pair view
 * takes two pairs).
 */
export function exactly<P extends Params>(name: keyof P & string, n: number): Rule<P> {
  return (given, _r, label) => {
    const v = given[name] as readonly unknown[] | undefined;
    if (v === undefined || v.length === n) return undefined;
    const words = n === 2 ? 'two' : String(n);
    return new RequestError('invalid-param', `${label(name)}: expected exactly ${words} pairs, got ${v.length}`, {
      param: name,
      value: v.join(','),
      expected: `exactly ${words} pairs`,
      rule: n === 2 ? 'two-pairs' : 'pairs-count',
      count: n,
    });
  };
}
