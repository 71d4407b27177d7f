/**
 * Sufficient statistics of `k` series observed together over one window: the
 * count, each series' mean and the centred co-moment matrix
 * `c[i·k + j] = Σ (xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ)` (its diagonal: the centred second
 * moments). `k = 1` describes one symbol, `k = 2` one pair.
 *
 * Everything a Pearson correlation, covariance or variance of the window
 * needs, and enough to merge windows or shards without the rows
 * ({@link mergeCoMoments}). Centred sums, never raw sums of squares: on FX
 * price levels `Σx² − (Σx)²/n` cancels catastrophically.
 */
export interface CoMoments {
  /** Number of series. */
  readonly k: number;
  /** Number of observations (rows where every series has a value). */
  readonly n: number;
  /** Means, length `k`. */
  readonly mean: Float64Array;
  /** Centred co-moments, `k × k` row-major, symmetric. */
  readonly c: Float64Array;
}

/**
 * Co-moments of `k` series by the two-pass algorithm: the means first, then
 * the sums of products of deviations from them (Chan, Golub & LeVeque 1983,
 * "Algorithms for computing the sample variance", §2). O(n·k²).
 *
 * Rows where any series is `NaN` are left out (listwise). No rows gives
 * `n = 0`, means `NaN` and co-moments `0`.
 *
 * @param series - `k` columns of equal length.
 * @throws RangeError when the lengths differ.
 * @example coMomentsOf([Float64Array.of(1, 2, 3), Float64Array.of(2, 4, 7)]).c // Float64Array [2, 5, 5, 12.666666666666666]
 */
export function coMomentsOf(series: readonly Float64Array[]): CoMoments {
  const k = series.length;
  const len = series[0]?.length ?? 0;
  for (const s of series) {
    if (s.length !== len) throw new RangeError(`coMomentsOf: series lengths differ (${len} vs ${s.length})`);
  }
  const ok = new Uint8Array(len);
  let n = 0;
  for (let t = 0; t < len; t++) {
    let all = 1;
    for (let i = 0; i < k; i++) if (Number.isNaN(series[i]![t]!)) all = 0;
    ok[t] = all;
    n += all;
  }
  const mean = new Float64Array(k);
  const c = new Float64Array(k * k);
  if (n === 0) {
    mean.fill(NaN);
    return { k, n, mean, c };
  }
  for (let i = 0; i < k; i++) {
    const x = series[i]!;
    let s = 0;
    for (let t = 0; t < len; t++) if (ok[t]) s += x[t]!;
    mean[i] = s / n;
  }
  for (let i = 0; i < k; i++) {
    const x = series[i]!;
    const mx = mean[i]!;
    for (let j = i; j < k; j++) {
      const y = series[j]!;
      const my = mean[j]!;
      let s = 0;
      for (let t = 0; t < len; t++) if (ok[t]) s += (x[t]! - mx) * (y[t]! - my);
      c[i * k + j] = s;
      c[j * k + i] = s;
    }
  }
  return { k, n, mean, c };
}
