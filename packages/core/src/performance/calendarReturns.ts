import type { PeriodReturns } from './periodReturns.js';

/** Compounded returns by calendar bucket (UTC month or year of each period's end). */
export interface CalendarReturns {
  /** Bucket keys: `YYYY-MM` for months, `YYYY` for years. */
  readonly keys: readonly string[];
  /** Π(1 + r) − 1 over the bucket's finite returns. */
  readonly returns: Float64Array;
  /** Periods in each bucket. */
  readonly counts: Uint32Array;
}

/**
 * Compounds period returns into calendar months or years, by the UTC date
 * each period ended (a daily fixing stamped 00:00 UTC belongs to its own
 * date). The first and last buckets may be partial. O(n).
 *
 * @example calendarReturns(r, 'month').keys[0] // '2024-01'
 */
export function calendarReturns(r: PeriodReturns, unit: 'month' | 'year'): CalendarReturns {
  const keys: string[] = [];
  const acc: number[] = [];
  const cnt: number[] = [];
  let last = '';
  for (let i = 0; i < r.time.length; i++) {
    const iso = new Date(r.time[i]!).toISOString();
    const key = unit === 'month' ? iso.slice(0, 7) : iso.slice(0, 4);
    if (key !== last) {
      keys.push(key);
      acc.push(1);
      cnt.push(0);
      last = key;
    }
    const x = r.returns[i]!;
    if (Number.isFinite(x)) acc[acc.length - 1]! *= 1 + x;
    cnt[cnt.length - 1]!++;
  }
  return { keys, returns: Float64Array.from(acc, (a) => a - 1), counts: Uint32Array.from(cnt) };
}

/** A year × month table of compounded returns. */
export interface MonthlyTable {
  readonly years: readonly number[];
  /** `months[y][m]`: return of month m (0 = January) of `years[y]`; NaN when no data. */
  readonly months: readonly Float64Array[];
  /** Compounded return of each year's available months. */
  readonly total: Float64Array;
}

/**
 * The monthly-returns table performance reports print: one row per calendar
 * year, twelve monthly compounded returns and the year's total. O(n).
 *
 * @example monthlyTable(r).months[0][0] // January of the first year
 */
export function monthlyTable(r: PeriodReturns): MonthlyTable {
  const m = calendarReturns(r, 'month');
  const years: number[] = [];
  const months: Float64Array[] = [];
  const total: number[] = [];
  m.keys.forEach((k, i) => {
    const y = Number(k.slice(0, 4));
    const mo = Number(k.slice(5, 7)) - 1;
    if (years[years.length - 1] !== y) {
      years.push(y);
      months.push(new Float64Array(12).fill(Number.NaN));
      total.push(1);
    }
    months[months.length - 1]![mo] = m.returns[i]!;
    total[total.length - 1]! *= 1 + m.returns[i]!;
  });
  return { years, months, total: Float64Array.from(total, (a) => a - 1) };
}
