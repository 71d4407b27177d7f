/**
 * Checks one series of irregular observations: as many times as values, times
 * finite and strictly increasing. A wrong shape is the caller's error, so it
 * throws, naming the series and the first offending index.
 *
 * @internal not part of the package API (used inside core/asynchronous).
 */
export function checkTicks(fn: string, name: string, t: ArrayLike<number>, v: ArrayLike<number>): void {
  if (t.length !== v.length) throw new RangeError(`${fn}: ${name} has ${t.length} times but ${v.length} values`);
  for (let i = 0; i < t.length; i++) {
    const ti = t[i]!;
    if (!Number.isFinite(ti)) throw new RangeError(`${fn}: ${name} time ${i} is not finite (${ti})`);
    if (i > 0 && !(ti > t[i - 1]!)) throw new RangeError(`${fn}: ${name} times must increase strictly; time ${i} (${ti}) follows ${t[i - 1]!}`);
  }
}
