import { tzOffset, zonedToUtc } from '@soukan/core';
import { InputError } from '../errors.js';

const QUARTER = 900_000;
const DAY = 86_400_000;

/**
 * Wall-clock → UTC for one zone. Memoised per local day when the zone's
 * offset is the same at both ends of that day (every day but the few with a
 * DST change), else per local quarter-hour (offsets change only on
 * quarter-hour boundaries). `Intl` is slow; this keeps a year of minute bars
 * to a few hundred `zonedToUtc` calls.
 *
 * @example new WallClock('America/New_York').toUtc(Date.UTC(2017, 6, 3, 12)) // Date.UTC(2017, 6, 3, 16)
 */
export class WallClock {
  private lastDay = NaN;
  private dayDelta = NaN;
  private lastQ = NaN;
  private lastDelta = 0;
  private lastValid = true;
  readonly utc: boolean;

  /** @throws InputError for an unknown zone name. */
  constructor(readonly tz: string) {
    this.utc = tz === 'UTC' || tz === 'Etc/UTC';
    if (!this.utc) {
      try {
        tzOffset(0, tz);
      } catch {
        throw new InputError(`unknown time zone (use an IANA name such as America/New_York or UTC)`, { field: 'tz', text: tz });
      }
    }
  }

  /**
   * UTC ms of a wall-clock time written as UTC; `NaN` when the wall-clock
   * time does not exist in the zone (skipped by a DST change). Repeated times
   * resolve to the earlier instant, as `zonedToUtc` does.
   */
  toUtc(local: number): number {
    if (this.utc) return local;
    const day = Math.floor(local / DAY);
    if (day !== this.lastDay) {
      this.lastDay = day;
      const start = day * DAY;
      const a = zonedToUtc(start, this.tz) - start;
      const b = zonedToUtc(start + DAY - QUARTER, this.tz) - (start + DAY - QUARTER);
      // Same offset at both ends, and at the next midnight: no change inside this day.
      this.dayDelta = a === b && tzOffset(start + DAY + a, this.tz) === -a && tzOffset(start + a, this.tz) === -a ? a : NaN;
    }
    if (!Number.isNaN(this.dayDelta)) return local + this.dayDelta;
    const q = Math.floor(local / QUARTER);
    if (q !== this.lastQ) {
      const u = zonedToUtc(local, this.tz);
      this.lastQ = q;
      this.lastDelta = u - local;
      this.lastValid = u + tzOffset(u, this.tz) === local;
    }
    return this.lastValid ? local + this.lastDelta : NaN;
  }
}
