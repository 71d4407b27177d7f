// The equality rule itself: what it lets through and what it catches.
import { describe, expect, it } from 'vitest';
import { firstDifference } from './sameJson.ts';

const loc: [string, string] = ['/tmp/a/store.duckdb', 'clickhouse://127.0.0.1:18310/soukan'];

describe('firstDifference', () => {
  it('takes statistics within 1e-12 relative and refuses 1e-11', () => {
    expect(firstDifference({ r: 0.8312 }, { r: 0.8312 * (1 + 5e-13) }, loc)).toBeNull();
    expect(firstDifference({ r: 0.8312 }, { r: 0.8312 * (1 + 1e-11) }, loc)).toMatch(/^\$\.r: 0\.8312 vs .* \(relative 1\.00e-11\)$/);
  });

  it('compares tail probabilities by their logarithms: two engines’ p of 1.55e-220 differ by 1.1e-12 relative', () => {
    expect(firstDifference({ p: 1.5517866136875038e-220 }, { p: 1.55178661368927e-220 }, loc)).toBeNull();
    expect(firstDifference({ p: 1.5517866136875038e-220 }, { p: 1.56e-220 }, loc)).toMatch(/^\$\.p: .* \(ln relative .*\)$/);
    expect(firstDifference({ p: 1e-13 }, { p: 1e-13 * (1 + 1e-9) }, loc)).toMatch(/ln relative/);
  });

  it('holds counts and dates exact, and items, keys, strings, nulls and booleans identical', () => {
    expect(firstDifference({ n: 250 }, { n: 251 }, loc)).toBe('$.n: 250 ≠ 251');
    expect(firstDifference({ t: 1483315200000 }, { t: 1483315260000 }, loc)).toBe('$.t: 1483315200000 ≠ 1483315260000');
    expect(firstDifference([1, 2], [1, 2, 3], loc)).toBe('$: 2 items ≠ 3');
    expect(firstDifference({ a: 1 }, { b: 1 }, loc)).toBe('$: keys a ≠ b');
    expect(firstDifference({ d: '2017-01-02' }, { d: '2017-01-03' }, loc)).toBe('$.d: "2017-01-02" ≠ "2017-01-03"');
    expect(firstDifference({ r: null }, { r: 0 }, loc)).toBe('$.r: null ≠ 0');
    expect(firstDifference([true], [false], loc)).toBe('$[0]: true ≠ false');
    expect(firstDifference({ m: [[1, null]] }, { m: [[1, null]] }, loc)).toBeNull();
  });

  it('lets only the store locations differ', () => {
    expect(firstDifference({ store: loc[0] }, { store: loc[1] }, loc)).toBeNull();
    expect(firstDifference({ store: loc[0] }, { store: 'elsewhere' }, loc)).toBe('$.store: "<store>" ≠ "elsewhere"');
  });
});
