import { upperBound } from '../series/window.js';
import { medianSpacingDays } from './annualizationFactor.js';

/**
 * A risk-free rate: a constant annual rate (decimal, 0.02 = 2 %) or a series
 * of annual rates observed at the returns' frequency (e.g. a daily T-bill or
 * €STR series, in decimals).
 */
export type RiskFree = number | { readonly time: Float64Array; readonly rate: Float64Array; readonly label?: string };

/**
 * Per-period risk-free returns for periods ending at `time`, de-annualising
 * geometrically: (1 + R)^(1/A) − 1 (as QuantStats does), A the annualisation
 * factor. A series is read as of each period's end (the last rate at or
 * before it).
 *
 * O(n log m).
 *
 * @throws Error when the series' median spacing differs from the returns' by
 *   more than a factor of 2 (wrong frequency — e.g. a monthly rate for daily
 *   returns), or it has no rate at or before the first period.
 * @example riskFreePerPeriod(0.02, time, 252)[0] // 7.858e-5
 */
export function riskFreePerPeriod(rf: RiskFree, time: Float64Array, factor: number): Float64Array {
  const n = time.length;
  const out = new Float64Array(n);
  const perPeriod = (annual: number): number => Math.pow(1 + annual, 1 / factor) - 1;
  if (typeof rf === 'number') return out.fill(perPeriod(rf));
  const name = rf.label ?? 'risk-free series';
  if (rf.time.length !== rf.rate.length) throw new Error(`${name}: ${rf.time.length} times but ${rf.rate.length} rates`);
  const a = medianSpacingDays(rf.time);
  const b = medianSpacingDays(time);
  if (!(a <= 2 * b && b <= 2 * a)) {
    throw new Error(
      `${name} has the wrong frequency: median spacing ${describe(a)} against ${describe(b)} for the returns; give rates at the returns' frequency or a constant rate`,
    );
  }
  for (let i = 0; i < n; i++) {
    const j = upperBound(rf.time, time[i]!) - 1;
    if (j < 0) {
      throw new Error(`${name} starts ${new Date(rf.time[0]!).toISOString().slice(0, 10)}, after the first return period ${new Date(time[0]!).toISOString().slice(0, 10)}`);
    }
    out[i] = perPeriod(rf.rate[j]!);
  }
  return out;
}

function describe(days: number): string {
  if (Number.isNaN(days)) return 'unknown (fewer than 2 observations)';
  const kind = days < 0.5 ? 'intraday' : days <= 1.5 ? 'daily' : days <= 9 ? 'weekly' : days <= 35 ? 'monthly' : days <= 95 ? 'quarterly' : 'annual or sparser';
  return `${+days.toPrecision(3)} days (${kind})`;
}
