/**
 * Time-zone arithmetic on UTC epoch milliseconds, using the platform's IANA
 * database through `Intl` (Node and browsers), with a cache so that converting
 * millions of minute bars costs one `Intl` call per zone per quarter-hour.
 */

const MINUTE = 60_000;
const QUARTER = 15 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone ${JSON.stringify(tz)} (use an IANA name such as America/New_York or UTC)`);
    }
    formatters.set(tz, f);
  }
  return f;
}

/**
 * Offset of a zone from UTC at a UTC instant, in milliseconds (local − UTC).
 * Offsets change only on whole minutes and, in every current zone, on
 * quarter-hour boundaries, so the value is cached per UTC quarter-hour.
 *
 * @throws Error for an unknown zone name.
 * @example tzOffset(Date.UTC(2017, 6, 1), 'America/New_York') // -14400000 (EDT)
 */
export function tzOffset(utcMs: number, tz: string): number {
  if (tz === 'UTC' || tz === 'Etc/UTC') return 0;
  let cache = offsetCache.get(tz);
  if (!cache) {
    cache = new Map();
    offsetCache.set(tz, cache);
  }
  const key = Math.floor(utcMs / QUARTER);
  let off = cache.get(key);
  if (off === undefined) {
    const at = key * QUARTER;
    const p = formatter(tz).formatToParts(new Date(at));
    const get = (type: string): number => Number(p.find((x) => x.type === type)?.value);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    off = local - at;
    if (cache.size > 500_000) cache.clear();
    cache.set(key, off);
  }
  return off;
}

/**
 * UTC instant of a wall-clock time in a zone. `localMs` is the wall-clock
 * time written as if it were UTC (`Date.UTC(y, m, d, h, mi)`).
 *
 * Ambiguous times (the repeated hour when clocks go back) resolve to the
 * earlier instant; non-existent times (the skipped hour) move forward by the
 * gap, as `java.time` and Temporal do ("compatible" disambiguation).
 *
 * @example zonedToUtc(Date.UTC(2017, 0, 2, 17, 0), 'America/New_York') // Date.UTC(2017, 0, 2, 22, 0)
 */
export function zonedToUtc(localMs: number, tz: string): number {
  // The offsets a day either side cover any single transition near the time.
  const oBefore = tzOffset(localMs - 86_400_000, tz);
  const oAfter = tzOffset(localMs + 86_400_000, tz);
  for (const o of oBefore <= oAfter ? [oAfter, oBefore] : [oBefore, oAfter]) {
    // oAfter ≥ oBefore in a spring-forward zone; the larger offset gives the earlier instant.
    const u = localMs - o;
    if (tzOffset(u, tz) === o) return u;
  }
  // Skipped wall-clock time: shift forward by the gap.
  return localMs - Math.min(oBefore, oAfter);
}

/** Wall-clock time of a UTC instant in a zone, written as if it were UTC. */
export function utcToZoned(utcMs: number, tz: string): number {
  return utcMs + tzOffset(utcMs, tz);
}
