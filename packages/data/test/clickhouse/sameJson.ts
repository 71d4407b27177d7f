// The equality rule of the ClickHouse suite: two JSON answers are the same
// when every string, boolean, null and whole number is identical (counts,
// dates, symbols, labels) and every other number agrees within 1e-12
// relative (a tail probability below 1e-12: its logarithm); the store's own location is the one string allowed to differ.

/** Relative tolerance for statistics. */
export const RELATIVE = 1e-12;

/** Positive numbers below this are tail probabilities, compared by their logarithms. */
export const TAIL = 1e-12;

/**
 * The first difference between `a` and `b` as `path: what`, or null.
 * `locations` are replaced by `<store>` in every string before comparing.
 */
export function firstDifference(a: unknown, b: unknown, locations: readonly [string, string], path = '$'): string | null {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Object.is(a, b)) return null;
    if (Number.isInteger(a) && Number.isInteger(b) && Math.abs(a) < 2 ** 53 && Math.abs(b) < 2 ** 53) {
      // Whole numbers are counts, times and indices: exact. A statistic that happens to be whole on one side only falls through.
      return a === b ? null : `${path}: ${a} ≠ ${b}`;
    }
    if (a > 0 && b > 0 && Math.max(a, b) < TAIL) {
      // A tail probability is exp of a large negative statistic: a difference ε in ρ moves it by |ln p|·ε
      // relatively (5e-13 becomes 1e-10 at p = 1e-220), so it is compared by its logarithm.
      const [la, lb] = [Math.log(a), Math.log(b)];
      return Math.abs(la - lb) <= RELATIVE * Math.abs(lb) ? null : `${path}: ${a} vs ${b} (ln relative ${(Math.abs(la - lb) / Math.abs(lb)).toExponential(2)})`;
    }
    const scale = Math.max(Math.abs(a), Math.abs(b));
    return Math.abs(a - b) <= RELATIVE * scale ? null : `${path}: ${a} vs ${b} (relative ${(Math.abs(a - b) / scale).toExponential(2)})`;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const na = a.split(locations[0]).join('<store>');
    const nb = b.split(locations[1]).join('<store>');
    return na === nb ? null : `${path}: ${JSON.stringify(na)} ≠ ${JSON.stringify(nb)}`;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} items ≠ ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], locations, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return `${path}: keys ${ka.join(',')} ≠ ${kb.join(',')}`;
    for (const k of ka) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], locations, `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
}
