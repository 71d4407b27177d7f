/** z for a two-sided 95 % interval: Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion k/n (Wilson 1927,
 * "Probable inference, the law of succession, and statistical inference",
 * JASA 22): centre (p̂ + z²/2n)/(1 + z²/n), half-width
 * z·√(p̂(1−p̂)/n + z²/4n²)/(1 + z²/n). Unlike the normal ("Wald") interval it
 * stays inside [0, 1] and is sensible at k = 0 or k = n. Matches
 * `statsmodels.stats.proportion.proportion_confint(k, n, method='wilson')`.
 *
 * O(1).
 *
 * Degenerate input: n < 1, k outside [0, n] or NaN → [NaN, NaN].
 *
 * @example wilsonInterval(0, 20) // [0, 0.16112515805281938]
 */
export function wilsonInterval(k: number, n: number, z = Z95): [number, number] {
  if (!(n >= 1 && k >= 0 && k <= n)) return [Number.NaN, Number.NaN];
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
