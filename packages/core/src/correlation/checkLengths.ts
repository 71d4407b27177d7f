/**
 * True when the first `n` values are all identical (`NaN` never is).
 *
 * @internal not part of the package API (used inside core).
 */
export function isConstant(x: ArrayLike<number>, n: number): boolean {
  const v = x[0];
  for (let i = 1; i < n; i++) if (x[i] !== v) return false;
  return n > 0 && v === v;
}

/**
 * True when any of the first `n` values is `NaN`.
 *
 * @internal not part of the package API (used inside core).
 */
export function hasNaN(x: ArrayLike<number>, n: number): boolean {
  for (let i = 0; i < n; i++) if (x[i] !== x[i]) return true;
  return false;
}

/**
 * Length of two paired series; throws when they differ. Messages name the
 * calling function: `"pearson: series lengths differ (200 vs 199)"`.
 *
 * @internal not part of the package API (used inside core).
 */
export function checkLengths(fn: string, x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`${fn}: series lengths differ (${x.length} vs ${y.length})`);
  return x.length;
}
