import { DAY_MS } from '../time/date.js';

/** How an annualisation factor was obtained. */
export interface Annualization {
  /** Periods per year. */
  readonly factor: number;
  readonly method: 'observed' | 'conventional' | 'given';
  /** Median spacing of the times, in days (NaN with fewer than 2 times). */
  readonly medianSpacingDays: number;
  /** Human label, e.g. "observed 256.1 periods/year (median spacing 1 day)". */
  readonly label: string;
}

/** Mean Gregorian year in milliseconds. */
export const YEAR_MS = 365.25 * DAY_MS;

/** Conventional factors by median spacing (days): [low, high, factor, name]. */
const CONVENTIONAL: readonly (readonly [number, number, number, string])[] = [
  [0.5, 4, 252, 'daily'], // up to 4 days: a short business-day sample's median can be a weekend gap
  [5, 9, 52, 'weekly'],
  [26, 35, 12, 'monthly'],
  [85, 95, 4, 'quarterly'],
  [360, 370, 1, 'annual'],
];

/** Median of consecutive differences of sorted times, in days. */
export function medianSpacingDays(time: Float64Array): number {
  const n = time.length;
  if (n < 2) return Number.NaN;
  const d = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) d[i - 1] = (time[i]! - time[i - 1]!) / DAY_MS;
  d.sort();
  const h = (n - 2) / 2;
  return (d[Math.floor(h)]! + d[Math.ceil(h)]!) / 2;
}

/**
 * Periods per year of a series of observation times.
 *
 * - `observed` (default): (n − 1) intervals over the span in years of 365.25
 *   days — what the data actually has. FX daily series have about 260
 *   weekdays a year (ECB ≈ 256 TARGET days, H.10 ≈ 250 US business days), so
 *   this avoids the equity habit of 252; it works for any bar size (H1 bars
 *   give ≈ 6,200). Noisy for spans under a few months.
 * - `conventional`: 252 / 52 / 12 / 4 / 1 from the median spacing (daily:
 *   0.5–4 days, weekly: 5–9, monthly: 26–35, quarterly: 85–95, annual:
 *   360–370); NaN for other spacings (intraday).
 *
 * O(n log n).
 *
 * Degenerate input: fewer than 2 times or a zero span gives NaN.
 *
 * @example annualizationFactor(ecbReturnDates).factor // 256.54 for ECB fixings 2010–2014
 */
export function annualizationFactor(time: Float64Array, method: 'observed' | 'conventional' = 'observed'): Annualization {
  const n = time.length;
  const med = medianSpacingDays(time);
  const spacing = Number.isNaN(med) ? 'no spacing' : `median spacing ${+med.toPrecision(3)} day${med === 1 ? '' : 's'}`;
  if (method === 'conventional') {
    const hit = CONVENTIONAL.find(([lo, hi]) => med >= lo && med <= hi);
    return hit
      ? { factor: hit[2], method, medianSpacingDays: med, label: `conventional ${hit[2]} (${hit[3]}; ${spacing})` }
      : { factor: Number.NaN, method, medianSpacingDays: med, label: `no conventional factor for ${spacing}` };
  }
  const span = n >= 2 ? (time[n - 1]! - time[0]!) / YEAR_MS : Number.NaN;
  const factor = span > 0 ? (n - 1) / span : Number.NaN;
  return { factor, method, medianSpacingDays: med, label: `observed ${+factor.toFixed(1)} periods/year (${spacing})` };
}
