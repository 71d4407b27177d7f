/**
 * The power of two that brings `maxAbs` into [1, 2): `2^-floor(log2(maxAbs))`,
 * clamped to [2^-1000, 2^1000] so it stays a normal number. Multiplying by a
 * power of two is exact (barring underflow), so kernels can rescale data to
 * dodge overflow in sums of squares without changing a single rounding.
 *
 * Returns 1 for 0, non-finite or NaN `maxAbs`.
 *
 * @example powerOfTwoScale(1e150) // 2 ** -498
 *
 * @internal not part of the package API (used inside core).
 */
export function powerOfTwoScale(maxAbs: number): number {
  if (!(maxAbs > 0) || maxAbs === Infinity) return 1;
  let e = Math.floor(Math.log2(maxAbs));
  if (e > 1000) e = 1000;
  else if (e < -1000) e = -1000;
  return 2 ** -e;
}
