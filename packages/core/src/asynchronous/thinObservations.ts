import { Xoshiro256 } from '../random/xoshiro256.js';
import { checkTicks } from './checkTicks.js';

/** Observations kept by {@link thinObservations}. */
export interface Thinned {
  readonly time: Float64Array;
  readonly value: Float64Array;
}

/**
 * Keeps each observation of a series independently with probability `keep`:
 * for observation i (in time order) the i-th double u of xoshiro256** seeded
 * with `seed` decides, kept when u < keep. Makes asynchronous observation
 * times out of regular bars — two series thinned with different seeds meet
 * at random instants, as two instruments' ticks do — so the Epps effect and
 * the Hayashi–Yoshida estimator can be studied on data where only bars exist.
 * The same seed gives the same kept set everywhere (the generator is exact
 * on every platform).
 *
 * O(n).
 *
 * @throws RangeError when `keep` is not in (0, 1], or times and values differ
 *   in number or do not increase strictly.
 * @example thinObservations([0, 1, 2, 3], Float64Array.of(5, 6, 7, 8), 1, 1).time.length // 4 (keep 1 keeps all)
 */
export function thinObservations(time: ArrayLike<number>, value: ArrayLike<number>, keep: number, seed: number): Thinned {
  checkTicks('thinObservations', 'series', time, value);
  if (!(keep > 0 && keep <= 1)) throw new RangeError(`thinObservations: keep must be in (0, 1], got ${keep}`);
  const n = time.length;
  const u = new Xoshiro256(seed).fillFloats(new Float64Array(n));
  let m = 0;
  for (let i = 0; i < n; i++) if (u[i]! < keep) m++;
  const t = new Float64Array(m);
  const v = new Float64Array(m);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (u[i]! < keep) {
      t[j] = time[i]!;
      v[j] = value[i]!;
      j++;
    }
  }
  return { time: t, value: v };
}
