import { parseIsoDate } from '@soukan/core';
import { InputError } from '@soukan/data';

/** Option parsers that turn bad values into InputErrors naming the option. */
export function intOption(name: string, min = 1) {
  return (text: string): number => {
    const v = Number(text);
    if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(v) || v < min) {
      throw new InputError(`${name} must be a whole number ≥ ${min}, got ${JSON.stringify(text)}`);
    }
    return v;
  };
}

export function numberOption(name: string, lo: number, hi: number, open = true) {
  return (text: string): number => {
    const v = Number(text);
    const inside = open ? v > lo && v < hi : v >= lo && v <= hi;
    if (text.trim() === '' || !Number.isFinite(v) || !inside) {
      throw new InputError(`${name} must be a number in ${open ? '(' : '['}${lo}, ${hi}${open ? ')' : ']'}, got ${JSON.stringify(text)}`);
    }
    return v;
  };
}

export function choiceOption<T extends string>(name: string, choices: readonly T[]) {
  return (text: string): T => {
    const v = text.toLowerCase() as T;
    if (!choices.includes(v)) throw new InputError(`${name} must be one of ${choices.join(', ')}, got ${JSON.stringify(text)}`);
    return v;
  };
}

export function dateOption(name: string) {
  return (text: string): number => {
    try {
      return parseIsoDate(text);
    } catch (e) {
      throw new InputError(`${name}: ${(e as Error).message}`);
    }
  };
}

/** Re-throws a core validation error as an InputError naming the option. */
export function asInput<T>(name: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${name}: ${(e as Error).message}`);
  }
}
