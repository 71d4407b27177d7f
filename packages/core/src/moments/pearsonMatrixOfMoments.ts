import { correlationConfidenceInterval } from '../correlation/correlationConfidenceInterval.js';
import type { CorrelationMatrix } from '../correlation/correlationMatrix.js';
import type { MissingPolicy } from '../correlation/correlationMatrixOptions.js';
import { pearsonPValue } from '../correlation/pearsonPValue.js';
import type { CorrelationReason } from '../correlation/types.js';

/**
 * Sufficient statistics of every pair of `k` series, each over the rows
 * where both are present (the pair's own rows), all `k × k` row-major:
 * cell `(i, j)` describes series `i` on the rows of the pair `(i, j)`, so
 * the diagonal describes each series on its own rows.
 */
export interface PairMoments {
  readonly k: number;
  /** Rows of the pair (symmetric). */
  readonly n: Float64Array;
  /** Centred co-moment `Σ (xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ)` over the pair's rows (symmetric). */
  readonly c: Float64Array;
  /** Centred second moment of series `i` over the rows of the pair `(i, j)`. */
  readonly v: Float64Array;
  /** 1 where series `i` takes a single value on the rows of the pair `(i, j)`. */
  readonly constant: Uint8Array;
}

/**
 * The Pearson {@link CorrelationMatrix} of pairs' sufficient statistics,
 * with the cells `correlationMatrix(columns, { method: 'pearson', … })`
 * gives on the rows they were taken from: `ρ = Cᵢⱼ / √(Vᵢⱼ·Vⱼᵢ)` clamped
 * to [−1, 1] (diagonal 1); `NaN` with reason `'too-few-observations'`
 * below `max(minPeriods, 2)` rows, else `'constant-input'` when either
 * series is constant on the pair's rows; SciPy's `pearsonr` p-value and
 * the Fisher-z interval from ρ and the pair's n. Never throws on data.
 *
 * @example pearsonMatrixOfMoments({ k: 2, n: Float64Array.of(3, 3, 3, 3), c: Float64Array.of(2, -2, -2, 2), v: Float64Array.of(2, 2, 2, 2), constant: new Uint8Array(4) }, { minPeriods: 1, missing: 'pairwise' }).r[1] // -1
 */
export function pearsonMatrixOfMoments(
  m: PairMoments,
  options: { readonly minPeriods: number; readonly missing: MissingPolicy; readonly confidence?: number },
): CorrelationMatrix {
  const { k } = m;
  const kk = k * k;
  const confidence = options.confidence ?? 0.95;
  const need = Math.max(options.minPeriods, 2);
  const r = new Float64Array(kk).fill(NaN);
  const n = new Float64Array(kk);
  const p = new Float64Array(kk).fill(NaN);
  const lo = new Float64Array(kk).fill(NaN);
  const hi = new Float64Array(kk).fill(NaN);
  const reason: CorrelationReason[] = new Array<CorrelationReason>(kk).fill(null);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const at = i * k + j;
      const count = m.n[at]!;
      n[at] = count;
      if (count < need) {
        reason[at] = 'too-few-observations';
        continue;
      }
      if (m.constant[at] || m.constant[j * k + i]) {
        reason[at] = 'constant-input';
        continue;
      }
      const rho = i === j ? 1 : Math.max(-1, Math.min(1, m.c[at]! / Math.sqrt(m.v[at]! * m.v[j * k + i]!)));
      r[at] = rho;
      p[at] = pearsonPValue(rho, count);
      const ci = correlationConfidenceInterval(rho, count, 'pearson', confidence);
      lo[at] = ci.lo;
      hi[at] = ci.hi;
    }
  }
  return { k, method: 'pearson', missing: options.missing, minPeriods: options.minPeriods, confidence, r, n, p, lo, hi, reason };
}
